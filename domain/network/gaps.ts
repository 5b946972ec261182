import { hasMessages, isIncomingWithoutNote } from './evidence.ts';
import type { TargetReach } from './introductions.ts';
import type { PreparedNetwork } from './prepare.ts';
import type { TargetMatches } from './targets.ts';
import {
  BACKLOG_MIN_UNREVIEWED,
  BACKLOG_SHARE,
  BACKLOG_SHARE_MIN_UNREVIEWED,
  DAY_MS,
  HIGH_UNKNOWN_MIN_REVIEWED,
  HIGH_UNKNOWN_SHARE,
  INCOMING_WITHOUT_NOTE_DAYS,
  INCOMING_WITHOUT_NOTE_MIN,
  STALE_EXPORT_DAYS,
} from './thresholds.ts';
import { ageInDays, toMs } from './time.ts';
import type { AnalysisInput, NetworkQuality, StrategyGap, StrategyQuestion } from './types.ts';
import { countOf, listOf, percent } from './words.ts';

export interface GapContext {
  input: Pick<AnalysisInput, 'strategy' | 'profile' | 'lastExportAt'>;
  nowMs: number;
  reviewSize: number;
  network: PreparedNetwork;
  /** One per usable target (blank ones do not count as answered). */
  reach: readonly TargetReach[];
  matches: TargetMatches;
  quality: NetworkQuality;
}

/**
 * Every rule that fires, most pressing first: without answers and a fresh export nothing else is
 * reliable; then the goals themselves; then habits the export shows; the backlog last, since the
 * review section already works on it every week.
 */
export function findGaps(ctx: GapContext): StrategyGap[] {
  const rules = [unanswered, staleExport, targetsWithoutContact, numbersFocus, profile, highUnknownShare, incomingWithoutNote, backlog];
  return rules.flatMap((rule) => rule(ctx) ?? []);
}

const QUESTION_WORDS: Record<StrategyQuestion, string> = {
  purpose: 'why you are on LinkedIn',
  gain: 'what you hope to gain from it, and where: companies, roles or industries',
  targets: 'which companies, roles or industries you are aiming at',
  profile_confidence: 'whether your profile is sound and says what you bring',
  numbers_focus: 'whether growing your connection count is a goal',
};

function unanswered({ input: { strategy }, reach }: GapContext): StrategyGap | null {
  const targetCount = reach.length;
  const missing: StrategyQuestion[] = [];
  if (!strategy || strategy.purposes.length === 0) missing.push('purpose');
  // Free text or concrete targets both answer "what do you hope to gain"; targets are what
  // introductions start from, so text alone still leaves them to ask for.
  const hasGainText = (strategy?.gain ?? '').trim() !== '';
  if (!hasGainText && targetCount === 0) missing.push('gain');
  else if (targetCount === 0) missing.push('targets');
  if (!strategy || strategy.profileConfidence === null) missing.push('profile_confidence');
  if (!strategy || strategy.numbersFocus === null) missing.push('numbers_focus');
  if (missing.length === 0) return null;
  const onlyTargets = missing.length === 1 && missing[0] === 'targets';
  return {
    kind: 'unanswered_questions',
    missing,
    title: onlyTargets ? 'No targets yet' : `${countOf(missing.length, 'strategy question', 'strategy questions')} unanswered`,
    reason: `We don't know yet ${listOf(missing.map((q) => QUESTION_WORDS[q]))}, so the advice stays generic.`,
    nextStep: onlyTargets ? 'Add two or three: introductions start from them.' : 'It takes about two minutes.',
  };
}

const FRESH_EXPORT_STEP = 'Ask LinkedIn for a copy of your data (Settings, Data privacy) and upload it here.';

function staleExport({ input: { lastExportAt }, nowMs }: GapContext): StrategyGap | null {
  const at = toMs(lastExportAt);
  if (at === null) {
    return {
      kind: 'stale_export',
      lastExportAt: null,
      ageDays: null,
      title: 'No LinkedIn export yet',
      reason: 'Without it we cannot see your network yet.',
      nextStep: FRESH_EXPORT_STEP,
    };
  }
  const ageDays = ageInDays(at, nowMs);
  if (ageDays <= STALE_EXPORT_DAYS) return null;
  return {
    kind: 'stale_export',
    lastExportAt,
    ageDays,
    title: `Your export is ${countOf(ageDays, 'day', 'days')} old`,
    reason: 'New connections and job changes since then are missing.',
    nextStep: FRESH_EXPORT_STEP,
  };
}

