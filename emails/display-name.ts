/**
 * The one rule for showing a person's name (a connection from an export, or what a subscriber
 * typed), in emails and on pages alike. Names are data from outside: a right-to-left override
 * (U+202E) in one reorders everything after it ("Alice\u202Eexe.gnp" reads "Alicepng.exe"), and
 * an export can carry names of any length. So, for display only:
 * - bidirectional controls are removed (markup isolates each name with <bdi> instead, which needs
 *   none, and plain text has no way to contain them);
 * - whitespace runs become one space;
 * - past MAX_NAME_LENGTH characters the name is cut at a character boundary and ends in "…".
 * What is stored, and given back in My data's download, stays exactly as it came.
 */

export const MAX_NAME_LENGTH = 80;

/** Embeddings, overrides, isolates and marks: every character that changes the order of text around it. */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The same set, for a yes/no test (a /g pattern's test() keeps state between calls). */
export const HAS_BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** A name as shown. Idempotent: showing a shown name changes nothing (the compiled digest relies on it). */
export function displayName(name: string): string {
  const clean = stripBidiControls(name).replace(/\s+/g, ' ').trim();
  if (clean.length <= MAX_NAME_LENGTH) return clean;
  const characters = Array.from(segmenter.segment(clean), (s) => s.segment);
  if (characters.length <= MAX_NAME_LENGTH) return clean;
  return `${characters.slice(0, MAX_NAME_LENGTH - 1).join('').trimEnd()}…`;
}
