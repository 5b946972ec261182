import type { PreparedNetwork } from './prepare.ts';
import { DAY_MS } from './thresholds.ts';
import { toMs } from './time.ts';
import type { AnalysisInput, NetworkQuality } from './types.ts';

/** "This quarter" for introductions made: the last 13 weeks. */
export const QUARTER_DAYS = 13 * 7;

/** How many introductions happened in the last 13 weeks, from when each one did. */
export function introductionsMadeThisQuarter(introducedAt: readonly string[], nowMs: number): number {
  const from = nowMs - QUARTER_DAYS * DAY_MS;
  return introducedAt.filter((at) => {
    const ms = toMs(at);
    return ms !== null && ms > from && ms <= nowMs;
  }).length;
}

// Shares are stored with each digest and compared next week; four decimals (0.01 %) is more than a
// digest shows and keeps float noise such as 0.30000000000000004 out of the stored JSON.
const round = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * The figure beside the raw count: how much of the network the subscriber has confirmed they know,
 * and how much the export shows any sign of a real tie for; and the introductions it led to.
 */
export function measureQuality(network: PreparedNetwork, previous: AnalysisInput['previousQuality'], introductionsMade = 0): NetworkQuality {
  let known = 0;
  let close = 0;
  let unknown = 0;
  let withEvidence = 0;
  for (let i = 0; i < network.size; i++) {
    const tie = network.fact(i).tie;
    if (tie === 'known') known++;
    else if (tie === 'close') close++;
    else if (tie === 'unknown') unknown++;
    if (network.level(i) !== 'none') withEvidence++;
  }
  const total = network.size;
  const knownShare = total === 0 ? 0 : round((known + close) / total);
  const evidenceShare = total === 0 ? 0 : round(withEvidence / total);
  return {
    connections: total,
    known,
    close,
    unknown,
    unreviewed: total - known - close - unknown,
    withEvidence,
    knownShare,
    evidenceShare,
    knownShareChange: previous === null ? null : round(knownShare - previous.knownShare),
    evidenceShareChange: previous === null ? null : round(evidenceShare - previous.evidenceShare),
    introductionsMade,
  };
}
