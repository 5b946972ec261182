import { choicesByKind, type DigestItemContent, type DigestItemKind, type ItemAnswer } from '../../domain/digest-items/index.ts';
import type { DigestItem, DigestPerson, WeeklyDigestProps } from '../../emails/weekly-digest.tsx';
import { displayName } from '../../emails/display-name.ts';
import type { ProgressWeek } from '../../emails/components/progress-chart.tsx';
import type { Analysis, IntroFollowup, IntroOpportunity, PersonRef, ProgressPoint, ReviewItem, StrategyGap } from '../../domain/network/types.ts';
import { linkTo } from '../../domain/public-links.ts';
import { countOf } from '../../emails/format.ts';
import { gapAction } from './gap-actions.ts';

/**
 * Turns an analysis into the numbered items a digest stores and the props its email renders.
 * Pure: links are built from the tokens and base URL given.
 */

export interface DigestLinks {
  publicUrl: string;
  digestToken: string;
  replyAddress: string;
  uploadUrl: string;
  preferencesUrl: string;
  unsubscribeUrl: string;
}

/** An item as a digest stores it; its payload is what pages and replies show of it again. */
export type ComposedItem = DigestItemContent & {
  number: number;
  connectionId: string | null;
  viaConnectionId: string | null;
};

/**
 * What the email shows of each section; the rest of the week's items are stored all the same and
 * wait on the review page, so a digest stays a two-minute read whatever the review size.
 */
export const EMAIL_LIMITS = { followups: 2, review: 5, introductions: 2, gaps: 2 } as const;
/**
 * A due follow-up always goes in the email, in the introductions' section: an introduction on its
 * way comes before a new one, which waits on the review page that week. Each takes the place of two
 * people to place (it is a taller item with a section of its own), at least one person stays: a
 * week with a follow-up is no longer than any other.
 */
const PEOPLE_PER_FOLLOWUP = 2;
const INTRODUCTIONS_BESIDE_FOLLOWUPS = 0;
/** Items above which the email shows one gap, not two. */
const ONE_GAP_FROM = 4;
/** A tip only fits a quiet week. */
const TIP_BELOW_ITEMS = 3;

export function actionUrl(links: Pick<DigestLinks, 'publicUrl' | 'digestToken'>, item: number, answer: ItemAnswer): string {
  return linkTo(links.publicUrl, 'answers', { token: links.digestToken }, { item, answer });
}

/** The email's buttons for an item, one per choice the contract shows in email, in its order. */
function answerButtons(kind: DigestItemKind, number: number, links: DigestLinks) {
  return choicesByKind[kind].flatMap((c) => (c.button ? [{ label: c.button, url: actionUrl(links, number, c.answer) }] : []));
}

const personOf = (p: PersonRef): DigestPerson => ({ id: p.id, name: p.name, company: p.company, position: p.position, profileUrl: p.profileUrl });

interface Composed {
  item: DigestItem;
  stored: ComposedItem;
}

function reviewItem(r: ReviewItem, number: number, links: DigestLinks): Composed {
  const title = r.person.name;
  const item: DigestItem = {
    number,
    kind: r.kind,
    person: personOf(r.person),
    title,
    detail: r.why,
    actions: answerButtons(r.kind, number, links),
  };
  const stored: ComposedItem = { number, kind: r.kind, connectionId: r.person.id, viaConnectionId: null, payload: { title, name: r.person.name, detail: r.why } };
  return { item, stored };
}

function introItem(o: IntroOpportunity, number: number, links: DigestLinks): Composed {
  const item: DigestItem = {
    number,
    kind: 'intro',
    person: personOf(o.via),
    title: o.title,
    detail: o.why,
    actions: answerButtons('intro', number, links),
  };
  const stored: ComposedItem = {
    number,
    kind: 'intro',
    connectionId: o.to?.id ?? null,
    viaConnectionId: o.via.id,
    payload: { title: o.title, detail: o.why, targetLabel: o.targetLabel, viaName: o.via.name, toName: o.to?.name ?? null, draft: o.draft },
  };
  return { item, stored };
}

function followupItem(f: IntroFollowup, number: number, links: DigestLinks): Composed {
  const item: DigestItem = {
    number,
    kind: 'followup',
    person: personOf(f.via),
    title: f.title,
    detail: f.why,
    actions: answerButtons('followup', number, links),
  };
  const stored: ComposedItem = {
    number,
    kind: 'followup',
    connectionId: null,
    viaConnectionId: f.via.id,
    payload: { title: f.title, detail: f.why, introRequestId: f.introRequestId, name: f.via.name, toName: f.toName, targetLabel: f.targetLabel, stage: f.stage },
  };
  return { item, stored };
}

