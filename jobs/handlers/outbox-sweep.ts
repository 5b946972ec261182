import { sweepLostWork } from '../../processes/worker/sweep.ts';
import type { JobHandler } from './types.ts';

export const handleOutboxSweep: JobHandler<'outbox.sweep'> = (ctx) => sweepLostWork(ctx);
