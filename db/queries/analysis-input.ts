import { sql, type RawBuilder } from 'kysely';
import type { Evidence } from '../../domain/linkedin-export/types.ts';
import type { AnalysisInput, ConnectionFacts, NetworkQuality, OpenIntroRequest, ProgressPoint, StrategyAnswers } from '../../domain/network/types.ts';
import type { DbOrTx } from '../client.ts';
import type { ImportSummary } from '../types.ts';

/**
 * Everything the analysis needs, in two queries whatever the size of the network: one for the
 * subscriber (strategy, latest import, history of past digests, open intro requests and the
 * introductions made) and one for their connections with
 * evidence, ties, review history and the latest import's changes.
 */

interface SubscriberRow {
  name: string | null;
  review_size: number;
  strategy: {
    purposes: string[];
    gain: string | null;
    targets: Array<{ kind: string; value: string }>;
    profile_confidence: 'yes' | 'partly' | 'no' | null;
    numbers_focus: boolean | null;
  } | null;
  export_id: string | null;
  export_at: Date | null;
  export_summary: ImportSummary | null;
  tips: Array<{ id: string; at: string }> | null;
  history: SentProgress[] | null;
  open_intros: OpenIntroRow[] | null;
  introduced_at: string[] | null;
}

interface OpenIntroRow {
  id: string;
  created_at: string;
  sent_at: string | null;
  outcome: 'waiting' | null;
  followups_asked: number;
  target_label: string;
  via_id: string;
  via_first_name: string;
  via_last_name: string;
  via_company: string;
  via_position: string;
  via_profile_url: string | null;
  to_first_name: string | null;
  to_last_name: string | null;
}

/** The progress chart shows this many weeks: the digest being built and the ones before it. */
export const PROGRESS_WEEKS = 10;

type SentProgress = { iso_week: string; sent_at: string; quality: Partial<NetworkQuality> & { knownShare: number; evidenceShare: number } };

/**
 * The counts past sent digests recorded, newest first, at most PROGRESS_WEEKS - 1 of them: the
 * chart's weeks before this one, for the digest being built and for the review page alike.
 * `subscriber` is a column reference or a value.
 */
export function sentProgressSql(subscriber: RawBuilder<unknown> | string, excludeDigestId: string | null) {
  return sql<SentProgress[] | null>`(SELECT jsonb_agg(h ORDER BY h.sent_at DESC) FROM (
    SELECT d.iso_week, d.created_at AS sent_at, d.analysis -> 'quality' AS quality FROM digests d
    WHERE d.subscriber_id = ${subscriber} AND d.status = 'sent' AND d.id IS DISTINCT FROM ${excludeDigestId}
      AND d.analysis -> 'quality' IS NOT NULL
    ORDER BY d.created_at DESC LIMIT ${PROGRESS_WEEKS - 1}) h)`;
}

/** Those counts as chart points, oldest first. */
export const progressHistory = (newestFirst: SentProgress[] | null): ProgressPoint[] => [...(newestFirst ?? [])].reverse().map(progressPoint);

/** "This quarter", with a day to spare: the analysis counts the exact 13 weeks. */
const INTRODUCED_WINDOW_DAYS = 92;

