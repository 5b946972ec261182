import { Section } from '@react-email/components';
import { Item, type ItemView } from './components/item.tsx';
import { Layout } from './components/layout.tsx';
import { SectionHeading } from './components/section-heading.tsx';
import { Command, Greeting, Paragraph, SmallPrint, TextLink, Title, greetingName } from './components/text.tsx';
import { displayName } from './display-name.ts';
import { countOf } from './format.ts';
import { replyMailto } from './mailto.ts';

/** A button leading to a scanner-safe action page (the GET only shows a confirmation). */
export interface DigestAction {
  label: string;
  url: string;
}

export interface DigestItem {
  /** 1..n across all sections, in display order, so a reply can refer to it. */
  number: number;
  /** e.g. "Jane Doe" or "Ask Sam Lee for an introduction at Acme". */
  title: string;
  /** One or two short sentences of why. */
  detail: string;
  /** e.g. Known / Know well / Don't know, or Draft intro, or Answer the question. */
  actions: DigestAction[];
  /** e.g. "known 3": shown, and written into the one-click mailto reply. */
  replyCommand: string;
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
  /** "Do you know them?" */
  review: DigestItem[];
  introductions: DigestItem[];
  /** Strategy gaps, each with one next step. */
  gaps: DigestItem[];
  tip: { title: string; body: string } | null;
  changes: { newConnections: number; jobChanges: DigestJobChange[]; removed: number } | null;
  /**
   * Shares are 0..1; knownShareChange is the difference of knownShare since the last digest. known
   * counts people marked known or close, unreviewed those not answered yet.
   */
  quality: { connections: number; known: number; unreviewed: number; knownShare: number; evidenceShare: number; knownShareChange: number | null };
  /** reply+TOKEN@domain: every one-click reply goes here. */
  replyAddress: string;
  /** Subject of the one-click replies, e.g. `Re: ${digestSubject(sections)}`. */
  replySubject: string;
  uploadUrl: string;
  preferencesUrl: string;
  unsubscribeUrl: string;
}

export type DigestSections = Pick<WeeklyDigestProps, 'review' | 'introductions' | 'gaps'>;

/**
 * What the digest asks for, in words: "3 people to review, 1 introduction to ask for".
 * Used for the subject, so the builder can also derive the one-click reply subject from it.
 */
export function digestSubject({ review, introductions, gaps }: DigestSections): string {
  const parts: string[] = [];
  if (review.length > 0) parts.push(countOf(review.length, 'person to review', 'people to review'));
  if (introductions.length > 0) {
    parts.push(countOf(introductions.length, 'introduction to ask for', 'introductions to ask for'));
  }
  if (gaps.length > 0) parts.push(countOf(gaps.length, 'strategy gap to close', 'strategy gaps to close'));
  return parts.length > 0 ? parts.join(', ') : 'Your weekly network check-in';
}

// In display order: item numbers run 1..n through these sections in this order.
const itemSections: ReadonlyArray<{ key: keyof DigestSections; heading: string; intro: string }> = [
  {
    key: 'review',
    heading: 'Do you know them?',
    intro: 'You should be able to vouch for everyone in your network. Tell us which of these people you really know.',
  },
  {
    key: 'introductions',
    heading: 'Introductions to ask for',
    intro: 'People you know well who sit where your goals point. Ask them to introduce you onward.',
  },
  { key: 'gaps', heading: 'Gaps in your strategy', intro: 'Each one comes with a single next step.' },
];

// Exports after a reorganisation can list dozens of job changes; the digest stays short and the
// total still shows.
const MAX_JOB_CHANGES_SHOWN = 10;

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Below this many points a share hides every answer given ("0% you know" after four): counts show instead. */
const COUNTS_BELOW_POINTS = 10;

/** "38% you know", or while that share is small, the counts that move with every answer. */
function knownPart(quality: WeeklyDigestProps['quality']): string {
  if (Math.round(quality.knownShare * 100) >= COUNTS_BELOW_POINTS) return `${percent(quality.knownShare)} you know`;
  const toReview = quality.unreviewed > 0 ? `, ${quality.unreviewed.toLocaleString('en')} still to review` : '';
  return `${countOf(quality.known, 'person', 'people')} you know${toReview}`;
}

function knownShareTrend(change: number | null): string | null {
  if (change === null) return null;
  const points = Math.round(change * 100);
  // Under half a point still moved: "unchanged" would tell someone their answers did nothing.
  if (points === 0 && change !== 0) return `The share you know is ${change > 0 ? 'up' : 'down'} a little since your last digest.`;
  if (points === 0) return 'The share you know is unchanged since your last digest.';
  const direction = points > 0 ? 'up' : 'down';
  return `The share you know is ${direction} ${countOf(Math.abs(points), 'point', 'points')} since your last digest.`;
}

export interface DigestSectionView {
  /** Which section, e.g. "review"; the markup labels it data-section for tests and styling. */
  id: string;
  heading: string;
  intro: string;
  items: ItemView[];
}

