import { sql, type Kysely } from 'kysely';

/**
 * Who really sent an inbound message, decided on arrival (services/inbound/sender-check.ts) and
 * stored with the raw message: only the mx knows the client address, HELO and envelope, so
 * processing later cannot decide it. Rows from before this migration were never checked.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE inbound_messages
      ADD COLUMN sender_verdict text NOT NULL DEFAULT 'unverified'
        CONSTRAINT inbound_messages_sender_verdict_check CHECK (sender_verdict IN ('pass', 'fail', 'local', 'unverified')),
      ADD COLUMN sender_check jsonb
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE inbound_messages DROP COLUMN sender_verdict, DROP COLUMN sender_check`.execute(db);
}
