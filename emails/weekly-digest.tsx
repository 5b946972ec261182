import { Section } from '@react-email/components';
import { replyAnswerByKind, type DigestItemKind } from '../domain/digest-items/index.ts';
import { Item, type ItemView } from './components/item.tsx';
import { Layout } from './components/layout.tsx';
import { avatarColourOf, initialsOf, personLine } from './components/person.tsx';
import { ProgressChart, progressView, type ProgressView, type ProgressWeek } from './components/progress-chart.tsx';
import { SectionHeading } from './components/section-heading.tsx';
import { Command, Paragraph, SmallPrint, TextLink, greetingName } from './components/text.tsx';
import { colors, fontFamily } from './components/theme.ts';
import { displayName } from './display-name.ts';
import { countOf, formatNumber } from './format.ts';
import { replyMailto } from './mailto.ts';
import { profileLink } from './profile-link.ts';
import { weeklyDigestPreview } from './previews/weekly-digest.ts';

/** A button leading to a scanner-safe action page (the GET only shows a confirmation). */
export interface DigestAction {
  label: string;
  url: string;
}

/** The person an item is about, or the one to ask; the email shows a face, a name and a line. */
export interface DigestPerson {
  /** Picks the avatar's colour, so the same person keeps it week after week. */
  id: string;
  name: string;
  company: string;
  position: string;
  /** As the export gave it; linked only once emails/profile-link.ts accepts it. */
  profileUrl: string | null;
}

export interface DigestItem {
  /** 1..n across all sections, in display order, so a reply can refer to it. */
  number: number;
  kind: DigestItemKind;
  /** Who it is about (review), or whom to ask (an introduction) or was asked (a follow-up); null for a gap. */
  person: DigestPerson | null;
  /** What heads it: the person's name, or what the item asks ("Ask Priya Patel about Globex"). */
  title: string;
  /** One or two sentences: the telling thing, and the question. */
  detail: string;
  actions: DigestAction[];
}

export interface DigestJobChange {
  name: string;
  company: string;
  position: string;
}

export interface WeeklyDigestProps {
  name: string | null;
  /** e.g. "Week of 23 November 2026". */
  weekLabel: string;
  /** In the subject line and the reply subject; built by the composer, which knows the names. */
  subject: string;
  /** This week's news in one line, at the top. */
  hook: string;
  /** The inbox preview line. */
  preheader: string;
  /** What came of introductions asked for earlier: shown first in the introductions' section. */
  followups: DigestItem[];
  /** "Do you know them?" */
  review: DigestItem[];
  introductions: DigestItem[];
  /** Strategy gaps, each with one next step. */
  gaps: DigestItem[];
  /** Items of this digest left to the review page, to keep the email short. */
  moreOnPage: number;
  tip: { title: string; body: string } | null;
  changes: { newConnections: number; jobChanges: DigestJobChange[]; removed: number } | null;
  /**
   * Past weeks and this one, oldest first; unreviewed, evidenceShare (0..1) and introductionsMade
   * (introductions that happened in the last 13 weeks; absent: none) are this week's.
   */
  progress: { weeks: ProgressWeek[]; unreviewed: number; evidenceShare: number; introductionsMade?: number };
  /** reply+TOKEN@domain: the one-click reply goes here. */
  replyAddress: string;
  /** Subject of the one-click reply, e.g. `Re: ${subject}`. */
  replySubject: string;
  /** The review page, with every item of the week. */
  reviewUrl: string;
  uploadUrl: string;
  preferencesUrl: string;
  unsubscribeUrl: string;
}

export const digestSubject = (props: Pick<WeeklyDigestProps, 'subject'>): string => props.subject;

const sectionHeadings: ReadonlyArray<{ key: 'review' | 'introductions' | 'gaps'; heading: (props: WeeklyDigestProps) => string }> = [
  { key: 'review', heading: () => 'Do you know them?' },
  { key: 'introductions', heading: ({ followups, introductions }) => introductionsHeading(followups.length, introductions.length) },
  { key: 'gaps', heading: ({ gaps }) => (gaps.length === 1 ? 'One gap to close' : 'Gaps to close') },
];

/** Follow-ups share the introductions' section, first: one heading fewer on a phone. */
function introductionsHeading(followups: number, introductions: number): string {
  if (followups === 0) return introductions === 1 ? 'An introduction to ask for' : 'Introductions to ask for';
  if (introductions === 0) return followups === 1 ? 'How did your introduction go?' : 'How did your introductions go?';
  return 'Your introductions';
}

/** The items of a section, as the email shows them: the introductions' section starts with the follow-ups. */
const sectionItems = (props: WeeklyDigestProps, key: 'review' | 'introductions' | 'gaps'): DigestItem[] =>
  key === 'introductions' ? [...props.followups, ...props.introductions] : props[key];

