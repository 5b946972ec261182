import { sql, type Kysely } from 'kysely';

/*
 * Signed-in browser sessions, so that a forwarded digest no longer opens the whole account:
 * - account_sessions: one row per signed-in browser. Only a SHA-256 of the cookie's random value is
 *   stored, so a database dump signs nobody in. expires_at bounds a session's life; last_seen_at
 *   ends one left idle (see services/account/sessions.ts).
 * - email_changes: each confirmed change of address, with the old address, so a link mailed to the
 *   old address can put it back. Deleted with the subscriber (erasure cascades).
 * - two new token scopes ('sign_in', 'revert') and the two emails that carry them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE account_sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash bytea NOT NULL UNIQUE,
      subscriber_id uuid NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz
    );
    CREATE INDEX account_sessions_by_subscriber ON account_sessions (subscriber_id) WHERE revoked_at IS NULL;

    CREATE TABLE email_changes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      subscriber_id uuid NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
      old_email text NOT NULL,
      new_email text NOT NULL,
      revert_token_id uuid NOT NULL UNIQUE REFERENCES action_tokens (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      reverted_at timestamptz
    );
    CREATE INDEX email_changes_by_subscriber ON email_changes (subscriber_id);

    ALTER TABLE action_tokens DROP CONSTRAINT action_tokens_scope_check;
    ALTER TABLE action_tokens ADD CONSTRAINT action_tokens_scope_check
      CHECK (scope IN ('digest', 'reply', 'unsubscribe', 'upload', 'confirm', 'sign_in', 'revert'));
    ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
    ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check
      CHECK (kind IN ('digest', 'confirm', 'upload_link', 'import_result', 'receipt', 'reminder', 'sign_in', 'address_changed'));
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DELETE FROM outbox WHERE kind IN ('sign_in', 'address_changed');
    ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
    ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check
      CHECK (kind IN ('digest', 'confirm', 'upload_link', 'import_result', 'receipt', 'reminder'));
    DROP TABLE email_changes, account_sessions;
    DELETE FROM action_tokens WHERE scope IN ('sign_in', 'revert');
    ALTER TABLE action_tokens DROP CONSTRAINT action_tokens_scope_check;
    ALTER TABLE action_tokens ADD CONSTRAINT action_tokens_scope_check
      CHECK (scope IN ('digest', 'reply', 'unsubscribe', 'upload', 'confirm'));
  `.execute(db);
}
