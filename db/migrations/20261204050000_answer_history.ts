import { sql, type Kysely } from 'kysely';

/*
 * Undo that puts back exactly what an answer replaced. Every answer that changes an item is an
 * answer event recording the item's answer and the person's tie before it; the answers one form
 * post or one reply gave together are one batch, which a receipt's "undo" takes back whole. A tie
 * event names the item it came through, so "answered again since" can tell another answer about the
 * same person from this item's own history. A receipt's reply address may name the batch it reports,
 * so replying "undo" to it reverts that reply and no other.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE answer_batches (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      subscriber_id uuid NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
      digest_id uuid NOT NULL REFERENCES digests (id) ON DELETE CASCADE,
      source text NOT NULL CHECK (source IN ('web', 'reply')),
      undone_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX answer_batches_by_subscriber ON answer_batches (subscriber_id);

    CREATE TABLE answer_events (
      id bigserial PRIMARY KEY,
      batch_id uuid NOT NULL REFERENCES answer_batches (id) ON DELETE CASCADE,
      subscriber_id uuid NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
      digest_id uuid NOT NULL REFERENCES digests (id) ON DELETE CASCADE,
      item_number smallint NOT NULL,
      connection_id uuid REFERENCES connections (id) ON DELETE CASCADE,
      answer text NOT NULL,
      previous_answer text,
      previous_tie text,
      undone_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX answer_events_by_item ON answer_events (digest_id, item_number, id DESC);
    CREATE INDEX answer_events_by_batch ON answer_events (batch_id);

    ALTER TABLE tie_events ADD COLUMN item_number smallint;
    ALTER TABLE action_tokens ADD COLUMN answer_batch_id uuid REFERENCES answer_batches (id) ON DELETE CASCADE;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE action_tokens DROP COLUMN answer_batch_id;
    ALTER TABLE tie_events DROP COLUMN item_number;
    DROP TABLE answer_events, answer_batches;
  `.execute(db);
}
