/**
 * Matching of names as people type them: "Société Générale S.A." and "societe generale" are the same
 * company; "Senior Product Manager" contains the role "product manager".
 */

// Letters that Unicode decomposition leaves whole but people routinely write in ASCII.
const LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const SPECIAL_LETTERS = /[ßæœøłđðþı]/g;
const MARKS = /\p{M}/gu;
// Dots and apostrophes join ("S.A." → "sa", "McDonald's" → "mcdonalds"); anything else separates.
const JOINERS = /[.'’]/g;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;
const PLAIN = /^[a-z0-9 ]*$/;

/** Lower case, accents and punctuation gone, single spaces: the form every comparison uses. */
export function normaliseText(text: string): string {
  let s = text.toLowerCase();
  // Most names are plain ASCII already and need none of the Unicode passes.
  if (!PLAIN.test(s)) {
    s = s
      .normalize('NFKD')
      .replace(MARKS, '')
      .replace(SPECIAL_LETTERS, (letter) => LETTERS[letter] ?? letter)
      .replace(/&/g, ' and ')
      .replace(JOINERS, '')
      .replace(SEPARATORS, ' ');
  }
  return s.replace(/ +/g, ' ').trim();
}

// Legal forms (and the pieces of spaced ones such as "S.à r.l.") that say nothing about which company
// it is. Only trailing words are dropped, and never the last remaining one ("Company" stays "company").
// "and" goes too, for what "& Co." leaves behind.
const LEGAL_SUFFIXES = new Set([
  'ab', 'ag', 'and', 'as', 'asa', 'bv', 'co', 'company', 'corp', 'corporation', 'gmbh', 'inc',
  'incorporated', 'kg', 'kk', 'limited', 'llc', 'llp', 'lp', 'lda', 'ltd', 'ltda', 'mbh', 'nv', 'oy',
  'oyj', 'plc', 'pte', 'pty', 'pvt', 'rl', 'sa', 'sarl', 'sas', 'se', 'sl', 'spa', 'srl', 'sro',
]);

/** The key two company names must share to be the same employer: "Acme, Inc." → "acme". */
export function normaliseCompany(company: string): string {
  return companyKeyOf(normaliseText(company));
}

/** normaliseCompany for a name already through normaliseText. */
export function companyKeyOf(text: string): string {
  // Most names end in no legal form; they pass through without being split.
  const last = text.slice(text.lastIndexOf(' ') + 1);
  if (!LEGAL_SUFFIXES.has(last) && !text.startsWith('the ')) return text;
  const words = text.split(' ');
  if (words[0] === 'the' && words.length > 1) words.shift();
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1] ?? '')) words.pop();
  return words.join(' ');
}

/**
 * Whether a normalised phrase occurs in normalised text as whole words: "engineer" is in
 * "senior software engineer" but not in "engineering manager". Allocation-free: it runs per
 * connection and target.
 */
export function containsPhrase(text: string, phrase: string): boolean {
  if (phrase === '') return false;
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
    const end = at + phrase.length;
    if ((at === 0 || text[at - 1] === ' ') && (end === text.length || text[end] === ' ')) return true;
  }
  return false;
}

// Trailing legal forms as people write them ("B.V.", "GmbH & Co. KG", "Pty Ltd"), for display.
const SHOWN_LEGAL_FORM =
  /[\s,]+(?:&\s*co\.?\s*kg|inc|incorporated|ltd|limited|llc|l\.l\.c|llp|gmbh|mbh|ag|kg|b\.\s?v|bv|n\.\s?v|nv|s\.\s?a|sa|s\.\s?a\.\s?s|sas|s\.\s?l|sl|s\.\s?r\.\s?l|srl|s\.\s?p\.\s?a|spa|plc|co|pty|pte|pvt|oy|oyj|ab|asa|se|kk|sarl)\.*$/iu;

/**
 * A company name as a sentence shows it: spacing and doubled punctuation tidied ("Pinecrest
 * Consulting B.V.." → "Pinecrest Consulting"), trailing legal forms dropped unless what is left
 * would be too short to name the company on its own ("AB AB" stays).
 */
export function readableCompany(company: string): string {
  let shown = company.replace(/\s+/gu, ' ').trim().replace(/([.,;:!?])\1+/gu, '$1').replace(/[,;:\s]+$/u, '');
  for (let next = shown.replace(SHOWN_LEGAL_FORM, ''); next !== shown && next.replace(/[^\p{L}\p{N}]/gu, '').length >= 3; ) {
    shown = next;
    next = shown.replace(SHOWN_LEGAL_FORM, '');
  }
  return shown.replace(/[,;:\s]+$/u, '');
}
