import type { ItemAnswer } from '../../digest-items/index.ts';

/**
 * What the plain-words reader (../plain-words.ts) knows of one language, as data: another language
 * is another file like en.ts, listed in index.ts. Everything is compared after normaliseText (lower
 * case, accents and apostrophes gone), so "Don’t know" and "dont know", "Überspringen" and
 * "uberspringen" are the same entry.
 */
export interface ReplyLanguage {
  /**
   * Phrases that answer an item, each meaning one answer only. "…" stands for the person named, one
   * to three words: "know … well". A longer phrase wins over one it contains ("know well" over "know").
   */
  answers: Readonly<Record<string, ItemAnswer>>;
  /**
   * Negations and hedges: a clause holding one, outside an answer phrase that contains it ("not" in
   * "not now"), is never applied. "I don't know if…", "maybe", "friend of a friend". A clause of
   * doubts alone doubts its whole sentence: "I think, I know Tara".
   */
  doubts: readonly string[];
  /** Words that end one clause and begin the next, as commas do: "I know Tara but not Kai". */
  clauseBreaks: readonly string[];
  /** Words that say a clause is about an introduction: a name in it then points to intro items. */
  introWords: readonly string[];
  /** "the first one": the articles, the ordinals with their numbers, the nouns that may follow. */
  articles: readonly string[];
  ordinals: Readonly<Record<string, number>>;
  ordinalNouns: readonly string[];
  /** Words before an item number: "number 3". */
  numberWords: readonly string[];
  /** First names that are also everyday words: read as a name only when written with a capital. */
  wordNames: readonly string[];
}
