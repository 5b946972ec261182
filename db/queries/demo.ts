import { sql } from 'kysely';
import type { DbOrTx } from '../client.ts';

/** What `rapport demo` does to the database that nothing else does. */

/** Each demo run starts from scratch: the demo subscriber goes, with everything of theirs. */
export async function deleteDemoSubscriber(db: DbOrTx, email: string): Promise<void> {
  await db.deleteFrom('subscribers').where(sql`lower(email)`, '=', email).execute();
}

/**
 * As if the subscriber had answered earlier digests: people they message both ways are people
 * they know (the ten most messaged, close), so the digest can show introductions through them.
 */
export async function seedDemoTies(db: DbOrTx, subscriberId: string): Promise<void> {
  await sql`
      INSERT INTO ties (connection_id, subscriber_id, tie)
      SELECT c.id, c.subscriber_id, CASE WHEN row_number() OVER (ORDER BY ev.two_way_threads DESC, c.id) <= 10 THEN 'close' ELSE 'known' END
      FROM connections c JOIN evidence ev ON ev.connection_id = c.id
      WHERE c.subscriber_id = ${subscriberId} AND ev.two_way_threads > 0`.execute(db);
}
