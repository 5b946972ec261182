import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { DigestItemKind, IntroOutcome, ItemAnswer, ItemPayload } from '../domain/digest-items/index.ts';

/** The database as the application sees it; migrations in db/migrations are the source of truth. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string | undefined, string>;
type DateOnly = ColumnType<string | null, string | null | undefined, string | null>;

export type SubscriberStatus = 'pending' | 'active' | 'paused' | 'unsubscribed';
export type ExportStatus = 'pending' | 'importing' | 'imported' | 'failed';
export type TieValue = 'unknown' | 'known' | 'close';
export type TokenScope = 'digest' | 'reply' | 'unsubscribe' | 'upload' | 'confirm' | 'sign_in' | 'revert';
export type OutboxKind = 'digest' | 'confirm' | 'upload_link' | 'import_result' | 'receipt' | 'reminder' | 'sign_in' | 'address_changed';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'suppressed';

export interface SubscribersTable {
  id: Generated<string>;
  email: string;
  /** A new address asked for and not yet confirmed from that address. */
  pending_email: ColumnType<string | null, string | null | undefined, string | null>;
  name: string | null;
  time_zone: Generated<string>;
  digest_weekday: Generated<number>;
  digest_hour: Generated<number>;
  review_size: Generated<number>;
  status: Generated<SubscriberStatus>;
  confirmed_at: NullableTimestamp;
  paused_until: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StrategyAnswersTable {
  id: Generated<string>;
  subscriber_id: string;
  purposes: ColumnType<string[], string[] | undefined, string[]>;
  gain: string | null;
  targets: Json<Array<{ kind: string; value: string }>>;
  profile_confidence: 'yes' | 'partly' | 'no' | null;
  numbers_focus: boolean | null;
  created_at: Generated<Date>;
}

export interface ExportsTable {
  id: Generated<string>;
  subscriber_id: string;
  sha256: string;
  file_name: string;
  byte_size: ColumnType<string, number, number>;
  source: 'cli' | 'web' | 'email';
  status: Generated<ExportStatus>;
  error_code: string | null;
  error_message: string | null;
  summary: Json<ImportSummary> | null;
  created_at: Generated<Date>;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  /** Import attempts started (the worker counts them; see services/import/attempts.ts). */
  import_attempts: Generated<number>;
}

/** What an import recorded on its exports row; also what the import-finished email reports. */
export interface ImportSummary {
  connections: number;
  anonymousConnections: number;
  newConnections: number;
  removedConnections: number;
  jobChanges: number;
  rejectedRows: number;
  /** Rows kept undated because their date could not be read (absent on imports before it was counted). */
  unreadableDates?: number;
  files: Array<{ name: string; kind: string; era: string; rows: number; rejected: number; unreadableDates?: number }>;
  dateRange: { from: string | null; to: string | null };
  /** Whether the owner's Profile.csv had these filled in (the coaching asks about an empty profile). */
  profile: { hasHeadline: boolean; hasSummary: boolean } | null;
}

export interface ExportChunksTable {
  export_id: string;
  seq: number;
  data: Buffer;
}

