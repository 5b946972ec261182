import EmailReplyParser from 'email-reply-parser';

// email-reply-parser runs its quote-header patterns on JavaScript's backtracking engine here (its
// optional RE2 is not installed), and some take time that grows faster than linearly with line
// length ("… from … <…>:" patterns) or with the number of lines (patterns spanning lines). It
// therefore only ever sees a small window: what a person writes above or below a quote fits easily.
const MAX_SOURCE_CHARS = 64 * 1024;
const MAX_LINE_CHARS = 300;
const MAX_WINDOW_LINES = 100;
const MAX_WINDOW_CHARS = 6 * 1024;

/** What a run of quoted lines is reduced to in the window: still a quote, one line long. */
const QUOTE_MARKER = '>';

const INVISIBLE_CHARACTERS = /[\u200b\u200c\u200d\u2060\ufeff]/g;

// Words that end an attribution line ("On …, Rapport <…> wrote:", "Le … a écrit :", "Am … schrieb …:").
const ATTRIBUTION_VERBS = [
  'wrote',
  'écrit',
  'schrieb',
  'escribió',
  'scritto',
  'escreveu',
  'schreef',
  'skrev',
  'napisał',
  'kirjoitti',
  '写道',
];

/**
 * Phrases only the digest contains: its opening line, and the lines next to example commands ("or
 * reply: known 3", the footer's "known 1 3, close 2, …"). Seeing one in what should be the person's
 * own text means a quote went unrecognised (a quote header in a language the parser does not know, a
 * forwarded digest). Lower case, straight apostrophes; kept in step with emails/ by a test that
 * renders the real digest.
 */
export const DIGEST_PHRASES = [
  'your weekly digest ·',
  'do you know them?',
  'of your network shows a sign of a real tie',
  'prefer typing? reply with item numbers',
  'you get this weekly digest because',
];

/** The same, from digests sent before December 2026: their replies still arrive, quoting them. */
export const EARLIER_DIGEST_PHRASES = ["here is this week's short list", 'nothing needs an answer this week', 'or reply:', 'reply to this email with item numbers'];

/**
 * The text the person wrote: quoted history, attribution lines and signatures removed, for top-
 * and bottom-posted replies alike. Lines starting with ">" are always quotes.
 */
export function stripQuotedHistory(text: string): string {
  const visible = new EmailReplyParser().read(parserWindow(text)).getVisibleText();
  const own = visible.split('\n').filter((line) => !isQuoteLine(line) && !isAttributionLine(line));
  return tidy(cutUnmarkedDigest(own)).join('\n');
}

/** The head of the text, quoted runs collapsed to one marker line and long lines shortened. */
function parserWindow(text: string): string {
  const source = text.slice(0, MAX_SOURCE_CHARS).replace(INVISIBLE_CHARACTERS, '');
  const window: string[] = [];
  let chars = 0;
  for (const line of source.split(/\r\n|\r|\n/)) {
    if (isQuoteLine(line)) {
      if (window.at(-1) === QUOTE_MARKER) continue;
      window.push(QUOTE_MARKER);
    } else {
      window.push(shortened(line));
    }
    chars += window.at(-1)!.length + 1;
    if (window.length >= MAX_WINDOW_LINES || chars >= MAX_WINDOW_CHARS) break;
  }
  return window.join('\n');
}

/** Keeps both ends of a long line: a quote header's "wrote:" is at its end. */
function shortened(line: string): string {
  if (line.length <= MAX_LINE_CHARS) return line;
  const half = Math.floor(MAX_LINE_CHARS / 2);
  return `${line.slice(0, half)} … ${line.slice(-half)}`;
}

function isQuoteLine(line: string): boolean {
  return line.trimStart().startsWith('>');
}

/** "On Mon, 23 Nov 2026 at 08:00, Rapport <reply+…@…> wrote:" left behind by a quote. */
function isAttributionLine(line: string): boolean {
  const trimmed = line.trim();
  if (!trimmed.endsWith(':') && !trimmed.endsWith('：')) return false;
  const lower = trimmed.toLowerCase();
  return containsAddress(trimmed) || ATTRIBUTION_VERBS.some((verb) => lower.includes(verb));
}

function containsAddress(line: string): boolean {
  return /\S@\S/.test(line);
}

function isDigestLine(line: string): boolean {
  const lower = line.toLowerCase().replace(/\u2019/g, "'");
  return DIGEST_PHRASES.some((phrase) => lower.includes(phrase)) || EARLIER_DIGEST_PHRASES.some((phrase) => lower.includes(phrase));
}

/** A line that can open quoted history: a header naming an address, or a separator. */
function isQuoteStart(line: string): boolean {
  const lower = line.toLowerCase();
  return (
    containsAddress(line) ||
    /^\s*[-_=]{5,}/.test(line) ||
    lower.includes('original message') ||
    lower.includes('forwarded message')
  );
}

/**
 * Drops an unrecognised quote of the digest: from the paragraph holding the nearest quote start
 * above the first digest line (its header block), or else from that line's own paragraph. The
 * person's text above it stays; the digest's example commands never reach the command parser.
 */
function cutUnmarkedDigest(lines: string[]): string[] {
  const firstDigestLine = lines.findIndex(isDigestLine);
  if (firstDigestLine < 0) return lines;
  let start = firstDigestLine;
  for (let index = firstDigestLine - 1; index >= 0; index--) {
    if (isQuoteStart(lines[index]!)) {
      start = index;
      break;
    }
  }
  while (start > 0 && lines[start - 1]!.trim() !== '') start--;
  return lines.slice(0, start);
}

/** Trailing spaces, runs of blank lines (HTML paragraphs and spacer divs) and outer blank lines removed. */
function tidy(lines: string[]): string[] {
  const tidied: string[] = [];
  for (const line of lines) {
    const trimmed = line.trim() === '' ? '' : line.trimEnd();
    if (trimmed === '' && (tidied.length === 0 || tidied.at(-1) === '')) continue;
    tidied.push(trimmed);
  }
  if (tidied.at(-1) === '') tidied.pop();
  return tidied;
}
