import { formsOf, matchForms } from './company-match.ts';
import { askContactTexts, formerColleagueTexts, introductionTexts } from './drafts.ts';
import { normaliseCompany } from './normalise.ts';
import type { ClauseLedger } from '../digest-items/clauses.ts';
import { compareIds, compareNames, compareWarmth, connectionOnly, displayName, firstNameOf, personOf, type PreparedNetwork } from './prepare.ts';
import { firstK } from './select.ts';
import { companyMatchReason, type PreparedTarget, type TargetMatches } from './targets.ts';
import { DAY_MS, INTRO_REPEAT_DAYS, MAX_INTRODUCTIONS } from './thresholds.ts';
import { toMs, within } from './time.ts';
import type { IntroFollowup, IntroOpportunity, OpenIntroRequest, Purpose, TrustedTie } from './types.ts';

/** What the network holds for one target, whether or not an opportunity was picked for it this week. */
export interface TargetReach {
  target: PreparedTarget;
  /** A known or close tie leads there: directly, or as a colleague of someone there. */
  hasPath: boolean;
}

export interface IntroductionContext {
  network: PreparedNetwork;
  targets: readonly PreparedTarget[];
  matches: TargetMatches;
  nowMs: number;
  purpose: Purpose | null;
  subscriberName: string | null;
  /** When the last digest was sent: a tie given since then is a path this week's news can announce. */
  previousDigestAt: string | null;
  /** What the digest has said so far: each opportunity is worded not to repeat it. */
  ledger: ClauseLedger;
}

/** Connection indices: `via` is always a known or close tie; `to` one marked unknown. */
interface Candidate {
  kind: IntroOpportunity['kind'];
  targetIndex: number;
  via: number;
  to: number | null;
  /** Set when `via` used to work where the target points: the employer they left. */
  former?: { company: string; leftAt: string };
}

/**
 * Warm paths to the subscriber's targets, only ever through someone they marked known or close:
 * 'ask_contact' when that person is where the target points, 'introduction' when they work alongside a
 * connection there whom the subscriber marked unknown. At most MAX_INTRODUCTIONS: one per target in
 * the subscriber's order before any target gets a second, nobody twice in a digest, close ties
 * listed first.
 */
export function findIntroductions(ctx: IntroductionContext): { opportunities: IntroOpportunity[]; reach: TargetReach[] } {
  const { network, targets, matches, nowMs } = ctx;
  const colleagues = colleagueIndex(network, nowMs);
  const rested = (i: number) => isRested(network, i, nowMs);
  const warmth = (a: number, b: number) => compareWarmth(network.fact(a), network.fact(b));

  const alumni = formerEmployees(network);

  const reach: TargetReach[] = [];
  const perTarget = targets.map((target, targetIndex) => {
    const matched = matches.byTarget[targetIndex] ?? [];
    const trusted = matched.filter((i) => network.isTrusted(i));
    const strangers = matched.filter((i) => network.fact(i).tie === 'unknown' && network.employerId(i) >= 0);
    // Close ties who left this company, each with the employer that matched; not those still there.
    const matchedNow = target.target.kind === 'company' && alumni.length > 0 ? new Set(matched) : null;
    const alumniHere = matchedNow ? alumni.flatMap((a) => {
      const left = matchedNow.has(a.i) ? undefined : a.left.find((f) => matchForms(target.forms, f.forms) !== null);
      return left ? [{ i: a.i, left }] : [];
    }) : [];
    reach.push({
      target,
      hasPath: trusted.length > 0 || alumniHere.length > 0 || strangers.some((i) => colleagues.any(network.employerId(i))),
    });

    // Enough candidates per target that, whatever two earlier picks used, a third distinct one remains.
    const direct = firstK(trusted.filter(rested), MAX_INTRODUCTIONS, warmth).map(
      (via): Candidate => ({ kind: 'ask_contact', targetIndex, via, to: null }),
    );
    // Someone close who used to work there comes after those who work there now.
    const leftOf = new Map(alumniHere.map((a) => [a.i, a.left]));
    const formerly = firstK([...leftOf.keys()].filter(rested), MAX_INTRODUCTIONS, warmth).map((via): Candidate => {
      const { company, leftAt } = leftOf.get(via)!;
      return { kind: 'ask_contact', targetIndex, via, to: null, former: { company, leftAt } };
    });
    const reachable = strangers.filter((i) => colleagues.askableAt(network.employerId(i)).length > 0);
    const hasCloseColleague = (i: number) => {
      const warmest = colleagues.askableAt(network.employerId(i))[0]; // close ties lead the list
      return warmest !== undefined && network.fact(warmest).tie === 'close';
    };
    const compareStrangers = (a: number, b: number) => {
      // One with a close colleague first, then the one matching more targets (a target role at a
      // target company), then by name.
      const close = Number(hasCloseColleague(b)) - Number(hasCloseColleague(a));
      if (close !== 0) return close;
      const count = (i: number) => matches.countByConnection[i] ?? 0;
      return count(b) - count(a) || compareNames(network.fact(a), network.fact(b)) || compareIds(network.fact(a), network.fact(b));
    };
    const intros = firstK(reachable, MAX_INTRODUCTIONS, compareStrangers).flatMap((to) =>
      colleagues
        .askableAt(network.employerId(to))
        .slice(0, MAX_INTRODUCTIONS)
        .map((via): Candidate => ({ kind: 'introduction', targetIndex, via, to })),
    );
    return [...[...direct, ...intros].sort((a, b) => compareCandidates(a, b, target, network)), ...formerly];
  });

  return { opportunities: pickRoundRobin(perTarget, network).map((c) => describe(c, ctx)), reach };
}

