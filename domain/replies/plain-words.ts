/**
 * Plain-word replies: "I know Tara from my PhD days, never heard of Kai. Yes please draft the Lars
 * intro." read against the items of one digest. A clause is applied only when it names exactly one
 * item and says exactly one answer phrase that item takes, with no negation or hedge; every other
 * clause that names someone or says an answer is reported back with the command that would do it.
 * The phrases are data, one file per language (languages/).
 */

import { choicesByKind, type DigestItemKind, type ItemAnswer } from '../digest-items/index.ts';
import { companyKeyOf, normaliseText } from '../network/normalise.ts';
import { replyLanguages, type ReplyLanguage } from './languages/index.ts';
import { fillerPhrases, fillerWords, isCommandVocabulary } from './words.ts';

/** An item of the digest as the reader sees it: who it names, and how a receipt shows it. */
export interface NamedItem {
  number: number;
  kind: DigestItemKind;
  /** The person, or the intro's title, for the receipt. */
  shown: string;
  /** Named by full or first name. Review and close items: the person. Intro items: who introduces, and whom to. */
  people: string[];
  /** Named whole, or as a company without its legal form: an intro's target ("Globex Corporation", "Globex"). */
  labels: string[];
}

export interface WordReading {
  answers: Array<{ item: number; answer: ItemAnswer }>;
  /** Receipt lines: "Not sure what you meant by …", with the command to send where one item is likely. */
  unsure: string[];
}

/** Reads a paragraph of plain words; null when it names nobody of the digest and says no answer. */
export type WordReader = {
  read(text: string): WordReading | null;
  /** Whether a line says an answer phrase, so it is read rather than skipped as a greeting or a signature. */
  saysAnswer(line: string): boolean;
};

// Bounds: a paragraph is read in time linear in its length, and a pasted essay is refused whole.
const MAX_TEXT_LENGTH = 5000;
const MAX_NAME_WORDS = 6;
const MAX_GAP_WORDS = 3;
const MAX_ECHO_LENGTH = 80;
const GAP = '…';

