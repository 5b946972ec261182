import { createHash } from 'node:crypto';
import type { Db, DbOrTx } from '../../db/client.ts';
import { findOutboxIdByDedupKey } from '../../db/queries/outbox.ts';
import { lockSubscriber, setSubscriberPendingEmail } from '../../db/queries/subscribers.ts';
import { revokeUnusedConfirmTokens } from '../../db/queries/tokens.ts';
import { renderEmail } from '../../emails/render.ts';
import { issueToken } from '../actions/tokens.ts';
import type { Config } from '../../runtime/config.ts';
import { insertOutboxMessage } from '../../db/queries/outbox.ts';
import { senderDomain } from '../mail/outbox.ts';
import { linkTo } from '../../domain/public-links.ts';

type ConfirmConfig = Pick<Config, 'publicUrl' | 'mailFrom' | 'tokenSecrets'>;

/**
 * However often a form is sent, one address gets at most one confirmation email per window:
 * sign-up answers the same whoever asks, so without this anyone could flood a stranger's inbox.
 */
export const CONFIRM_RESEND_WINDOW_MS = 10 * 60_000;

/** Unused confirm links of a subscriber stop working (a newer one was sent, or one was used). */
export async function revokeConfirmLinks(db: DbOrTx, subscriberId: string, now: Date): Promise<void> {
  await revokeUnusedConfirmTokens(db, subscriberId, now);
}

/**
 * Records where the one live confirm link goes: `newAddress` for a change of address, null when
 * confirming the subscription itself. Every earlier confirm link stops working.
 */
export async function setPendingEmail(db: DbOrTx, subscriberId: string, newAddress: string | null, now: Date): Promise<void> {
  await revokeConfirmLinks(db, subscriberId, now);
  await setSubscriberPendingEmail(db, subscriberId, newAddress, now);
}

/**
 * Queues the double opt-in email with a 'confirm' link: to the subscriber's own address when
 * subscribing, or to `newAddress` when changing it. A subscriber has at most one live confirm link,
 * and `pending_email` records where it went, so the confirm page knows which of the two it is and
 * a link sent to the old address can never approve a new one. The link is issued in the same
 * transaction as the outbox row: it exists only if its email does. Returns the outbox id to
 * enqueue, or null when this window's email to that address is already queued.
 */
export async function queueConfirmation(
  db: Db,
  config: ConfirmConfig,
  input: { subscriberId: string; newAddress?: string; now?: Date },
): Promise<string | null> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const subscriber = await lockSubscriber(trx, input.subscriberId);
    if (!subscriber) return null;
    const recipient = input.newAddress ?? subscriber.email;
    const recipientKey = createHash('sha256').update(recipient.toLowerCase()).digest('hex').slice(0, 16);
    const dedupKey = `confirm-${input.subscriberId}-${recipientKey}-${Math.floor(now.getTime() / CONFIRM_RESEND_WINDOW_MS)}`;
    // Unique per dedup key, and short: the dev mailbox names its files after the Message-ID.
    const messageKey = createHash('sha256').update(dedupKey).digest('hex').slice(0, 24);
    const already = await findOutboxIdByDedupKey(trx, dedupKey);
    if (already) return null;

    await setPendingEmail(trx, input.subscriberId, input.newAddress ?? null, now);
    const token = await issueToken(trx, config.tokenSecrets, { subscriberId: input.subscriberId, scope: 'confirm', now });
    // No name: the recipient has not opted in, and the name is whatever the form was sent with.
    const email = await renderEmail('confirm-subscription', { confirmUrl: linkTo(config.publicUrl, 'confirm', { token }) });
    return insertOutboxMessage(trx, {
      subscriberId: input.subscriberId,
      kind: 'confirm',
      dedupKey,
      recipient,
      subject: email.subject,
      html: email.html,
      text: email.text,
      // No reply address: nothing can be done by email before the address is confirmed.
      headers: {},
      messageId: `<confirm-${messageKey}@${senderDomain(config.mailFrom)}>`,
    });
  });
}
