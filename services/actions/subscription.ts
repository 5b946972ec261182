import type { Db } from '../../db/client.ts';

/** Effective at once and idempotent: a second unsubscribe changes nothing and is not an error. */
export async function unsubscribe(db: Db, subscriberId: string): Promise<boolean> {
  const result = await db
    .updateTable('subscribers')
    .set({ status: 'unsubscribed', updated_at: new Date() })
    .where('id', '=', subscriberId)
    .where('status', '<>', 'unsubscribed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
