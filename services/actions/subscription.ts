import type { Db } from '../../db/client.ts';
import { markUnsubscribed } from '../../db/queries/subscribers.ts';

/** Effective at once and idempotent: a second unsubscribe changes nothing and is not an error. */
export async function unsubscribe(db: Db, subscriberId: string): Promise<boolean> {
  return markUnsubscribed(db, subscriberId, new Date());
}
