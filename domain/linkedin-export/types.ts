/**
 * The contract between the export parser (pure, no database) and its callers (importer, inspect CLI).
 * Dates are ISO strings: 'YYYY-MM-DD' for date-only values, full ISO 8601 in UTC for timestamps.
 */

export type FileKind =
  | 'connections'
  | 'messages'
  | 'invitations'
  | 'recommendations_received'
  | 'recommendations_given'
  | 'endorsements_received'
  | 'endorsements_given'
  | 'positions'
  | 'profile';

export interface ExportLimits {
  /** Largest upload accepted, in bytes (zip or CSV as uploaded). */
  maxUploadBytes: number;
  /** Most entries a zip may list. */
  maxEntries: number;
  /** Most bytes all used entries may inflate to, counted while inflating (declared sizes lie). */
  maxUncompressedBytes: number;
  /** Highest inflated/compressed ratio of any entry (zip bombs). */
  maxCompressionRatio: number;
  /** Longest single CSV field/record, in bytes (an unmatched quote reads the rest of the file). */
  maxFieldBytes: number;
  /**
   * Most data rows one file of each kind may hold (blank rows aside). Bytes alone do not bound the
   * work: 800 MB of short rows is 36 million people. Kinds not given keep their default.
   */
  maxRows: Partial<Record<FileKind, number>>;
  /**
   * Most people, conversations and conversation members the parser keeps track of across the whole
   * upload: the one bound on the memory its per-row structures can take, whatever the files say.
   */
  maxTrackedEntries: number;
}

/**
 * Per-kind row limits, each far above what LinkedIn produces: it caps a member at 30,000
 * connections; message, invitation and endorsement files of heavy users run to tens of thousands.
 */
export const defaultRowLimits: Record<FileKind, number> = {
  connections: 100_000,
  messages: 1_000_000,
  invitations: 100_000,
  recommendations_received: 10_000,
  recommendations_given: 10_000,
  endorsements_received: 200_000,
  endorsements_given: 200_000,
  positions: 1_000,
  profile: 100,
};

export const defaultExportLimits: ExportLimits = {
  maxUploadBytes: 200 * 1024 * 1024,
  maxEntries: 10_000,
  maxUncompressedBytes: 1024 * 1024 * 1024,
  maxCompressionRatio: 100,
  maxFieldBytes: 16 * 1024 * 1024,
  maxRows: defaultRowLimits,
  maxTrackedEntries: 1_000_000,
};

/** The limits in force: `overrides` on top of the defaults, row limits merged kind by kind. */
export function resolveLimits(overrides: Partial<ExportLimits> = {}): ExportLimits {
  return { ...defaultExportLimits, ...overrides, maxRows: { ...defaultRowLimits, ...overrides.maxRows } };
}

export type ExportErrorCode =
  | 'too_large'
  | 'too_many_entries'
  | 'uncompressed_too_large'
  | 'compression_ratio'
  | 'unsafe_path'
  | 'encrypted'
  | 'not_zip_or_csv'
  | 'no_header'
  | 'not_person_messages'
  | 'field_too_large'
  | 'too_many_rows'
  | 'too_much_data'
  | 'no_usable_files'
  | 'no_connections'
  | 'corrupt_zip';

/** A failure the subscriber can act on; `message` is written for them, not for developers. */
export class ExportError extends Error {
  constructor(
    readonly code: ExportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

export interface FileSummary {
  /** Path inside the zip, or the uploaded file name. */
  name: string;
  kind: FileKind;
  /**
   * e.g. 'connections-2018', 'connections-2022', 'connections-2024', 'messages-2026', 'endorsements-utf16';
   * 'unrecognised' for a zip entry named like an export file whose header Rapport does not know (not read).
   */
  era: string;
  rows: number;
  rejected: number;
  /** Rows kept whose date no pattern could read (they are stored undated): told, never silent. */
  unreadableDates: number;
  dateRange: { from: string | null; to: string | null };
}

export interface RejectedRow {
  file: string;
  /** 1-based record number in the file, header excluded. */
  record: number;
  reason: string;
}

export interface ConnectionRecord {
  /** Normalised 'linkedin.com/in/<slug>' or null when the era has no URL column. */
  profileKey: string | null;
  profileUrl: string | null;
  firstName: string;
  lastName: string;
  /** A valid email address or null (urn:li:member:… and junk are dropped). */
  email: string | null;
  company: string;
  position: string;
  connectedOn: string | null;
  /** The value as it stood in the file, kept when it does not parse. */
  connectedOnRaw: string;
}

export interface Evidence {
  messagesIn: number;
  messagesOut: number;
  /** Conversations with at least one message each way between the owner and this person. */
  twoWayThreads: number;
  lastMessageAt: string | null;
  invitationDirection: 'incoming' | 'outgoing' | null;
  invitationNote: string | null;
  invitationSentAt: string | null;
  recommendationsReceived: number;
  recommendationsGiven: number;
  /** 'name' when recommendations were joined by name only (weaker). */
  recommendationMatch: 'url' | 'name' | null;
  endorsementsReceived: number;
  endorsementsGiven: number;
  /** The owner's employer (from Positions) that is also this connection's current company. */
  sharedEmployer: string | null;
}

export interface OwnerProfile {
  profileKey: string | null;
  firstName: string;
  lastName: string;
  headline: string;
  summary: string;
  industry: string;
}

export interface Position {
  company: string;
  title: string;
  startedOn: string | null;
  finishedOn: string | null;
}

export interface ParsedExport {
  format: 'zip' | 'csv';
  files: FileSummary[];
  /** The first rejected rows with reasons (capped); `files[].rejected` holds the full counts. */
  rejected: RejectedRow[];
  /** Connections with a name or a URL, deduplicated by profileKey (last row wins). */
  connections: ConnectionRecord[];
  /** Rows with neither name nor URL (deactivated or hidden members): counted, not stored. */
  anonymousConnections: number;
  /** Keyed by ConnectionRecord.profileKey, or by `name:<first> <last>` (lowercased) for URL-less eras. */
  evidence: Map<string, Evidence>;
  owner: OwnerProfile | null;
  positions: Position[];
  /** Earliest and latest dates seen in any file. */
  dateRange: { from: string | null; to: string | null };
}
