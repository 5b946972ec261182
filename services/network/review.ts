import { isIncomingWithoutNote } from './evidence.ts';
import { compareIds, compareNewestFirst, compareWarmth, personOf, type PreparedConnection } from './prepare.ts';
import { firstK } from './select.ts';
import {
  CLOSE_QUESTIONS_RESERVED,
  DAY_MS,
  RECENT_CONNECTION_DAYS,
  SHOWN_RETURN_DAYS,
  SKIPPED_RETURN_DAYS,
} from './thresholds.ts';
import { within } from './time.ts';
import type { ConnectionFacts, ReviewItem, ReviewSignal } from './types.ts';

interface Candidate {
  c: PreparedConnection;
  isNew: boolean;
  recent: boolean;
  incomingWithoutNote: boolean;
  atTarget: boolean;
  /** Lower asks first; see compareReview. */
  tier: number;
}

/**
 * "Do you know them?" order: connections new since the last export first (fresh in memory, and the
 * ones most likely accepted in passing); then those with no evidence at all before those with weak
 * signs; within each, recent connections and invitations accepted without a note first (both
 * counted: one that is both ranks higher); then the newest connection; then the id.
 */
function compareReview(a: Candidate, b: Candidate): number {
  return a.tier - b.tier || compareNewestFirst(a.c.connectedMs, b.c.connectedMs) || compareIds(a.c, b.c);
}

/**
 * "Do you know them well?" order: people where the subscriber's targets point first (a 'close'
 * answer there opens an introduction), then new ones, then the warmest evidence.
 */
function compareClose(a: Candidate, b: Candidate): number {
  return Number(b.atTarget) - Number(a.atTarget) || Number(b.isNew) - Number(a.isNew) || compareWarmth(a.c, b.c);
}

/** Never ask about an answered connection; let a skipped or ignored one rest before asking again. */
function isAskable({ tie, lastSkippedAt, lastShownAt }: ConnectionFacts, nowMs: number): boolean {
  return tie === null && !within(lastSkippedAt, SKIPPED_RETURN_DAYS, nowMs) && !within(lastShownAt, SHOWN_RETURN_DAYS, nowMs);
}

/**
 * This week's review items, at most `size`: "do you know them?" for connections without strong
 * evidence, and "do you know them well?" ('close') for those with it, which are never asked about as
 * possibly unknown. CLOSE_QUESTIONS_RESERVED slots go to the latter when there are at least two slots,
 * and any slots the former leave unused.
 */
export function buildReview(
  connections: readonly PreparedConnection[],
  size: number,
  nowMs: number,
  targetMatchCount: Uint16Array,
): ReviewItem[] {
  const recentSince = nowMs - RECENT_CONNECTION_DAYS * DAY_MS;
  const review: Candidate[] = [];
  const close: Candidate[] = [];
  connections.forEach((c, i) => {
    if (!isAskable(c.facts, nowMs)) return;
    const isNew = c.facts.change?.kind === 'new';
    const recent = c.connectedMs !== null && c.connectedMs >= recentSince;
    const incomingWithoutNote = isIncomingWithoutNote(c.facts.evidence);
    const atTarget = (targetMatchCount[i] ?? 0) > 0;
    const tier = (isNew ? 0 : 6) + (c.level === 'none' ? 0 : 3) + (2 - Number(recent) - Number(incomingWithoutNote));
    (c.level === 'strong' ? close : review).push({ c, isNew, recent, incomingWithoutNote, atTarget, tier });
  });

  const reserved = size >= 2 ? Math.min(close.length, CLOSE_QUESTIONS_RESERVED) : 0;
  const reviewTake = Math.min(review.length, size - reserved);
  const closeTake = Math.min(close.length, size - reviewTake);
  return [
    ...firstK(review, reviewTake, compareReview).map((x) => item('review', x)),
    ...firstK(close, closeTake, compareClose).map((x) => item('close', x)),
  ];
}

function item(kind: ReviewItem['kind'], x: Candidate): ReviewItem {
  const signals: ReviewSignal[] = [];
  if (kind === 'close' && x.atTarget) signals.push('at_target');
  if (x.isNew) signals.push('new_connection');
  else if (x.recent) signals.push('recent');
  if (x.incomingWithoutNote) signals.push('incoming_without_note');
  signals.push(...(x.c.signals.length > 0 ? x.c.signals : (['no_evidence'] as const)));
  return { kind, person: personOf(x.c), signals, why: sentence(signals.map((s) => describe(s, x.c.facts))) };
}

function describe(signal: ReviewSignal, facts: ConnectionFacts): string {
  const e = facts.evidence;
  switch (signal) {
    case 'new_connection':
      return 'new since your last export';
    case 'recent':
      return `connected in the last ${RECENT_CONNECTION_DAYS} days`;
    case 'incoming_without_note':
      return 'you accepted their invitation, which came without a note';
    case 'no_evidence':
      return 'no conversation, recommendation or endorsement between you';
    case 'messages_sent':
      return 'you have written to them, with no conversation back';
    case 'invitation_note':
      return 'the invitation came with a personal note';
    case 'endorsements':
      return 'endorsements between you';
    case 'shared_employer':
      return `you both worked at ${e?.sharedEmployer?.trim() ?? 'the same employer'}`;
    case 'recommendation_by_name':
      return 'a recommendation from or to someone of the same name';
    case 'two_way_threads': {
      const n = e?.twoWayThreads ?? 0;
      return n === 1 ? 'a conversation both ways' : `${n} conversations both ways`;
    }
    case 'recommendation':
      return 'a recommendation between you';
    case 'at_target':
      return 'they sit where one of your targets points';
  }
}

function sentence(parts: string[]): string {
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
