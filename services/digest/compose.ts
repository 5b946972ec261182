import { choicesByKind, replyAnswerByKind, type DigestItemContent, type DigestItemKind, type ItemAnswer } from '../../domain/digest-items/index.ts';
import { digestSubject, type DigestItem, type WeeklyDigestProps } from '../../emails/weekly-digest.tsx';
import type { Analysis, IntroOpportunity, ReviewItem, StrategyGap } from '../../domain/network/types.ts';
import { linkTo } from '../../domain/public-links.ts';

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

export function actionUrl(links: Pick<DigestLinks, 'publicUrl' | 'digestToken'>, item: number, answer: ItemAnswer): string {
  return linkTo(links.publicUrl, 'answers', { token: links.digestToken }, { item, answer });
}

/** The email's buttons for an item, one per choice the contract shows in email, in its order. */
function answerButtons(kind: DigestItemKind, number: number, links: DigestLinks) {
  return choicesByKind[kind].flatMap((c) => (c.button ? [{ label: c.button, url: actionUrl(links, number, c.answer) }] : []));
}

const replyCommand = (kind: DigestItemKind, number: number) => `${replyAnswerByKind[kind]} ${number}`;

function describePerson(p: { company: string; position: string }): string {
  if (p.position && p.company) return `${p.position} at ${p.company}`;
  return p.position || p.company || '';
}

function reviewItem(r: ReviewItem, number: number, links: DigestLinks) {
  const detail = [describePerson(r.person), r.why].filter(Boolean).join('. ');
  const title = r.kind === 'close' ? `Do you know ${r.person.name} well?` : r.person.name;
  const item: DigestItem = { number, title, detail, actions: answerButtons(r.kind, number, links), replyCommand: replyCommand(r.kind, number) };
  const stored: ComposedItem = {
    number,
    kind: r.kind,
    connectionId: r.person.id,
    viaConnectionId: null,
    payload: { title, name: r.person.name, detail },
  };
  return { item, stored };
}

function introItem(o: IntroOpportunity, number: number, links: DigestLinks) {
  const item: DigestItem = {
    number,
    title: o.title,
    detail: o.why,
    actions: answerButtons('intro', number, links),
    replyCommand: replyCommand('intro', number),
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

function gapItem(g: StrategyGap, number: number, links: DigestLinks) {
  const url = g.kind === 'stale_export' ? links.uploadUrl : links.preferencesUrl;
  const label = g.kind === 'stale_export' ? 'Upload a fresh export' : 'Answer the question';
  const item: DigestItem = {
    number,
    title: g.title,
    detail: `${g.reason} Next step: ${g.nextStep}`,
    actions: [{ label, url }],
    replyCommand: replyCommand('gap', number),
  };
  const stored: ComposedItem = {
    number,
    kind: 'gap',
    connectionId: null,
    viaConnectionId: null,
    payload: { title: g.title, detail: item.detail, gap: g.kind },
  };
  return { item, stored };
}

// Made once: toLocaleString builds a new formatter, with its locale data, on every call.
const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' });

/** Monday of an ISO week, as "Week of 23 November 2026". */
export function weekLabel(isoWeek: string): string {
  const [yearText, weekText] = isoWeek.split('-W');
  const year = Number(yearText);
  const week = Number(weekText);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * 86_400_000 + (week - 1) * 7 * 86_400_000);
  return `Week of ${monday.getUTCDate()} ${monthName.format(monday)} ${monday.getUTCFullYear()}`;
}

export function composeDigest(input: { analysis: Analysis; name: string | null; isoWeek: string; links: DigestLinks }) {
  const { analysis, links } = input;
  let next = 1;
  const review = analysis.review.map((r) => reviewItem(r, next++, links));
  const introductions = analysis.introductions.map((o) => introItem(o, next++, links));
  const gaps = analysis.gaps.map((g) => gapItem(g, next++, links));
  const sections = { review: review.map((r) => r.item), introductions: introductions.map((i) => i.item), gaps: gaps.map((g) => g.item) };
  const subject = digestSubject(sections);
  const { changes, quality } = analysis;
  const hasChanges = changes.newConnections > 0 || changes.jobChanges.length > 0 || changes.removed > 0;
  const props: WeeklyDigestProps = {
    name: input.name,
    weekLabel: weekLabel(input.isoWeek),
    ...sections,
    tip: analysis.tip ? { title: analysis.tip.title, body: analysis.tip.body } : null,
    changes: hasChanges
      ? {
          newConnections: changes.newConnections,
          jobChanges: changes.jobChanges.map((j) => ({ name: j.person.name, company: j.person.company, position: j.person.position })),
          removed: changes.removed,
        }
      : null,
    quality: {
      connections: quality.connections,
      known: quality.known + quality.close,
      unreviewed: quality.unreviewed,
      knownShare: quality.knownShare,
      evidenceShare: quality.evidenceShare,
      knownShareChange: quality.knownShareChange,
    },
    replyAddress: links.replyAddress,
    replySubject: `Re: ${subject}`,
    uploadUrl: links.uploadUrl,
    preferencesUrl: links.preferencesUrl,
    unsubscribeUrl: links.unsubscribeUrl,
  };
  return { subject, props, items: [...review, ...introductions, ...gaps].map((x) => x.stored) };
}
