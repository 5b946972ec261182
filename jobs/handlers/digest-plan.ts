import { planDueDigests } from '../../services/digest/plan.ts';
import { queueUploadReminders } from '../../services/digest/reminders.ts';
import type { JobHandler } from './types.ts';
import { enqueueSend } from '../../services/mail/enqueue-send.ts';

export const handleDigestPlan: JobHandler<'digest.plan'> = async (ctx) => {
  const now = new Date();
  const digestIds = await planDueDigests(ctx.db, now, { suppressionSecret: ctx.config.suppressionSecret });
  await ctx.queues.enqueueBulk('digest.build', digestIds.map((digestId) => ({ digestId })));
  const reminderIds = await queueUploadReminders(ctx.db, ctx.config, now);
  await enqueueSend(ctx, reminderIds);
  ctx.log.info({ planned: digestIds.length, reminders: reminderIds.length }, 'week planned');
  return { planned: digestIds.length, reminders: reminderIds.length };
};
