import type { Evidence } from '../linkedin-export/types.ts';

/**
 * The contract between the database side (which fills AnalysisInput with at most three queries) and the
 * pure analysis. Dates are ISO strings as the importer writes them: 'YYYY-MM-DD' for dates,
 * full ISO 8601 in UTC for timestamps. The output is plain, JSON-serialisable data.
 */

/** The subscriber's own answer about a connection; null everywhere below means unreviewed. */
export type Tie = 'unknown' | 'known' | 'close';

/** A tie good enough to route a request through. */
export type TrustedTie = Exclude<Tie, 'unknown'>;

export type Purpose = 'job_search' | 'clients' | 'hiring' | 'learning' | 'staying_in_touch' | 'other';

export interface Target {
  kind: 'company' | 'role' | 'industry' | 'keyword';
  value: string;
}

export type ProfileConfidence = 'yes' | 'partly' | 'no';

/** The four strategy questions; null (or an empty list) is an unanswered question. */
export interface StrategyAnswers {
  purposes: Purpose[];
  /** Hoped-for gain, in the subscriber's words. */
  gain: string | null;
  targets: Target[];
  /** "Is your profile professionally sound, and does it communicate strong value?" */
  profileConfidence: ProfileConfidence | null;
  /** "Is growing the number of connections a goal?" */
  numbersFocus: boolean | null;
}

/** What the latest import found about this connection (connection_changes for the latest export). */
export type ConnectionChange =
  | { kind: 'new' }
  | { kind: 'job_change'; previousCompany: string | null; previousPosition: string | null };

export interface ConnectionFacts {
  id: string;
  firstName: string;
  lastName: string;
  company: string;
  position: string;
  connectedOn: string | null;
  /** The profile address from the export, as it came: only ever linked once checked (emails/profile-link.ts). */
  profileUrl: string | null;
  /** null when the export held nothing about this person beyond the connection row. */
  evidence: Evidence | null;
  tie: Tie | null;
  /** When the subscriber last gave or changed the tie; null when unreviewed. */
  tieAt: string | null;
  /** When this person last appeared as a review item in a digest already sent (not the one being built). */
  lastShownAt: string | null;
  /** When the subscriber last answered "skip" for this person. */
  lastSkippedAt: string | null;
  /** When this person was last proposed, in a sent digest, as the one to ask for an introduction. */
  introSuggestedAt: string | null;
  change: ConnectionChange | null;
  /** Employers this person was seen to leave between two uploads, latest first. */
  formerEmployers: ReadonlyArray<{ company: string; leftAt: string }>;
}

export interface AnalysisInput {
  now: Date;
  /** Items in the review section; the questionnaire's default is DEFAULT_REVIEW_SIZE. */
  reviewSize: number;
  /** null when the questionnaire was never answered. */
  strategy: StrategyAnswers | null;
  /** The subscriber's name as they gave it, used to sign intro drafts. */
  subscriberName: string | null;
  /** From the latest import's summary; null when the export had no Profile.csv. */
  profile: { hasHeadline: boolean; hasSummary: boolean } | null;
  /** When the latest successful export was uploaded; null when there is none yet. */
  lastExportAt: string | null;
  /** Current (not removed) connections. */
  connections: ConnectionFacts[];
  /** Connections the latest import found gone. */
  removedSinceLastImport: number;
  /** Tip id → when it was last sent to this subscriber. */
  tipsSentAt: Record<string, string>;
  /** The quality figures of the last digest sent, for the change since then. */
  previousQuality: { knownShare: number; evidenceShare: number } | null;
  /** When the last digest was sent; null before the first. */
  previousDigestAt: string | null;
  /** The counts of past sent digests, oldest first, for the progress chart (not used by the analysis). */
  history: ProgressPoint[];
  /** Introductions asked for (drafted) whose outcome is still open: none or "no answer yet". Absent: none. */
  openIntroRequests?: OpenIntroRequest[];
  /** When each introduction the subscriber made happened (outcome "introduced"). Absent: none. */
  introducedAt?: string[];
}

/** An intro request drafted earlier, not settled yet, with what the follow-ups need to ask about it. */
export interface OpenIntroRequest {
  /** intro_requests.id */
  id: string;
  via: Pick<ConnectionFacts, 'id' | 'firstName' | 'lastName' | 'company' | 'position' | 'profileUrl'>;
  to: { firstName: string; lastName: string } | null;
  targetLabel: string;
  draftedAt: string;
  /** When the subscriber said they sent it; null when they never did. */
  sentAt: string | null;
  outcome: 'waiting' | null;
  /** Follow-ups asked so far: 0, 1 (one week on) or 2 (three weeks on, the last). */
  followupsAsked: number;
}

/** How a network stood when one digest was built. */
export interface ProgressPoint {
  isoWeek: string;
  connections: number;
  known: number;
  close: number;
  unknown: number;
  unreviewed: number;
}

