import { planDueDigests } from '../../services/digest/plan.ts';
import type { JobHandler } from './types.ts';

export const handleDigestPlan: JobHandler<'digest.plan'> = async (ctx) => {
  const digestIds = await planDueDigests(ctx.db, new Date());
  await ctx.queues.enqueueBulk('digest.build', digestIds.map((digestId) => ({ digestId })));
  ctx.log.info({ planned: digestIds.length }, 'digests planned');
  return { planned: digestIds.length };
};
