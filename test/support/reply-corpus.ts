/**
 * Hand-written replies in plain words, with what each must apply and report as unsure: read by the
 * word reader in unit tests (test/unit/domain/replies/plain-words.test.ts) and sent through the mx,
 * the worker and the dry run in test/integration/reply-corpus.test.ts, which must all agree.
 */
import type { ItemAnswer } from '../../domain/digest-items/index.ts';
import type { NamedItem } from '../../domain/replies/index.ts';

/** A digest as the reader sees it: two people share a first name (Sam), two are everyday words (Will, May). */
export const CORPUS_ITEMS: NamedItem[] = [
  { number: 1, kind: 'review', shown: 'Tara Singh', people: ['Tara Singh'], labels: [] },
  { number: 2, kind: 'review', shown: 'Kai Weber', people: ['Kai Weber'], labels: [] },
  { number: 3, kind: 'close', shown: 'Jürgen Roß', people: ['Jürgen Roß'], labels: [] },
  { number: 4, kind: 'intro', shown: 'Ask Lars Berg to introduce you to Globex', people: ['Lars Berg', 'Mia Chen'], labels: ['Globex Corporation'] },
  { number: 5, kind: 'review', shown: 'Will Turner', people: ['Will Turner'], labels: [] },
  { number: 6, kind: 'review', shown: 'Sam Park', people: ['Sam Park'], labels: [] },
  { number: 7, kind: 'close', shown: 'Sam Reyes', people: ['Sam Reyes'], labels: [] },
  { number: 8, kind: 'gap', shown: 'Upload a fresh export', people: [], labels: [] },
  { number: 9, kind: 'review', shown: 'Zoë Durand', people: ['Zoë Durand'], labels: [] },
  { number: 10, kind: 'review', shown: 'May Lin', people: ['May Lin'], labels: [] },
  { number: 11, kind: 'intro', shown: 'Ask Ola Nordmann to introduce you to The Boring Company', people: ['Ola Nordmann'], labels: ['The Boring Company'] },
];

export interface ReplyCase {
  text: string;
  /** Every answer the reply applies, by item; nothing else may be applied. */
  applied: Record<number, ItemAnswer>;
  /** Each must match one "not understood" line, in order; the count must match too. */
  unsure?: RegExp[];
  /**
   * What the reply does once it arrives by mail, where it differs from the grammar alone: the mail
   * path drops invisible characters before any reading (quoted-history.ts), as a reader's eye would.
   */
  byMail?: Pick<ReplyCase, 'applied' | 'unsure'>;
}

export const ZWSP = '\u200b';
export const RLO = '\u202e';
export const PDF = '\u202c';
export const LRI = '\u2066';
export const PDI = '\u2069';

