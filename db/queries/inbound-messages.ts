import { sql } from 'kysely';
import type { DbOrTx } from '../client.ts';

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
