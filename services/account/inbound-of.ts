import { sql } from 'kysely';
import type { DbOrTx } from '../../db/client.ts';

/**
 * A subscriber's inbound mail: messages tied to them when processed, and messages from their
 * address that never were (ignored, or still waiting), which are theirs just the same.
 */
export function inboundMessagesOf(db: DbOrTx, subscriber: { id: string; email: string; pending_email: string | null }) {
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
