import { tokenizeLine, type Token } from './line-tokens.ts';
import type { WordReader } from './plain-words.ts';
import {
  answerPhrases,
  answerWords,
  closingWords,
  commandWords,
  fillerPhrases,
  fillerWords,
  greetingWords,
  isCommandVocabulary,
  type SimpleCommandKind,
} from './words.ts';

import { answerReceipts, type ItemAnswer } from '../digest-items/index.ts';

export type Command =
  | { kind: 'answer'; answer: ItemAnswer; item: number }
  | { kind: 'upload' }
  | { kind: 'unsubscribe' }
  | { kind: 'help' }
  /** Takes back the reply a receipt reports, when sent in answer to that receipt. */
  | { kind: 'undo' };

export interface ParsedCommands {
  commands: Command[];
  /** The exact fragments, shown back to the subscriber. */
  notUnderstood: string[];
}

// Replies are typed by people: a command line is short and there are few of them. The bounds keep
// the work linear and small whatever arrives, and range expansion below is at most MAX_ITEM_COUNT
// steps per range.
const MAX_LINES = 100;
const MAX_LINE_LENGTH = 500;
// A line of plain sentences may be a whole paragraph, as mail programs send them unwrapped.
const MAX_SENTENCE_LINE_LENGTH = 2000;
const MAX_ITEM_COUNT = 100;
// The receipt shows these fragments back; a pasted paragraph should not become a wall of text.
const MAX_ECHO_LENGTH = 100;
const MAX_NUMBER_ECHO_LENGTH = 40;
const MAX_NOT_UNDERSTOOD = 20;

/**
 * The answer bare numbers get: the last answer word written (`verb` as written), or known before any.
 * 'unclear' after a line we could not read that named an answer, or interrupted one: "No to 1 and 3"
 * must not turn a following bare "4" into known 4.
 */
type Scope = { answer: ItemAnswer; verb: string | null } | 'unclear';

const BARE_NUMBERS: Scope = { answer: 'known', verb: null };

type Emission =
  | { kind: 'command'; command: SimpleCommandKind }
  | { kind: 'answer'; answer: ItemAnswer; verb: string | null; first: number; last: number; written: string };

type LineReading = { ok: true; emissions: Emission[]; scope: Scope } | { ok: false; reason: string | null };

/**
 * Reads the commands in the text of a reply to a digest with `itemCount` items, e.g.
 * "known 1 3, close 2" or "unknown 4-6". A line is applied only when every word in it is understood;
 * otherwise the whole line is reported back, because a half-read line is a guess.
 *
 * With a `words` reader (plain-words.ts), consecutive lines the grammar cannot read are read as
 * plain sentences first ("I know Tara, never heard of Kai"); what that reader applies and what it
 * is unsure of replace the lines' reports. Commands and words go into one list where the last answer
 * written for an item wins, whichever way it was written.
 */
export function parseCommands(text: string, itemCount: number, words?: WordReader): ParsedCommands {
  if (!Number.isInteger(itemCount) || itemCount < 0 || itemCount > MAX_ITEM_COUNT) {
    throw new RangeError(`itemCount must be an integer from 0 to ${MAX_ITEM_COUNT}, got ${itemCount}`);
  }
  const collected = new CollectedCommands(itemCount);
  const { lines, truncated } = boundedLines(text);
  let scope = BARE_NUMBERS;
  let afterBlankLine = false;
  let saidSomething = false;
  // Lines the grammar could not read, in a row: one paragraph for the plain-words reader.
  const unread: Array<{ line: string; reason: string | null }> = [];
  const flush = () => {
    if (unread.length === 0) return;
    const reading = words?.read(unread.map((u) => u.line).join('\n')) ?? null;
    if (reading === null) for (const u of unread) collected.notUnderstood(u.line, u.reason);
    else {
      for (const answer of reading.answers) collected.add({ kind: 'answer', answer: answer.answer, verb: null, first: answer.item, last: answer.item, written: `${answer.item}` });
      for (const line of reading.unsure) collected.notUnderstoodWhole(line);
    }
    unread.length = 0;
  };

  for (const rawLine of lines) {
    const line = rawLine.trim();
    if (line === '') {
      flush();
      afterBlankLine = true;
      continue;
    }
    const followsBlankLine = afterBlankLine;
    afterBlankLine = false;
    // Quoted history; the digest itself is full of example commands.
    if (line.startsWith('>')) {
      flush();
      continue;
    }
    if (isSignatureDelimiter(line)) break;
    if (line.length > MAX_LINE_LENGTH) {
      const reason = 'too long to read as commands';
      if (words && line.length <= MAX_SENTENCE_LINE_LENGTH) unread.push({ line, reason });
      else {
        flush();
        collected.notUnderstood(line, reason);
      }
      scope = 'unclear';
      saidSomething = true;
      continue;
    }
    if (line === '?') {
      flush();
      collected.command('help');
      saidSomething = true;
      continue;
    }
    const tokens = tokenizeLine(line);
    const smallTalk = smallTalkKind(tokens, followsBlankLine);
    if (smallTalk === 'closing' && saidSomething) break;
    // Small talk that also says an answer ("Hi, never heard of Kai") is read, not skipped.
    if (smallTalk !== null && !words?.saysAnswer(line)) continue;
    saidSomething = true;

    const reading = readCommandLine(line, tokens, scope);
    if (reading.ok) {
      flush();
      for (const emission of reading.emissions) collected.add(emission);
      scope = reading.scope;
    } else {
      unread.push({ line, reason: reading.reason });
      if (namesAnswer(tokens) || scope === 'unclear' || scope.verb !== null) scope = 'unclear';
    }
  }
  flush();
  if (truncated) collected.notUnderstood('(the rest of the reply was too long to read)', null);
  return collected.result();
}