async function loadSubscriberFacts(db: DbOrTx, subscriberId: string, excludeDigestId: string | null, now: Date) {
  const result = await sql<SubscriberRow>`
    SELECT s.name, s.review_size,
      (SELECT to_jsonb(a) FROM (
         SELECT purposes, gain, targets, profile_confidence, numbers_focus FROM strategy_answers
         WHERE subscriber_id = s.id ORDER BY id DESC LIMIT 1) a) AS strategy,
      e.id AS export_id, e.created_at AS export_at, e.summary AS export_summary,
      (SELECT jsonb_agg(jsonb_build_object('id', d.analysis -> 'tip' ->> 'id', 'at', d.created_at))
         FROM digests d WHERE d.subscriber_id = s.id AND d.status = 'sent' AND d.analysis -> 'tip' ->> 'id' IS NOT NULL
           AND d.id IS DISTINCT FROM ${excludeDigestId}) AS tips,
      ${sentProgressSql(sql.ref('s.id'), excludeDigestId)} AS history,
      -- Introductions asked for and not settled, for this week's follow-ups (at most two each); a
      -- follow-up the digest being built asked already is not counted, as for every other "shown".
      (SELECT jsonb_agg(jsonb_build_object(
           'id', r.id, 'created_at', r.created_at, 'sent_at', r.sent_at, 'outcome', r.outcome,
           'followups_asked', CASE WHEN r.followup_2_digest_id IS DISTINCT FROM ${excludeDigestId} AND r.followup_2_digest_id IS NOT NULL THEN 2
                                   WHEN r.followup_1_digest_id IS DISTINCT FROM ${excludeDigestId} AND r.followup_1_digest_id IS NOT NULL THEN 1
                                   ELSE 0 END,
           'target_label', r.target_label, 'via_id', v.id, 'via_first_name', v.first_name, 'via_last_name', v.last_name,
           'via_company', v.company, 'via_position', v.position, 'via_profile_url', v.profile_url,
           'to_first_name', t.first_name, 'to_last_name', t.last_name) ORDER BY r.created_at)
         FROM intro_requests r JOIN connections v ON v.id = r.via_connection_id LEFT JOIN connections t ON t.id = r.target_connection_id
         WHERE r.subscriber_id = s.id AND (r.outcome IS NULL OR r.outcome = 'waiting')
           AND (r.followup_2_digest_id IS NULL OR r.followup_2_digest_id = ${excludeDigestId})) AS open_intros,
      (SELECT jsonb_agg(r.outcome_at) FROM intro_requests r
         WHERE r.subscriber_id = s.id AND r.outcome = 'introduced'
           AND r.outcome_at > ${now}::timestamptz - make_interval(days => ${INTRODUCED_WINDOW_DAYS})) AS introduced_at
    FROM subscribers s
    LEFT JOIN LATERAL (
      SELECT id, created_at, summary FROM exports
      WHERE subscriber_id = s.id AND status = 'imported' ORDER BY created_at DESC LIMIT 1) e ON true
    WHERE s.id = ${subscriberId}`.execute(db);
  return result.rows[0];
}

interface ConnectionRow {
  id: string;
  first_name: string;
  last_name: string;
  company: string;
  position: string;
  connected_on: string | null;
  profile_url: string | null;
  tie: 'unknown' | 'known' | 'close' | null;
  tie_at: Date | null;
  has_evidence: boolean;
  messages_in: number | null;
  messages_out: number | null;
  two_way_threads: number | null;
  last_message_at: Date | null;
  invitation_direction: 'incoming' | 'outgoing' | null;
  invitation_note: string | null;
  invitation_sent_at: Date | null;
  recommendations_received: number | null;
  recommendations_given: number | null;
  recommendation_match: 'url' | 'name' | null;
  endorsements_received: number | null;
  endorsements_given: number | null;
  shared_employer: string | null;
  last_shown_at: Date | null;
  last_skipped_at: Date | null;
  intro_suggested_at: Date | null;
  change_kind: 'new' | 'job_change' | null;
  previous_company: string | null;
  previous_position: string | null;
  former_employers: Array<{ company: string; left_at: string }> | null;
}