function gapItem(g: StrategyGap, number: number, links: DigestLinks): Composed {
  const detail = `${g.reason} ${g.nextStep}`;
  const item: DigestItem = {
    number,
    kind: 'gap',
    person: null,
    title: g.title,
    detail,
    actions: [gapAction(g, links)],
  };
  const stored: ComposedItem = { number, kind: 'gap', connectionId: null, viaConnectionId: null, payload: { title: g.title, detail, gap: g.kind } };
  return { item, stored };
}

// Made once: toLocaleString builds a new formatter, with its locale data, on every call.
const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' });
const shortMonth = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' });

/** The Monday of an ISO week ("2026-W48"). */
function mondayOf(isoWeek: string): Date {
  const [yearText, weekText] = isoWeek.split('-W');
  const jan4 = new Date(Date.UTC(Number(yearText), 0, 4));
  return new Date(jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * 86_400_000 + (Number(weekText) - 1) * 7 * 86_400_000);
}

/** Monday of an ISO week, as "Week of 23 November 2026". */
export function weekLabel(isoWeek: string): string {
  const monday = mondayOf(isoWeek);
  return `Week of ${monday.getUTCDate()} ${monthName.format(monday)} ${monday.getUTCFullYear()}`;
}

/** "23 Nov", under the chart's first bar. */
export function shortWeekLabel(isoWeek: string): string {
  const monday = mondayOf(isoWeek);
  return `${monday.getUTCDate()} ${shortMonth.format(monday)}`;
}

// Subjects and previews travel in headers and inbox lists: one line, no controls, bounded.
const MAX_SUBJECT_PART = 40;
function subjectPart(text: string): string {
  // displayName removes bidirectional controls and folds every whitespace run (CR and LF included).
  const shown = displayName(text).replace(/\p{Cc}/gu, '');
  return shown.length <= MAX_SUBJECT_PART ? shown : `${shown.slice(0, MAX_SUBJECT_PART - 1).trimEnd()}…`;
}

const firstName = (name: string) => subjectPart(name.split(' ')[0] ?? name);

/**
 * The subject invites rather than lists: the first person to place and, when there is one, an
 * introduction ("Do you really know Hugo? And an intro path into Marlowe").
 */
function subjectOf(review: readonly ReviewItem[], intros: readonly IntroOpportunity[], gaps: readonly StrategyGap[]): string {
  const person = review[0];
  const intro = intros[0];
  const ask = person ? (person.kind === 'close' ? `How well do you know ${firstName(person.person.name)}?` : `Do you really know ${firstName(person.person.name)}?`) : null;
  const path = intro ? `an intro path into ${subjectPart(intro.targetLabel)}` : null;
  if (ask && path) return `${ask} And ${path}`;
  if (ask) return review.length > 1 ? `${ask} And ${countOf(review.length - 1, 'other', 'others')} this week` : ask;
  if (path) return `${path.charAt(0).toUpperCase()}${path.slice(1)}`;
  if (gaps[0]) return subjectPart(gaps[0].title);
  return 'Your network this week';
}

/** This week's news for this subscriber, most personal first. */
function hookOf(analysis: Analysis, shown: { review: number; introductions: number }, firstDigest: boolean, knownChange: number | null): string {
  // Companies and targets are text from outside, in a heading and the inbox preview: shown by the
  // names' rule, without the controls that would reorder the line.
  const moved = analysis.changes.jobChanges.find((j) => j.tie === 'close' || j.tie === 'known');
  if (moved) {
    const where = moved.person.company ? `at ${displayName(moved.person.company)}` : displayName(moved.person.position) || 'somewhere new';
    return `${moved.person.name} is now ${where}: time to say congratulations?`;
  }
  // Only an introduction the email shows (a week with a follow-up shows none) makes the news.
  const shownIntroductions = analysis.introductions.slice(0, shown.introductions);
  const opened = shownIntroductions.find((o) => o.newPath);
  if (opened) return `Your answers opened a path into ${displayName(opened.targetLabel)}: ask ${firstName(opened.via.name)}.`;
  // An introduction asked for earlier: what came of it.
  const followup = analysis.followups[0];
  if (followup) return `Any news from ${firstName(followup.via.name)} about ${displayName(followup.targetLabel)}?`;
  if (firstDigest) {
    return shown.review > 0 ? `Your first week: ${countOf(shown.review, 'person', 'people')} to place in two minutes.` : 'Your first digest.';
  }
  if (knownChange !== null && knownChange > 0) return `You know ${countOf(knownChange, 'more person', 'more people')} in your network than last week.`;
  if (shownIntroductions[0]) return `An introduction into ${displayName(shownIntroductions[0].targetLabel)} is ready to ask for.`;
  if (shown.review > 0) return `${countOf(shown.review, 'person', 'people')} to place this week.`;
  return 'Nothing to answer this week. Here is how your network looks.';
}

