/**
 * Text the parser keeps after the row it came from has gone: connection fields, invitation notes,
 * the owner's profile and positions. Two things would otherwise let a file within every byte limit
 * fill the heap: a cell of megabytes kept whole, and V8's sliced strings, which keep the whole
 * chunk of CSV text they were cut from alive for as long as the short value is referenced.
 */

/** Generous caps, in UTF-16 code units, above what LinkedIn's own forms allow. */
export const TEXT_CAPS = {
  name: 100,
  company: 150,
  position: 150,
  url: 300,
  email: 254,
  date: 40,
  note: 2_000,
  profile: 3_000,
} as const;

/** `value` cut to `maxChars` and copied out of the text it was sliced from. */
export function keptText(value: string, maxChars: number): string {
  const cut = value.length > maxChars ? value.slice(0, maxChars) : value;
  // V8 copies strings this short anyway (SlicedString::kMinLength is 13); longer ones are copied
  // explicitly, since a substring of a long string only points into it.
  return cut.length < 13 ? cut : Buffer.from(cut, 'utf16le').toString('utf16le');
}
