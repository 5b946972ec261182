import { sql, type Kysely } from 'kysely';
import { parseConfig } from '../../runtime/config.ts';
import { suppressionKeyFingerprint } from '../../services/mail/suppression-key.ts';

/*
 * Records which SUPPRESSION_SECRET the suppression list is hashed under (a fingerprint, never the
 * key), so that a process configured with another key refuses to start instead of mailing
 * suppressed addresses (services/mail/suppression-key.ts). The key is the one in the environment
 * this migration runs in, as for 20261203100000_suppression_hashes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const secret = parseConfig(process.env).suppressionSecret;
  await sql`
    CREATE TABLE suppression_key (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      fingerprint bytea NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`INSERT INTO suppression_key (fingerprint) VALUES (${suppressionKeyFingerprint(secret)})`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE suppression_key`.execute(db);
}