/** "Maria Garcia" and ": Head of Sales at Hooli": the name is isolated in the markup. */
export interface JobChangeLine {
  name: string;
  rest: string;
}

export interface JobChangesView {
  /** "3 people changed jobs:" */
  heading: string;
  lines: JobChangeLine[];
  /** "and 2 more", past the lines shown. */
  more: string | null;
}

/** The parts of "what changed" that have something to say; null parts are left out. */
export interface ChangesView {
  newConnections: string | null;
  jobChanges: JobChangesView | null;
  removed: string | null;
}

/**
 * Everything the digest shows, as display strings, computed from the props in one place. The
 * markup below only places these strings, which lets the compiled renderer (emails/compiled/)
 * render it once with markers and fill it by concatenation afterwards.
 */
export interface DigestView {
  preview: string;
  weekLabel: string;
  /** The subscriber's name as the greeting shows it; null for a plain "Hi,". */
  greetingName: string | null;
  intro: string;
  /** Only the item sections that have items. */
  sections: DigestSectionView[];
  tip: { title: string; body: string } | null;
  changes: ChangesView | null;
  quality: string;
  trend: string | null;
  uploadUrl: string;
  preferencesUrl: string;
  unsubscribeUrl: string;
}

function jobChangesView(jobChanges: DigestJobChange[]): JobChangesView | null {
  if (jobChanges.length === 0) return null;
  const shown = jobChanges.slice(0, MAX_JOB_CHANGES_SHOWN);
  const hidden = jobChanges.length - shown.length;
  return {
    heading: `${countOf(jobChanges.length, 'person', 'people')} changed jobs:`,
    lines: shown.map((change) => ({ name: displayName(change.name), rest: `: ${change.position} at ${change.company}` })),
    more: hidden > 0 ? `and ${hidden} more` : null,
  };
}

function changesView(changes: WeeklyDigestProps['changes']): ChangesView | null {
  if (changes === null) return null;
  const { newConnections, jobChanges, removed } = changes;
  if (newConnections === 0 && jobChanges.length === 0 && removed === 0) return null;
  return {
    newConnections: newConnections > 0 ? countOf(newConnections, 'new connection', 'new connections') : null,
    jobChanges: jobChangesView(jobChanges),
    removed: removed > 0 ? `${countOf(removed, 'connection', 'connections')} no longer in your network` : null,
  };
}

export function digestView(props: WeeklyDigestProps): DigestView {
  const { name, weekLabel, tip, quality, replyAddress, replySubject } = props;
  const hasItems = props.review.length + props.introductions.length + props.gaps.length > 0;
  return {
    preview: `${weekLabel}: ${digestSubject(props)}`,
    weekLabel,
    greetingName: greetingName(name),
    intro: hasItems
      ? 'Here is this week’s short list. Answer any item with a button, the one-click reply under it, or a reply in your own words.'
      : 'Nothing needs an answer this week. Here is how your network looks.',
    sections: itemSections
      .filter(({ key }) => props[key].length > 0)
      .map(({ key, heading, intro }) => ({
        id: key,
        heading,
        intro,
        items: props[key].map((item) => ({
          number: String(item.number),
          title: item.title,
          detail: item.detail,
          actions: item.actions,
          replyCommand: item.replyCommand,
          replyHref: replyMailto(replyAddress, replySubject, item.replyCommand),
        })),
      })),
    tip,
    changes: changesView(props.changes),
    quality:
      `${countOf(quality.connections, 'connection', 'connections')} · ${knownPart(quality)}`
      + ` · ${percent(quality.evidenceShare)} with evidence of a real tie`,
    trend: knownShareTrend(quality.knownShareChange),
    uploadUrl: props.uploadUrl,
    preferencesUrl: props.preferencesUrl,
    unsubscribeUrl: props.unsubscribeUrl,
  };
}

export function DigestSection({ id, heading, intro, items }: DigestSectionView) {
  return (
    <Section data-section={id}>
      <SectionHeading intro={intro}>{heading}</SectionHeading>
      {items.map((item) => (
        <Item key={item.number} {...item} />
      ))}
    </Section>
  );
}

export function JobChange({ line }: { line: JobChangeLine }) {
  return (
    <Paragraph style={{ margin: '0 0 4px', paddingLeft: '12px' }}>
      <bdi>{line.name}</bdi>
      {line.rest}
    </Paragraph>
  );
}

function Changes({ newConnections, jobChanges, removed }: ChangesView) {
  return (
    <>
      <SectionHeading>What changed since your last upload</SectionHeading>
      {newConnections ? <Paragraph>{newConnections}</Paragraph> : null}
      {jobChanges ? (
        <>
          <Paragraph style={{ margin: '0 0 4px' }}>{jobChanges.heading}</Paragraph>
          {jobChanges.lines.map((line, index) => (
            <JobChange key={index} line={line} />
          ))}
          {jobChanges.more ? <SmallPrint style={{ paddingLeft: '12px' }}>{jobChanges.more}</SmallPrint> : null}
        </>
      ) : null}
      {removed ? <Paragraph style={{ marginTop: '16px' }}>{removed}</Paragraph> : null}
    </>
  );
}

