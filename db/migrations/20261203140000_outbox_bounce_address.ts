import { sql, type Kysely } from 'kysely';

/*
 * Whether a message went out from its own signed bounce address (VERP). A delivery report about
 * such a message must come back to that address; only messages sent before bounce addresses
 * existed may still be proven by their Message-ID, which leaks (a forwarded digest carries it in
 * References). Rows already in the table predate this column and count as sent without one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE outbox ADD COLUMN sent_with_bounce_address boolean NOT NULL DEFAULT false`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE outbox DROP COLUMN sent_with_bounce_address`.execute(db);
}
