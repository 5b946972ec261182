import { sql, type Kysely } from 'kysely';
import { DEV_SUPPRESSION_SECRET, parseConfig } from '../../runtime/config.ts';

/**
 * Suppressions keep a keyed hash (HMAC-SHA256 under SUPPRESSION_SECRET) of the address instead of
 * the address: the list must outlive an erasure (or the erased person would be mailed again if
 * someone signed them up), but it must not keep their address in clear. pgcrypto's hmac() lets the
 * digest planner test "is this subscriber suppressed" in the same query, as before.
 *
 * The secret comes from the environment the migration runs in, which must be the application's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Hashing is irreversible: under the public development key it could never be redone with the
  // real one. Checked before anything else reads the configuration, so this is the message shown.
  // (Results are unchanged wherever this migration already ran.)
  const configured = process.env.SUPPRESSION_SECRET;
  if (process.env.NODE_ENV === 'production' && (!configured || configured === DEV_SUPPRESSION_SECRET)) {
    throw new Error('SUPPRESSION_SECRET must be set to your own key before this migration hashes the suppression list in production');
  }
  const secret = parseConfig(process.env).suppressionSecret;
  await sql`CREATE EXTENSION IF NOT EXISTS pgcrypto`.execute(db);
  await sql`ALTER TABLE suppressions ADD COLUMN email_hash bytea`.execute(db);
  await sql`UPDATE suppressions SET email_hash = hmac(lower(email), ${secret}, 'sha256')`.execute(db);
  // Two spellings of one address collapse into one row; the oldest reason stays.
  await sql`
    DELETE FROM suppressions a USING suppressions b
    WHERE a.email_hash = b.email_hash AND (a.created_at, a.email) > (b.created_at, b.email)
  `.execute(db);
  await sql`ALTER TABLE suppressions DROP CONSTRAINT suppressions_pkey`.execute(db);
  await sql`ALTER TABLE suppressions DROP COLUMN email`.execute(db);
  await sql`ALTER TABLE suppressions ALTER COLUMN email_hash SET NOT NULL`.execute(db);
  await sql`ALTER TABLE suppressions ADD PRIMARY KEY (email_hash)`.execute(db);
}

/** The addresses cannot come back from their hashes: going down empties the list. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM suppressions`.execute(db);
  await sql`ALTER TABLE suppressions DROP CONSTRAINT suppressions_pkey`.execute(db);
  await sql`ALTER TABLE suppressions DROP COLUMN email_hash`.execute(db);
  await sql`ALTER TABLE suppressions ADD COLUMN email text PRIMARY KEY CHECK (email = lower(email))`.execute(db);
}
