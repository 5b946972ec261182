import type { ClauseLedger } from '../digest-items/clauses.ts';
import { reviewSentence } from './review-voice.ts';
import { evidenceSignals, isIncomingWithoutNote, type EvidenceLevel } from './evidence.ts';
import { compareIds, compareNewestFirst, compareWarmth, personOf, type PreparedNetwork } from './prepare.ts';
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

const isNew = (f: ConnectionFacts) => f.change?.kind === 'new';

/**
 * "Do you know them?" order, as one number (lower first): connections new since the last export
 * first (fresh in memory, and the likeliest accepted in passing); then no evidence at all before weak
 * signs; within each, recent connections and invitations accepted without a note first (one that is
 * both ranks higher). Ties go to the newest connection, then the id.
 */
function reviewTier(f: ConnectionFacts, level: EvidenceLevel, recent: boolean): number {
  const suspicion = Number(recent) + Number(isIncomingWithoutNote(f.evidence));
  return (isNew(f) ? 0 : 6) + (level === 'none' ? 0 : 3) + (2 - suspicion);
}

/**
 * "Do you know them well?" order, as one number (lower first): people where the subscriber's targets
 * point first (a 'close' answer there opens an introduction), then new ones; ties go to the warmest
 * evidence.
 */
function closeTier(f: ConnectionFacts, atTarget: boolean): number {
  return (atTarget ? 0 : 2) + (isNew(f) ? 0 : 1);
}

/** Never ask about an answered connection; let a skipped or ignored one rest before asking again. */
function isAskable({ tie, lastSkippedAt, lastShownAt }: ConnectionFacts, nowMs: number): boolean {
  return tie === null && !within(lastSkippedAt, SKIPPED_RETURN_DAYS, nowMs) && !within(lastShownAt, SHOWN_RETURN_DAYS, nowMs);
}

/**
 * This week's review items, at most `size`: "do you know them?" for connections without strong
 * evidence, and "do you know them well?" ('close') for those with it, who are never asked about as
 * possibly unknown. CLOSE_QUESTIONS_RESERVED slots go to the latter when there are at least two
 * slots, and so do any slots the former leave unused.
 */
export function buildReview(network: PreparedNetwork, size: number, nowMs: number, targetMatchCount: Uint16Array, ledger: ClauseLedger): ReviewItem[] {
  const recentSince = nowMs - RECENT_CONNECTION_DAYS * DAY_MS;
  const isRecent = (i: number) => (network.connectedMs(i) ?? -Infinity) >= recentSince;
  const atTarget = (i: number) => (targetMatchCount[i] ?? 0) > 0;

  const tier = new Uint8Array(network.size);
  const review: number[] = [];
  const close: number[] = [];
  for (let i = 0; i < network.size; i++) {
    const f = network.fact(i);
    if (!isAskable(f, nowMs)) continue;
    const level = network.level(i);
    if (level === 'strong') {
      tier[i] = closeTier(f, atTarget(i));
      close.push(i);
    } else {
      tier[i] = reviewTier(f, level, isRecent(i));
      review.push(i);
    }
  }
  const byTier = (a: number, b: number) => (tier[a] ?? 0) - (tier[b] ?? 0);
  const compareReview = (a: number, b: number) =>
    byTier(a, b) || compareNewestFirst(network.connectedMs(a), network.connectedMs(b)) || compareIds(network.fact(a), network.fact(b));
  const compareClose = (a: number, b: number) => byTier(a, b) || compareWarmth(network.fact(a), network.fact(b));

  const reserved = size >= 2 ? Math.min(close.length, CLOSE_QUESTIONS_RESERVED) : 0;
  const reviewTake = Math.min(review.length, size - reserved);
  const closeTake = Math.min(close.length, size - reviewTake);
  const item = (kind: ReviewItem['kind']) => (i: number) => {
    const f = network.fact(i);
    const signals: ReviewSignal[] = [];
    if (kind === 'close' && atTarget(i)) signals.push('at_target');
    if (isNew(f)) signals.push('new_connection');
    else if (isRecent(i)) signals.push('recent');
    if (isIncomingWithoutNote(f.evidence)) signals.push('incoming_without_note');
    const evidence = evidenceSignals(f.evidence);
    // Not a tie (strangers write too), but not "nothing between you" either: they wrote and heard nothing back.
    const unanswered = f.evidence !== null && f.evidence.messagesIn > 0 && f.evidence.messagesOut === 0;
    if (unanswered) signals.push('messages_unanswered');
    signals.push(...(evidence.length > 0 ? evidence : unanswered ? [] : (['no_evidence'] as const)));
    return { kind, person: personOf(f), signals, why: reviewSentence({ kind, signals }, f, nowMs, turn++, ledger) };
  };
  let turn = 0;
  return [...firstK(review, reviewTake, compareReview).map(item('review')), ...firstK(close, closeTake, compareClose).map(item('close'))];
}
