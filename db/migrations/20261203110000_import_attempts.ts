import { sql, type Kysely } from 'kysely';

/*
 * How many times an import of this upload has started. Counted in Postgres, not only in Redis,
 * so that an upload which kills its worker cannot be retried forever: not by BullMQ's stalled
 * checker, not by the sweeper re-enqueueing a row still marked 'importing', not after Redis
 * lost its job history.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE exports ADD COLUMN import_attempts integer NOT NULL DEFAULT 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE exports DROP COLUMN import_attempts`.execute(db);
}