/** Receipt wording for one applied command, e.g. "Marked item 3 as known". */
export function describeCommand(command: Command): string {
  switch (command.kind) {
    case 'answer':
      return answerReceipts[command.answer](command.item);
    case 'upload':
      return 'Sending you a fresh upload link';
    case 'unsubscribe':
      return 'Unsubscribed you from Rapport emails';
    case 'help':
      return 'Sending you the list of reply commands';
    case 'undo':
      return 'Took back the answers of the reply this one answers';
  }
}

/** The first MAX_LINES lines, and whether anything but white space follows them. */
function boundedLines(text: string): { lines: string[]; truncated: boolean } {
  // Enough characters for MAX_LINES lines of the longest length read; anything longer is reported
  // by length alone, so cutting inside it changes nothing.
  const head = text.slice(0, MAX_LINES * (MAX_LINE_LENGTH + 2));
  const lines = head.split(/\r\n|\r|\n/);
  const kept = lines.slice(0, MAX_LINES);
  const truncated =
    lines.slice(MAX_LINES).some((line) => line.trim() !== '') || /\S/.test(text.slice(head.length, head.length + 1024));
  return { lines: kept, truncated };
}

function isSignatureDelimiter(line: string): boolean {
  const lower = line.toLowerCase();
  return /^[-_]{2,4}$/.test(line) || lower.startsWith('sent from my ') || lower.startsWith('get outlook for ');
}

/**
 * Greetings ("Hi Rapport team,"), closings ("Thanks!", "Best regards, Jane") and a name on its own
 * line after a blank line are what survives signature stripping in most replies; they are skipped
 * rather than reported. A line holding a number or a command word is never small talk.
 */
function smallTalkKind(tokens: Token[], followsBlankLine: boolean): 'greeting' | 'closing' | 'name' | null {
  const words: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'number') return null;
    if (token.kind === 'word') {
      if (isCommandVocabulary(token.word)) return null;
      words.push(token.word);
    }
  }
  const first = words[0];
  if (first === undefined) return null;
  if (greetingWords.has(first)) return 'greeting';
  if (closingWords.has(first)) return 'closing';
  const nameLike = tokens.every(
    (token) => token.kind === 'word' || token.kind === 'separator' || token.kind === 'dash',
  );
  return followsBlankLine && nameLike && words.length <= 4 ? 'name' : null;
}

function namesAnswer(tokens: Token[]): boolean {
  return tokens.some(
    (token) => token.kind === 'word' && (answerWords.has(token.word) || answerPhrases.has(token.word)),
  );
}

/** An answer word or two-word answer phrase at `index`, with how many tokens it takes. */
function answerAt(tokens: Token[], index: number): { answer: ItemAnswer; length: number } | null {
  const token = tokens[index];
  if (token?.kind !== 'word') return null;
  const next = tokens[index + 1];
  const phrase = next?.kind === 'word' ? answerPhrases.get(token.word)?.get(next.word) : undefined;
  if (phrase !== undefined) return { answer: phrase, length: 2 };
  const answer = answerWords.get(token.word);
  return answer === undefined ? null : { answer, length: 1 };
}

function isFillerPhraseAt(tokens: Token[], index: number): boolean {
  const token = tokens[index];
  const next = tokens[index + 1];
  return token?.kind === 'word' && next?.kind === 'word' && fillerPhrases.get(token.word) === next.word;
}

/**
 * One line against the grammar: an answer word applies to the numbers after it until the next
 * answer word; numbers before any answer word are known; subscription commands take no numbers.
 */