function targetsWithoutContact({ reach, matches, network }: GapContext): StrategyGap | null {
  const unreached = reach.map((r, i) => ({ r, i })).filter(({ r }) => !r.hasPath);
  const first = unreached[0];
  if (!first) return null;
  // Distinct people: one can match several targets.
  const people = new Set(unreached.flatMap(({ i }) => matches.byTarget[i] ?? []));
  let unreviewed = 0;
  let unknown = 0;
  for (const i of people) {
    const tie = network.fact(i).tie;
    if (tie === null) unreviewed++;
    else if (tie === 'unknown') unknown++;
  }
  const more = unreached.length - 1;
  const nextStep =
    unreviewed > 0
      ? `${countOf(unreviewed, 'person', 'people')} there ${unreviewed === 1 ? 'is' : 'are'} still to review.`
      : unknown > 0
        ? `You are connected to ${countOf(unknown, 'person', 'people')} there you do not know: ask someone you know well to introduce you.`
        : `Ask two people you know well whom they know ${first.r.target.where}.`;
  return {
    kind: 'targets_without_contact',
    targets: unreached.map(({ r }) => r.target.target),
    unreviewedAtTargets: unreviewed,
    unknownAtTargets: unknown,
    title: `No one you know ${first.r.target.where}${more > 0 ? ` (and ${more} more)` : ''}`,
    // One target named, the rest counted: nine targets in one sentence is a list, not a reason.
    reason: `None of the people you know work ${first.r.target.where}${more > 0 ? ' or your other targets' : ''}, nor alongside anyone there.`,
    nextStep,
  };
}

function numbersFocus({ input: { strategy } }: GapContext): StrategyGap | null {
  if (strategy?.numbersFocus !== true) return null;
  return {
    kind: 'numbers_focus',
    title: 'Growing the count is a goal',
    reason: 'A network is worth the people in it who would vouch for you, not its size.',
    nextStep: 'This week, instead of adding anyone, write to one person you know well.',
  };
}

function profile({ input }: GapContext): StrategyGap | null {
  const confidence = input.strategy?.profileConfidence ?? null;
  const missingFields: Array<'headline' | 'summary'> = [];
  if (input.profile && !input.profile.hasHeadline) missingFields.push('headline');
  if (input.profile && !input.profile.hasSummary) missingFields.push('summary');
  const doubtful = confidence === 'no' || confidence === 'partly';
  if (!doubtful && missingFields.length === 0) return null;
  const said =
    confidence === 'no'
      ? 'You told us your profile does not yet sound professional or say what you bring.'
      : confidence === 'partly'
        ? 'You told us your profile only partly says what you bring.'
        : '';
  const empty = missingFields.length > 0 ? `Your export shows ${listOf(missingFields.map((f) => `no ${f}`))}.` : '';
  return {
    kind: 'profile',
    confidence,
    missingFields,
    title: doubtful ? 'Your profile does not speak for you yet' : `Your profile has no ${listOf(missingFields, 'or')}`,
    reason: `${[said, empty].filter(Boolean).join(' ')} Everyone you are introduced to reads it first.`,
    nextStep: missingFields.includes('headline')
      ? 'Write a one-line headline that says what you do and for whom, then ask someone you know well to read it.'
      : missingFields.includes('summary')
        ? 'Write three sentences for your About section: what you do, for whom, and one result you are proud of.'
        : 'Ask one person you know well to read your profile and tell you in one sentence what you offer; fix what they miss.',
  };
}

function highUnknownShare({ quality }: GapContext): StrategyGap | null {
  const reviewed = quality.known + quality.close + quality.unknown;
  if (reviewed < HIGH_UNKNOWN_MIN_REVIEWED || quality.unknown / reviewed < HIGH_UNKNOWN_SHARE) return null;
  return {
    kind: 'high_unknown_share',
    unknown: quality.unknown,
    reviewed,
    title: 'Many strangers in your network',
    reason: `You don't know ${quality.unknown} of the ${reviewed} people you reviewed (${percent(quality.unknown / reviewed)}).`,
    nextStep: 'Before you accept the next invitation, ask yourself whether you could recommend them.',
  };
}

function incomingWithoutNote({ network, nowMs }: GapContext): StrategyGap | null {
  const since = nowMs - INCOMING_WITHOUT_NOTE_DAYS * DAY_MS;
  let count = 0;
  for (let i = 0; i < network.size; i++) {
    const { evidence } = network.fact(i);
    if (network.isTrusted(i) || !isIncomingWithoutNote(evidence) || hasMessages(evidence)) continue;
    const at = network.connectedMs(i) ?? toMs(evidence?.invitationSentAt);
    if (at !== null && at >= since) count++;
  }
  if (count < INCOMING_WITHOUT_NOTE_MIN) return null;
  return {
    kind: 'incoming_without_note',
    count,
    title: 'Invitations accepted without a word',
    reason: `In ${INCOMING_WITHOUT_NOTE_DAYS} days you accepted ${countOf(count, 'invitation', 'invitations')} without a note, and never talked since.`,
    nextStep: 'Next time, reply first and ask what prompted it.',
  };
}

function backlog({ quality, reviewSize }: GapContext): StrategyGap | null {
  const { unreviewed, connections } = quality;
  const large =
    unreviewed >= BACKLOG_MIN_UNREVIEWED ||
    (unreviewed >= BACKLOG_SHARE_MIN_UNREVIEWED && unreviewed / connections >= BACKLOG_SHARE);
  if (!large) return null;
  const weeks = Math.ceil(unreviewed / reviewSize);
  return {
    kind: 'review_backlog',
    unreviewed,
    connections,
    title: `${countOf(unreviewed, 'connection', 'connections')} still to review`,
    reason: `${percent(unreviewed / connections)} of your network is unreviewed.`,
    nextStep: `At ${reviewSize} a week that is ${countOf(weeks, 'week', 'weeks')}; the review page takes many at once.`,
  };
}