/** The chart's height in the email; the web pages draw the same chart taller. */
const CHART_HEIGHT_PX = 40;

export interface DigestSectionView {
  /** Which section, e.g. "review"; the markup labels it data-section for tests and styling. */
  id: string;
  heading: string;
  items: ItemView[];
}

/**
 * Everything the digest shows, as display strings, computed from the props in one place. The
 * markup below only places these strings, which lets the compiled renderer (emails/compiled/)
 * render it once with markers and fill it by concatenation afterwards.
 */
export interface DigestView {
  /** The subject, as the document's title. */
  title: string;
  preview: string;
  weekLabel: string;
  /** The subscriber's name as the greeting shows it; null for no greeting. */
  greetingName: string | null;
  hook: string;
  /** Only the item sections that have items. */
  sections: DigestSectionView[];
  /** "3 more on your review page", or null when the email shows every item. */
  more: string | null;
  tip: { title: string; body: string } | null;
  /** "Since your last upload: 4 new, 11 changed jobs, 1 gone." (The hook names the job change that matters.) */
  changes: string | null;
  progress: ProgressView;
  /** "21% of your network shows a sign of a real tie.", and "2 introductions made this quarter." once there is one. */
  evidence: string;
  /** This week's reply example, "known 1, unknown 2, intro 4", or null without items. */
  replyExample: string | null;
  /** A reply with the example already written. */
  replyHref: string;
  reviewUrl: string;
  uploadUrl: string;
  preferencesUrl: string;
  unsubscribeUrl: string;
}

function itemView(item: DigestItem): ItemView {
  const { person } = item;
  return {
    number: String(item.number),
    heading: item.title,
    // A review item is headed by the person's name, which links to their profile: looking is how
    // "do you know them?" gets answered. An introduction's heading is the ask, not a link.
    headingUrl: person && (item.kind === 'review' || item.kind === 'close') ? profileLink(person.profileUrl) : null,
    // A follow-up's heading already says who was asked and about what.
    line: person && item.kind !== 'followup' ? personLine(person.position, person.company) || null : null,
    avatar: person ? { initials: initialsOf(displayName(person.name)), colour: avatarColourOf(person.id) } : null,
    detail: item.detail,
    actions: item.actions,
  };
}

/**
 * The reply example, from this week's own items: the first item of each kind with its usual
 * answer, and a second review item answered "unknown", so every word shown works on this digest.
 */
export function replyExampleOf(items: readonly DigestItem[]): string | null {
  const commands: string[] = [];
  const seen = new Set<DigestItemKind>();
  for (const item of items) {
    if (seen.has(item.kind)) continue;
    seen.add(item.kind);
    commands.push(`${replyAnswerByKind[item.kind]} ${item.number}`);
  }
  const [firstReview, secondReview] = items.filter((i) => i.kind === 'review');
  if (firstReview && secondReview) commands.splice(commands.indexOf(`${replyAnswerByKind.review} ${firstReview.number}`) + 1, 0, `unknown ${secondReview.number}`);
  return commands.length > 0 ? commands.join(', ') : null;
}

/** The quality line under the chart: the share with evidence, and the introductions made this quarter. */
function qualityLine(progress: WeeklyDigestProps['progress']): string {
  const evidence = `${Math.round(progress.evidenceShare * 100)}% of your network shows a sign of a real tie.`;
  const made = progress.introductionsMade ?? 0;
  return made > 0 ? `${evidence} ${countOf(made, 'introduction', 'introductions')} made this quarter.` : evidence;
}

function changesLine(changes: WeeklyDigestProps['changes']): string | null {
  if (changes === null) return null;
  const n = formatNumber;
  const parts = [
    changes.newConnections > 0 ? `${n(changes.newConnections)} new` : null,
    changes.jobChanges.length > 0 ? `${n(changes.jobChanges.length)} changed ${changes.jobChanges.length === 1 ? 'job' : 'jobs'}` : null,
    changes.removed > 0 ? `${n(changes.removed)} gone` : null,
  ].filter(Boolean);
  return parts.length > 0 ? `Since your last upload: ${parts.join(', ')}.` : null;
}