async function loadConnectionFacts(db: DbOrTx, subscriberId: string, exportId: string | null, excludeDigestId: string | null) {
  const result = await sql<ConnectionRow>`
    WITH shown AS (
      SELECT i.connection_id, max(d.created_at) AS at FROM digest_items i JOIN digests d ON d.id = i.digest_id
      WHERE d.subscriber_id = ${subscriberId} AND d.status = 'sent' AND i.kind IN ('review', 'close')
        AND d.id IS DISTINCT FROM ${excludeDigestId}
      GROUP BY i.connection_id),
    suggested AS (
      SELECT i.via_connection_id AS connection_id, max(d.created_at) AS at FROM digest_items i JOIN digests d ON d.id = i.digest_id
      WHERE d.subscriber_id = ${subscriberId} AND d.status = 'sent' AND i.kind = 'intro' AND d.id IS DISTINCT FROM ${excludeDigestId}
      GROUP BY i.via_connection_id),
    skipped AS (
      SELECT connection_id, max(created_at) AS at FROM tie_events
      WHERE subscriber_id = ${subscriberId} AND tie = 'skip' GROUP BY connection_id),
    changes AS (
      SELECT DISTINCT ON (connection_id) connection_id, kind, previous_company, previous_position FROM connection_changes
      WHERE export_id = ${exportId} AND kind IN ('new', 'job_change') ORDER BY connection_id, id DESC),
    -- Every employer someone was seen to leave between two uploads, latest first: the export itself
    -- holds only current employers.
    former AS (
      SELECT connection_id, json_agg(json_build_object('company', previous_company, 'left_at', created_at) ORDER BY id DESC) AS employers
      FROM connection_changes
      WHERE subscriber_id = ${subscriberId} AND kind = 'job_change' AND coalesce(previous_company, '') <> ''
      GROUP BY connection_id)
    SELECT c.id, c.first_name, c.last_name, c.company, c.position, c.connected_on, c.profile_url, t.tie, t.updated_at AS tie_at,
      ev.connection_id IS NOT NULL AS has_evidence, ev.messages_in, ev.messages_out, ev.two_way_threads, ev.last_message_at,
      ev.invitation_direction, ev.invitation_note, ev.invitation_sent_at, ev.recommendations_received, ev.recommendations_given,
      ev.recommendation_match, ev.endorsements_received, ev.endorsements_given, ev.shared_employer,
      shown.at AS last_shown_at, skipped.at AS last_skipped_at, suggested.at AS intro_suggested_at,
      ch.kind AS change_kind, ch.previous_company, ch.previous_position, former.employers AS former_employers
    FROM connections c
    LEFT JOIN evidence ev ON ev.connection_id = c.id AND ev.subscriber_id = ${subscriberId}
    LEFT JOIN ties t ON t.connection_id = c.id AND t.subscriber_id = ${subscriberId}
    LEFT JOIN shown ON shown.connection_id = c.id
    LEFT JOIN suggested ON suggested.connection_id = c.id
    LEFT JOIN skipped ON skipped.connection_id = c.id
    LEFT JOIN changes ch ON ch.connection_id = c.id
    LEFT JOIN former ON former.connection_id = c.id
    WHERE c.subscriber_id = ${subscriberId} AND c.removed_at IS NULL`.execute(db);
  return result.rows;
}

