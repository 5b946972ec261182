import { sendFromOutbox } from '../../services/mail/outbox.ts';
import type { JobHandler } from './types.ts';

export const handleEmailSend: JobHandler<'email.send'> = async (ctx, { outboxId }) => {
  const outcome = await sendFromOutbox(ctx.db, ctx.mail, { outboxId, config: ctx.config });
  ctx.log.info({ outboxId, outcome }, 'email send');
  return outcome;
};
