import { askContactTexts, introductionTexts } from './drafts.ts';
import { compareIds, compareNames, compareWarmth, personOf, type PreparedConnection } from './prepare.ts';
import { firstK } from './select.ts';
import type { PreparedTarget, TargetMatches } from './targets.ts';
import { INTRO_REPEAT_DAYS, MAX_INTRODUCTIONS } from './thresholds.ts';
import { within } from './time.ts';
import type { IntroOpportunity, Purpose, TrustedTie } from './types.ts';

/** What the network holds for one target, whether or not an opportunity was picked for it this week. */
export interface TargetReach {
  target: PreparedTarget;
  /** A known or close tie leads there: directly, or as a colleague of someone there. */
  hasPath: boolean;
  unreviewed: number;
  unknown: number;
}

interface Candidate {
  kind: IntroOpportunity['kind'];
  targetIndex: number;
  via: PreparedConnection;
  to: PreparedConnection | null;
}

export interface IntroductionContext {
  connections: readonly PreparedConnection[];
  targets: readonly PreparedTarget[];
  matches: TargetMatches;
  nowMs: number;
  purpose: Purpose | null;
  subscriberName: string | null;
}

const isTrusted = (c: PreparedConnection) => c.facts.tie === 'known' || c.facts.tie === 'close';

/** The same person is not proposed as the one to ask again within INTRO_REPEAT_DAYS. */
const isRested = (c: PreparedConnection, nowMs: number) => !within(c.facts.introSuggestedAt, INTRO_REPEAT_DAYS, nowMs);

/**
 * Warm paths to the subscriber's targets, only ever through someone they marked known or close:
 * 'ask_contact' when that person is where the target points, 'introduction' when they work alongside a
 * connection there whom the subscriber marked unknown. At most MAX_INTRODUCTIONS, one per target in
 * the subscriber's order before any target gets a second, never the same person twice in a digest,
 * close ties listed first.
 */
export function findIntroductions(ctx: IntroductionContext): { opportunities: IntroOpportunity[]; reach: TargetReach[] } {
  const { connections, targets, matches, nowMs } = ctx;
  const colleagues = colleagueIndex(connections, nowMs);

  const reach: TargetReach[] = [];
  const perTarget: Candidate[][] = targets.map((target, targetIndex) => {
    const matched = (matches.byTarget[targetIndex] ?? []).map((i) => connections[i] as PreparedConnection);
    const trusted = matched.filter(isTrusted);
    const strangers = matched.filter((c) => c.facts.tie === 'unknown' && c.companyKey !== '');
    reach.push({
      target,
      hasPath: trusted.length > 0 || strangers.some((y) => colleagues.any(y.companyKey)),
      unreviewed: matched.filter((c) => c.facts.tie === null).length,
      unknown: matched.filter((c) => c.facts.tie === 'unknown').length,
    });

    // Enough candidates per target that, whatever two earlier picks used, a third distinct one remains.
    const direct = firstK(
      trusted.filter((c) => isRested(c, nowMs)),
      MAX_INTRODUCTIONS,
      compareWarmth,
    ).map((via): Candidate => ({ kind: 'ask_contact', targetIndex, via, to: null }));
    const reachable = strangers.filter((y) => colleagues.askableAt(y.companyKey).length > 0);
    const toward = firstK(reachable, MAX_INTRODUCTIONS, (a, b) => compareStrangers(a, b, colleagues, matches));
    const intros = toward.flatMap((to) =>
      colleagues
        .askableAt(to.companyKey)
        .slice(0, MAX_INTRODUCTIONS)
        .map((via): Candidate => ({ kind: 'introduction', targetIndex, via, to })),
    );
    return [...direct, ...intros].sort((a, b) => compareCandidates(a, b, target));
  });

  const picked = pickRoundRobin(perTarget);
  const opportunities = picked.map((c) => describe(c, ctx));
  return { opportunities, reach };
}

/**
 * Within one target: close ties first; then, for a company, an introduction to a named person there
 * before a general question (the subscriber is already connected to them, only not properly); for
 * roles, industries and keywords, someone they know in that place before a colleague of it.
 */
