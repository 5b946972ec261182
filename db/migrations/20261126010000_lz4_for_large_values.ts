import { sql, type Kysely } from 'kysely';

/*
 * Every digest stores ~50 KB of HTML and text in the outbox, and every reply its raw message.
 * pglz spent ~0.5 ms compressing each digest's HTML; lz4 does it in under 0.1 ms and, on this
 * markup, smaller (5.4 KB against 7.3). A server built without lz4 keeps pglz: nothing else changes.
 */
const columns = [
  ['outbox', 'html'],
  ['outbox', 'text'],
  ['inbound_messages', 'raw'],
  ['digests', 'analysis'],
] as const;

async function setCompression(db: Kysely<any>, method: 'lz4' | 'default'): Promise<void> {
  const statements = columns.map(([table, column]) => `ALTER TABLE ${table} ALTER COLUMN ${column} SET COMPRESSION ${method};`).join('\n');
  await sql
    .raw(
      `DO $$ BEGIN
        ${statements}
      EXCEPTION WHEN feature_not_supported THEN
        RAISE NOTICE 'this server has no lz4: large values stay compressed with pglz';
      END $$`,
    )
    .execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await setCompression(db, 'lz4');
}

export async function down(db: Kysely<any>): Promise<void> {
  await setCompression(db, 'default');
}
