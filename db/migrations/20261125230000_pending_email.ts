import { sql, type Kysely } from 'kysely';

// A new address waits here until a link sent to it is confirmed; digests keep going to `email` until then.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE subscribers ADD COLUMN pending_email text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE subscribers DROP COLUMN pending_email`.execute(db);
}
