import { createHash } from 'node:crypto';
import type { Db, DbOrTx } from '../../db/client.ts';
import { closeChangesFrom, findOpenChangeByRevertToken, insertEmailChange } from '../../db/queries/email-changes.ts';
import { findOtherSubscriberIdWithEmail, lockSubscriber, setSubscriberEmail } from '../../db/queries/subscribers.ts';
import { revokeTokensExceptOpenReverts } from '../../db/queries/tokens.ts';
import type { TokenScope } from '../../db/types.ts';
import { renderEmail } from '../../emails/render.ts';
import { claimLink, issueToken, linkWasUsed, resolveToken, revokeTokens, tokenTtlDays } from '../actions/tokens.ts';
import type { Config } from '../../runtime/config.ts';
import { insertOutboxMessage } from '../../db/queries/outbox.ts';
import { senderDomain } from '../mail/outbox.ts';
import { endAllSessions } from './sessions.ts';
import { linkTo } from '../../domain/public-links.ts';

type ChangeConfig = Pick<Config, 'publicUrl' | 'mailFrom' | 'tokenSecrets'>;

/**
 * Every way into an account except revert links: those must outlive a second change, or whoever
 * took the account could change the address twice and kill the first owner's way back.
 */
const ALL_BUT_REVERT: readonly TokenScope[] = ['digest', 'reply', 'unsubscribe', 'upload', 'confirm', 'sign_in'];

/** "a•••@example.net": enough for the owner to recognise, not a full address for whoever now reads the old mailbox. */
export function addressHint(address: string): string {
  const at = address.lastIndexOf('@');
  return at <= 0 ? '•••' : `${address.charAt(0)}•••${address.slice(at)}`;
}

/**
 * What a confirmed change of address does besides changing it (call inside the transaction that
 * changes it): every outstanding link, reply address and session of the subscriber stops working,
 * and the old address is told, with a link that puts it back. Returns the outbox id to enqueue.
 */
export async function afterAddressChanged(
  trx: DbOrTx,
  config: ChangeConfig,
  change: { subscriberId: string; oldEmail: string; newEmail: string; now: Date },
): Promise<string | null> {
  const { subscriberId, now } = change;
  await revokeTokens(trx, subscriberId, ALL_BUT_REVERT, now);
  await endAllSessions(trx, subscriberId, now);
  const token = await issueToken(trx, config.tokenSecrets, { subscriberId, scope: 'revert', now });
  // The change row points at its link's row, found the way the link will be when it is opened.
  const revertLink = await resolveToken(trx, config.tokenSecrets, token, ['revert'], now);
  if (!revertLink) throw new Error('a revert link just issued does not resolve');
  const changeId = await insertEmailChange(trx, { subscriberId, oldEmail: change.oldEmail, newEmail: change.newEmail, revertTokenId: revertLink.id, now });
  const email = await renderEmail('address-changed', {
    newAddressHint: addressHint(change.newEmail),
    revertUrl: linkTo(config.publicUrl, 'revert', { token }),
    expiresInDays: tokenTtlDays.revert,
  });
  const messageKey = createHash('sha256').update(changeId).digest('hex').slice(0, 24);
  return insertOutboxMessage(trx, {
    subscriberId,
    kind: 'address_changed',
    dedupKey: `address-changed-${changeId}`,
    recipient: change.oldEmail,
    subject: email.subject,
    html: email.html,
    text: email.text,
    headers: {},
    messageId: `<address-changed-${messageKey}@${senderDomain(config.mailFrom)}>`,
  });
}

export type RevertOutcome =
  | { kind: 'reverted'; subscriberId: string; email: string }
  /** The link did its job before. */
  | { kind: 'used' }
  /** The old address belongs to another subscription now: nothing changed. */
  | { kind: 'address-taken' }
  | { kind: 'missing' };

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

/**
 * What the revert link's button does. The owner always wins the chain: whoever took the account may
 * change the address again and receive the revert link of that second change at their own first
 * address, but pressing it only undoes their own change. A revert closes its own change and every
 * later one, puts back the address from before its change, and revokes every link and session of
 * the subscriber except the revert links of earlier changes still open, so the first owner's link
 * (the earliest) puts their address back whatever happened after it.
 *
 * The subscriber row is locked first, so two reverts of one subscriber run one after the other and
 * the second sees what the first did (its link revoked, its change closed). The link is claimed with
 * a conditional update: two presses revert once, and a revoked or expired link reverts nothing.
 */
export async function revertAddressChange(db: Db, link: { id: string; subscriberId: string }, now: Date = new Date()): Promise<RevertOutcome> {
  try {
    return await db.transaction().execute(async (trx): Promise<RevertOutcome> => {
      const subscriber = await lockSubscriber(trx, link.subscriberId);
      if (!subscriber) return { kind: 'missing' };
      if (!(await claimLink(trx, { id: link.id, scope: 'revert' }, now))) return (await linkWasUsed(trx, link.id)) ? { kind: 'used' } : { kind: 'missing' };
      const change = await findOpenChangeByRevertToken(trx, subscriber.id, link.id);
      if (!change) return { kind: 'missing' };
      const holder = await findOtherSubscriberIdWithEmail(trx, change.old_email, subscriber.id);
      if (holder) return { kind: 'address-taken' };
      await setSubscriberEmail(trx, subscriber.id, change.old_email, now);
      await closeChangesFrom(trx, subscriber.id, change.seq, now);
      // What is still open now are the changes before this one: their revert links stay usable.
      await revokeTokensExceptOpenReverts(trx, subscriber.id, now);
      await endAllSessions(trx, subscriber.id, now);
      return { kind: 'reverted', subscriberId: subscriber.id, email: change.old_email };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: 'address-taken' };
    throw error;
  }
}
