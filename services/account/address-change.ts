import { createHash } from 'node:crypto';
import type { Db, DbOrTx } from '../../db/client.ts';
import type { TokenScope } from '../../db/types.ts';
import { renderEmail } from '../../emails/render.ts';
import { issueToken, resolveToken, revokeTokens, tokenTtlDays } from '../actions/tokens.ts';
import type { Config } from '../config/config.ts';
import { addToOutbox, senderDomain } from '../mail/outbox.ts';
import { endAllSessions } from './sessions.ts';

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
  const row = await trx
    .insertInto('email_changes')
    .values({ subscriber_id: subscriberId, old_email: change.oldEmail, new_email: change.newEmail, revert_token_id: revertLink.id, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const email = await renderEmail('address-changed', {
    newAddressHint: addressHint(change.newEmail),
    revertUrl: `${config.publicUrl}/revert/${token}`,
    expiresInDays: tokenTtlDays.revert,
  });
  const messageKey = createHash('sha256').update(row.id).digest('hex').slice(0, 24);
  return addToOutbox(trx, {
    subscriberId,
    kind: 'address_changed',
    dedupKey: `address-changed-${row.id}`,
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
 * What the revert link's button does: the address goes back to the one the change left, and every
 * link, revert link and session of the subscriber stops working, so whoever made the change is
 * locked out. The link is claimed with a conditional update: two presses revert once.
 */
export async function revertAddressChange(db: Db, link: { id: string; subscriberId: string }, now: Date = new Date()): Promise<RevertOutcome> {
  try {
    return await db.transaction().execute(async (trx): Promise<RevertOutcome> => {
      const claimed = await trx
        .updateTable('action_tokens')
        .set({ used_at: now })
        .where('id', '=', link.id)
        .where('scope', '=', 'revert')
        .where('used_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!claimed) return { kind: 'used' };
      const change = await trx.selectFrom('email_changes').selectAll().where('revert_token_id', '=', link.id).where('reverted_at', 'is', null).executeTakeFirst();
      if (!change) return { kind: 'missing' };
      const subscriber = await trx.selectFrom('subscribers').select(['id', 'email']).where('id', '=', change.subscriber_id).forUpdate().executeTakeFirst();
      if (!subscriber) return { kind: 'missing' };
      const holder = await trx.selectFrom('subscribers').select('id').where('email', '=', change.old_email).where('id', '!=', subscriber.id).executeTakeFirst();
      if (holder) return { kind: 'address-taken' };
      await trx.updateTable('subscribers').set({ email: change.old_email, pending_email: null, updated_at: now }).where('id', '=', subscriber.id).execute();
      await trx.updateTable('email_changes').set({ reverted_at: now }).where('subscriber_id', '=', subscriber.id).where('reverted_at', 'is', null).execute();
      await revokeTokens(trx, subscriber.id, undefined, now);
      await endAllSessions(trx, subscriber.id, now);
      return { kind: 'reverted', subscriberId: subscriber.id, email: change.old_email };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: 'address-taken' };
    throw error;
  }
}
