import { buildDigest } from '../../services/digest/build-digest.ts';
import type { JobHandler } from './types.ts';

export const handleDigestBuild: JobHandler<'digest.build'> = async (ctx, { digestId }) => {
  const outcome = await buildDigest(ctx.db, ctx.config, digestId);
  if (outcome.status === 'built') await ctx.queues.enqueue('email.send', { outboxId: outcome.outboxId });
  ctx.log.info({ digestId, outcome: outcome.status }, 'digest build');
  return outcome.status;
};
