import { sql } from 'kysely';
import type { DbOrTx } from '../client.ts';

/** What the web process reports about the database: that it answers (/healthz) and the outbox by status (/metrics). */

/** Resolves when Postgres answers a trivial query; rejects when it does not. */
export async function pingDatabase(db: DbOrTx): Promise<void> {
  await sql`SELECT 1`.execute(db);
}

export function countOutboxByStatus(db: DbOrTx) {
  return db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
}
