/** Every number the coaching rules depend on, named in one place so a rule change is one edit. */

export const DAY_MS = 86_400_000;

/** The questionnaire's default review size, and the bounds the subscribers table enforces. */
export const DEFAULT_REVIEW_SIZE = 5;
export const MAX_REVIEW_SIZE = 50;

/** Connections made this recently are easy to place, and the likeliest to be strangers' invitations. */
export const RECENT_CONNECTION_DAYS = 90;

/** A review item the subscriber skipped comes back after this long. */
export const SKIPPED_RETURN_DAYS = 28;
/** A review item shown but left unanswered rests this long, so one ignored email does not pin the list. */
export const SHOWN_RETURN_DAYS = 14;
/**
 * At most this many "do you know them well?" items are held back for strong-evidence connections
 * while "do you know them?" questions remain: answers of 'close' are what open introduction paths.
 */
export const CLOSE_QUESTIONS_RESERVED = 1;

/** A digest stays short: this many introductions, gaps and congratulations at most. */
export const MAX_INTRODUCTIONS = 3;
export const MAX_GAPS = 3;
/** The same person is not proposed as an introducer again within this many days. */
export const INTRO_REPEAT_DAYS = 28;

/** An export older than this misses too many new connections and job changes. */
export const STALE_EXPORT_DAYS = 60;

/** "High share of unknown": at least this share of reviewed connections, once enough are reviewed. */
export const HIGH_UNKNOWN_SHARE = 0.4;
export const HIGH_UNKNOWN_MIN_REVIEWED = 20;

/** "Large backlog": this many unreviewed, or this share of the network once it is not tiny. */
export const BACKLOG_MIN_UNREVIEWED = 200;
export const BACKLOG_SHARE = 0.8;
export const BACKLOG_SHARE_MIN_UNREVIEWED = 20;

/** "Many recent invitations accepted without a note and never followed by a message". */
export const INCOMING_WITHOUT_NOTE_MIN = 10;
export const INCOMING_WITHOUT_NOTE_DAYS = 90;

/** A coaching tip is not repeated to the same subscriber within this many days. */
export const TIP_REPEAT_DAYS = 56;
