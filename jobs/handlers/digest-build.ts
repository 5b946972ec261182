import { buildDigest } from '../../services/digest/build-digest.ts';
import type { JobHandler } from './types.ts';
import { enqueueSend } from '../../services/mail/enqueue-send.ts';

export const handleDigestBuild: JobHandler<'digest.build'> = async (ctx, { digestId }) => {
  const outcome = await buildDigest(ctx.db, ctx.config, digestId);
  if (outcome.status === 'built') await enqueueSend(ctx, outcome.outboxId);
  ctx.log.info({ digestId, outcome: outcome.status }, 'digest build');
  return outcome.status;
};
