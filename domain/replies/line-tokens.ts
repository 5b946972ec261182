import { normalizeWord } from './words.ts';

export type Token =
  | { kind: 'word'; word: string; start: number; end: number }
  | { kind: 'number'; value: number; start: number; end: number }
  /**
   * dash: hyphen, en dash or em dash, a range between two numbers or a bullet starting the line.
   * separator: punctuation, quotes, brackets and emoji, which carry no meaning for the grammar.
   * symbol: anything else, which makes the line unreadable.
   */
  | { kind: 'dash' | 'separator' | 'bullet' | 'symbol'; start: number; end: number };

// Item numbers are small; more digits than this can only be out of range, and Number() of a long
// digit string would lose precision in the message that says so.
const MAX_NUMBER_DIGITS = 6;

// One alternative per token kind, none nested or overlapping, so the scan is linear in the line.
// Emoji come with joiners, variation selectors and skin tones: "known 3 👍🏽" is still a command.
const TOKEN =
  /(\s+)|(\p{L}[\p{L}\p{M}'\u2019]*)|([0-9]+)|([-\u2013\u2014])|([,;.!?&:#"'()[\]\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb]|[\p{Extended_Pictographic}\u200d\ufe0f\u{1f3fb}-\u{1f3ff}]+)|([*\u2022])|(.)/gsu;

/** Splits one line of a reply into words, numbers and punctuation, with their positions in the line. */
export function tokenizeLine(line: string): Token[] {
  const tokens: Token[] = [];
  for (const match of line.matchAll(TOKEN)) {
    const start = match.index;
    const end = start + match[0].length;
    if (match[1] !== undefined) continue;
    if (match[2] !== undefined) tokens.push({ kind: 'word', word: normalizeWord(match[2]), start, end });
    else if (match[3] !== undefined) {
      const value = match[3].length > MAX_NUMBER_DIGITS ? Number.POSITIVE_INFINITY : Number(match[3]);
      tokens.push({ kind: 'number', value, start, end });
    } else if (match[4] !== undefined) tokens.push({ kind: 'dash', start, end });
    else if (match[5] !== undefined) tokens.push({ kind: 'separator', start, end });
    else if (match[6] !== undefined) tokens.push({ kind: 'bullet', start, end });
    else tokens.push({ kind: 'symbol', start, end });
  }
  return tokens;
}