// Invisible characters a copy and paste leaves inside words; dropped, so "Ta\u200bra" reads "Tara".
const INVISIBLE = /[\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff]/g;
// Text-direction controls make the text read differently from how it shows: such text is not read.
const DIRECTION_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// One alternative per token kind, none overlapping: "#3", a word (with inner dots and apostrophes), clause punctuation.
const TOKEN = /(#[ \t]?[0-9]{1,6})|([\p{L}\p{N}\p{M}]+(?:['\u2019.][\p{L}\p{N}\p{M}]+)*)|([.!?;,]+)|(\n)/gu;
// A line this long or longer was likely wrapped by the mail program: its sentence goes on below. A
// shorter line ends its clause, as in a list ("Tara: know well" over "Kai: never heard of").
const WRAPPED_LINE_LENGTH = 60;

interface Word {
  /** normaliseText of what was written: one word. */
  text: string;
  capital: boolean;
  /** Written with 's: "Kai's team" is about someone else, "Tara's a friend" too unsure to tell. */
  possessive: boolean;
  /** Set for "#3". */
  hashNumber: number | null;
  start: number;
  end: number;
}

interface Clause {
  words: Word[];
  question: boolean;
  /** Which sentence it is part of: commas and clause words part clauses, not sentences. */
  sentence: number;
  start: number;
  end: number;
}

type Pattern = { words: string[]; answer: ItemAnswer | null };

interface Match {
  start: number;
  end: number;
  answer: ItemAnswer | null;
  /** The indices of words the pattern wrote out (not its gap). */
  fixed: number[];
}

interface Mention {
  start: number;
  end: number;
  items: number[];
}

/** The languages' data, compiled once per reader: patterns by first word, sets for lookups. */
class Vocabulary {
  readonly patterns = new Map<string, Pattern[]>();
  readonly clauseBreaks = new Set<string>();
  readonly introWords = new Set<string>();
  readonly articles = new Set<string>();
  readonly ordinals = new Map<string, number>();
  readonly ordinalNouns = new Set<string>();
  readonly numberWords = new Set<string>();
  readonly wordNames = new Set<string>();

  constructor(languages: readonly ReplyLanguage[]) {
    for (const language of languages) {
      for (const [phrase, answer] of Object.entries(language.answers)) this.addPattern(phrase, answer);
      for (const doubt of language.doubts) this.addPattern(doubt, null);
      addAll(this.clauseBreaks, language.clauseBreaks);
      addAll(this.introWords, language.introWords);
      addAll(this.articles, language.articles);
      addAll(this.ordinalNouns, language.ordinalNouns);
      addAll(this.numberWords, language.numberWords);
      addAll(this.wordNames, language.wordNames);
      for (const [word, number] of Object.entries(language.ordinals)) this.ordinals.set(normaliseText(word), number);
    }
  }

  private addPattern(phrase: string, answer: ItemAnswer | null) {
    for (const spelling of new Set([phrase, umlautsWrittenOut(phrase)])) {
      const words = spelling.split(/\s+/).flatMap((part) => (part === GAP ? [GAP] : normaliseText(part).split(' ').filter(Boolean)));
      const first = words[0];
      if (first === undefined || first === GAP) throw new Error(`a phrase must begin with a word: ${phrase}`);
      const list = this.patterns.get(first) ?? [];
      list.push({ words, answer });
      this.patterns.set(first, list);
    }
  }
}

function addAll(set: Set<string>, words: readonly string[]) {
  for (const word of words) set.add(normaliseText(word));
}

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue' };

/** German as people type it without umlauts: "Jürgen" as "Juergen", "später" as "spaeter". */
function umlautsWrittenOut(text: string): string {
  return text.replace(/[äöüÄÖÜ]/g, (letter) => UMLAUTS[letter] ?? letter);
}

/** A name's normalised spellings: "Jürgen" is "jurgen" and "juergen". */
function spellings(name: string): string[] {
  return [...new Set([normaliseText(name), normaliseText(umlautsWrittenOut(name))])];
}

/** Name keys (normalised words joined by a space) to the items they name: full names, first names and labels. */
function nameKeys(items: readonly NamedItem[]): Map<string, Set<number>> {
  const keys = new Map<string, Set<number>>();
  const add = (key: string, item: number) => {
    if (key.length < 2 || key.split(' ').length > MAX_NAME_WORDS) return;
    const set = keys.get(key) ?? new Set<number>();
    set.add(item);
    keys.set(key, set);
  };
  for (const item of items) {
    for (const name of item.people) {
      for (const full of spellings(name)) {
        add(full, item.number);
        add(full.split(' ')[0] ?? '', item.number);
      }
    }
    for (const label of item.labels) {
      for (const full of spellings(label)) {
        add(full, item.number);
        // A company as people shorten it: "Globex Corporation" is also "Globex"; "The Boring Company" is "boring company", never "the".
        add(companyKeyOf(full), item.number);
      }
    }
  }
  return keys;
}

function tokenize(text: string): Clause[] {
  const clauses: Clause[] = [];
  let words: Word[] = [];
  let sentence = 0;
  const close = (question: boolean, endsSentence: boolean) => {
    if (words.length > 0) clauses.push({ words, question, sentence, start: words[0]!.start, end: words[words.length - 1]!.end });
    words = [];
    if (endsSentence) sentence += 1;
  };
  let lineStart = 0;
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    const end = start + match[0].length;
    if (match[4] !== undefined) {
      if (start - lineStart < WRAPPED_LINE_LENGTH) close(false, true);
      lineStart = end;
    } else if (match[1] !== undefined) {
      words.push({ text: match[1].replace(/[ \t]/g, ''), capital: false, possessive: false, hashNumber: Number(match[1].replace(/[#\s]/g, '')), start, end });
    } else if (match[2] !== undefined) {
      const capital = /^\p{Lu}/u.test(match[2]);
      const possessive = /\p{L}['\u2019]s$/iu.test(match[2]);
      const bare = possessive ? match[2].slice(0, -2) : match[2];
      for (const part of normaliseText(bare).split(' ')) if (part !== '') words.push({ text: part, capital, possessive, hashNumber: null, start, end });
    } else {
      close(match[3]!.includes('?'), /[.!?;]/.test(match[3]!));
    }
  }
  close(false, true);
  return clauses;
}

/** Splits clauses at the languages' clause words ("and", "but", "aber"), which are dropped. */
function splitAtBreaks(clauses: Clause[], vocabulary: Vocabulary): Clause[] {
  const out: Clause[] = [];
  for (const clause of clauses) {
    let words: Word[] = [];
    const close = (question: boolean) => {
      if (words.length > 0) out.push({ words, question, sentence: clause.sentence, start: words[0]!.start, end: words[words.length - 1]!.end });
      words = [];
    };
    for (const word of clause.words) {
      if (vocabulary.clauseBreaks.has(word.text)) close(false);
      else words.push(word);
    }
    close(clause.question);
  }
  return out;
}

/** The end of `pattern` matched at `at`, a gap taking one to MAX_GAP_WORDS words (the fewest that fit). */
function matchEnd(words: Word[], pattern: string[], at: number, fixed: number[]): number | null {
  let position = at;
  for (let p = 0; p < pattern.length; p++) {
    const part = pattern[p]!;
    if (part !== GAP) {
      if (words[position]?.text !== part) return null;
      fixed.push(position);
      position += 1;
      continue;
    }
    for (let gap = 1; gap <= MAX_GAP_WORDS; gap++) {
      const rest: number[] = [];
      const end = matchEnd(words, pattern.slice(p + 1), position + gap, rest);
      if (end !== null && position + gap <= words.length) {
        fixed.push(...rest);
        return end;
      }
    }
    return null;
  }
  return position;
}

function patternMatches(words: Word[], vocabulary: Vocabulary): Match[] {
  const matches: Match[] = [];
  for (let at = 0; at < words.length; at++) {
    for (const pattern of vocabulary.patterns.get(words[at]!.text) ?? []) {
      const fixed: number[] = [];
      const end = matchEnd(words, pattern.words, at, fixed);
      if (end !== null) matches.push({ start: at, end, answer: pattern.answer, fixed });
    }
  }
  return matches;
}

function isDigits(text: string): boolean {
  return /^[0-9]{1,6}$/.test(text);
}

/** Who a clause names: full or first names, "the first one", "number 3", "#3"; longest first. */
function mentions(words: Word[], keys: Map<string, Set<number>>, vocabulary: Vocabulary, phraseStarts: Set<number>): Mention[] {
  const found: Mention[] = [];
  for (let at = 0; at < words.length; ) {
    const word = words[at]!;
    const next = words[at + 1];
    if (word.hashNumber !== null) {
      found.push({ start: at, end: at + 1, items: [word.hashNumber] });
      at += 1;
      continue;
    }
    if (vocabulary.numberWords.has(word.text) && next && isDigits(next.text)) {
      found.push({ start: at, end: at + 2, items: [Number(next.text)] });
      at += 2;
      continue;
    }
    const ordinal = ordinalAt(words, at, vocabulary, phraseStarts);
    if (ordinal !== null) {
      found.push(ordinal);
      at = ordinal.end;
      continue;
    }
    let name: Mention | null = null;
    for (let length = Math.min(MAX_NAME_WORDS, words.length - at); length >= 1 && name === null; length--) {
      const key = words
        .slice(at, at + length)
        .map((w) => w.text)
        .join(' ');
      const items = keys.get(key);
      // "Will" and "May" are names only with a capital; "I will" names nobody.
      if (items && !(length === 1 && vocabulary.wordNames.has(key) && !word.capital)) name = { start: at, end: at + length, items: [...items] };
    }
    if (name) {
      found.push(name);
      at = name.end;
    } else {
      at += 1;
    }
  }
  return found;
}

/**
 * "the first one", "the second", "first one", "den ersten (kenne ich)": an article or a noun must
 * come with the ordinal, and after "the second" only the end, a noun or an answer phrase, so "the
 * first day" names nobody.
 */
function ordinalAt(words: Word[], at: number, vocabulary: Vocabulary, phraseStarts: Set<number>): Mention | null {
  const article = vocabulary.articles.has(words[at]!.text);
  const index = article ? at + 1 : at;
  const number = vocabulary.ordinals.get(words[index]?.text ?? '');
  if (number === undefined) return null;
  const after = words[index + 1];
  if (after && vocabulary.ordinalNouns.has(after.text)) return { start: at, end: index + 2, items: [number] };
  if (article && (after === undefined || phraseStarts.has(index + 1))) return { start: at, end: index + 1, items: [number] };
  return null;
}

/** The words a match took for its "…": they must all be the person named. */
function gapOf(match: Match): number[] {
  const gap: number[] = [];
  for (let index = match.start; index < match.end; index++) if (!match.fixed.includes(index)) gap.push(index);
  return gap;
}

/** The answer phrases a clause says: longest first, none overlapping another; a name fills only a phrase's "…". */
function chosenPhrases(matches: Match[], named: Mention[]): Match[] {
  const inName = (index: number) => named.some((m) => index >= m.start && index < m.end);
  const candidates = matches
    .filter((m) => m.answer !== null && !m.fixed.some(inName) && gapOf(m).every(inName))
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const chosen: Match[] = [];
  for (const match of candidates) {
    if (chosen.every((c) => match.end <= c.start || match.start >= c.end)) chosen.push(match);
  }
  return chosen;
}

function orList(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

function echo(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_ECHO_LENGTH ? flat : `${flat.slice(0, MAX_ECHO_LENGTH - 1)}…`;
}

export function createWordReader(items: readonly NamedItem[], languages: readonly ReplyLanguage[] = replyLanguages): WordReader {
  const vocabulary = new Vocabulary(languages);
  const keys = nameKeys(items);
  const byNumber = new Map(items.map((item) => [item.number, item]));
  const label = (number: number) => {
    const item = byNumber.get(number);
    return item ? `item ${number}, ${item.shown}` : `item ${number}, which this digest does not have`;
  };
  const accepts = (number: number, answer: ItemAnswer) => {
    const item = byNumber.get(number);
    return item !== undefined && choicesByKind[item.kind].some((c) => c.answer === answer);
  };
  /** The command for one item: exact when the answer is known and taken, else every answer it takes. */
  const commandFor = (number: number, answer: ItemAnswer | null) => {
    const item = byNumber.get(number);
    if (!item) return null;
    if (answer !== null && accepts(number, answer)) return `reply ${answer} ${number}`;
    return `reply ${orList(choicesByKind[item.kind].map((c) => `${c.answer} ${number}`))}`;
  };

  /** An answer, a doubt to report, or a stray: a command word or number only worth reporting beside sentences that were read. */
  function readClause(text: string, clause: Clause, hedgedSentence: boolean): { answer: { item: number; answer: ItemAnswer } } | { unsure: string } | { stray: string } | null {
    const words = clause.words;
    const written = echo(text.slice(clause.start, clause.end)) + (clause.question ? '?' : '');
    const unsure = (why: string, advice: string | null) => ({ unsure: `Not sure what you meant by "${written}" (${why})${advice ? `: ${advice}` : ''}` });

    const matches = patternMatches(words, vocabulary);
    const named = mentions(words, keys, vocabulary, new Set(matches.filter((m) => m.answer !== null).map((m) => m.start)));
    const phrases = chosenPhrases(matches, named);
    const inPhrase = (m: Match) => phrases.some((p) => m.start >= p.start && m.end <= p.end);
    const doubted = hedgedSentence || matches.some((m) => m.answer === null && !inPhrase(m) && !m.fixed.some((i) => named.some((n) => i >= n.start && i < n.end)));
    const answers = [...new Set(phrases.map((p) => p.answer!))];
    const answer = answers.length === 1 && phrases.length === 1 ? answers[0]! : null;

    // Which items: a name can fit several; those an intro word or the answer rule out go, unless none is left.
    const aboutIntro = words.some((w) => vocabulary.introWords.has(w.text));
    const narrowed = named.map(({ items: found }) => {
      let fit = found;
      if (aboutIntro) fit = keepSome(fit, (n) => byNumber.get(n)?.kind === 'intro' || byNumber.get(n)?.kind === 'followup');
      if (answer !== null) fit = keepSome(fit, (n) => accepts(n, answer));
      return fit;
    });
    const candidates = [...new Set(narrowed.flat())];

    if (candidates.length === 0) {
      if (phrases.length > 0) return unsure('it names nobody in this digest', null);
      // Beside sentences that are read, a command would be lost without a word: "known 1, and never heard of Kai".
      if (words.some((w) => isDigits(w.text))) return { stray: unsure('write commands on a line of their own', null).unsure };
      if (words.some((w) => isCommandVocabulary(w.text))) return { stray: unsure('it names nobody in this digest', null).unsure };
      return null;
    }
    const single = candidates.length === 1 ? candidates[0]! : null;
    const advice = single !== null ? commandFor(single, answer) : answer !== null ? adviceForSeveral(candidates, answer) : null;
    if (single !== null && !byNumber.has(single)) return unsure(`there is no item ${single} in this digest`, null);
    if (phrases.length === 0) return unsure(single !== null ? `no answer we could read for ${label(single)}` : `it names ${orList(candidates.map(label))}`, advice);
    if (clause.question) return unsure('it reads as a question', advice);
    if (doubted) return unsure('it sounds unsure or negated', advice);
    if (answer === null) return unsure('it says more than one answer', advice);
    if (named.some((n) => words.slice(n.start, n.end).some((w) => w.possessive))) return unsure('it may be about someone or something of theirs', advice);
    if (saysMore(words, named, phrases[0]!)) return unsure('it may say what they did rather than whether you know them', advice);
    if (single === null) return unsure(`it could be ${orList(candidates.map(label))}`, advice);
    if (!accepts(single, answer)) return unsure(`${label(single)} cannot be answered "${answer}"`, advice);
    return { answer: { item: single, answer } };
  }

  function isDoubtOnly(clause: Clause): boolean {
    const matches = patternMatches(clause.words, vocabulary);
    return matches.length > 0 && matches.every((m) => m.answer === null) && mentions(clause.words, keys, vocabulary, new Set()).length === 0;
  }

  function adviceForSeveral(candidates: number[], answer: ItemAnswer): string | null {
    const fitting = candidates.filter((n) => accepts(n, answer));
    return fitting.length > 0 ? `reply ${orList(fitting.map((n) => `${answer} ${n}`))}` : null;
  }

  return {
    read(raw: string): WordReading | null {
      const text = raw.replace(INVISIBLE, '');
      if (text.length > MAX_TEXT_LENGTH) {
        return { answers: [], unsure: [`Not sure what you meant by "${echo(text)}" (too long to read as sentences; give each answer a line of its own)`] };
      }
      const clauses = splitAtBreaks(tokenize(text), vocabulary);
      // A clause of doubt alone doubts its whole sentence: "Ich glaube, ich kenne Tara", "Not sure, but I know Kai".
      const hedged = new Set(clauses.filter((clause) => isDoubtOnly(clause)).map((clause) => clause.sentence));
      const readings = clauses.map((clause) => readClause(text, clause, hedged.has(clause.sentence)));
      // Without a name or an answer phrase it is no sentence for us: the grammar's report stands ("knwo 3").
      if (readings.every((r) => r === null || 'stray' in r)) return null;
      if (DIRECTION_CONTROLS.test(text)) {
        return { answers: [], unsure: [`Not sure what you meant by "${echo(text.replace(new RegExp(DIRECTION_CONTROLS, 'g'), ''))}" (it holds text-direction controls, so it may not say what it shows)`] };
      }
      const answers: WordReading['answers'] = [];
      const unsure: string[] = [];
      for (const reading of readings) {
        if (reading === null) continue;
        if ('answer' in reading) answers.push(reading.answer);
        else unsure.push('unsure' in reading ? reading.unsure : reading.stray);
      }
      return { answers, unsure };
    },
    saysAnswer(line: string): boolean {
      return tokenize(line.replace(INVISIBLE, '')).some((clause) => patternMatches(clause.words, vocabulary).some((m) => m.answer !== null));
    },
  };
}

/**
 * After the person, the answer phrase must end the clause: "Kai: never heard of" is an answer, "Kai
 * never heard of us" and "Kai worked with my brother" are about Kai, not about whether you know them.
 */
function saysMore(words: Word[], named: Mention[], phrase: Match): boolean {
  if (named.some((n) => n.start >= phrase.start)) return false;
  return words.slice(phrase.end).some((w) => !COURTESY.has(w.text));
}

// What may follow an answer without changing it: "Kai later please", "Tara: know well, thank you".
const COURTESY: ReadonlySet<string> = new Set([...fillerWords, ...fillerPhrases.keys(), ...fillerPhrases.values()]);

/** The members of `list` that pass, or all of them when none does. */
function keepSome(list: number[], test: (n: number) => boolean): number[] {
  const kept = list.filter(test);
  return kept.length > 0 ? kept : list;
}
