/**
 * Which export files Rapport reads, recognised by name (zip entries) and by header row
 * (zip entries and single CSV uploads). Every other file in the export is ignored.
 */
import { basename } from 'node:path';
import type { FileKind } from './types.ts';

/**
 * Names with case, spaces and underscores folded away: `Endorsement Received Info.csv` and
 * `Endorsement_Received_Info.csv` meet, `Messages.csv` (2018) and `messages.csv` meet.
 * Look-alikes with the same header (`coach_messages.csv`, `guide_messages.csv`,
 * `LearningCoachMessages.csv`) fold to other names and stay out.
 */
const KIND_BY_FOLDED_NAME: Readonly<Record<string, FileKind>> = {
  connections: 'connections',
  messages: 'messages',
  invitations: 'invitations',
  recommendationsreceived: 'recommendations_received',
  recommendationsgiven: 'recommendations_given',
  endorsementreceivedinfo: 'endorsements_received',
  endorsementgiveninfo: 'endorsements_given',
  positions: 'positions',
  profile: 'profile',
};

/**
 * LinkedIn's own files with the messages header that are not person-to-person messages (see
 * shared/reference/linkedin-export.md, look-alikes). Inside a zip they are skipped by name; a lone
 * upload of one is refused in words, since its header alone would pass it off as messages.csv.
 */
const LOOKALIKE_MESSAGES = new Set(['coachmessages', 'guidemessages', 'learningcoachmessages', 'learningroleplaymessages']);

/** The name with case, spaces, underscores and a part number folded away, or null when it is no CSV name. */
function foldedName(path: string): { folded: string; part: number } | null {
  const match = /^(.*?)(?:[ _-](\d+))?\.csv$/i.exec(basename(path));
  return match ? { folded: match[1]!.toLowerCase().replace(/[ _]/g, ''), part: Number(match[2] ?? 0) } : null;
}

/** Whether a lone upload's name is one of LinkedIn's look-alike message files. */
export function isLookalikeMessagesName(path: string): boolean {
  const name = foldedName(path);
  return name !== null && LOOKALIKE_MESSAGES.has(name.folded);
}

export interface NamedFile {
  kind: FileKind;
  /** Identifies the logical file: two entries with the same id are copies of one file. */
  id: string;
}

/** Recognises an export file by its name; `messages_2.csv` is part 2 of messages. */
export function kindFromFileName(path: string): NamedFile | null {
  const name = foldedName(path);
  const kind = name ? KIND_BY_FOLDED_NAME[name.folded] : undefined;
  return name && kind ? { kind, id: `${name.folded}#${name.part}` } : null;
}

/** Header columns (normalised keys) that identify each kind. */
const REQUIRED_COLUMNS: ReadonlyArray<readonly [FileKind, readonly string[]]> = [
  ['connections', ['first name', 'last name', 'connected on']],
  ['invitations', ['from', 'to', 'sent at', 'direction']],
  ['recommendations_received', ['first name', 'last name', 'creation date']],
  ['endorsements_received', ['endorsement date', 'endorser first name', 'endorser last name']],
  ['endorsements_given', ['endorsement date', 'endorsee first name', 'endorsee last name']],
  ['positions', ['company name', 'title', 'started on']],
  ['profile', ['first name', 'last name', 'headline']],
];

function headerKind(keys: ReadonlySet<string>, named: FileKind | null): FileKind | null {
  // messages: modern files carry CONVERSATION ID, the 2018 one a Direction column instead.
  if (keys.has('from') && keys.has('to') && keys.has('date') && (keys.has('conversation id') || keys.has('direction'))) {
    return 'messages';
  }
  const found = REQUIRED_COLUMNS.find(([, columns]) => columns.every((column) => keys.has(column)))?.[0] ?? null;
  // Received and Given recommendations share one header; only the file name tells them apart
  // (a lone upload's too), and a CSV with no such name is taken as the received one.
  if (found === 'recommendations_received' && named === 'recommendations_given') return named;
  return found;
}

/** Connections may sit below a `Notes:` preamble; other files start with their header. */
const HEADER_SCAN_RECORDS = 10;

/** Records to examine for a header: up to 10 where Connections may be involved, else just the first. */
export function headerScanLimit(named: FileKind | null): number {
  return named === null || named === 'connections' ? HEADER_SCAN_RECORDS : 1;
}

/**
 * The kind a header row announces, or null when `keys` (record number `index`, 0-based) is not
 * a header Rapport reads. Only Connections is looked for below the first record.
 */
export function detectHeader(keys: ReadonlySet<string>, index: number, named: FileKind | null): FileKind | null {
  const kind = headerKind(keys, named);
  if (kind === null || (index > 0 && kind !== 'connections')) return null;
  return kind;
}
