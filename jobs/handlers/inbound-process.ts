import { markInboundFailed } from '../../db/queries/inbound.ts';
import { processInbound } from '../../services/inbound/process-inbound.ts';
import type { JobHandler } from './types.ts';

export const handleInboundProcess: JobHandler<'inbound.process'> = async (ctx, { inboundId }, job) => {
  let outcome;
  try {
    outcome = await processInbound(ctx, inboundId);
  } catch (error) {
    // After the last attempt the row must not stay 'received', or the sweeper would revive it forever.
    if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
      await markInboundFailed(ctx.db, inboundId);
    }
    throw error;
  }
  ctx.log.info({ inboundId, status: outcome === 'already-done' ? outcome : outcome.status }, 'inbound message handled');
  return outcome === 'already-done' ? outcome : outcome.status;
};
