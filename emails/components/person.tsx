import { fontFamily } from './theme.ts';

/** An avatar as shown: its initials and its background (white initials pass 4.5:1 on each). */
export interface AvatarView {
  initials: string;
  colour: string;
}

// Dark enough for white initials at ≥ 4.5:1, distinct enough to tell neighbours apart.
export const AVATAR_COLOURS = ['#0b5cad', '#6639ba', '#116329', '#953800', '#a40e26', '#1b6a78', '#7d4e00', '#57606a'] as const;

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
// What can join the next code point to the first one: a combining mark, a joiner, a variation
// selector, a skin tone, Hangul jamo; or a first one that pairs (a flag's regional indicators).
const JOINS_NEXT = /^[\p{M}\u200c\u200d\ufe0e\ufe0f\u{1F3FB}-\u{1F3FF}\u1160-\u11ff\u{E0020}-\u{E007F}]/u;
const PAIRS = /^[\u{1F1E6}-\u{1F1FF}]/u;

/** The first user-perceived character; the segmenter (about 20 µs a call) only when the first code point may not be one. */
function firstGrapheme(word: string): string {
  const code = word.codePointAt(0);
  if (code === undefined) return '';
  const first = String.fromCodePoint(code);
  const rest = word.slice(first.length);
  if (rest === '' || (!JOINS_NEXT.test(rest) && !PAIRS.test(first))) return first;
  return segmenter.segment(word)[Symbol.iterator]().next().value?.segment ?? first;
}

/** "Head of Sales · Hooli": what someone does and where, on one line; '' when neither is known. */
export function personLine(position: string, company: string): string {
  return [position.trim(), company.trim()].filter(Boolean).join(' · ');
}

/** "Hugo Menon" → "HM"; one word → its first letter; no letters → "?". */
export function initialsOf(name: string): string {
  const words = name.split(/\s+/u).filter((w) => /\p{L}|\p{N}/u.test(w));
  if (words.length === 0) return '?';
  const picked = words.length === 1 ? [words[0]!] : [words[0]!, words[words.length - 1]!];
  // Upper-casing can lengthen a letter ("ß" → "SS"): one letter in, one letter out.
  return picked.map((w) => firstGrapheme(firstGrapheme(w.replace(/^[^\p{L}\p{N}]+/u, '')).toLocaleUpperCase('en'))).join('');
}

/** The same person always gets the same colour: a small hash of their id. */
export function avatarColourOf(id: string): string {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return AVATAR_COLOURS[hash % AVATAR_COLOURS.length]!;
}

/** Initials on a coloured disc: no remote image, so it shows with images off and costs no bytes. */
export function Avatar({ initials, colour }: AvatarView) {
  return (
    <div
      aria-hidden="true"
      data-skip-in-text="true"
      style={{ width: '40px', height: '40px', borderRadius: '20px', backgroundColor: colour, color: '#ffffff', fontFamily, fontSize: '15px', lineHeight: '40px', fontWeight: 600, textAlign: 'center' }}
    >
      {initials}
    </div>
  );
}