export function digestView(props: WeeklyDigestProps): DigestView {
  const all = [...props.review, ...props.followups, ...props.introductions, ...props.gaps];
  const replyExample = replyExampleOf(all);
  return {
    title: props.subject,
    preview: props.preheader,
    weekLabel: props.weekLabel,
    greetingName: greetingName(props.name),
    hook: props.hook,
    sections: sectionHeadings
      .filter(({ key }) => sectionItems(props, key).length > 0)
      .map(({ key, heading }) => ({ id: key, heading: heading(props), items: sectionItems(props, key).map(itemView) })),
    more: props.moreOnPage > 0 ? `${formatNumber(props.moreOnPage)} more on your review page` : null,
    tip: props.tip,
    changes: changesLine(props.changes),
    progress: progressView(props.progress.weeks, props.progress.unreviewed, CHART_HEIGHT_PX),
    evidence: qualityLine(props.progress),
    replyExample,
    replyHref: replyMailto(props.replyAddress, props.replySubject, replyExample ?? ''),
    reviewUrl: props.reviewUrl,
    uploadUrl: props.uploadUrl,
    preferencesUrl: props.preferencesUrl,
    unsubscribeUrl: props.unsubscribeUrl,
  };
}

export function DigestSection({ id, heading, items }: DigestSectionView) {
  return (
    <Section data-section={id}>
      <SectionHeading>{heading}</SectionHeading>
      {items.map((item) => (
        <Item key={item.number} {...item} />
      ))}
    </Section>
  );
}

function ReplyHelp({ replyExample, replyHref }: DigestView) {
  if (replyExample === null) {
    return (
      <SmallPrint>
        {'Reply '}
        <Command>upload</Command>
        {' for a fresh upload link, or '}
        <Command>stop</Command>
        {' to unsubscribe.'}
      </SmallPrint>
    );
  }
  return (
    <SmallPrint>
      {'Prefer typing? Reply with item numbers, like '}
      <TextLink href={replyHref}>{replyExample}</TextLink>
      {', or in your own words. '}
      <Command>close</Command>
      {' means you know them well enough to ask for an introduction; '}
      <Command>skip</Command>
      {' passes, '}
      <Command>upload</Command>
      {' sends a fresh upload link, '}
      <Command>stop</Command>
      {' unsubscribes.'}
    </SmallPrint>
  );
}

function DigestFooter(view: DigestView) {
  return (
    <>
      <ReplyHelp {...view} />
      <SmallPrint>
        <TextLink href={view.reviewUrl}>Review page</TextLink>
        {' · '}
        <TextLink href={view.uploadUrl}>Upload a fresh export</TextLink>
        {' · '}
        <TextLink href={view.preferencesUrl}>Preferences</TextLink>
        {' · '}
        <TextLink href={view.unsubscribeUrl}>Unsubscribe</TextLink>
      </SmallPrint>
      <SmallPrint>You get this weekly digest because you subscribed to Rapport.</SmallPrint>
    </>
  );
}

/** The digest's markup; every string it shows comes from the view. */
export function WeeklyDigestView(view: DigestView) {
  const { title, preview, weekLabel, greetingName: name, hook, sections, more, tip, changes, progress, evidence } = view;
  return (
    <Layout title={title} preview={preview} footer={<DigestFooter {...view} />}>
      <SmallPrint style={{ margin: '0 0 4px' }}>
        {name === null ? null : (
          <>
            {'Hi '}
            <bdi>{name}</bdi>
            {' · '}
          </>
        )}
        {'Your weekly digest · '}
        {weekLabel}
      </SmallPrint>
      <h1 className="rp-text" style={{ fontFamily, fontSize: '19px', lineHeight: '26px', fontWeight: 700, color: colors.text, margin: '0 0 4px' }}>
        {hook}
      </h1>

      {sections.map((section) => (
        <DigestSection key={section.id} {...section} />
      ))}
      {more ? (
        <SmallPrint style={{ margin: '4px 0 0' }}>
          <TextLink href={view.reviewUrl}>{more}</TextLink>
        </SmallPrint>
      ) : null}

      {tip ? (
        <Section data-section="tip">
          <SectionHeading>{tip.title}</SectionHeading>
          <Paragraph>{tip.body}</Paragraph>
        </Section>
      ) : null}

      <Section data-section="progress" className="rp-rule" style={{ borderTop: `1px solid ${colors.border}`, marginTop: '12px', paddingTop: '12px' }}>
        <ProgressChart view={progress} />
        <SmallPrint style={{ margin: '8px 0 0' }}>{evidence}</SmallPrint>
        {changes ? <SmallPrint style={{ margin: '8px 0 0' }}>{changes}</SmallPrint> : null}
      </Section>
    </Layout>
  );
}

export function WeeklyDigest(props: WeeklyDigestProps) {
  return <WeeklyDigestView {...digestView(props)} />;
}

// A real digest: generated by `npm run email:previews` from a fake export through the product's
// own import, analysis and composer (scripts/email-previews.ts), so the preview shows what is sent.
WeeklyDigest.PreviewProps = weeklyDigestPreview;

export default WeeklyDigest;
