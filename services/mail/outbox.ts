import { UnrecoverableError } from 'bullmq';
import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../db/client.ts';
import type { OutboxKind } from '../../db/types.ts';
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

export interface NewOutboxMessage {
  subscriberId: string;
  kind: OutboxKind;
  /** One email per key, ever: re-running whatever produced it adds nothing. */
  dedupKey: string;
  digestId?: string | null;
  recipient: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  messageId: string;
}

/** Inserts in the caller's transaction; returns the id, or null when the key was already used. */
export async function addToOutbox(db: DbOrTx, message: NewOutboxMessage): Promise<string | null> {
  const row = await db
    .insertInto('outbox')
    .values({
      subscriber_id: message.subscriberId,
      kind: message.kind,
      dedup_key: message.dedupKey,
      digest_id: message.digestId ?? null,
      recipient: message.recipient,
      subject: message.subject,
      html: message.html,
      text: message.text,
      headers: JSON.stringify(message.headers),
      message_id: message.messageId,
    })
    .onConflict((oc) => oc.column('dedup_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
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
    const row = await trx
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', input.outboxId)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!row) {
      const exists = await trx.selectFrom('outbox').select('id').where('id', '=', input.outboxId).executeTakeFirst();
      return exists ? 'busy' : 'missing';
    }
    if (row.status !== 'pending' && row.status !== 'sending') return 'already-done';

    // One read for both stops: a suppressed address, and (for recurring mail) an unsubscribe or a
    // pause that landed after the message was built.
    const recipient = await trx
      .selectFrom('subscribers as s')
      .leftJoin('suppressions as x', (join) => join.on('x.email_hash', '=', suppressionHash(input.config.suppressionSecret, row.recipient)))
      .select(['s.status', 's.paused_until', 'x.reason as suppressed'])
      .where('s.id', '=', row.subscriber_id)
      .executeTakeFirst();
    const suppressed = recipient?.suppressed != null;
    const paused = recipient?.paused_until != null && recipient.paused_until > new Date();
    const optedOut = (row.kind === 'digest' || row.kind === 'reminder') && (recipient?.status !== 'active' || paused);
    if (suppressed || optedOut) {
      await trx.updateTable('outbox').set({ status: 'suppressed', updated_at: new Date() }).where('id', '=', row.id).execute();
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
      await trx
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: new Date(), updated_at: new Date(), attempts: sql`attempts + 1`, delivered_to: result.deliveredTo, last_error: null, sent_with_bounce_address: true })
        .where('id', '=', row.id)
        .execute();
      if (row.digest_id) await trx.updateTable('digests').set({ status: 'sent' }).where('id', '=', row.digest_id).execute();
      return 'sent';
    } catch (error) {
      const message = (error as Error).message?.slice(0, 500) ?? String(error);
      const permanent = isPermanentSmtpError(error) || row.attempts + 1 >= MAX_SEND_ATTEMPTS;
      await trx
        .updateTable('outbox')
        .set({ status: permanent ? 'failed' : 'pending', attempts: sql`attempts + 1`, last_error: message, updated_at: new Date(), sent_with_bounce_address: true })
        .where('id', '=', row.id)
        .execute();
      if (permanent && isPermanentSmtpError(error)) {
        await suppress(trx, input.config.suppressionSecret, { email: row.recipient, reason: 'bounce', detail: message });
      }
      if (permanent && row.digest_id) await trx.updateTable('digests').set({ status: 'failed' }).where('id', '=', row.digest_id).execute();
      // Returned, not thrown, so the attempt count above commits before the job reports failure.
      return permanent ? new UnrecoverableError(message) : (error as Error);
    }
  });
  if (outcome instanceof Error) throw outcome;
  return outcome;
}

/** Rows Postgres says still need sending that no live job may be holding: the sweeper re-enqueues them. */
export async function findStaleOutbox(db: DbOrTx, olderThanMs: number, limit = 1000): Promise<string[]> {
  const rows = await db
    .selectFrom('outbox')
    .select('id')
    .where('status', 'in', ['pending', 'sending'])
    .where('updated_at', '<', new Date(Date.now() - olderThanMs))
    .orderBy('updated_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