/**
 * Within one target: close ties first; then, for a company, an introduction to a named person there
 * before a general question (the subscriber is already connected to them, only not properly); for
 * roles, industries and keywords, someone they know in that place before a colleague of it; then the
 * warmer tie.
 */
function compareCandidates(a: Candidate, b: Candidate, target: PreparedTarget, network: PreparedNetwork): number {
  const via = (c: Candidate) => network.fact(c.via);
  const close = Number(via(b).tie === 'close') - Number(via(a).tie === 'close');
  if (close !== 0) return close;
  if (a.kind !== b.kind) {
    const introFirst = target.target.kind === 'company';
    return (a.kind === 'introduction') === introFirst ? -1 : 1;
  }
  // Equal ones keep the order they were made in (a stable sort): the best stranger first.
  return compareWarmth(via(a), via(b));
}

/**
 * One candidate per target per round, targets in the subscriber's order, skipping anyone already
 * used (as the one to ask or the one to meet); then close ties first in the list.
 */
function pickRoundRobin(perTarget: Candidate[][], network: PreparedNetwork): Candidate[] {
  const used = new Set<number>();
  const conflicts = (c: Candidate) => used.has(c.via) || (c.to !== null && used.has(c.to));
  const cursors = perTarget.map(() => 0);
  const picked: Candidate[] = [];
  let progress = true;
  while (picked.length < MAX_INTRODUCTIONS && progress) {
    progress = false;
    perTarget.forEach((candidates, t) => {
      if (picked.length >= MAX_INTRODUCTIONS) return;
      let i = cursors[t] ?? 0;
      while (i < candidates.length && conflicts(candidates[i] as Candidate)) i++;
      const next = candidates[i];
      cursors[t] = i + 1;
      if (!next) return;
      picked.push(next);
      used.add(next.via);
      if (next.to !== null) used.add(next.to);
      progress = true;
    });
  }
  const rank = (c: Candidate) => (network.fact(c.via).tie === 'close' ? 0 : 1);
  return picked
    .map((c, order) => ({ c, order }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.order - b.order)
    .map(({ c }) => c);
}

function describe(c: Candidate, ctx: IntroductionContext): IntroOpportunity {
  const target = ctx.targets[c.targetIndex] as PreparedTarget;
  const via = ctx.network.fact(c.via);
  const to = c.to === null ? null : ctx.network.fact(c.to);
  const tie = via.tie as TrustedTie;
  const texts = c.former
    ? formerColleagueTexts(target, via, c.former, tie, ctx.purpose, ctx.subscriberName, ctx.nowMs)
    : to === null
      ? askContactTexts(target, via, tie, ctx.purpose, ctx.subscriberName)
      : introductionTexts(via, tie, to, ctx.purpose, ctx.subscriberName);
  // The person at the target is the one to meet, or for a direct ask the one asked (or the employer they left).
  const reason = companyMatchReason(target, c.former?.company ?? (to ?? via).company);
  const names = [displayName(via), ...(to === null ? [] : [displayName(to)])];
  const why = ctx.ledger.say(texts.whys.map((w) => (reason ? `${w} ${reason}` : w)), names);
  return {
    kind: c.kind,
    target: target.target,
    targetLabel: target.target.value,
    via: { ...personOf(via), tie },
    to: to === null ? null : personOf(to),
    title: texts.title,
    draft: texts.draft,
    why,
    newPath: ctx.previousDigestAt !== null && via.tieAt !== null && via.tieAt > ctx.previousDigestAt,
  };
}

interface Alumnus {
  i: number;
  /** The employers they left, latest first, each with the forms of its name (made once). */
  left: Array<{ company: string; leftAt: string; forms: string[] }>;
}

/** Close ties who were seen to leave an employer. */
function formerEmployees(network: PreparedNetwork): Alumnus[] {
  const out: Alumnus[] = [];
  for (let i = 0; i < network.size; i++) {
    const f = network.fact(i);
    if (f.formerEmployers.length === 0 || f.tie !== 'close') continue;
    out.push({ i, left: f.formerEmployers.map((e) => ({ ...e, forms: formsOf(normaliseCompany(e.company)) })) });
  }
  return out;
}

/** The same person is not proposed as the one to ask again within INTRO_REPEAT_DAYS. */
function isRested(network: PreparedNetwork, i: number, nowMs: number): boolean {
  return !within(network.fact(i).introSuggestedAt, INTRO_REPEAT_DAYS, nowMs);
}

interface ColleagueIndex {
  /** Whether any known or close tie works for this employer. */
  any(employerId: number): boolean;
  /** Known or close ties at this employer not proposed recently, warmest first. */
  askableAt(employerId: number): number[];
}

/** Trusted ties by employer, sorted lazily: only the employers a target reaches are ever sorted. */
function colleagueIndex(network: PreparedNetwork, nowMs: number): ColleagueIndex {
  const byEmployer = new Map<number, number[]>();
  for (let i = 0; i < network.size; i++) {
    const employer = network.employerId(i);
    if (employer < 0 || !network.isTrusted(i)) continue;
    const list = byEmployer.get(employer);
    if (list) list.push(i);
    else byEmployer.set(employer, [i]);
  }
  const sorted = new Map<number, number[]>();
  return {
    any: (employer) => byEmployer.has(employer),
    askableAt(employer) {
      let list = sorted.get(employer);
      if (list === undefined) {
        list = (byEmployer.get(employer) ?? [])
          .filter((i) => isRested(network, i, nowMs))
          .sort((a, b) => compareWarmth(network.fact(a), network.fact(b)));
        sorted.set(employer, list);
      }
      return list;
    },
  };
}

/**
 * Days after a request was sent (or, when never marked sent, drafted) that the digest asks what
 * came of it: a week on, and three weeks on for the last time.
 */
export const FOLLOWUP_AFTER_DAYS = { 1: 7, 2: 21 } as const;

/**
 * Digests come at the same hour each week and a draft is made (and sent) after one arrived: a day's
 * slack lets the next digest, a week on to the hour, ask rather than the one after it.
 */
const FOLLOWUP_SLACK_DAYS = 1;

/** Which follow-up a request is due for now, or null: each stage is asked once, the later one wins. */
export function followupStage(request: Pick<OpenIntroRequest, 'draftedAt' | 'sentAt' | 'outcome' | 'followupsAsked'>, nowMs: number): 1 | 2 | null {
  const since = toMs(request.sentAt) ?? toMs(request.draftedAt);
  if (since === null) return null;
  const days = (nowMs - since) / DAY_MS + FOLLOWUP_SLACK_DAYS;
  const stage = days >= FOLLOWUP_AFTER_DAYS[2] ? 2 : days >= FOLLOWUP_AFTER_DAYS[1] ? 1 : null;
  return stage !== null && stage > request.followupsAsked ? stage : null;
}

const weeksAgo = (sinceMs: number, nowMs: number) => {
  const weeks = Math.max(1, Math.round((nowMs - sinceMs) / (7 * DAY_MS)));
  return weeks === 1 ? 'a week ago' : `${weeks} weeks ago`;
};

/**
 * The follow-ups due this week, oldest request first: "what came of it?" a week after a request
 * was sent and three weeks after, unless it was answered with an outcome that ends it. Worded
 * through the digest's ledger, as every item is.
 */
export function dueFollowups(requests: readonly OpenIntroRequest[], nowMs: number, ledger: ClauseLedger): IntroFollowup[] {
  const due = requests
    .map((request) => ({ request, stage: followupStage(request, nowMs) }))
    .filter((d): d is { request: OpenIntroRequest; stage: 1 | 2 } => d.stage !== null)
    .sort((a, b) => a.request.draftedAt.localeCompare(b.request.draftedAt) || a.request.id.localeCompare(b.request.id));
  return due.map(({ request, stage }) => {
    const viaFacts = connectionOnly(request.via);
    const via = personOf(viaFacts);
    const viaFirst = firstNameOf(viaFacts) || via.name;
    const to = request.to === null ? null : connectionOnly({ id: '', company: '', position: '', profileUrl: null, ...request.to });
    const toName = to === null ? null : displayName(to);
    const target = request.targetLabel;
    const sinceMs = toMs(request.sentAt) ?? toMs(request.draftedAt)!;
    const ago = weeksAgo(sinceMs, nowMs);
    const title = toName ? `Did ${via.name} introduce you to ${toName}?` : `What came of asking ${via.name} about ${target}?`;
    // The title names who and what; the sentence says when, and asks. Short: it sits beside people to place.
    const wordings =
      stage === 2
        ? request.outcome === 'waiting'
          ? [
              `No answer yet last time we asked. A short, friendly nudge often helps; this is the last time we ask.`,
              `Last time we ask: any news from ${viaFirst} now?`,
              `Any news from ${viaFirst} now?`,
            ]
          : [
              `You ${request.sentAt ? 'sent' : 'drafted'} it ${ago}. Did it lead anywhere? This is the last time we ask.`,
              `Last time we ask: any news from ${viaFirst}?`,
              `Any news from ${viaFirst}?`,
            ]
        : request.sentAt
          ? [`You sent it ${ago}. Did it lead to an introduction?`, `Your request went out ${ago}: any news from ${viaFirst}?`, `Any news from ${viaFirst}?`]
          : [`You drafted it ${ago}. If you sent it, did it lead to an introduction?`, `Drafted ${ago}: sent, and any news from ${viaFirst}?`, `Any news from ${viaFirst}?`];
    const why = ledger.say(wordings, [via.name, ...(toName ? [toName] : [])]);
    return { introRequestId: request.id, stage, via, toName, targetLabel: target, title, why };
  });
}
