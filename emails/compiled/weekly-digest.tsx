import { Preview, render } from '@react-email/components';
import { renderToStaticMarkup } from 'react-dom/server';
import { Item, ItemAction, type ItemView } from '../components/item.tsx';
import { ProgressBar, type ProgressBarView } from '../components/progress-chart.tsx';
import {
  DigestSection,
  WeeklyDigestView,
  digestView,
  type DigestAction,
  type DigestSectionView,
  type DigestView,
  type WeeklyDigestProps,
} from '../weekly-digest.tsx';
import { Specimen, TEXT_WHITESPACE, compilePart, compileTemplate, fill, finishText, htmlOf, type Rendered, type Template } from './template.ts';

/**
 * The weekly digest without React: the markup of emails/weekly-digest.tsx compiled on first use
 * (emails/compiled/template.ts), then filled with each digest's view. The digest's lists (sections,
 * items, buttons, job changes) are templates of their own; the document around them is compiled
 * once per shape, that is per combination of the optional parts it shows.
 */

const parts = new Map<string, Template>();
const documents = new Map<string, Promise<Template>>();

function compiledPart(key: string, compile: () => Template): Template {
  let template = parts.get(key);
  if (!template) parts.set(key, (template = compile()));
  return template;
}

// html-to-text leaves mailto: links out of the text, recognising them by their scheme, so the
// specimen keeps the scheme and its marker stands for the rest of the link.
const MAILTO = 'mailto:';

const specimenAction = ({ marker }: Specimen): DigestAction => ({ label: marker('label'), url: marker('url') });

/** Which optional parts an item shows: items of one shape share one compiled template. */
interface ItemShape {
  actions: boolean;
  headingUrl: boolean;
  line: boolean;
  avatar: boolean;
}

const itemShapeOf = (item: ItemView): ItemShape => ({
  actions: item.actions.length > 0,
  headingUrl: item.headingUrl !== null,
  line: item.line !== null,
  avatar: item.avatar !== null,
});

const keyOf = (shape: ItemShape) => `item ${Object.values(shape).map(Number).join('')}`;

function specimenItem(specimen: Specimen, shape: ItemShape): ItemView {
  const { marker } = specimen;
  return {
    number: marker('number'),
    heading: marker('heading'),
    headingUrl: shape.headingUrl ? marker('headingUrl') : null,
    line: shape.line ? marker('line') : null,
    avatar: shape.avatar ? { initials: marker('initials'), colour: marker('colour') } : null,
    detail: marker('detail'),
    actions: shape.actions ? [specimenAction(specimen), specimenAction(specimen)] : [],
  };
}

// A section's specimen items have every part, so the section's own markup is found around them.
const FULL_ITEM: ItemShape = { actions: true, headingUrl: true, line: true, avatar: true };

function specimenSection(specimen: Specimen): DigestSectionView {
  const { marker } = specimen;
  return { id: marker('id'), heading: marker('heading'), items: [specimenItem(specimen, FULL_ITEM), specimenItem(specimen, FULL_ITEM)] };
}

function renderAction(action: DigestAction): Rendered {
  return fill(
    compiledPart('action', () => compilePart((specimen) => ({ element: <ItemAction {...specimenAction(specimen)} /> }))),
    { label: action.label, url: action.url },
  );
}

function renderItem(item: ItemView): Rendered {
  const shape = itemShapeOf(item);
  const template = compiledPart(keyOf(shape), () =>
    compilePart((specimen) => {
      const specimenView = specimenItem(specimen, shape);
      const actions = specimenView.actions.map((action) => <ItemAction {...action} />);
      return { element: <Item {...specimenView} />, slots: { actions } };
    }),
  );
  return fill(template, {
    number: item.number,
    heading: item.heading,
    headingUrl: item.headingUrl ?? undefined,
    line: item.line ?? undefined,
    initials: item.avatar?.initials,
    colour: item.avatar?.colour,
    detail: item.detail,
    actions: item.actions.map(renderAction),
  });
}

function renderSection(section: DigestSectionView): Rendered {
  const template = compiledPart('section', () =>
    compilePart((specimen) => {
      const specimenView = specimenSection(specimen);
      const items = specimenView.items.map((item) => <Item {...item} />);
      return { element: <DigestSection {...specimenView} />, slots: { items } };
    }),
  );
  return fill(template, { id: section.id, heading: section.heading, items: section.items.map(renderItem) });
}

const specimenBar = ({ marker }: Specimen): ProgressBarView => ({ rest: marker('rest'), known: marker('known'), close: marker('close') });

function renderBar(bar: ProgressBarView): Rendered {
  return fill(
    compiledPart('bar', () => compilePart((specimen) => ({ element: <ProgressBar bar={specimenBar(specimen)} /> }))),
    { rest: bar.rest, known: bar.known, close: bar.close },
  );
}

// react-email's <Preview> pads the inbox preview with invisible characters up to a fixed length, so
// its markup depends on the preview's length: it is compiled once per length, from a filler text of
// that length, which also shows how much of the text <Preview> keeps.
const PREVIEW_FILLER = '\uE002';
const previews = new Map<number, { before: string; after: string; shown: number }>();