function DigestFooter({ uploadUrl, preferencesUrl, unsubscribeUrl }: DigestView) {
  return (
    <>
      <SmallPrint>
        {'Prefer typing? Reply to this email with item numbers, for example '}
        <Command>known 1 3, close 2, unknown 4, intro 5</Command>
        {'. Also '}
        <Command>skip 6</Command>
        {' to pass on an item, '}
        <Command>upload</Command>
        {' for a fresh upload link, '}
        <Command>stop</Command>
        {' to unsubscribe. '}
        <Command>close</Command>
        {' means you know them well enough to ask for, or make, an introduction.'}
      </SmallPrint>
      <SmallPrint>
        <TextLink href={uploadUrl}>Upload a fresh LinkedIn export</TextLink>
        {' · '}
        <TextLink href={preferencesUrl}>Preferences</TextLink>
        {' · '}
        <TextLink href={unsubscribeUrl}>Unsubscribe</TextLink>
      </SmallPrint>
      <SmallPrint>You get this weekly digest because you subscribed to Rapport.</SmallPrint>
    </>
  );
}

/** The digest's markup; every string it shows comes from the view. */
export function WeeklyDigestView(view: DigestView) {
  const { preview, weekLabel, greetingName: name, intro, sections, tip, changes, quality, trend } = view;
  return (
    <Layout preview={preview} footer={<DigestFooter {...view} />}>
      <Title>{weekLabel}</Title>
      <Greeting name={name} />
      <Paragraph>{intro}</Paragraph>

      {sections.map((section) => (
        <DigestSection key={section.id} {...section} />
      ))}

      {tip ? (
        <Section data-section="tip">
          <SectionHeading>{tip.title}</SectionHeading>
          <Paragraph>{tip.body}</Paragraph>
        </Section>
      ) : null}

      {changes ? (
        <Section data-section="changes">
          <Changes {...changes} />
        </Section>
      ) : null}

      <Section data-section="quality">
        <SectionHeading>Network quality</SectionHeading>
        <Paragraph>{quality}</Paragraph>
        {trend ? <SmallPrint>{trend}</SmallPrint> : null}
      </Section>
    </Layout>
  );
}

export function WeeklyDigest(props: WeeklyDigestProps) {
  return <WeeklyDigestView {...digestView(props)} />;
}

WeeklyDigest.PreviewProps = {
  name: 'Alex',
  weekLabel: 'Week of 23 November 2026',
  review: [
    {
      number: 1,
      title: 'Jane Doe',
      detail: 'Connected in 2019 from her invitation, with no messages since. Could you vouch for her?',
      actions: [
        { label: 'Known', url: 'https://rapport.example/a/k1' },
        { label: 'Know well', url: 'https://rapport.example/a/c1' },
        { label: 'Don’t know', url: 'https://rapport.example/a/u1' },
      ],
      replyCommand: 'known 1',
    },
    {
      number: 2,
      title: 'Sam Lee',
      detail: 'Product lead at Acme, one of your target companies. You exchanged a few messages in 2023.',
      actions: [
        { label: 'Known', url: 'https://rapport.example/a/k2' },
        { label: 'Know well', url: 'https://rapport.example/a/c2' },
        { label: 'Don’t know', url: 'https://rapport.example/a/u2' },
      ],
      replyCommand: 'known 2',
    },
  ],
  introductions: [
    {
      number: 3,
      title: 'Ask Priya Patel for an introduction at Globex',
      detail: 'You know Priya well and she worked at Globex for four years. Globex is on your target list.',
      actions: [{ label: 'Draft intro', url: 'https://rapport.example/a/i3' }],
      replyCommand: 'intro 3',
    },
  ],
  gaps: [
    {
      number: 4,
      title: 'No one you know at Initech',
      detail: 'Initech is a target, but none of your known contacts work there. Next step: look for someone who used to.',
      actions: [{ label: 'Answer the question', url: 'https://rapport.example/a/g4' }],
      replyCommand: 'skip 4',
    },
  ],
  tip: {
    title: 'Tip: ask before you connect',
    body: 'When you invite someone new, add a line saying where you met. It makes the tie real for both of you.',
  },
  changes: {
    newConnections: 4,
    jobChanges: [{ name: 'Maria Garcia', company: 'Hooli', position: 'Head of Sales' }],
    removed: 1,
  },
  quality: { connections: 1234, known: 469, unreviewed: 640, knownShare: 0.38, evidenceShare: 0.21, knownShareChange: 0.04 },
  replyAddress: 'reply+preview@rapport.example',
  replySubject: 'Re: 2 people to review, 1 introduction to ask for, 1 strategy gap to close',
  uploadUrl: 'https://rapport.example/upload/preview',
  preferencesUrl: 'https://rapport.example/preferences/preview',
  unsubscribeUrl: 'https://rapport.example/unsubscribe/preview',
} satisfies WeeklyDigestProps;

export default WeeklyDigest;