function progressWeeks(history: readonly ProgressPoint[], analysis: Analysis, isoWeek: string): ProgressWeek[] {
  const past = history.map((p) => ({ label: shortWeekLabel(p.isoWeek), known: p.known, close: p.close }));
  return [...past, { label: shortWeekLabel(isoWeek), known: analysis.quality.known, close: analysis.quality.close }];
}

export interface ComposeInput {
  analysis: Analysis;
  name: string | null;
  isoWeek: string;
  links: DigestLinks;
  /** Past sent digests, oldest first (AnalysisInput.history). */
  history: readonly ProgressPoint[];
}

export function composeDigest({ analysis, name, isoWeek, links, history }: ComposeInput) {
  const followups = analysis.followups.slice(0, EMAIL_LIMITS.followups);
  const review = analysis.review.slice(0, Math.max(1, EMAIL_LIMITS.review - PEOPLE_PER_FOLLOWUP * followups.length));
  const introductions = analysis.introductions.slice(0, followups.length > 0 ? INTRODUCTIONS_BESIDE_FOLLOWUPS : EMAIL_LIMITS.introductions);
  const gapRoom = followups.length + review.length + introductions.length >= ONE_GAP_FROM ? 1 : EMAIL_LIMITS.gaps;
  const gaps = analysis.gaps.slice(0, gapRoom);

  // Numbers run through what the email shows first, so it reads 1..n; the rest follow, on the page.
  let next = 1;
  const shownReview = review.map((r) => reviewItem(r, next++, links));
  const shownFollowups = followups.map((f) => followupItem(f, next++, links));
  const shownIntros = introductions.map((o) => introItem(o, next++, links));
  const shownGaps = gaps.map((g) => gapItem(g, next++, links));
  const hidden = [
    ...analysis.review.slice(review.length).map((r) => reviewItem(r, next++, links)),
    ...analysis.followups.slice(followups.length).map((f) => followupItem(f, next++, links)),
    ...analysis.introductions.slice(introductions.length).map((o) => introItem(o, next++, links)),
    ...analysis.gaps.slice(gaps.length).map((g) => gapItem(g, next++, links)),
  ];

  const shownCount = shownFollowups.length + shownReview.length + shownIntros.length + shownGaps.length;
  const tip = analysis.tip && shownCount < TIP_BELOW_ITEMS ? { title: analysis.tip.title, body: analysis.tip.body } : null;
  const previous = history[history.length - 1];
  const knownChange = previous ? analysis.quality.known + analysis.quality.close - previous.known - previous.close : null;
  const hook = hookOf(analysis, { review: shownReview.length, introductions: shownIntros.length }, history.length === 0, knownChange);
  const subject = subjectOf(review, introductions, gaps);
  const { changes, quality } = analysis;
  const hasChanges = changes.newConnections > 0 || changes.jobChanges.length > 0 || changes.removed > 0;
  const week = weekLabel(isoWeek);
  const props: WeeklyDigestProps = {
    name,
    weekLabel: week,
    subject,
    hook,
    preheader: subject === hook ? week : hook,
    followups: shownFollowups.map((x) => x.item),
    review: shownReview.map((x) => x.item),
    introductions: shownIntros.map((x) => x.item),
    gaps: shownGaps.map((x) => x.item),
    moreOnPage: hidden.length,
    tip,
    changes: hasChanges
      ? {
          newConnections: changes.newConnections,
          jobChanges: changes.jobChanges.map((j) => ({ name: j.person.name, company: j.person.company, position: j.person.position })),
          removed: changes.removed,
        }
      : null,
    progress: {
      weeks: progressWeeks(history, analysis, isoWeek),
      unreviewed: quality.unreviewed,
      evidenceShare: quality.evidenceShare,
      introductionsMade: quality.introductionsMade,
    },
    replyAddress: links.replyAddress,
    replySubject: `Re: ${subject}`,
    reviewUrl: linkTo(links.publicUrl, 'answers', { token: links.digestToken }),
    uploadUrl: links.uploadUrl,
    preferencesUrl: links.preferencesUrl,
    unsubscribeUrl: links.unsubscribeUrl,
  };
  const items = [...shownReview, ...shownFollowups, ...shownIntros, ...shownGaps, ...hidden].map((x) => x.stored);
  // What is stored as sent is what the email showed: a tip left out is not counted as given.
  const sentAnalysis: Analysis = tip === null && analysis.tip !== null ? { ...analysis, tip: null } : analysis;
  return { subject, props, items, analysis: sentAnalysis };
}