/** A past digest's counts; digests stored before a count existed read it as 0. */
function progressPoint({ iso_week, quality: q }: { iso_week: string; quality: Partial<NetworkQuality> }): ProgressPoint {
  return { isoWeek: iso_week, connections: q.connections ?? 0, known: q.known ?? 0, close: q.close ?? 0, unknown: q.unknown ?? 0, unreviewed: q.unreviewed ?? 0 };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toEvidence(r: ConnectionRow): Evidence | null {
  if (!r.has_evidence) return null;
  return {
    messagesIn: r.messages_in ?? 0,
    messagesOut: r.messages_out ?? 0,
    twoWayThreads: r.two_way_threads ?? 0,
    lastMessageAt: iso(r.last_message_at),
    invitationDirection: r.invitation_direction,
    invitationNote: r.invitation_note,
    invitationSentAt: iso(r.invitation_sent_at),
    recommendationsReceived: r.recommendations_received ?? 0,
    recommendationsGiven: r.recommendations_given ?? 0,
    recommendationMatch: r.recommendation_match,
    endorsementsReceived: r.endorsements_received ?? 0,
    endorsementsGiven: r.endorsements_given ?? 0,
    sharedEmployer: r.shared_employer,
  };
}

function toFacts(r: ConnectionRow): ConnectionFacts {
  return {
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    company: r.company,
    position: r.position,
    connectedOn: r.connected_on,
    profileUrl: r.profile_url,
    evidence: toEvidence(r),
    tie: r.tie,
    tieAt: iso(r.tie_at),
    lastShownAt: iso(r.last_shown_at),
    lastSkippedAt: iso(r.last_skipped_at),
    introSuggestedAt: iso(r.intro_suggested_at),
    change:
      r.change_kind === 'new'
        ? { kind: 'new' }
        : r.change_kind === 'job_change'
          ? { kind: 'job_change', previousCompany: r.previous_company, previousPosition: r.previous_position }
          : null,
    // A change of position only is a job change too; the employer it "left" is the current one.
    formerEmployers: (r.former_employers ?? [])
      .filter((f) => f.company !== r.company)
      .map((f) => ({ company: f.company, leftAt: new Date(f.left_at).toISOString() })),
  };
}

function toOpenIntro(r: OpenIntroRow): OpenIntroRequest {
  return {
    id: r.id,
    via: { id: r.via_id, firstName: r.via_first_name, lastName: r.via_last_name, company: r.via_company, position: r.via_position, profileUrl: r.via_profile_url },
    to: r.to_first_name === null ? null : { firstName: r.to_first_name, lastName: r.to_last_name ?? '' },
    targetLabel: r.target_label,
    draftedAt: new Date(r.created_at).toISOString(),
    sentAt: r.sent_at === null ? null : new Date(r.sent_at).toISOString(),
    outcome: r.outcome,
    followupsAsked: r.followups_asked,
  };
}

export async function loadAnalysisInput(
  db: DbOrTx,
  subscriberId: string,
  options: { now: Date; excludeDigestId?: string | null },
): Promise<AnalysisInput | null> {
  const exclude = options.excludeDigestId ?? null;
  const subscriber = await loadSubscriberFacts(db, subscriberId, exclude, options.now);
  if (!subscriber) return null;
  const connections = await loadConnectionFacts(db, subscriberId, subscriber.export_id, exclude);
  const strategy: StrategyAnswers | null = subscriber.strategy
    ? {
        purposes: subscriber.strategy.purposes as StrategyAnswers['purposes'],
        gain: subscriber.strategy.gain,
        targets: subscriber.strategy.targets as StrategyAnswers['targets'],
        profileConfidence: subscriber.strategy.profile_confidence,
        numbersFocus: subscriber.strategy.numbers_focus,
      }
    : null;
  const newestFirst = subscriber.history ?? [];
  const latest = newestFirst[0];
  const tipsSentAt: Record<string, string> = {};
  for (const tip of subscriber.tips ?? []) {
    if (!tipsSentAt[tip.id] || tipsSentAt[tip.id]! < tip.at) tipsSentAt[tip.id] = new Date(tip.at).toISOString();
  }
  return {
    now: options.now,
    reviewSize: subscriber.review_size,
    strategy,
    subscriberName: subscriber.name,
    profile: subscriber.export_summary?.profile ?? null,
    lastExportAt: iso(subscriber.export_at),
    connections: connections.map(toFacts),
    removedSinceLastImport: subscriber.export_summary?.removedConnections ?? 0,
    tipsSentAt,
    previousQuality: latest?.quality ?? null,
    previousDigestAt: latest ? new Date(latest.sent_at).toISOString() : null,
    history: progressHistory(newestFirst),
    openIntroRequests: (subscriber.open_intros ?? []).map(toOpenIntro),
    introducedAt: (subscriber.introduced_at ?? []).map((at) => new Date(at).toISOString()),
  };
}
