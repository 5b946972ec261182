import { findSubscriberHistory } from '../../db/queries/subscriber-history.ts';
import { findSubscriberByEmail } from '../../db/queries/subscribers.ts';
import type { DbOrTx } from '../../db/client.ts';

/** A subscriber's state for support: selected column by column so no token or message body can slip in. */
export async function lookUpSubscriber(db: DbOrTx, email: string) {
  const subscriber = await findSubscriberByEmail(db, email);
  if (!subscriber) return null;
  return { subscriber, ...(await findSubscriberHistory(db, subscriber.id)) };
}

export type SubscriberLookup = NonNullable<Awaited<ReturnType<typeof lookUpSubscriber>>>;
