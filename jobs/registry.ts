import type { JobsOptions } from 'bullmq';
import { z } from 'zod';

/**
 * The single map of job name → payload schema, queue, options and job id. Payloads are ids only:
 * Redis keeps job data in clear text, so no address, name or token ever goes into a job.
 */

export const queueNames = ['import', 'digest', 'email', 'inbound', 'maintenance'] as const;
export type QueueName = (typeof queueNames)[number];

const uuid = z.string().uuid();
const empty = z.object({}).strict();

const retrying = (attempts: number, delay: number): JobsOptions => ({
  attempts,
  backoff: { type: 'exponential', delay },
  // Bounded history: enough to inspect recent work in the dashboard, not a slow leak in Redis.
  removeOnComplete: { count: 1000, age: 24 * 3600 },
  removeOnFail: { count: 5000, age: 7 * 24 * 3600 },
});

interface JobDefinition<S extends z.ZodType> {
  queue: QueueName;
  schema: S;
  options: JobsOptions;
  /** Deterministic id, so adding the same work twice is a no-op while the first is still known. */
  jobId: ((payload: z.infer<S>) => string) | null;
}

const define = <S extends z.ZodType>(definition: JobDefinition<S>) => definition;

export const jobs = {
  'import.export': define({
    queue: 'import',
    schema: z.object({ exportId: uuid }).strict(),
    options: retrying(3, 5_000),
    jobId: (p) => `import-${p.exportId}`,
  }),
  'digest.plan': define({
    queue: 'digest',
    schema: empty,
    options: { ...retrying(2, 10_000), removeOnComplete: { count: 100 } },
    // Driven by a job scheduler, which names its own jobs.
    jobId: null,
  }),
  'digest.build': define({
    queue: 'digest',
    schema: z.object({ digestId: uuid }).strict(),
    options: retrying(5, 5_000),
    jobId: (p) => `digest-build-${p.digestId}`,
  }),
  'email.send': define({
    queue: 'email',
    schema: z.object({ outboxId: uuid }).strict(),
    options: retrying(8, 10_000),
    jobId: (p) => `email-${p.outboxId}`,
  }),
  'inbound.process': define({
    queue: 'inbound',
    schema: z.object({ inboundId: uuid }).strict(),
    options: retrying(5, 5_000),
    jobId: (p) => `inbound-${p.inboundId}`,
  }),
  'outbox.sweep': define({
    queue: 'maintenance',
    schema: empty,
    options: { ...retrying(1, 1_000), removeOnComplete: { count: 100 } },
    jobId: null,
  }),
  'sessions.purge': define({
    queue: 'maintenance',
    schema: empty,
    options: { ...retrying(2, 60_000), removeOnComplete: { count: 100 } },
    jobId: null,
  }),
} as const;

export type JobName = keyof typeof jobs;
export type JobPayload<N extends JobName> = z.infer<(typeof jobs)[N]['schema']>;
export const jobNames = Object.keys(jobs) as JobName[];

/** Recurring work, upserted at worker start (idempotent on every boot). */
export const schedules: Array<{ id: string; job: JobName; everyMs: number }> = [
  { id: 'digest-plan', job: 'digest.plan', everyMs: 15 * 60_000 },
  { id: 'outbox-sweep', job: 'outbox.sweep', everyMs: 60_000 },
  // Ended sessions leave after a grace period; an hour's delay on top of it changes nothing.
  { id: 'sessions-purge', job: 'sessions.purge', everyMs: 60 * 60_000 },
];

export function parsePayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  return jobs[name].schema.parse(data) as JobPayload<N>;
}
