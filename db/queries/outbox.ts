import { sql } from 'kysely';
import type { DbOrTx } from '../client.ts';
import type { OutboxKind } from '../types.ts';

/**
 * The outbox: every email is a row here before it is a job. services/mail/outbox.ts sends a row
 * (its transaction, its lock); the sweeper's query for rows left behind is in lost-work.ts.
 */

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
export async function insertOutboxMessage(db: DbOrTx, message: NewOutboxMessage): Promise<string | null> {
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

export async function findOutboxIdByDedupKey(db: DbOrTx, dedupKey: string): Promise<string | undefined> {
  const row = await db.selectFrom('outbox').select('id').where('dedup_key', '=', dedupKey).executeTakeFirst();
  return row?.id;
}

/**
 * The row, locked FOR UPDATE SKIP LOCKED inside the caller's transaction: undefined when it is
 * missing or another transaction (a second worker with a duplicate job) holds it.
 */
export function lockOutboxRowForSend(trx: DbOrTx, outboxId: string) {
  return trx.selectFrom('outbox').selectAll().where('id', '=', outboxId).forUpdate().skipLocked().executeTakeFirst();
}

export async function outboxRowExists(db: DbOrTx, outboxId: string): Promise<boolean> {
  const row = await db.selectFrom('outbox').select('id').where('id', '=', outboxId).executeTakeFirst();
  return row !== undefined;
}

/**
 * Both stops on a send in one read: the subscriber's status and pause, and the suppression (by the
 * recipient's hash) if there is one.
 */
export function findSendStops(db: DbOrTx, subscriberId: string, recipientHash: Buffer) {
  return db
    .selectFrom('subscribers as s')
    .leftJoin('suppressions as x', (join) => join.on('x.email_hash', '=', recipientHash))
    .select(['s.status', 's.paused_until', 'x.reason as suppressed'])
    .where('s.id', '=', subscriberId)
    .executeTakeFirst();
}

export async function markOutboxSuppressed(db: DbOrTx, outboxId: string): Promise<void> {
  await db.updateTable('outbox').set({ status: 'suppressed', updated_at: new Date() }).where('id', '=', outboxId).execute();
}

export async function markOutboxSent(db: DbOrTx, outboxId: string, deliveredTo: string | null): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: new Date(), updated_at: new Date(), attempts: sql`attempts + 1`, delivered_to: deliveredTo, last_error: null, sent_with_bounce_address: true })
    .where('id', '=', outboxId)
    .execute();
}

/** A failed attempt, counted: 'failed' for good when `permanent`, else back to 'pending' for a retry. */
export async function recordFailedSend(db: DbOrTx, outboxId: string, input: { permanent: boolean; error: string }): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: input.permanent ? 'failed' : 'pending', attempts: sql`attempts + 1`, last_error: input.error, updated_at: new Date(), sent_with_bounce_address: true })
    .where('id', '=', outboxId)
    .execute();
}

/** The outbox row of a digest, as the demo waits for it to be sent. */
export function findDigestOutboxStatus(db: DbOrTx, digestId: string) {
  return db.selectFrom('outbox').select(['status', 'delivered_to', 'subject', 'last_error']).where('digest_id', '=', digestId).executeTakeFirst();
}

/** Receipts queued for a subscriber since a moment: the cap on how often a reply loop is answered. */
export async function countReceiptsSince(db: DbOrTx, subscriberId: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select(sql<string>`count(*)`.as('n'))
    .where('subscriber_id', '=', subscriberId)
    .where('kind', '=', 'receipt')
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether any of these Message-IDs is a message we sent this subscriber: what a real reply answers. */
export async function sentToSubscriberAmong(db: DbOrTx, subscriberId: string, messageIds: string[]): Promise<boolean> {
  const row = await db
    .selectFrom('outbox')
    .select('id')
    .where('subscriber_id', '=', subscriberId)
    .where('status', '=', 'sent')
    .where('message_id', 'in', messageIds)
    .executeTakeFirst();
  return row !== undefined;
}

/** The row a signed bounce address names, with the recipient its token was signed for. */
export function findBouncedRow(db: DbOrTx, outboxId: string) {
  return db.selectFrom('outbox').select(['id', 'recipient', 'subscriber_id']).where('id', '=', outboxId).executeTakeFirst();
}

/** Rows sent before bounce addresses existed, found by the Message-ID a report quotes. */
export function findUnsignedRowsByMessageId(db: DbOrTx, messageIds: string[]) {
  return db.selectFrom('outbox').select(['id', 'recipient', 'subscriber_id']).where('message_id', 'in', messageIds).where('sent_with_bounce_address', '=', false).execute();
}
