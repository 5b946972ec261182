import { activateSubscriber, findSubscriberByEmail, lockSubscriber, setSubscriberEmail, setSubscriberPendingEmail } from '../../db/queries/subscribers.ts';
import type { Db } from '../../db/client.ts';
import { claimLink, linkWasUsed } from '../actions/tokens.ts';
import type { Config } from '../../runtime/config.ts';
import { afterAddressChanged } from './address-change.ts';
import { revokeConfirmLinks } from './confirmation.ts';

export type ConfirmOutcome =
  | { kind: 'subscribed'; subscriberId: string }
  /** `noticeOutboxId`: the email to the old address, with its revert link, to enqueue. */
  | { kind: 'email-changed'; subscriberId: string; email: string; noticeOutboxId: string | null }
  /** The link did its job before (a second click, a second tab). */
  | { kind: 'used' }
  /** Someone else subscribed with the new address in the meantime. */
  | { kind: 'address-taken' }
  | { kind: 'missing' };

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

/**
 * What a confirm link does when its page's button is pressed: with a pending new address (see
 * queueConfirmation) it moves the subscription there; otherwise it confirms the subscription. The
 * link is claimed with a conditional update, so two presses at once confirm once, and a link revoked
 * or expired since its page was opened confirms nothing. A change of address also retires every
 * other way into the account and tells the old address (afterAddressChanged).
 */
export async function confirmLink(
  db: Db,
  config: Pick<Config, 'publicUrl' | 'mailFrom' | 'tokenSecrets'>,
  link: { id: string; subscriberId: string },
  now: Date = new Date(),
): Promise<ConfirmOutcome> {
  try {
    return await db.transaction().execute(async (trx): Promise<ConfirmOutcome> => {
      if (!(await claimLink(trx, { id: link.id, scope: 'confirm' }, now))) return (await linkWasUsed(trx, link.id)) ? { kind: 'used' } : { kind: 'missing' };
      const subscriber = await lockSubscriber(trx, link.subscriberId);
      if (!subscriber) return { kind: 'missing' };
      await revokeConfirmLinks(trx, subscriber.id, now);

      if (subscriber.pending_email) {
        const holder = await findSubscriberByEmail(trx, subscriber.pending_email);
        if (holder && holder.id !== subscriber.id) {
          await setSubscriberPendingEmail(trx, subscriber.id, null, now);
          return { kind: 'address-taken' };
        }
        await setSubscriberEmail(trx, subscriber.id, subscriber.pending_email, now);
        const noticeOutboxId = await afterAddressChanged(trx, config, { subscriberId: subscriber.id, oldEmail: subscriber.email, newEmail: subscriber.pending_email, now });
        return { kind: 'email-changed', subscriberId: subscriber.id, email: subscriber.pending_email, noticeOutboxId };
      }

      if (subscriber.status === 'pending' || subscriber.status === 'unsubscribed') {
        await activateSubscriber(trx, subscriber.id, now);
      }
      return { kind: 'subscribed', subscriberId: subscriber.id };
    });
  } catch (error) {
    // The new address was taken between our check and the update.
    if (isUniqueViolation(error)) return { kind: 'address-taken' };
    throw error;
  }
}