function compareCandidates(a: Candidate, b: Candidate, target: PreparedTarget): number {
  const close = Number(b.via.facts.tie === 'close') - Number(a.via.facts.tie === 'close');
  if (close !== 0) return close;
  if (a.kind !== b.kind) {
    const introFirst = target.target.kind === 'company';
    return (a.kind === 'introduction') === introFirst ? -1 : 1;
  }
  return compareWarmth(a.via, b.via) || (a.to && b.to ? compareIds(a.to, b.to) : 0);
}

/**
 * Which unknown connection to propose an introduction to: one with a close colleague first, then the
 * one matching more of the subscriber's targets (a target role at a target company), then by name.
 */
function compareStrangers(
  a: PreparedConnection,
  b: PreparedConnection,
  colleagues: ColleagueIndex,
  matches: TargetMatches,
): number {
  const closeA = colleagues.askableAt(a.companyKey)[0]?.facts.tie === 'close';
  const closeB = colleagues.askableAt(b.companyKey)[0]?.facts.tie === 'close';
  if (closeA !== closeB) return closeA ? -1 : 1;
  const count = (c: PreparedConnection) => matches.countByConnection[c.index] ?? 0;
  return count(b) - count(a) || compareNames(a, b) || compareIds(a, b);
}

/**
 * One candidate per target per round, targets in the subscriber's order, skipping anyone already
 * used (as the one to ask or the one to meet); then close ties first in the list.
 */
function pickRoundRobin(perTarget: Candidate[][]): Candidate[] {
  const used = new Set<string>();
  const cursors = perTarget.map(() => 0);
  const picked: Candidate[] = [];
  let progress = true;
  while (picked.length < MAX_INTRODUCTIONS && progress) {
    progress = false;
    perTarget.forEach((candidates, t) => {
      if (picked.length >= MAX_INTRODUCTIONS) return;
      let i = cursors[t] ?? 0;
      while (i < candidates.length && conflicts(candidates[i] as Candidate, used)) i++;
      const next = candidates[i];
      cursors[t] = i + 1;
      if (!next) return;
      picked.push(next);
      used.add(next.via.facts.id);
      if (next.to) used.add(next.to.facts.id);
      progress = true;
    });
  }
  const rank = (c: Candidate) => (c.via.facts.tie === 'close' ? 0 : 1);
  return picked.map((c, order) => ({ c, order })).sort((a, b) => rank(a.c) - rank(b.c) || a.order - b.order).map((x) => x.c);
}

function conflicts(c: Candidate, used: ReadonlySet<string>): boolean {
  return used.has(c.via.facts.id) || (c.to !== null && used.has(c.to.facts.id));
}

function describe(c: Candidate, ctx: IntroductionContext): IntroOpportunity {
  const target = ctx.targets[c.targetIndex] as PreparedTarget;
  const tie = c.via.facts.tie as TrustedTie;
  const texts =
    c.to === null
      ? askContactTexts(target, c.via.facts, tie, ctx.purpose, ctx.subscriberName)
      : introductionTexts(c.via.facts, tie, c.to.facts, ctx.purpose, ctx.subscriberName);
  return {
    kind: c.kind,
    target: target.target,
    targetLabel: target.target.value,
    via: { ...personOf(c.via), tie },
    to: c.to === null ? null : personOf(c.to),
    ...texts,
  };
}

interface ColleagueIndex {
  /** Whether any known or close tie works at this company. */
  any(companyKey: string): boolean;
  /** Known or close ties at this company not proposed recently, warmest first. */
  askableAt(companyKey: string): PreparedConnection[];
}

/** Trusted ties by employer, sorted lazily: only the companies a target reaches are ever sorted. */
function colleagueIndex(connections: readonly PreparedConnection[], nowMs: number): ColleagueIndex {
  const byCompany = new Map<string, PreparedConnection[]>();
  for (const c of connections) {
    if (!isTrusted(c) || c.companyKey === '') continue;
    const list = byCompany.get(c.companyKey);
    if (list) list.push(c);
    else byCompany.set(c.companyKey, [c]);
  }
  const sorted = new Map<string, PreparedConnection[]>();
  return {
    any: (key) => byCompany.has(key),
    askableAt(key) {
      let list = sorted.get(key);
      if (list === undefined) {
        list = (byCompany.get(key) ?? []).filter((c) => isRested(c, nowMs)).sort(compareWarmth);
        sorted.set(key, list);
      }
      return list;
    },
  };
}
