import type { DbOrTx } from '../client.ts';

/** A subscriber's latest exports, digests and emails, newest first, for the operator's lookup page. */
export async function findSubscriberHistory(db: DbOrTx, subscriberId: string) {
  const exports = await db
    .selectFrom('exports')
    .select(['created_at', 'source', 'status', 'summary', 'error_message'])
    .where('subscriber_id', '=', subscriberId)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
  const digests = await db
    .selectFrom('digests')
    .select(['iso_week', 'status', 'created_at', 'built_at'])
    .where('subscriber_id', '=', subscriberId)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
  const outbox = await db
    .selectFrom('outbox')
    .select(['created_at', 'kind', 'status', 'attempts', 'sent_at', 'last_error'])
    .where('subscriber_id', '=', subscriberId)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
  return { exports, digests, outbox };
}