/** Ordinary English, the way people write. */
export const englishReplies: Array<[string, ReplyCase]> = [
    ['the example from the brief', { text: 'I know Tara from my PhD days, never heard of Kai. Yes please draft the Lars intro.', applied: { 1: 'known', 2: 'unknown', 4: 'intro' } }],
    ['know', { text: 'I know Tara.', applied: { 1: 'known' } }],
    ['a full name', { text: 'I know Tara Singh', applied: { 1: 'known' } }],
    ['lower case', { text: 'i know tara', applied: { 1: 'known' } }],
    ['upper case', { text: 'I KNOW TARA', applied: { 1: 'known' } }],
    ['know well', { text: 'I know Tara well', applied: { 1: 'close' } }],
    ['know very well, full name in the gap', { text: 'I know Tara Singh very well!', applied: { 1: 'close' } }],
    ['worked with', { text: 'Worked with Kai at Initech.', applied: { 2: 'known' } }],
    ['a former colleague', { text: 'Kai is a former colleague', applied: { 2: 'known' } }],
    ['a good friend', { text: 'Tara is a good friend', applied: { 1: 'close' } }],
    ["don't know, curly apostrophe", { text: 'I don’t know Kai', applied: { 2: 'unknown' } }],
    ['do not know', { text: 'I do not know Kai Weber', applied: { 2: 'unknown' } }],
    ['never heard of', { text: 'Never heard of Kai.', applied: { 2: 'unknown' } }],
    ['no idea who', { text: 'No idea who Kai is', applied: { 2: 'unknown' } }],
    ['draft it, by the target company', { text: 'The Globex intro: draft it please', applied: { 4: 'intro' } }],
    ['go ahead, by the person to meet', { text: 'Go ahead with the Mia intro', applied: { 4: 'intro' } }],
    ['skip, not now', { text: 'Not now for Tara', applied: { 1: 'skip' } }],
    ['later', { text: 'Kai later', applied: { 2: 'skip' } }],
    ['an intro by its target without the legal form', { text: 'Please draft the Boring Company one', applied: { 11: 'intro' } }],
    ['skip the intro by its via', { text: 'Skip the Lars intro', applied: { 4: 'skip' } }],
    ['accents: Zoe for Zoë', { text: 'I know Zoe', applied: { 9: 'known' } }],
    ['umlaut written out: Juergen for Jürgen', { text: 'I know Juergen Ross well', applied: { 3: 'close' } }],
    ['a close item taking known', { text: 'I know Jürgen', applied: { 3: 'known' } }],
    ['ordinals: the first one, the second', { text: 'I know the first one, the second never heard of', applied: { 1: 'known', 2: 'unknown' } }],
    ['number 3', { text: 'I know number 3 well', applied: { 3: 'close' } }],
    ['#9', { text: 'never heard of #9', applied: { 9: 'unknown' } }],
    ['but splits clauses', { text: 'I know Tara but never heard of Kai', applied: { 1: 'known', 2: 'unknown' } }],
    ['and splits clauses', { text: 'Worked with Tara and never met Kai', applied: { 1: 'known', 2: 'unknown' } }],
    ['a list, one person a line', { text: 'Tara: know well\nKai: never heard of\nZoë - friend', applied: { 1: 'close', 2: 'unknown', 9: 'close' } }],
    ['a sentence wrapped by the mail program', { text: 'Thanks for the list, it was useful this week and I have to say that I\nknow Tara from my PhD days.', applied: { 1: 'known' } }],
    ['list style: the phrase after the name ends the clause', { text: 'Kai later please', applied: { 2: 'skip' } }],
    ['list style: thank you after the phrase', { text: 'Tara know well thank you', applied: { 1: 'close' } }],
    ['fullwidth letters are the same letters', { text: 'I know \uff34\uff41\uff52\uff41', applied: { 1: 'known' } }],
    ['a capitalised everyday-word name', { text: 'I know Will', applied: { 5: 'known' } }],
    ['May, capitalised', { text: 'May is a friend', applied: { 10: 'close' } }],
    ['Sam by full name', { text: 'I know Sam Park well', applied: { 6: 'close' } }],
    ['a closing that says a phrase still ends the reply once something was said', { text: 'I know Tara\n\nCheers, never heard of a better digest\nKai Weber\nno idea who Kai is', applied: { 1: 'known' } }],
    ['a first-line closing that answers', { text: 'Thanks, never heard of Kai', applied: { 2: 'unknown' } }],
    ['a greeting that also answers', { text: 'Hi, never heard of Kai\n\nThanks!\nTara', applied: { 2: 'unknown' } }],
];

/** German, the second language. */
export const germanReplies: Array<[string, ReplyCase]> = [
    ['kenne ich', { text: 'Tara kenne ich.', applied: { 1: 'known' } }],
    ['kenne ich gut', { text: 'Tara kenne ich gut', applied: { 1: 'close' } }],
    ['ich kenne … gut', { text: 'Ich kenne Tara gut.', applied: { 1: 'close' } }],
    ['kenne ich nicht', { text: 'Kai kenne ich nicht.', applied: { 2: 'unknown' } }],
    ['ich kenne … nicht', { text: 'Ich kenne Kai nicht', applied: { 2: 'unknown' } }],
    ['nie gehört', { text: 'Von Kai nie gehört', applied: { 2: 'unknown' } }],
    ['noch nie von … gehört', { text: 'Noch nie von Kai gehört', applied: { 2: 'unknown' } }],
    ['bitte Entwurf', { text: 'Globex: bitte Entwurf', applied: { 4: 'intro' } }],
    ['überspringen', { text: 'Tara überspringen', applied: { 1: 'skip' } }],
    ['später', { text: 'Kai: später', applied: { 2: 'skip' } }],
    ['umlauts written out: ueberspringen', { text: 'Tara ueberspringen', applied: { 1: 'skip' } }],
    ['umlauts dropped: uberspringen', { text: 'Tara uberspringen', applied: { 1: 'skip' } }],
    ['den ersten kenne ich', { text: 'Den ersten kenne ich', applied: { 1: 'known' } }],
    ['und splits clauses', { text: 'Tara kenne ich gut und Kai kenne ich nicht', applied: { 1: 'close', 2: 'unknown' } }],
    ['a German sentence in an English reply', { text: 'I know Tara. Kai kenne ich nicht.', applied: { 1: 'known', 2: 'unknown' } }],
];

