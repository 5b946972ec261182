import { ClauseLedger } from '../digest-items/clauses.ts';
import { summariseChanges } from './changes.ts';
import { findGaps } from './gaps.ts';
import { dueFollowups, findIntroductions } from './introductions.ts';
import { PreparedNetwork } from './prepare.ts';
import { introductionsMadeThisQuarter, measureQuality } from './quality.ts';
import { buildReview } from './review.ts';
import { matchTargets, prepareTargets } from './targets.ts';
import { DEFAULT_REVIEW_SIZE, MAX_GAPS, MAX_REVIEW_SIZE } from './thresholds.ts';
import { chooseTip } from './tips.ts';
import type { Analysis, AnalysisInput } from './types.ts';

/** The subscribers table allows 1..50; anything else falls back rather than failing a digest. */
export function reviewSizeOf(requested: number): number {
  if (!Number.isFinite(requested)) return DEFAULT_REVIEW_SIZE;
  return Math.min(MAX_REVIEW_SIZE, Math.max(1, Math.floor(requested)));
}

/**
 * This week's advice from a subscriber's network, answers and strategy. Pure and deterministic: the
 * same input gives the same output, `now` included, and nothing is read or written.
 */
export function analyseNetwork(input: AnalysisInput): Analysis {
  const nowMs = input.now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError('analyseNetwork: `now` is an invalid date');
  const reviewSize = reviewSizeOf(input.reviewSize);

  const network = new PreparedNetwork(input.connections);
  const targets = prepareTargets(input.strategy?.targets ?? []);
  const matches = matchTargets(network, targets);

  // Items are worded in display order, each avoiding what the ones before it said.
  const ledger = new ClauseLedger();
  // Follow-ups lead the email: they are worded first.
  const followups = dueFollowups(input.openIntroRequests ?? [], nowMs, ledger);
  const review = buildReview(network, reviewSize, nowMs, matches.countByConnection, ledger);
  const { opportunities, reach } = findIntroductions({
    network,
    targets,
    matches,
    nowMs,
    purpose: input.strategy?.purposes[0] ?? null,
    subscriberName: input.subscriberName,
    previousDigestAt: input.previousDigestAt,
    ledger,
  });
  const quality = measureQuality(network, input.previousQuality, introductionsMadeThisQuarter(input.introducedAt ?? [], nowMs));
  const gaps = findGaps({ input, nowMs, reviewSize, network, reach, matches, quality });
  // The tip may speak to a gap beyond the few shown: it is advice, not another item to answer.
  const tip = chooseTip(
    gaps.map((g) => g.kind),
    input.tipsSentAt,
    nowMs,
  );

  return {
    review,
    introductions: opportunities,
    followups,
    gaps: gaps.slice(0, MAX_GAPS),
    tip,
    changes: summariseChanges(input.connections, input.removedSinceLastImport),
    quality,
  };
}
