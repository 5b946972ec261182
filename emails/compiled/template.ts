import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { HAS_BIDI_CONTROL, stripBidiControls } from '../display-name.ts';
import { plainTextOf } from '../plain-text.ts';

/**
 * A React Email template compiled to strings: rendered once with a marker in place of each value,
 * then its HTML and the plain text derived from that HTML are split at the markers. Filling it is
 * string concatenation. A list is cut out of the render as a slot and filled with the list's own
 * template, once per instance.
 */

export interface Rendered {
  html: string;
  text: string;
}

interface Hole {
  name: string;
  /** html-to-text upper-cased the marker: the value sits in a heading. */
  upper: boolean;
}

interface Pieces {
  statics: string[];
  holes: Hole[];
}

export interface Template {
  html: Pieces;
  text: Pieces;
  /** What the render put between two instances of each slot's list. */
  separators: Record<string, Rendered>;
}

/** A scalar value, inserted escaped; or a slot's instances, already rendered. */
type Values = Record<string, string | Rendered[] | null | undefined>;

// Private-use characters around "m<n>": React does not escape them and html-to-text reads them as a
// word, so a marker comes out of both renders whole, upper-cased ("M") inside a heading. Values are
// only ever concatenated, never searched for markers, so values containing these characters are safe.
const MARKER = /\uE000([mM])(\d+)\uE001/g;
const MARKER_START = '\uE000';
const MARKER_END = '\uE001';

/** Hands out the markers a specimen render uses in place of its values. */
export class Specimen {
  private readonly names: string[] = [];

  readonly marker = (name: string): string => {
    this.names.push(name);
    return `${MARKER_START}m${this.names.length - 1}${MARKER_END}`;
  };

  nameOf(index: number): string {
    return this.names[index]!;
  }
}

function renderPart(element: ReactElement): Rendered {
  const html = renderToStaticMarkup(element);
  return { html, text: plainTextOf(html) };
}

/** Replaces the consecutive `instances` of list `name` in `whole` by `slot`; returns what separated them. */
function cutOut(whole: string, instances: string[], name: string, slot: string): { rest: string; separator: string } {
  const start = whole.indexOf(instances[0]!);
  if (start < 0) throw new Error(`compiled template: an instance of ${name} renders differently in place`);
  let end = start + instances[0]!.length;
  let separator = '';
  if (instances.length > 1) {
    const next = whole.indexOf(instances[1]!, end);
    if (next < 0) throw new Error(`compiled template: the second instance of ${name} is not where expected`);
    separator = whole.slice(end, next);
    end = next + instances[1]!.length;
  }
  return { rest: whole.slice(0, start) + slot + whole.slice(end), separator };
}

function split(rendered: string, specimen: Specimen): Pieces {
  const statics: string[] = [];
  const holes: Hole[] = [];
  let last = 0;
  for (const match of rendered.matchAll(MARKER)) {
    statics.push(rendered.slice(last, match.index));
    holes.push({ name: specimen.nameOf(Number(match[2])), upper: match[1] === 'M' });
    last = match.index + match[0].length;
  }
  statics.push(rendered.slice(last));
  // A marker the template altered (escaped, encoded, cut): that value has to be computed outside the
  // markup and passed in whole.
  if (statics.some((s) => s.includes(MARKER_START))) throw new Error('compiled template: a marker was altered');
  return { statics, holes };
}

/**
 * Compiles `html`, rendered from markers handed out by `specimen`. Each slot lists the elements its
 * instances were rendered from, in order; two of them, so that their separator shows.
 */
