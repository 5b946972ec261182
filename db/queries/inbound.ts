import { sql, type Insertable } from 'kysely';
import type { DbOrTx } from '../client.ts';
import type { InboundMessagesTable } from '../types.ts';

/*
 * Inbound messages: stored raw on arrival (before anything reads them), then given one result.
 * The raw message stays, so a result can always be explained or recomputed.
 */

export type InboundStatus = 'processed' | 'ignored' | 'failed';

export interface NewInbound {
  messageId: string | null;
  via: 'mx' | 'webhook' | 'dev';
  envelopeFrom: string | null;
  envelopeTo: string[];
  raw: Buffer;
  /** The check made on arrival (services/inbound/sender-check.ts), kept whole; its verdict is also a column. */
  senderCheck: { verdict: Insertable<InboundMessagesTable>['sender_verdict'] & string };
}

/** The new row's id, or undefined when a message with this Message-ID is stored already. */
export async function insertInbound(db: DbOrTx, input: NewInbound): Promise<string | undefined> {
  const inserted = await db
    .insertInto('inbound_messages')
    .values({
      message_id: input.messageId,
      via: input.via,
      envelope_from: input.envelopeFrom,
      envelope_to: input.envelopeTo,
      raw: input.raw,
      sender_verdict: input.senderCheck.verdict,
      sender_check: JSON.stringify(input.senderCheck),
    })
    .onConflict((oc) => oc.column('message_id').where(sql.ref('message_id'), 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

export function findInboundByMessageId(db: DbOrTx, messageId: string) {
  return db.selectFrom('inbound_messages').select(['id', 'status']).where('message_id', '=', messageId).executeTakeFirstOrThrow();
}

/** What processing reads of a stored message: the raw bytes and what was known on arrival. */
export function findInboundMessage(db: DbOrTx, id: string) {
  return db
    .selectFrom('inbound_messages')
    .select(['id', 'status', 'raw', 'envelope_from', 'envelope_to', 'sender_verdict', 'sender_check'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function recordInboundResult(db: DbOrTx, id: string, input: { status: InboundStatus; result: unknown; subscriberId: string | null }): Promise<void> {
  await db
    .updateTable('inbound_messages')
    .set({ status: input.status, result: JSON.stringify(input.result), subscriber_id: input.subscriberId, processed_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** After the last attempt: a row left 'received' would be revived by the sweeper forever. */
export async function markInboundFailed(db: DbOrTx, id: string): Promise<void> {
  await db
    .updateTable('inbound_messages')
    .set({ status: 'failed', result: JSON.stringify({ reason: 'could not be processed' }), processed_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'received')
    .execute();
}

// A subscriber's inbound mail, for their data export and for erasure.

type SubscriberAddresses = { id: string; email: string; pending_email: string | null };

/**
 * A subscriber's inbound mail: messages tied to them when processed, and messages from their
 * address that never were (ignored, or still waiting), which are theirs just the same.
 */
function inboundMessagesOf(db: DbOrTx, subscriber: SubscriberAddresses) {
  const addresses = [subscriber.email, subscriber.pending_email].filter((a): a is string => a !== null).map((a) => a.toLowerCase());
  return db
    .selectFrom('inbound_messages')
    .where((eb) =>
      eb.or([
        eb('subscriber_id', '=', subscriber.id),
        eb.and([eb('subscriber_id', 'is', null), eb(sql<string>`lower(envelope_from)`, 'in', addresses)]),
      ]),
    );
}

export async function findInboundMessageIdsOf(db: DbOrTx, subscriber: SubscriberAddresses): Promise<string[]> {
  return (await inboundMessagesOf(db, subscriber).select('id').execute()).map((r) => r.id);
}

/** What the data export shows of each inbound message: no raw message, which carries reply tokens. */
export function findInboundMessagesForExport(db: DbOrTx, subscriber: SubscriberAddresses) {
  return inboundMessagesOf(db, subscriber)
    .select(['id', 'message_id', 'via', 'envelope_from', 'status', 'result', 'created_at', 'processed_at'])
    .orderBy('created_at')
    .execute();
}

export async function deleteInboundMessages(db: DbOrTx, ids: string[]): Promise<void> {
  await db.deleteFrom('inbound_messages').where('id', 'in', ids).execute();
}