function renderPreview(preview: string): Rendered {
  let template = previews.get(preview.length);
  if (!template) {
    const html = renderToStaticMarkup(<Preview>{PREVIEW_FILLER.repeat(preview.length)}</Preview>);
    // An empty preview has no filler to find: its markup is all padding, with nothing to fill.
    const found = html.indexOf(PREVIEW_FILLER);
    const start = found === -1 ? html.length : found;
    const end = found === -1 ? start : html.lastIndexOf(PREVIEW_FILLER) + 1;
    template = { before: html.slice(0, start), after: html.slice(end), shown: end - start };
    previews.set(preview.length, template);
  }
  // The inbox preview is no part of the plain text.
  return { html: template.before + htmlOf(preview.slice(0, template.shown)) + template.after, text: '' };
}

/** Which optional parts a digest shows: digests of one shape share one compiled document. */
function shapeOf({ greetingName, sections, more, tip, changes, progress, replyExample }: DigestView): string {
  return [greetingName !== null, sections.length > 0, more, tip, changes, progress.bars.length > 0, replyExample]
    .map((present) => (present ? 1 : 0))
    .join('');
}

/** A document of the view's shape, with markers for its strings and two instances of each list. */
function specimenDocument(specimen: Specimen, view: DigestView): DigestView {
  const { marker } = specimen;
  const { sections, more, tip, changes, progress, replyExample } = view;
  return {
    title: marker('title'),
    preview: marker('preview'),
    weekLabel: marker('weekLabel'),
    greetingName: view.greetingName === null ? null : marker('greetingName'),
    hook: marker('hook'),
    sections: sections.length > 0 ? [specimenSection(specimen), specimenSection(specimen)] : [],
    more: more && marker('more'),
    tip: tip && { title: marker('tipTitle'), body: marker('tipBody') },
    changes: changes && marker('changes'),
    progress: {
      bars: progress.bars.length > 0 ? [specimenBar(specimen), specimenBar(specimen)] : [],
      from: marker('from'),
      to: marker('to'),
      summary: marker('summary'),
      legendClose: marker('legendClose'),
      legendKnown: marker('legendKnown'),
      chartWidth: marker('chartWidth'),
    },
    evidence: marker('evidence'),
    replyExample: replyExample && marker('replyExample'),
    replyHref: MAILTO + marker('replyHref'),
    reviewUrl: marker('reviewUrl'),
    uploadUrl: marker('uploadUrl'),
    preferencesUrl: marker('preferencesUrl'),
    unsubscribeUrl: marker('unsubscribeUrl'),
  };
}

async function compileDocument(view: DigestView): Promise<Template> {
  const specimen = new Specimen();
  const specimenView = specimenDocument(specimen, view);
  const html = await render(<WeeklyDigestView {...specimenView} />);
  return compileTemplate(specimen, html, {
    preview: [<Preview>{specimenView.preview}</Preview>],
    sections: specimenView.sections.map((section) => <DigestSection {...section} />),
    bars: specimenView.progress.bars.map((bar) => <ProgressBar bar={bar} />),
  });
}

const WEB_URL = /^https?:\/\//;
const isBlank = (text: string) => text.replace(TEXT_WHITESPACE, '') === '';

/**
 * Whether the compiled templates hold for these props; the React render takes the rest, all of it
 * text we write rather than data. Links must be web URLs, shown as written: React rewrites
 * javascript: URLs, and html-to-text drops empty, '#' and mailto: ones, and a button's URL when its
 * label is that URL. And html-to-text drops a blank block that opens a section together with its
 * line breaks, which the compiled text cannot know: the tip's title and the week label, which opens
 * the card, must not be blank.
 */
function compilable({ weekLabel, followups, review, introductions, gaps, tip, reviewUrl, uploadUrl, preferencesUrl, unsubscribeUrl }: WeeklyDigestProps): boolean {
  const actions = [...followups, ...review, ...introductions, ...gaps].flatMap((item) => item.actions);
  return (
    [reviewUrl, uploadUrl, preferencesUrl, unsubscribeUrl, ...actions.map((a) => a.url)].every((url) => WEB_URL.test(url))
    && actions.every((a) => a.label.replace(TEXT_WHITESPACE, '') !== a.url)
    && !(tip && isBlank(tip.title))
    && !isBlank(weekLabel)
  );
}

/** The digest's HTML and plain text, identical to the React render's; null when it must take that render. */
export async function renderCompiledDigest(props: WeeklyDigestProps): Promise<Rendered | null> {
  if (!compilable(props)) return null;
  const view = digestView(props);
  const shape = shapeOf(view);
  let document = documents.get(shape);
  if (!document) documents.set(shape, (document = compileDocument(view)));
  const { tip, progress } = view;
  const { html, text } = fill(await document, {
    title: view.title,
    preview: [renderPreview(view.preview)],
    weekLabel: view.weekLabel,
    greetingName: view.greetingName ?? undefined,
    hook: view.hook,
    sections: view.sections.map(renderSection),
    more: view.more ?? undefined,
    tipTitle: tip?.title,
    tipBody: tip?.body,
    changes: view.changes ?? undefined,
    bars: progress.bars.map(renderBar),
    from: progress.from,
    to: progress.to,
    summary: progress.summary,
    legendClose: progress.legendClose,
    legendKnown: progress.legendKnown,
    chartWidth: progress.chartWidth,
    evidence: view.evidence,
    replyExample: view.replyExample ?? undefined,
    replyHref: view.replyHref.slice(MAILTO.length),
    reviewUrl: view.reviewUrl,
    uploadUrl: view.uploadUrl,
    preferencesUrl: view.preferencesUrl,
    unsubscribeUrl: view.unsubscribeUrl,
  });
  return { html, text: finishText(text) };
}