export function compileTemplate(specimen: Specimen, html: string, slots: Record<string, ReactElement[]> = {}): Template {
  let text = plainTextOf(html);
  const separators: Record<string, Rendered> = {};
  for (const [name, elements] of Object.entries(slots)) {
    if (elements.length === 0) continue; // a list this specimen does not show
    const slot = specimen.marker(name);
    const instances = elements.map(renderPart);
    const inHtml = cutOut(html, instances.map((i) => i.html), name, slot);
    // A part the text leaves out (the inbox preview) has no place in it.
    const inText = instances.some((i) => i.text !== '') ? cutOut(text, instances.map((i) => i.text), name, slot) : { rest: text, separator: '' };
    html = inHtml.rest;
    text = inText.rest;
    separators[name] = { html: inHtml.separator, text: inText.separator };
  }
  return { html: split(html, specimen), text: split(text, specimen), separators };
}

/** Compiles a part of an email (no <html> around it), rendered by React to static markup. */
export function compilePart(build: (specimen: Specimen) => { element: ReactElement; slots?: Record<string, ReactElement[]> }): Template {
  const specimen = new Specimen();
  const { element, slots } = build(specimen);
  return compileTemplate(specimen, renderToStaticMarkup(element), slots);
}

// React's escaping for text and attribute values (escapeTextForBrowser), byte for byte.
const HTML_SPECIAL = /["&'<>]/;
const HTML_SPECIALS = /["&'<>]/g;
const ENTITIES: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&#x27;', '<': '&lt;', '>': '&gt;' };

// React encodes each value it writes to UTF-8 on its own, which turns lone surrogates into U+FFFD:
// toWellFormed does the same.

// toWellFormed copies the string even when there is nothing to replace; nearly every value is well formed.
const wellFormedOf = (value: string) => (value.isWellFormed() ? value : value.toWellFormed());

/** A value as React writes it into HTML text or an attribute. */
export function htmlOf(value: string): string {
  const wellFormed = wellFormedOf(value);
  return HTML_SPECIAL.test(wellFormed) ? wellFormed.replace(HTML_SPECIALS, (c) => ENTITIES[c]!) : wellFormed;
}

/** html-to-text's whitespace (its whitespaceCharacters option): a run of it reads as one space. */
export const TEXT_WHITESPACE = /[ \t\r\n\f\u200b]+/g;
// The runs that are not a single space already: most values have none and come back as they are.
const WHITESPACE_TO_COLLAPSE = /[ \t\r\n\f\u200b]{2,}|[\t\r\n\f\u200b]/g;

/** A value as html-to-text writes it, before `finishText` tidies the line it is on. */
function textOf(value: string, upper: boolean): string {
  // plainTextOf drops bidirectional controls from the text part; finishText then closes up the spaces.
  const collapsed = wellFormedOf(value).replace(WHITESPACE_TO_COLLAPSE, ' ');
  const words = HAS_BIDI_CONTROL.test(collapsed) ? stripBidiControls(collapsed) : collapsed;
  return upper ? words.toUpperCase() : words;
}

function fillPieces(pieces: Pieces, values: Values, separators: Record<string, Rendered>, part: keyof Rendered): string {
  let out = pieces.statics[0]!;
  for (let i = 0; i < pieces.holes.length; i++) {
    const { name, upper } = pieces.holes[i]!;
    const value = values[name]!;
    if (typeof value === 'string') {
      out += part === 'html' ? htmlOf(value) : textOf(value, upper);
    } else {
      // Concatenation rather than join: V8 links long strings instead of copying them.
      const separator = separators[name]![part];
      value.forEach((instance, k) => (out += (k === 0 ? '' : separator) + instance[part]));
    }
    out += pieces.statics[i + 1]!;
  }
  return out;
}

export function fill(template: Template, values: Values): Rendered {
  return {
    html: fillPieces(template.html, values, template.separators, 'html'),
    text: fillPieces(template.text, values, template.separators, 'text'),
  };
}

/**
 * The last step of a filled email's text. html-to-text writes each block as one line of words
 * separated by single spaces, and the static pieces are already in that form, but values can leave
 * doubled spaces, spaces at either end of a line, and (a blank first block) newlines at the start.
 */
export function finishText(text: string): string {
  return text.replace(/ {2,}/g, ' ').replace(/^ | $/gm, '').replace(/^\n+/, '');
}
