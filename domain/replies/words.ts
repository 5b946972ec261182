/**
 * The words a reply may use. Everything not listed here is reported back to the subscriber rather
 * than guessed at: a wrong guess changes someone's network, an honest "not understood" costs a reply.
 */

import type { ItemAnswer } from '../digest-items/index.ts';
import type { Command } from './commands.ts';

export type SimpleCommandKind = Exclude<Command['kind'], 'answer'>;

/** One word answering the items whose numbers follow it. */
export const answerWords: ReadonlyMap<string, ItemAnswer> = new Map([
  ['known', 'known'],
  ['know', 'known'],
  ['yes', 'known'],
  ['y', 'known'],
  ['close', 'close'],
  ['well', 'close'],
  ['unknown', 'unknown'],
  ['no', 'unknown'],
  ['n', 'unknown'],
  ['stranger', 'unknown'],
  ['intro', 'intro'],
  ['introduce', 'intro'],
  ['skip', 'skip'],
  ['later', 'skip'],
  // What came of an introduction, answering a follow-up item.
  ['introduced', 'introduced'],
  ['waiting', 'waiting'],
  ['declined', 'declined'],
  ['unneeded', 'unneeded'],
]);

/**
 * Two-word answers, keyed by their first word. Checked before single words, so "know well" is
 * close rather than known followed by close. Apostrophes are straightened before lookup.
 */
export const answerPhrases: ReadonlyMap<string, ReadonlyMap<string, ItemAnswer>> = new Map([
  ['know', new Map<string, ItemAnswer>([['well', 'close']])],
  ["don't", new Map<string, ItemAnswer>([['know', 'unknown']])],
  ['dont', new Map<string, ItemAnswer>([['know', 'unknown']])],
  // A follow-up's "no answer yet": "no answer 4". ("not" stays out: it would make every "not sure"
  // line command vocabulary; "not needed" is read as plain words, unneeded as a command.)
  ['no', new Map<string, ItemAnswer>([['answer', 'waiting']])],
]);

/** Commands about the subscription rather than an item: they take no item number. */
export const commandWords: ReadonlyMap<string, SimpleCommandKind> = new Map([
  ['upload', 'upload'],
  ['stop', 'unsubscribe'],
  ['unsubscribe', 'unsubscribe'],
  ['help', 'help'],
  ['undo', 'undo'],
]);

/** Words that carry no meaning inside a command line: "please known 3, thanks", "known items 1 3". */
export const fillerWords: ReadonlySet<string> = new Set([
  'and',
  'item',
  'items',
  'please',
  'pls',
  'ok',
  'okay',
  'thanks',
  'thx',
  'ty',
  'cheers',
]);

/** "thank you" as a filler; "you" on its own means nothing to us. */
export const fillerPhrases: ReadonlyMap<string, string> = new Map([['thank', 'you']]);

/** First words of a greeting line ("Hi Rapport team,"), ignored when the line holds no command. */
export const greetingWords: ReadonlySet<string> = new Set([
  'hi',
  'hello',
  'hey',
  'dear',
  'good',
  'bonjour',
  'salut',
  'hallo',
  'guten',
  'hola',
  'buenos',
  'buenas',
]);

/**
 * First words of a closing line ("Thanks!", "Best regards,"). A closing line holding no command is
 * ignored, and once the reply has said something, whatever follows a closing is the signature.
 */
export const closingWords: ReadonlySet<string> = new Set([
  'thanks',
  'thank',
  'thx',
  'ty',
  'cheers',
  'best',
  'regards',
  'kind',
  'kindest',
  'warm',
  'warmest',
  'many',
  'sincerely',
  'yours',
  'bye',
  'ciao',
  // German, French and Spanish closings: "Viele Grüße", "Mit freundlichen Grüßen", "Bien à vous", "Un saludo".
  'danke',
  'viele',
  'liebe',
  'beste',
  'mit',
  'lg',
  'vg',
  'mfg',
  'merci',
  'cordialement',
  'amicalement',
  'bien',
  'bonne',
  'gracias',
  'saludos',
  'un',
  'atentamente',
]);

/** Straight apostrophes and lower case, so "Don’t" and "don't" are one word. */
export function normalizeWord(word: string): string {
  return word.toLowerCase().replace(/\u2019/g, "'");
}

/** Whether a word means something to the grammar, so a line holding it is never skipped as small talk. */
export function isCommandVocabulary(word: string): boolean {
  return answerWords.has(word) || answerPhrases.has(word) || commandWords.has(word);
}
