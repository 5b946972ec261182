import { Preview, render } from '@react-email/components';
import { renderToStaticMarkup } from 'react-dom/server';
import { Item, ItemAction, type ItemView } from '../components/item.tsx';
import {
  DigestSection,
  JobChange,
  WeeklyDigestView,
  digestView,
  type DigestAction,
  type DigestSectionView,
  type DigestView,
  type JobChangeLine,
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

function specimenItem(specimen: Specimen, actions: number): ItemView {
  const { marker } = specimen;
  return {
    number: marker('number'),
    title: marker('title'),
    detail: marker('detail'),
    actions: Array.from({ length: actions }, () => specimenAction(specimen)),
    replyCommand: marker('replyCommand'),
    replyHref: MAILTO + marker('replyHref'),
  };
}

function specimenSection(specimen: Specimen): DigestSectionView {
  const { marker } = specimen;
  return { id: marker('id'), heading: marker('heading'), intro: marker('intro'), items: [specimenItem(specimen, 1), specimenItem(specimen, 1)] };
}

function renderAction(action: DigestAction): Rendered {
  return fill(
    compiledPart('action', () => compilePart((specimen) => ({ element: <ItemAction {...specimenAction(specimen)} /> }))),
    { label: action.label, url: action.url },
  );
}

// Without actions an item has no button row at all, rather than an empty one.
function renderItem(item: ItemView): Rendered {
  const withActions = item.actions.length > 0;
  const template = compiledPart(withActions ? 'item' : 'item without actions', () =>
    compilePart((specimen) => {
      const specimenView = specimenItem(specimen, withActions ? 2 : 0);
      const actions = specimenView.actions.map((action) => <ItemAction {...action} />);
      return { element: <Item {...specimenView} />, slots: { actions } };
    }),
  );
  return fill(template, { ...item, replyHref: item.replyHref.slice(MAILTO.length), actions: item.actions.map(renderAction) });
}

function renderSection(section: DigestSectionView): Rendered {
  const template = compiledPart('section', () =>
    compilePart((specimen) => {
      const specimenView = specimenSection(specimen);
      const items = specimenView.items.map((item) => <Item {...item} />);
      return { element: <DigestSection {...specimenView} />, slots: { items } };
    }),
  );
  return fill(template, { ...section, items: section.items.map(renderItem) });
}

const specimenLine = ({ marker }: Specimen): JobChangeLine => ({ name: marker('lineName'), rest: marker('lineRest') });

function renderJobChange(line: JobChangeLine): Rendered {
  return fill(
    compiledPart('job change', () => compilePart((specimen) => ({ element: <JobChange line={specimenLine(specimen)} /> }))),
    { lineName: line.name, lineRest: line.rest },
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
    const start = html.indexOf(PREVIEW_FILLER);
    const end = html.lastIndexOf(PREVIEW_FILLER) + 1;
    template = { before: html.slice(0, start), after: html.slice(end), shown: end - start };
    previews.set(preview.length, template);
  }
  // The inbox preview is no part of the plain text.
  return { html: template.before + htmlOf(preview.slice(0, template.shown)) + template.after, text: '' };
}

/** Which optional parts a digest shows: digests of one shape share one compiled document. */
function shapeOf({ greetingName, sections, tip, changes, trend }: DigestView): string {
  return [
    greetingName !== null,
    sections.length > 0,
    tip,
    changes,
    changes?.newConnections,
    changes?.jobChanges,
    changes?.jobChanges?.more,
    changes?.removed,
    trend,
  ]
    .map((present) => (present ? 1 : 0))
    .join('');
}

/** A document of the view's shape, with markers for its strings and two instances of each list. */
function specimenDocument(specimen: Specimen, { greetingName, sections, tip, changes, trend }: DigestView): DigestView {
  const { marker } = specimen;
  const jobChanges = changes && changes.jobChanges;
  return {
    preview: marker('preview'),
    weekLabel: marker('weekLabel'),
    greetingName: greetingName === null ? null : marker('greetingName'),
    intro: marker('intro'),
    sections: sections.length > 0 ? [specimenSection(specimen), specimenSection(specimen)] : [],
    tip: tip && { title: marker('tipTitle'), body: marker('tipBody') },
    changes: changes && {
      newConnections: changes.newConnections && marker('newConnections'),
      jobChanges: jobChanges && { heading: marker('jobChanges'), lines: [specimenLine(specimen), specimenLine(specimen)], more: jobChanges.more && marker('moreJobChanges') },
      removed: changes.removed && marker('removed'),
    },
    quality: marker('quality'),
    trend: trend && marker('trend'),
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
    lines: (specimenView.changes?.jobChanges?.lines ?? []).map((line) => <JobChange line={line} />),
  });
}

const WEB_URL = /^https?:\/\//;
const isBlank = (text: string) => text.replace(TEXT_WHITESPACE, '') === '';

/**
 * Whether the compiled templates hold for these props; the React render takes the rest, all of it
 * text we write rather than data. Links must be web URLs, shown as written: React rewrites
 * javascript: URLs, and html-to-text drops empty, '#' and mailto: ones, and a button's URL when its
 * label is that URL. And html-to-text drops a blank heading that opens a section together with its
 * line breaks, which the compiled text cannot know: the tip's title must not be blank.
 */
function compilable({ review, introductions, gaps, tip, uploadUrl, preferencesUrl, unsubscribeUrl }: WeeklyDigestProps): boolean {
  const actions = [...review, ...introductions, ...gaps].flatMap((item) => item.actions);
  return (
    [uploadUrl, preferencesUrl, unsubscribeUrl, ...actions.map((a) => a.url)].every((url) => WEB_URL.test(url))
    && actions.every((a) => a.label.replace(TEXT_WHITESPACE, '') !== a.url)
    && !(tip && isBlank(tip.title))
  );
}

/** The digest's HTML and plain text, identical to the React render's; null when it must take that render. */
export async function renderCompiledDigest(props: WeeklyDigestProps): Promise<Rendered | null> {
  if (!compilable(props)) return null;
  const view = digestView(props);
  const shape = shapeOf(view);
  let document = documents.get(shape);
  if (!document) documents.set(shape, (document = compileDocument(view)));
  const { tip, changes } = view;
  const { html, text } = fill(await document, {
    preview: [renderPreview(view.preview)],
    weekLabel: view.weekLabel,
    greetingName: view.greetingName ?? undefined,
    intro: view.intro,
    sections: view.sections.map(renderSection),
    tipTitle: tip?.title,
    tipBody: tip?.body,
    newConnections: changes?.newConnections,
    jobChanges: changes?.jobChanges?.heading,
    lines: changes?.jobChanges?.lines.map(renderJobChange),
    moreJobChanges: changes?.jobChanges?.more,
    removed: changes?.removed,
    quality: view.quality,
    trend: view.trend,
    uploadUrl: view.uploadUrl,
    preferencesUrl: view.preferencesUrl,
    unsubscribeUrl: view.unsubscribeUrl,
  });
  return { html, text: finishText(text) };
}
