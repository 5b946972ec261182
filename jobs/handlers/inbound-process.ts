import { processInbound } from '../../services/inbound/process-inbound.ts';
import type { JobHandler } from './types.ts';

export const handleInboundProcess: JobHandler<'inbound.process'> = async (ctx, { inboundId }) => {
  const outcome = await processInbound(ctx, inboundId);
  ctx.log.info({ inboundId, status: outcome === 'already-done' ? outcome : outcome.status }, 'inbound message handled');
  return outcome === 'already-done' ? outcome : outcome.status;
};