function readCommandLine(line: string, tokens: Token[], scope: Scope): LineReading {
  const emissions: Emission[] = [];
  let current = scope;
  let awaitingNumber: string | null = null;
  let numberlessCommand: string | null = null;

  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const written = (from: Token, to: Token) => line.slice(from.start, to.end);
    switch (token.kind) {
      case 'word': {
        const answer = answerAt(tokens, index);
        if (answer !== null) {
          if (awaitingNumber !== null) return { ok: false, reason: `no item number after ${awaitingNumber}` };
          const verb = written(token, tokens[index + answer.length - 1]!);
          current = { answer: answer.answer, verb };
          awaitingNumber = verb;
          numberlessCommand = null;
          index += answer.length - 1;
          break;
        }
        const command = commandWords.get(token.word);
        if (command !== undefined) {
          if (awaitingNumber !== null) return { ok: false, reason: `no item number after ${awaitingNumber}` };
          emissions.push({ kind: 'command', command });
          numberlessCommand = written(token, token);
          break;
        }
        if (isFillerPhraseAt(tokens, index)) {
          index += 1;
          break;
        }
        if (fillerWords.has(token.word)) break;
        return { ok: false, reason: null };
      }
      case 'number': {
        if (numberlessCommand !== null) return { ok: false, reason: `${numberlessCommand} takes no item number` };
        if (current === 'unclear')
          return { ok: false, reason: 'which answer? Put known, close, unknown, intro or skip before it' };
        const dash = tokens[index + 1];
        const end = tokens[index + 2];
        const isRange = dash?.kind === 'dash' && end?.kind === 'number';
        const last = isRange ? end : token;
        emissions.push({
          kind: 'answer',
          answer: current.answer,
          verb: current.verb,
          first: token.value,
          last: last.value,
          written: written(token, last),
        });
        awaitingNumber = null;
        if (isRange) index += 2;
        break;
      }
      case 'dash':
      case 'bullet':
        // A list bullet ("- known 3"); anywhere else it is a dash we cannot place.
        if (index !== 0) return { ok: false, reason: null };
        break;
      case 'separator':
        break;
      case 'symbol':
        return { ok: false, reason: null };
    }
  }
  if (awaitingNumber !== null) return { ok: false, reason: `no item number after ${awaitingNumber}` };
  return { ok: true, emissions, scope: current };
}

/** Cuts what the person wrote to a length the receipt can show. */
function echo(written: string, maxLength = MAX_ECHO_LENGTH): string {
  return written.length <= maxLength ? written : `${written.slice(0, maxLength - 1)}…`;
}

function existingItems(itemCount: number): string {
  if (itemCount === 0) return 'this digest has no items';
  return itemCount === 1 ? 'only item 1 exists' : `only items 1-${itemCount} exist`;
}

/** Commands in the order last written, one per item and per kind: the last answer to an item wins. */
class CollectedCommands {
  private readonly commands = new Map<string, Command>();
  private readonly problems = new Set<string>();
  private readonly problemsLeftOut = new Set<string>();

  constructor(private readonly itemCount: number) {}

  add(emission: Emission): void {
    if (emission.kind === 'command') {
      this.command(emission.command);
      return;
    }
    const { answer, verb, written } = emission;
    const fragment = verb === null ? written : `${verb} ${written}`;
    const low = Math.min(emission.first, emission.last);
    const high = Math.max(emission.first, emission.last);
    const first = Math.max(low, 1);
    const last = Math.min(high, this.itemCount);
    if (first > last) {
      const reason =
        low === high ? `there is no item ${echo(written, MAX_NUMBER_ECHO_LENGTH)}` : existingItems(this.itemCount);
      this.notUnderstood(fragment, reason);
      return;
    }
    if (first !== low || last !== high) {
      const used = first === last ? `${first}` : `${first}-${last}`;
      this.notUnderstood(fragment, `${existingItems(this.itemCount)}; used ${used}`);
    }
    for (let item = first; item <= last; item++) this.set(`item ${item}`, { kind: 'answer', answer, item });
  }

  command(kind: SimpleCommandKind): void {
    this.set(kind, { kind });
  }

  /** `written` is shortened for the receipt; `reason`, ours, is kept whole after it. */
  notUnderstood(written: string, reason: string | null): void {
    this.notUnderstoodWhole(reason === null ? echo(written) : `${echo(written)} (${reason})`);
  }

  /** An entry already cut to a length the receipt can show. */
  notUnderstoodWhole(entry: string): void {
    if (this.problems.size < MAX_NOT_UNDERSTOOD) this.problems.add(entry);
    else if (!this.problems.has(entry)) this.problemsLeftOut.add(entry);
  }

  result(): ParsedCommands {
    const notUnderstood = [...this.problems];
    if (this.problemsLeftOut.size > 0) notUnderstood.push(`(and ${this.problemsLeftOut.size} more not understood)`);
    return { commands: [...this.commands.values()], notUnderstood };
  }

  private set(key: string, command: Command): void {
    // Delete first so the command moves to where it was last written.
    this.commands.delete(key);
    this.commands.set(key, command);
  }
}
