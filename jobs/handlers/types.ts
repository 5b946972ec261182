import type { Job } from 'bullmq';
import type { AppContext } from '../../runtime/context.ts';
import type { JobName, JobPayload } from '../registry.ts';

export type JobHandler<N extends JobName> = (ctx: AppContext, payload: JobPayload<N>, job: Job) => Promise<unknown>;
export type JobHandlers = { [N in JobName]: JobHandler<N> };

/** Runs once BullMQ has failed a job for good (no retry left), wherever that happened. */
export type GaveUpHandler<N extends JobName> = (ctx: AppContext, payload: JobPayload<N>, job: Job, error: Error) => Promise<void>;
export type GaveUpHandlers = { [N in JobName]?: GaveUpHandler<N> };