/** Enough about a person for an email to name them without another lookup. */
export interface PersonRef {
  id: string;
  name: string;
  /** As a sentence shows it (readableCompany): "Pinecrest Consulting", not "Pinecrest Consulting B.V..". */
  company: string;
  position: string;
  profileUrl: string | null;
}

/** Why a connection is in the review section; `why` says the same in words. */
export type ReviewSignal =
  | 'new_connection'
  | 'recent'
  | 'incoming_without_note'
  | 'no_evidence'
  | 'messages_sent'
  | 'messages_unanswered'
  | 'invitation_note'
  | 'endorsements'
  | 'shared_employer'
  | 'recommendation_by_name'
  | 'two_way_threads'
  | 'recommendation'
  | 'at_target';

/**
 * 'review' asks "do you know them?" (answers unknown / known / close);
 * 'close' asks "do you know them well?" about someone with strong evidence of a real tie.
 * The names match digest_items.kind.
 */
export interface ReviewItem {
  kind: 'review' | 'close';
  person: PersonRef;
  signals: ReviewSignal[];
  why: string;
}

export interface Draft {
  subject: string;
  body: string;
}

/**
 * 'ask_contact': the `via` person sits where a target points; ask them about the team or the work.
 * 'introduction': `to` is a connection the subscriber does not know; `via` works with them and
 * knows the subscriber, so ask `via` to introduce them properly.
 */
export interface IntroOpportunity {
  kind: 'ask_contact' | 'introduction';
  target: Target;
  /** The target as the subscriber typed it, e.g. "Acme" or "product manager". */
  targetLabel: string;
  via: PersonRef & { tie: TrustedTie };
  to: PersonRef | null;
  title: string;
  why: string;
  /** The one to ask was marked known or close since the last digest: this week's answers opened it. */
  newPath: boolean;
  /** Written for the subscriber to edit and send themselves. */
  draft: Draft;
}

/** A question about an introduction asked for earlier: what came of it? */
export interface IntroFollowup {
  introRequestId: string;
  /** 1: a week after it was sent (or drafted); 2: three weeks after, the last time it is asked. */
  stage: 1 | 2;
  /** The one who was asked. */
  via: PersonRef;
  toName: string | null;
  targetLabel: string;
  title: string;
  why: string;
}

export type StrategyQuestion = 'purpose' | 'gain' | 'targets' | 'profile_confidence' | 'numbers_focus';

interface GapText {
  title: string;
  /** Plain-language reason. */
  reason: string;
  /** The one concrete next step. */
  nextStep: string;
}

export type StrategyGap = GapText &
  (
    | { kind: 'unanswered_questions'; missing: StrategyQuestion[] }
    | { kind: 'stale_export'; lastExportAt: string | null; ageDays: number | null }
    | { kind: 'targets_without_contact'; targets: Target[]; unreviewedAtTargets: number; unknownAtTargets: number }
    | { kind: 'numbers_focus' }
    | {
        kind: 'profile';
        confidence: ProfileConfidence | null;
        missingFields: Array<'headline' | 'summary'>;
      }
    | { kind: 'high_unknown_share'; unknown: number; reviewed: number }
    | { kind: 'incoming_without_note'; count: number }
    | { kind: 'review_backlog'; unreviewed: number; connections: number }
  );

export type GapKind = StrategyGap['kind'];

export interface CoachingTip {
  id: string;
  /** The gap this tip speaks to, or 'general' when it fits anyone. */
  gap: GapKind | 'general';
  title: string;
  body: string;
}

export interface JobChange {
  person: PersonRef;
  tie: Tie | null;
  previousCompany: string | null;
  previousPosition: string | null;
  /** For known and close ties only: a nudge to congratulate them, a real reason to get in touch. */
  congratulate: string | null;
}

export interface Changes {
  newConnections: number;
  /** New connections still unreviewed (they lead the review section). */
  newUnreviewed: number;
  /** Close ties first, then known, then the rest. */
  jobChanges: JobChange[];
  removed: number;
}

export interface NetworkQuality {
  connections: number;
  known: number;
  close: number;
  unknown: number;
  unreviewed: number;
  withEvidence: number;
  /** Share (0..1) of connections confirmed known or close. */
  knownShare: number;
  /** Share (0..1) of connections with any evidence of a real tie. */
  evidenceShare: number;
  /** Difference of the shares since the last digest; null when there was none. */
  knownShareChange: number | null;
  evidenceShareChange: number | null;
  /** Introductions that happened (a follow-up answered "introduced") in the last 13 weeks. */
  introductionsMade: number;
}

export interface Analysis {
  review: ReviewItem[];
  introductions: IntroOpportunity[];
  /** Follow-ups due this week, oldest request first: they lead the email. */
  followups: IntroFollowup[];
  /** The most pressing gaps, at most MAX_GAPS. */
  gaps: StrategyGap[];
  tip: CoachingTip | null;
  changes: Changes;
  quality: NetworkQuality;
}
