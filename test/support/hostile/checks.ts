/**
 * What every hostile case asserts: the words a subscriber is shown are plain (no stack traces,
 * no "undefined", no internal codes or ids), and the tables that hold their data did not move.
 */
import type { Db } from '../../../db/client.ts';

/** Things that must never reach a subscriber: developer output, internal codes and identifiers. */
const LEAKS: ReadonlyArray<[string, RegExp]> = [
  ['a stack frame', /\bat [\w.<>$]+ \(?[^)\s]*:\d+:\d+\)?|\bat (?:async )?file:\/\//],
  ['"undefined"', /\bundefined\b/],
  ['"NaN"', /\bNaN\b/],
  ['"[object Object]"', /\[object \w+\]/],
  // A page title opens with "Error: " when its form was refused (so a screen reader says so first); anywhere else it is a thrown error's text.
  ['an error class name', /\b(?:Type|Range|Reference|Syntax|Export|Zip)Error:|(?<!^)\bError:/],
  ['a Node or Fastify error code', /\b(?:FST_[A-Z_]+|ERR_[A-Z_]+|E(?:NOENT|ACCES|ISDIR|PIPE|CONNRESET|CONNREFUSED))\b/],
  ['a Postgres error', /\b(?:SQLSTATE|violates|relation "|syntax error at|duplicate key)\b/],
  ['a server file path', /(?:\/tmp\/|\/work\/|node_modules|rapport-(?:import|upload|attachment)-)/],
  ['a database id', /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i],
];

/**
 * Null when `text` is fit for a subscriber, else what is wrong with it. `machine` answers (the
 * inbound webhook, read by a mail provider) may carry error codes, never stacks, paths or ids.
 */
export function leakIn(text: string, options: { machine?: boolean } = {}): string | null {
  for (const [what, pattern] of LEAKS) {
    if (options.machine && what === 'a Node or Fastify error code') continue;
    const match = pattern.exec(text);
    if (match) return `${what}: ${JSON.stringify(text.slice(Math.max(0, match.index - 60), match.index + match[0].length + 60))}`;
  }
  return null;
}

/** A sentence or more for a person: words, spaces, ends like a sentence, and no leaks. */
export function assertPlainWords(text: string | null | undefined, where: string): void {
  if (typeof text !== 'string' || text.trim().length < 15) throw new Error(`${where}: expected a message in plain words, got ${JSON.stringify(text)}`);
  if (!/[A-Za-z]{3,} [A-Za-z]{2,}/.test(text)) throw new Error(`${where}: not in words: ${JSON.stringify(text)}`);
  const leak = leakIn(text);
  if (leak) throw new Error(`${where}: shows ${leak}`);
}

/** Text of an HTML page without tags, scripts and styles, roughly as a reader sees it. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

export const DATA_TABLES = [
  'subscribers',
  'strategy_answers',
  'connections',
  'evidence',
  'connection_changes',
  'ties',
  'tie_events',
  // Undo goes back through these: a hostile message must not write or take back an answer.
  'answer_batches',
  'answer_events',
  'digests',
  'digest_items',
  'intro_requests',
  'intro_events',
  'outbox',
  'suppressions',
  'action_tokens',
  // A hostile request must not sign anyone in, nor move an address.
  'account_sessions',
  'email_changes',
] as const;
export type DataTable = (typeof DATA_TABLES)[number];

export type Snapshot = Record<DataTable, string[]>;

/**
 * Every row of every table that holds subscriber data, as sorted JSON lines: comparing two
 * snapshots shows any insert, update or delete. (exports, export_chunks and inbound_messages are
 * where hostile input is recorded, and are checked separately.)
 */
export async function snapshot(db: Db, tables: readonly DataTable[] = DATA_TABLES): Promise<Snapshot> {
  const entries = await Promise.all(
    tables.map(async (table) => {
      const rows = await db.selectFrom(table).selectAll().execute();
      return [table, rows.map((row) => JSON.stringify(row, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString('hex') : value))).sort()] as const;
    }),
  );
  return Object.fromEntries(entries) as Snapshot;
}

/** Row-level differences between two snapshots, for a readable failure. */
export function differences(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const table of Object.keys(before) as DataTable[]) {
    const was = new Set(before[table]);
    const now = new Set(after[table] ?? []);
    const removed = [...was].filter((row) => !now.has(row));
    const added = [...now].filter((row) => !was.has(row));
    if (removed.length || added.length) {
      out.push(`${table}: ${removed.length} row(s) gone or changed, ${added.length} row(s) new or changed`);
      for (const row of removed.slice(0, 2)) out.push(`  - ${row.slice(0, 300)}`);
      for (const row of added.slice(0, 2)) out.push(`  + ${row.slice(0, 300)}`);
    }
  }
  return out;
}

export function assertUnchanged(before: Snapshot, after: Snapshot, what: string): void {
  const diff = differences(before, after);
  if (diff.length) throw new Error(`${what} changed data:\n${diff.join('\n')}`);
}

/** Resolves with how long `work` took, rejecting if it takes longer than `limitMs`. */
export async function within<T>(limitMs: number, what: string, work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${limitMs} ms`)), limitMs);
  });
  try {
    const value = await Promise.race([work(), timeout]);
    return { value, ms: performance.now() - started };
  } finally {
    clearTimeout(timer);
  }
}
