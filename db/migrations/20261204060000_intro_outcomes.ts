import { sql, type Kysely } from 'kysely';

/*
 * Introductions reach an outcome (issue 17): a drafted request can be marked sent, later digests ask
 * what came of it (a 'followup' item, one week and three weeks after), and every change is an event.
 * The CHECKs list the words of the contracts in domain/digest-items (item-kinds.ts, answers.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE digest_items DROP CONSTRAINT digest_items_kind_check;
    ALTER TABLE digest_items ADD CONSTRAINT digest_items_kind_check
      CHECK (kind IN ('review', 'close', 'intro', 'gap', 'followup'));
    ALTER TABLE digest_items DROP CONSTRAINT digest_items_answer_known;
    ALTER TABLE digest_items ADD CONSTRAINT digest_items_answer_known
      CHECK (answer IS NULL OR answer IN ('known', 'close', 'unknown', 'intro', 'skip', 'introduced', 'waiting', 'declined', 'unneeded'));

    ALTER TABLE intro_requests
      ADD COLUMN sent_at timestamptz,
      ADD COLUMN outcome text CHECK (outcome IN ('introduced', 'waiting', 'declined', 'unneeded')),
      ADD COLUMN outcome_at timestamptz,
      -- Which follow-ups were asked, by the digest that asked them: the one-week and the three-week one.
      -- (A digest, not a flag: a digest rebuilt or previewed reads the request as it was before it.)
      ADD COLUMN followup_1_digest_id uuid REFERENCES digests (id) ON DELETE SET NULL,
      ADD COLUMN followup_2_digest_id uuid REFERENCES digests (id) ON DELETE SET NULL;
    -- The digest build reads a subscriber's open requests and the introductions they made.
    CREATE INDEX intro_requests_by_subscriber ON intro_requests (subscriber_id);

    -- Every change of a request (sent, each outcome, an undo) is an event; intro_requests holds the latest.
    CREATE TABLE intro_events (
      id bigserial PRIMARY KEY,
      subscriber_id uuid NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
      intro_request_id uuid NOT NULL REFERENCES intro_requests (id) ON DELETE CASCADE,
      digest_id uuid REFERENCES digests (id) ON DELETE SET NULL,
      event text NOT NULL CHECK (event IN ('sent', 'outcome')),
      outcome text CHECK (outcome IN ('introduced', 'waiting', 'declined', 'unneeded')),
      previous_outcome text,
      previous_outcome_at timestamptz,
      source text NOT NULL CHECK (source IN ('web', 'reply', 'undo')),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX intro_events_by_request ON intro_events (intro_request_id, id);
    CREATE INDEX intro_events_by_subscriber ON intro_events (subscriber_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE intro_events;
    DROP INDEX intro_requests_by_subscriber;
    ALTER TABLE intro_requests DROP COLUMN sent_at, DROP COLUMN outcome, DROP COLUMN outcome_at,
      DROP COLUMN followup_1_digest_id, DROP COLUMN followup_2_digest_id;
    ALTER TABLE digest_items DROP CONSTRAINT digest_items_answer_known;
    ALTER TABLE digest_items ADD CONSTRAINT digest_items_answer_known
      CHECK (answer IS NULL OR answer IN ('known', 'close', 'unknown', 'intro', 'skip'));
    ALTER TABLE digest_items DROP CONSTRAINT digest_items_kind_check;
    ALTER TABLE digest_items ADD CONSTRAINT digest_items_kind_check CHECK (kind IN ('review', 'close', 'intro', 'gap'));
  `.execute(db);
}