export interface ConnectionsTable {
  id: Generated<string>;
  subscriber_id: string;
  match_key: string;
  profile_url: string | null;
  first_name: string;
  last_name: string;
  email: string | null;
  company: Generated<string>;
  position: Generated<string>;
  connected_on: DateOnly;
  connected_on_raw: Generated<string>;
  first_export_id: string | null;
  removed_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface EvidenceTable {
  connection_id: string;
  subscriber_id: string;
  messages_in: Generated<number>;
  messages_out: Generated<number>;
  two_way_threads: Generated<number>;
  last_message_at: NullableTimestamp;
  invitation_direction: 'incoming' | 'outgoing' | null;
  invitation_note: string | null;
  invitation_sent_at: NullableTimestamp;
  recommendations_received: Generated<number>;
  recommendations_given: Generated<number>;
  recommendation_match: 'url' | 'name' | null;
  endorsements_received: Generated<number>;
  endorsements_given: Generated<number>;
  shared_employer: string | null;
}

export interface ConnectionChangesTable {
  id: Generated<string>;
  subscriber_id: string;
  export_id: string;
  connection_id: string;
  kind: 'new' | 'removed' | 'job_change';
  previous_company: string | null;
  previous_position: string | null;
  created_at: Generated<Date>;
}

export interface TiesTable {
  connection_id: string;
  subscriber_id: string;
  tie: TieValue;
  updated_at: Generated<Date>;
}

export interface TieEventsTable {
  id: Generated<string>;
  subscriber_id: string;
  connection_id: string;
  digest_id: string | null;
  tie: TieValue | 'skip' | null;
  previous_tie: string | null;
  source: 'web' | 'reply' | 'cli' | 'undo';
  /** The digest item the answer came through; null for answers by person. */
  item_number: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Generated<Date>;
}

/** The answers one form post or one reply gave together: what a receipt's undo takes back. */
export interface AnswerBatchesTable {
  id: Generated<string>;
  subscriber_id: string;
  digest_id: string;
  source: 'web' | 'reply';
  undone_at: NullableTimestamp;
  created_at: Generated<Date>;
}

/** One answer that changed an item, with what it replaced, so undo restores exactly that. */
export interface AnswerEventsTable {
  id: Generated<string>;
  batch_id: string;
  subscriber_id: string;
  digest_id: string;
  item_number: number;
  connection_id: string | null;
  answer: string;
  previous_answer: string | null;
  previous_tie: string | null;
  undone_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface DigestsTable {
  id: Generated<string>;
  subscriber_id: string;
  iso_week: string;
  status: Generated<'planned' | 'built' | 'sent' | 'failed' | 'skipped'>;
  subject: string | null;
  analysis: Json<unknown> | null;
  created_at: Generated<Date>;
  built_at: NullableTimestamp;
}

export interface DigestItemsTable {
  digest_id: string;
  number: number;
  kind: DigestItemKind;
  connection_id: string | null;
  via_connection_id: string | null;
  /** Its shape depends on kind: read it back through readItemContent (domain/digest-items). */
  payload: Json<ItemPayload>;
  answer: ItemAnswer | null;
  answered_at: NullableTimestamp;
}

export interface ActionTokensTable {
  id: Generated<string>;
  token_hash: Buffer;
  subscriber_id: string;
  digest_id: string | null;
  scope: TokenScope;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  used_at: NullableTimestamp;
  /** A receipt's reply address: the reply it reports, which an "undo" sent back reverts. */
  answer_batch_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
}

export interface InboundMessagesTable {
  id: Generated<string>;
  message_id: string | null;
  via: 'mx' | 'webhook' | 'dev';
  envelope_from: string | null;
  envelope_to: ColumnType<string[], string[] | undefined, string[]>;
  raw: Buffer;
  /** Decided on arrival (services/inbound/sender-check.ts); processing only reads it. */
  sender_verdict: ColumnType<'pass' | 'fail' | 'local' | 'unverified', 'pass' | 'fail' | 'local' | 'unverified' | undefined, 'pass' | 'fail' | 'local' | 'unverified'>;
  sender_check: Json<unknown> | null;
  status: Generated<'received' | 'processed' | 'ignored' | 'failed'>;
  subscriber_id: string | null;
  result: Json<unknown> | null;
  created_at: Generated<Date>;
  processed_at: NullableTimestamp;
}

export interface OutboxTable {
  id: Generated<string>;
  subscriber_id: string;
  kind: OutboxKind;
  dedup_key: string;
  digest_id: string | null;
  recipient: string;
  subject: string;
  html: string;
  text: string;
  headers: Json<Record<string, string>>;
  message_id: string;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  delivered_to: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  sent_at: NullableTimestamp;
  /** Sent from its signed bounce address (VERP): only that address, not the Message-ID, proves a bounce of it. */
  sent_with_bounce_address: Generated<boolean>;
}

/** One row: the fingerprint of the SUPPRESSION_SECRET the list is hashed under (services/mail/suppression-key.ts). */
export interface SuppressionKeyTable {
  id: Generated<boolean>;
  fingerprint: Buffer;
  recorded_at: Generated<Date>;
}

export interface SuppressionsTable {
  /** HMAC-SHA256 of the lower-cased address under SUPPRESSION_SECRET (services/mail/suppressions.ts). */
  email_hash: Buffer;
  reason: 'bounce' | 'complaint' | 'unsubscribe' | 'manual';
  detail: string | null;
  created_at: Generated<Date>;
}

export interface IntroRequestsTable {
  id: Generated<string>;
  subscriber_id: string;
  digest_id: string;
  item_number: number;
  via_connection_id: string;
  target_connection_id: string | null;
  target_label: string;
  subject: string;
  body: string;
  created_at: Generated<Date>;
  /** When the subscriber said they sent it ("I sent it"); the follow-ups count from then. */
  sent_at: NullableTimestamp;
  /** The latest answer to a follow-up; intro_events holds every one. */
  outcome: ColumnType<IntroOutcome | null, IntroOutcome | null | undefined, IntroOutcome | null>;
  outcome_at: NullableTimestamp;
  /** The digests that asked the one-week and the three-week follow-up; null until asked. */
  followup_1_digest_id: ColumnType<string | null, string | null | undefined, string | null>;
  followup_2_digest_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One change of an intro request: marked sent, or an outcome given (or restored by an undo). */
export interface IntroEventsTable {
  id: Generated<string>;
  subscriber_id: string;
  intro_request_id: string;
  digest_id: string | null;
  event: 'sent' | 'outcome';
  outcome: IntroOutcome | null;
  previous_outcome: IntroOutcome | null;
  previous_outcome_at: NullableTimestamp;
  source: 'web' | 'reply' | 'undo';
  created_at: Generated<Date>;
}

/** A signed-in browser; the cookie holds the random value whose SHA-256 is token_hash. */
export interface AccountSessionsTable {
  id: Generated<string>;
  token_hash: Buffer;
  subscriber_id: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

/** A confirmed change of address, kept so the old address can put it back with its revert link. */
export interface EmailChangesTable {
  id: Generated<string>;
  subscriber_id: string;
  old_email: string;
  new_email: string;
  revert_token_id: string;
  created_at: Generated<Date>;
  reverted_at: NullableTimestamp;
  /** Order of the subscriber's changes, numbered by the database (see migration 20261203150000). */
  seq: Generated<number>;
}

export interface DB {
  subscribers: SubscribersTable;
  strategy_answers: StrategyAnswersTable;
  exports: ExportsTable;
  export_chunks: ExportChunksTable;
  connections: ConnectionsTable;
  evidence: EvidenceTable;
  connection_changes: ConnectionChangesTable;
  ties: TiesTable;
  tie_events: TieEventsTable;
  answer_batches: AnswerBatchesTable;
  answer_events: AnswerEventsTable;
  digests: DigestsTable;
  digest_items: DigestItemsTable;
  action_tokens: ActionTokensTable;
  inbound_messages: InboundMessagesTable;
  outbox: OutboxTable;
  suppressions: SuppressionsTable;
  suppression_key: SuppressionKeyTable;
  intro_requests: IntroRequestsTable;
  intro_events: IntroEventsTable;
  account_sessions: AccountSessionsTable;
  email_changes: EmailChangesTable;
}

export type Subscriber = Selectable<SubscribersTable>;
export type NewSubscriber = Insertable<SubscribersTable>;
export type SubscriberUpdate = Updateable<SubscribersTable>;
export type ExportRow = Selectable<ExportsTable>;
export type Connection = Selectable<ConnectionsTable>;
export type Digest = Selectable<DigestsTable>;
export type DigestItemRow = Selectable<DigestItemsTable>;
export type OutboxRow = Selectable<OutboxTable>;