/** Not applied: negated, hedged, ambiguous or disguised; each is reported with the exact command. */
export const unsureReplies: Array<[string, ReplyCase]> = [
    ["I don't know if I know Kai", { text: "I don't know if I know Kai", applied: {}, unsure: [/^Not sure what you meant by "I don't know if I know Kai" \(it sounds unsure or negated\): reply known 2, close 2, unknown 2 or skip 2$/] }],
    ['Kai? no idea. Tara yes', { text: 'Kai? no idea. Tara yes', applied: {}, unsure: [/"Kai\?" \(it|"Kai\?" \(no answer.*item 2, Kai Weber/, /"no idea" \(it names nobody/, /"Tara yes".*known 1, close 1, unknown 1 or skip 1/] }],
    ['two people named Sam', { text: 'I know Sam', applied: {}, unsure: [/it could be item 6, Sam Park or item 7, Sam Reyes\): reply known 6 or known 7$/] }],
    ['maybe', { text: 'Maybe I know Tara', applied: {}, unsure: [/unsure or negated\): reply known 1$/] }],
    ['not sure', { text: 'Not sure I know Kai', applied: {}, unsure: [/unsure or negated\): reply known 2$/] }],
    ['I think', { text: 'I think I worked with Kai', applied: {}, unsure: [/unsure or negated/] }],
    ['vielleicht', { text: 'Tara kenne ich vielleicht', applied: {}, unsure: [/unsure or negated\): reply known 1$/] }],
    ['nicht sicher', { text: 'Nicht sicher, ob ich Kai kenne', applied: {}, unsure: [/"ob ich Kai kenne" \(no answer we could read for item 2, Kai Weber\)/] }],
    ['a negation outside the phrase', { text: 'I never worked with Kai', applied: {}, unsure: [/unsure or negated/] }],
    ["don't know well is not close", { text: "I don't know Tara well", applied: {}, unsure: [/unsure or negated/] }],
    ['friend of a friend', { text: 'Kai is a friend of a friend', applied: {}, unsure: [/unsure or negated/] }],
    ['a question', { text: 'Do I know Tara?', applied: {}, unsure: [/reads as a question\): reply known 1$/] }],
    ['two answers for one person in one clause', { text: 'I know Kai, never heard of him, I mean I know Kai never heard of him', applied: { 2: 'known' }, unsure: [/"never heard of him" \(it names nobody/, /I mean I know Kai never heard of him" \(it says more than one answer\): reply known 2, close 2, unknown 2 or skip 2$/] }],
    ['two people in one clause', { text: 'I know Tara Kai', applied: {}, unsure: [/it could be item 1, Tara Singh or item 2, Kai Weber\): reply known 1 or known 2$/] }],
    ['a name without an answer', { text: 'Tara was at the conference', applied: {}, unsure: [/no answer we could read for item 1, Tara Singh\): reply known 1, close 1, unknown 1 or skip 1$/] }],
    ['an answer without a name', { text: 'Never heard of him', applied: {}, unsure: [/"Never heard of him" \(it names nobody in this digest\)$/] }],
    ['an answer its item does not take', { text: 'Please draft one for Tara', applied: {}, unsure: [/item 1, Tara Singh cannot be answered "intro"\): reply known 1, close 1, unknown 1 or skip 1$/] }],
    ['the gap item only skips', { text: 'I know number 8', applied: {}, unsure: [/item 8, Upload a fresh export cannot be answered "known"\): reply skip 8$/] }],
    ['no such item', { text: 'I know number 12', applied: {}, unsure: [/there is no item 12 in this digest/] }],
    ['an everyday word in lower case is no name', { text: 'I will know more next week', applied: {}, unsure: [/names nobody/] }],
    ['may in lower case is no name', { text: 'you may skip these', applied: {}, unsure: [/names nobody/] }],
    ['"the first day" is no ordinal', { text: 'I know Tara since the first day', applied: { 1: 'known' } }],
    ['a target label lends no first word: "the" names nobody', { text: 'I know the answer', applied: {}, unsure: [/"I know the answer" \(it names nobody in this digest\)$/] }],
    ['about someone else: a relative clause', { text: 'I know the guy who introduced me to Kai', applied: {}, unsure: [/unsure or negated/] }],
    ['about what they did: the name before the phrase, more after it', { text: 'Kai worked with my brother', applied: {}, unsure: [/it may say what they did rather than whether you know them\): reply known 2$/] }],
    ['about what they did: Kai never heard of us', { text: 'Kai never heard of us', applied: {}, unsure: [/what they did/] }],
    ['a possessive is about someone of theirs', { text: "Never heard of Kai Weber's team", applied: {}, unsure: [/someone or something of theirs\): reply unknown 2$/] }],
    ["Tara's, too unsure to tell", { text: 'Tara’s a good friend', applied: {}, unsure: [/someone or something of theirs/] }],
    ['a hedge alone before a comma doubts its sentence', { text: 'I think, I know Tara', applied: {}, unsure: [/unsure or negated\): reply known 1$/] }],
    ['ich glaube, … doubts its sentence', { text: 'Ich glaube, ich kenne Tara. Kai kenne ich nicht.', applied: { 2: 'unknown' }, unsure: [/"ich kenne Tara" \(it sounds unsure or negated\)/] }],
    ['not sure, but … doubts its sentence', { text: 'Not sure, but I know Kai', applied: {}, unsure: [/"I know Kai" \(it sounds unsure or negated\)/] }],
    ['a person of an intro only takes intro or skip', { text: 'I know Lars', applied: {}, unsure: [/item 4, Ask Lars Berg to introduce you to Globex cannot be answered "known"\): reply intro 4 or skip 4$/] }],
    ['a German question', { text: 'Kenne ich Tara?', applied: {}, unsure: [/reads as a question/] }],
    ['another command typo', { text: 'kno 3', applied: {}, unsure: [/^kno 3$/] }],
    ['a number written out is no item', { text: 'known three', applied: {}, unsure: [/^known three$/] }],
    ['a name nobody in the digest has', { text: 'I know Priya well', applied: {}, unsure: [/names nobody in this digest/] }],
    ['a command typo stays the grammar’s', { text: 'knwo 3', applied: {}, unsure: [/^knwo 3$/] }],
    ['another typo', { text: 'konwn 3', applied: {}, unsure: [/^konwn 3$/] }],
    ['small talk stays as before', { text: 'Looking forward to next week', applied: {}, unsure: [/^Looking forward to next week$/] }],
    ['a command inside a sentence is reported, not lost', { text: 'known 1, and never heard of Kai', applied: { 2: 'unknown' }, unsure: [/"known 1" \(write commands on a line of their own\)/] }],
    ['Cyrillic homoglyphs in the name', { text: 'I know Т\u0430ra', applied: {}, unsure: [/names nobody/] }],
    ['Cyrillic homoglyphs in the phrase', { text: 'I kn\u043ew Tara', applied: {}, unsure: [/no answer we could read for item 1/] }],
    ['a right-to-left override', { text: `I know ${RLO}iaK${PDF} Tara`, applied: {}, unsure: [/text-direction controls/] }],
    ['bidi isolates around a phrase', { text: `${LRI}never heard of${PDI} Kai`, applied: {}, unsure: [/text-direction controls/] }],
    ['a bidi override with no name or answer is the grammar’s', { text: `${RLO}lots of news${PDF}`, applied: {}, unsure: [/^\u202elots of news\u202c$/] }],
];

/** Commands and words in one reply. */
export const mixedReplies: Array<[string, ReplyCase]> = [
    ['commands keep working', { text: 'known 1 3, close 2, unknown 4, intro 5, skip 6', applied: { 1: 'known', 3: 'known', 2: 'close', 4: 'unknown', 5: 'intro', 6: 'skip' } }],
    ['a command then words for the same item: the last wins', { text: 'unknown 2\nActually I know Kai well', applied: { 2: 'close' } }],
    ['words then a command for the same item: the last wins', { text: 'I know Kai\nunknown 2', applied: { 2: 'unknown' } }],
    ['commands and words for different items', { text: 'known 9\nnever heard of Kai', applied: { 9: 'known', 2: 'unknown' } }],
    ['zero-width characters inside a name are dropped', { text: `I know Ta${ZWSP}ra`, applied: { 1: 'known' } }],
    ['a zero-width space in a command word is the grammar’s to report', { text: `kn${ZWSP}own 1`, applied: {}, unsure: [/^kn\u200bown 1$/], byMail: { applied: { 1: 'known' }, unsure: [] } }],
];
