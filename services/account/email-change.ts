import { findSubscriberByEmail } from '../../db/queries/subscribers.ts';
import type { AppContext } from '../../runtime/context.ts';
import { queueConfirmation, setPendingEmail } from './confirmation.ts';
import { enqueueSend } from '../mail/enqueue-send.ts';

/** 'address-in-use' is for logs and tests: the page answers it exactly like 'sent'. */
export type EmailChangeOutcome = 'sent' | 'same-address' | 'address-in-use';

/**
 * A change of address takes effect only once a link sent to the new address is confirmed, so a
 * typo or someone holding a forwarded digest cannot redirect the digests. An address that already
 * belongs to another subscriber gets no email but is recorded as pending all the same (with no
 * link that could ever confirm it), so the settings page looks the same either way and cannot be
 * used to find out who subscribes.
 */
export async function requestEmailChange(
  ctx: Pick<AppContext, 'db' | 'config' | 'queues' | 'log'>,
  subscriberId: string,
  newEmail: string,
  now: Date = new Date(),
): Promise<EmailChangeOutcome> {
  const holder = await findSubscriberByEmail(ctx.db, newEmail);
  if (holder?.id === subscriberId) {
    // Typing the current address again is how a pending change is called off.
    await setPendingEmail(ctx.db, subscriberId, null, now);
    return 'same-address';
  }
  if (holder) {
    await setPendingEmail(ctx.db, subscriberId, newEmail, now);
    return 'address-in-use';
  }
  const outboxId = await queueConfirmation(ctx.db, ctx.config, { subscriberId, newAddress: newEmail, now });
  await enqueueSend(ctx, outboxId);
  return 'sent';
}
