import { UnrecoverableError } from 'bullmq';
import type { Db } from '../../db/client.ts';
import {
  findSendStops,
  lockOutboxRowForSend,
  markOutboxSent,
  markOutboxSuppressed,
  outboxRowExists,
  recordFailedSend,
} from '../../db/queries/outbox.ts';
import { setDigestDelivery } from '../../db/queries/digests.ts';
import type { Config } from '../../runtime/config.ts';
import { bounceAddress } from './bounce-address.ts';
import { suppress, suppressionHash } from './suppressions.ts';
import { isPermanentSmtpError, type MailTransport } from './transport.ts';

/** What sending needs from the configuration: the From, and the keys of bounce addresses and suppressions. */
export type SendConfig = Pick<Config, 'mailFrom' | 'inboundDomain' | 'tokenSecrets' | 'suppressionSecret'>;

/** After this many failed attempts a message is given up on, even if each error looked transient. */
export const MAX_SEND_ATTEMPTS = 12;

export function senderDomain(mailFrom: string): string {
  return /@([^>\s]+)/.exec(mailFrom)?.[1] ?? 'rapport.localhost';
}

export type SendOutcome = 'sent' | 'already-done' | 'busy' | 'suppressed' | 'missing';

/**
 * Sends one outbox row at most once as far as Postgres can tell: the row is locked (SKIP LOCKED, so
 * a second worker holding a duplicate job walks away) for the duration of the SMTP conversation and
 * marked sent in the same transaction. The one window left is a crash after the server accepted the
 * message and before the commit: the row stays pending and the message goes out a second time.
 */
export async function sendFromOutbox(
  db: Db,
  mail: MailTransport,
  input: { outboxId: string; config: SendConfig },
): Promise<SendOutcome> {
  const outcome = await db.transaction().execute(async (trx): Promise<SendOutcome | Error> => {
    const row = await lockOutboxRowForSend(trx, input.outboxId);
    if (!row) return (await outboxRowExists(trx, input.outboxId)) ? 'busy' : 'missing';
    if (row.status !== 'pending' && row.status !== 'sending') return 'already-done';

    // One read for both stops: a suppressed address, and (for recurring mail) an unsubscribe or a
    // pause that landed after the message was built.
    const recipient = await findSendStops(trx, row.subscriber_id, suppressionHash(input.config.suppressionSecret, row.recipient));
    const suppressed = recipient?.suppressed != null;
    const paused = recipient?.paused_until != null && recipient.paused_until > new Date();
    const optedOut = (row.kind === 'digest' || row.kind === 'reminder') && (recipient?.status !== 'active' || paused);
    if (suppressed || optedOut) {
      await markOutboxSuppressed(trx, row.id);
      return 'suppressed';
    }

    try {
      const result = await mail.send({
        from: input.config.mailFrom,
        to: row.recipient,
        envelopeFrom: bounceAddress(input.config, row.id, row.recipient),
        subject: row.subject,
        html: row.html,
        text: row.text,
        messageId: row.message_id,
        headers: row.headers,
      });
      await markOutboxSent(trx, row.id, result.deliveredTo);
      if (row.digest_id) await setDigestDelivery(trx, row.digest_id, 'sent');
      return 'sent';
    } catch (error) {
      const message = (error as Error).message?.slice(0, 500) ?? String(error);
      const permanent = isPermanentSmtpError(error) || row.attempts + 1 >= MAX_SEND_ATTEMPTS;
      await recordFailedSend(trx, row.id, { permanent, error: message });
      if (permanent && isPermanentSmtpError(error)) {
        await suppress(trx, input.config.suppressionSecret, { email: row.recipient, reason: 'bounce', detail: message });
      }
      if (permanent && row.digest_id) await setDigestDelivery(trx, row.digest_id, 'failed');
      // Returned, not thrown, so the attempt count above commits before the job reports failure.
      return permanent ? new UnrecoverableError(message) : (error as Error);
    }
  });
  if (outcome instanceof Error) throw outcome;
  return outcome;
}
