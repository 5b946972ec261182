import { findSubscriberByEmail } from '../../db/queries/subscribers.ts';
import type { DbOrTx } from '../../db/client.ts';

/** A subscriber's state for support: selected column by column so no token or message body can slip in. */
export async function lookUpSubscriber(db: DbOrTx, email: string) {
  const subscriber = await findSubscriberByEmail(db, email);
  if (!subscriber) return null;
  const exports = await db
    .selectFrom('exports')
    .select(['created_at', 'source', 'status', 'summary', 'error_message'])
    .where('subscriber_id', '=', subscriber.id)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
  const digests = await db
    .selectFrom('digests')
    .select(['iso_week', 'status', 'created_at', 'built_at'])
    .where('subscriber_id', '=', subscriber.id)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
  const outbox = await db
    .selectFrom('outbox')
    .select(['created_at', 'kind', 'status', 'attempts', 'sent_at', 'last_error'])
    .where('subscriber_id', '=', subscriber.id)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
  return { subscriber, exports, digests, outbox };
}

export type SubscriberLookup = NonNullable<Awaited<ReturnType<typeof lookUpSubscriber>>>;
