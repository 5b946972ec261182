import { sweepLostWork } from '../../services/worker/sweep.ts';
import type { JobHandler } from './types.ts';

export const handleOutboxSweep: JobHandler<'outbox.sweep'> = (ctx) => sweepLostWork(ctx);
