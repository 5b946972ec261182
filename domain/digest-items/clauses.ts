/**
 * What "the same clause twice in one digest" means, in one place: the composer uses it to pick a
 * wording not yet used, and `npm run digest:review` counts what still repeats.
 *
 * A clause is the text between sentence or semicolon breaks. Two clauses are the same when they
 * read the same once names, numbers and dates are masked and case is ignored: "Connected in
 * October, with no note" and "connected in 2019, with no note" are one clause said twice. Clauses
 * under MIN_CLAUSE_WORDS words ("Do you know Hugo?") are too short to read as repetition.
 */

export const MIN_CLAUSE_WORDS = 5;

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
];
const MONTH_WORD = new Set(MONTHS);

// Sentence ends (. ! ? followed by a space or the end) and semicolons; a dot inside "B.V." or
// "3.5" is no break.
const CLAUSE_BREAK = /[.!?]+(?=\s|$)|;/u;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;

/** Lower-cased name parts to mask, from full names: "Hugo Menon" masks "hugo" and "menon". */
export function nameWords(names: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const name of names) {
    for (const word of name.toLocaleLowerCase('en').match(WORD) ?? []) words.add(word.replace(/['’.-]+$/u, ''));
  }
  return words;
}

function maskWord(word: string, names: ReadonlySet<string>): string {
  const bare = word.replace(/['’]s$/u, '').replace(/[.'’-]+$/u, '');
  if (/^\p{N}/u.test(bare)) return '#';
  if (MONTH_WORD.has(bare)) return '#';
  if (names.has(bare)) return '@';
  return bare;
}

/** The masked words of each clause of `text` that is long enough to count. */
export function clauseKeys(text: string, names: ReadonlySet<string>): string[] {
  const keys: string[] = [];
  for (const clause of text.split(CLAUSE_BREAK)) {
    const words = (clause.toLocaleLowerCase('en').match(WORD) ?? []).map((w) => maskWord(w, names));
    if (words.length >= MIN_CLAUSE_WORDS) keys.push(words.join(' '));
  }
  return keys;
}

/** Clauses said more than once across `texts` (each text one item's words), each counted once. */
export function repeatedClauses(texts: readonly string[], names: ReadonlySet<string>): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const text of texts) {
    for (const key of clauseKeys(text, names)) {
      if (seen.has(key)) repeated.add(key);
      seen.add(key);
    }
  }
  return [...repeated];
}

/**
 * What one digest has said so far: `say` takes an item's wordings, best first, and returns the
 * first whose clauses no earlier item used. A list should end in a wording short enough never to
 * repeat; when every wording repeats, the last is taken.
 */
export class ClauseLedger {
  private readonly used = new Set<string>();

  say(wordings: readonly string[], names: Iterable<string>): string {
    const masked = nameWords(names);
    const chosen = wordings.find((w) => clauseKeys(w, masked).every((key) => !this.used.has(key))) ?? wordings[wordings.length - 1] ?? '';
    for (const key of clauseKeys(chosen, masked)) this.used.add(key);
    return chosen;
  }
}
