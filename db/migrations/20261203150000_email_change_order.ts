import { sql, type Kysely } from 'kysely';

/*
 * The order in which a subscriber's address changes happened, assigned by the database. A revert
 * link closes its own change and every later one, and leaves the revert links of earlier changes
 * alive, so "later" must be certain: created_at comes from the clock of whichever web process
 * confirmed the change, and two processes' clocks need not agree. An identity column is numbered
 * when the row is inserted, and changes of one subscriber are inserted one at a time (under the
 * subscriber row's lock, see services/account/confirm-link.ts), so its order is the real one.
 * Rows from before this migration are numbered in created_at order.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE email_changes ADD COLUMN seq bigint;
    UPDATE email_changes SET seq = numbered.n
      FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM email_changes) AS numbered
      WHERE email_changes.id = numbered.id;
    ALTER TABLE email_changes ALTER COLUMN seq SET NOT NULL;
    ALTER TABLE email_changes ALTER COLUMN seq ADD GENERATED ALWAYS AS IDENTITY;
    ALTER TABLE email_changes ADD CONSTRAINT email_changes_seq_unique UNIQUE (seq);
  `.execute(db);
  // Continue numbering after the rows that were there.
  await sql`SELECT setval(pg_get_serial_sequence('email_changes', 'seq'), coalesce((SELECT max(seq) FROM email_changes), 0) + 1, false)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE email_changes DROP COLUMN seq`.execute(db);
}
