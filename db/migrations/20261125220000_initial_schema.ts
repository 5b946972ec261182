import { sql, type Kysely } from 'kysely';

// Migrations are frozen in time: they take Kysely<any> and raw SQL, never the app's current types.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE subscribers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL,
      name text,
      time_zone text NOT NULL DEFAULT 'UTC',
      digest_weekday smallint NOT NULL DEFAULT 1 CHECK (digest_weekday BETWEEN 1 AND 7),
      digest_hour smallint NOT NULL DEFAULT 8 CHECK (digest_hour BETWEEN 0 AND 23),
      review_size smallint NOT NULL DEFAULT 5 CHECK (review_size BETWEEN 1 AND 50),
      status text NOT NULL DEFAULT 'active'
        CONSTRAINT subscribers_status_check CHECK (status IN ('pending', 'active', 'paused', 'unsubscribed')),
      confirmed_at timestamptz,
      paused_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX subscribers_email_key ON subscribers (lower(email));

    CREATE TABLE strategy_answers (
      id bigserial PRIMARY KEY,
      subscriber_id uuid NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
      purposes text[] NOT NULL DEFAULT '{}',
      gain text,
      targets jsonb NOT NULL DEFAULT '[]',
      profile_confidence text CHECK (profile_confidence IN ('yes', 'partly', 'no')),
      numbers_focus boolean,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX strategy_answers_latest ON strategy_answers (subscriber_id, id DESC);

    CREATE TABLE exports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      subscriber_id uuid NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
      sha256 text NOT NULL,
      file_name text NOT NULL,
      byte_size bigint NOT NULL,
      source text NOT NULL CHECK (source IN ('cli', 'web', 'email')),
      status text NOT NULL DEFAULT 'pending'
        CONSTRAINT exports_status_check CHECK (status IN ('pending', 'importing', 'imported', 'failed')),
      error_code text,
      error_message text,
      summary jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz
    );
    -- The same file twice imports once; a failed attempt does not block a retry.
    CREATE UNIQUE INDEX exports_once_per_file ON exports (subscriber_id, sha256) WHERE status <> 'failed';
    CREATE INDEX exports_by_subscriber ON exports (subscriber_id, created_at DESC);

    -- The raw upload, kept in Postgres (so any worker can import it) only until it is parsed.
    CREATE TABLE export_chunks (
      export_id uuid NOT NULL REFERENCES exports (id) ON DELETE CASCADE,
      seq integer NOT NULL,
      data bytea NOT NULL,
      PRIMARY KEY (export_id, seq)
    );

    CREATE TABLE connections (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      subscriber_id uuid NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
      -- The normalised profile URL, or 'name:<first> <last>' for eras without URLs.
      match_key text NOT NULL,
      profile_url text,
      first_name text NOT NULL,
      last_name text NOT NULL,
      email text,
      company text NOT NULL DEFAULT '',
      position text NOT NULL DEFAULT '',
      connected_on date,
      connected_on_raw text NOT NULL DEFAULT '',
      -- Informational, without foreign keys: an import writes up to 30,000 rows at once and a
      -- key check per row and column would triple its cost; the subscriber key still cascades.
      first_export_id uuid,
      last_export_id uuid,
      removed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT connections_subscriber_key UNIQUE (subscriber_id, match_key)
    );

    CREATE TABLE evidence (
      connection_id uuid PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
      -- Repeated from connections so one subscriber's evidence is read (and replaced) by index,
      -- not by joining through every subscriber's rows.
      subscriber_id uuid NOT NULL,
      messages_in integer NOT NULL DEFAULT 0,
      messages_out integer NOT NULL DEFAULT 0,
      two_way_threads integer NOT NULL DEFAULT 0,
      last_message_at timestamptz,
      invitation_direction text CHECK (invitation_direction IN ('incoming', 'outgoing')),
      invitation_note text,
      invitation_sent_at timestamptz,
      recommendations_received integer NOT NULL DEFAULT 0,
      recommendations_given integer NOT NULL DEFAULT 0,
      recommendation_match text CHECK (recommendation_match IN ('url', 'name')),
      endorsements_received integer NOT NULL DEFAULT 0,
      endorsements_given integer NOT NULL DEFAULT 0,
      shared_employer text
    );
    CREATE INDEX evidence_by_subscriber ON evidence (subscriber_id);

    CREATE TABLE connection_changes (
      id bigserial PRIMARY KEY,
      subscriber_id uuid NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
      export_id uuid NOT NULL REFERENCES exports (id) ON DELETE CASCADE,
      connection_id uuid NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('new', 'removed', 'job_change')),
      previous_company text,
      previous_position text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX connection_changes_by_export ON connection_changes (export_id);

    CREATE TABLE ties (
      connection_id uuid PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
      subscriber_id uuid NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
      tie text NOT NULL CHECK (tie IN ('unknown', 'known', 'close')),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX ties_by_subscriber ON ties (subscriber_id);

    CREATE TABLE digests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      subscriber_id uuid NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
      iso_week text NOT NULL CHECK (iso_week ~ '^[0-9]{4}-W[0-9]{2}$'),
      status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'built', 'sent', 'failed', 'skipped')),
      subject text,
      analysis jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      built_at timestamptz,
      CONSTRAINT digests_once_per_week UNIQUE (subscriber_id, iso_week)
    );

    CREATE TABLE digest_items (
      digest_id uuid NOT NULL REFERENCES digests (id) ON DELETE CASCADE,
      number smallint NOT NULL CHECK (number > 0),
      kind text NOT NULL CHECK (kind IN ('review', 'close', 'intro', 'gap')),
      connection_id uuid REFERENCES connections (id) ON DELETE CASCADE,
      via_connection_id uuid REFERENCES connections (id) ON DELETE CASCADE,
      payload jsonb NOT NULL DEFAULT '{}',
      answer text,
      answered_at timestamptz,
      PRIMARY KEY (digest_id, number)
    );

    -- Every answer is an event; ties holds the latest. Undo is an event too.
    CREATE TABLE tie_events (
      id bigserial PRIMARY KEY,
      subscriber_id uuid NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
      connection_id uuid NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
      digest_id uuid REFERENCES digests (id) ON DELETE SET NULL,
      tie text CHECK (tie IN ('unknown', 'known', 'close', 'skip')),
      previous_tie text,
      source text NOT NULL CHECK (source IN ('web', 'reply', 'cli', 'undo')),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX tie_events_by_connection ON tie_events (connection_id, id DESC);

    -- Only a hash of each token is stored: a database dump is not a set of working links.
    CREATE TABLE action_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash bytea NOT NULL UNIQUE,
      subscriber_id uuid NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
      digest_id uuid REFERENCES digests (id) ON DELETE CASCADE,
      scope text NOT NULL CHECK (scope IN ('digest', 'reply', 'unsubscribe', 'upload', 'confirm')),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX action_tokens_by_subscriber ON action_tokens (subscriber_id);

    CREATE TABLE inbound_messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      message_id text,
      via text NOT NULL CHECK (via IN ('mx', 'webhook', 'dev')),
      envelope_from text,
      envelope_to text[] NOT NULL DEFAULT '{}',
      raw bytea NOT NULL,
      status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'processed', 'ignored', 'failed')),
      subscriber_id uuid REFERENCES subscribers (id) ON DELETE CASCADE,
      result jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      processed_at timestamptz
    );
    CREATE UNIQUE INDEX inbound_messages_once ON inbound_messages (message_id) WHERE message_id IS NOT NULL;

    -- One row per email Rapport sends; Postgres, not Redis, says what is still to be sent.
    CREATE TABLE outbox (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      subscriber_id uuid NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('digest', 'confirm', 'upload_link', 'import_result', 'receipt', 'reminder')),
      dedup_key text NOT NULL UNIQUE,
      digest_id uuid UNIQUE REFERENCES digests (id) ON DELETE CASCADE,
      recipient text NOT NULL,
      subject text NOT NULL,
      html text NOT NULL,
      text text NOT NULL,
      headers jsonb NOT NULL DEFAULT '{}',
      message_id text NOT NULL UNIQUE,
      status text NOT NULL DEFAULT 'pending'
        CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'suppressed')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      delivered_to text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    );
    CREATE INDEX outbox_unsent ON outbox (status, updated_at) WHERE status IN ('pending', 'sending');

    CREATE TABLE suppressions (
      email text PRIMARY KEY CHECK (email = lower(email)),
      reason text NOT NULL CHECK (reason IN ('bounce', 'complaint', 'unsubscribe', 'manual')),
      detail text,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE intro_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      subscriber_id uuid NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
      digest_id uuid NOT NULL REFERENCES digests (id) ON DELETE CASCADE,
      item_number smallint NOT NULL,
      via_connection_id uuid NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
      target_connection_id uuid REFERENCES connections (id) ON DELETE CASCADE,
      target_label text NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT intro_requests_once UNIQUE (digest_id, item_number)
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE intro_requests, suppressions, outbox, inbound_messages, action_tokens, tie_events,
      digest_items, digests, ties, connection_changes, evidence, connections, export_chunks, exports, strategy_answers,
      subscribers;
  `.execute(db);
}
