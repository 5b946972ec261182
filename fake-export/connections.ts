import { type CsvStyle, LF_NO_TRAILING, csvText } from './csv.ts';
import { DAY, dayMonthYear, excelDate, shortUs } from './dates.ts';
import { type FakeEra, hasPreamble, hasProfileUrls } from './era.ts';
import { type Connection, NAME_QUIRKS, type NameQuirk, connectionsUrl, makeIdentity } from './people.ts';
import { COMPANY_POOL, TITLES } from './pools.ts';
import { type Rng, at } from './random.ts';

/** Byte-identical in the 2022, 2024 and 2026 exports: `Notes:`, one quoted line, a blank line. */
const CONNECTIONS_PREAMBLE: readonly string[] = [
  'Notes:',
  '"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"',
  '',
];

const CONNECTIONS_HEADER_NO_URL = ['First Name', 'Last Name', 'Email Address', 'Company', 'Position', 'Connected On'];
const CONNECTIONS_HEADER = ['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On'];

/** A Connections.csv row; `person` is null for the date-only rows of hidden or deactivated members. */
export interface ConnectionRow {
  person: Connection | null;
  at: number;
}

export interface Network {
  rows: ConnectionRow[];
  named: Connection[];
  /** One connection per target company, to be given a two-way thread so coaching finds a warm intro. */
  insiders: Connection[];
}

export interface NetworkInput {
  rng: Rng;
  era: FakeEra;
  total: number;
  usedKeys: Set<string>;
  exportAt: number;
  ownerEmployers: readonly string[];
  targetCompanies: readonly string[];
}

const SPAN_DAYS = 8 * 365;

/**
 * Ages skew recent (u^1.7): about a fifth of a network falls in the last seven months, which is what a
 * real 2022 export showed (68 invitations against 313 connections).
 */
function connectedTimes(rng: Rng, total: number, exportAt: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < total; i++) {
    const ageDays = Math.floor(SPAN_DAYS * rng.float() ** 1.7);
    times.push(exportAt - ageDays * DAY - rng.int(0, 86_399) * 1000);
  }
  times.sort((a, b) => b - a);
  // The archive is named after its newest data, so one connection lands on the export day itself.
  if (times.length > 0) times[0] = exportAt - rng.int(60, 6 * 3600) * 1000;
  return times;
}

function distinctIndices(rng: Rng, size: number, count: number, taken: Set<number>): number[] {
  const picked: number[] = [];
  while (picked.length < count && taken.size < size) {
    const i = rng.int(0, size - 1);
    if (taken.has(i)) continue;
    taken.add(i);
    picked.push(i);
  }
  return picked;
}

function currentJob(rng: Rng): { company: string; position: string } {
  if (rng.chance(0.25)) return { company: '', position: rng.chance(0.2) ? rng.pick(TITLES) : '' };
  // A skewed draw gives a few large employers many connections, as real networks have.
  const company = at(COMPANY_POOL, rng.skewedIndex(COMPANY_POOL.length, 2.2));
  return { company, position: rng.chance(0.1) ? '' : rng.pick(TITLES) };
}

export function makeNetwork(input: NetworkInput): Network {
  const { rng, era, total } = input;
  const anonymous = total >= 20 ? Math.max(1, Math.round(total * 0.022)) : 0;
  const namedCount = total - anonymous;
  const times = connectedTimes(rng, total, input.exportAt);
  // Never the newest row: the archive date should point at a real person.
  const anonymousRows = new Set(distinctIndices(rng, total, anonymous, new Set([0])));

  const forced = new Map<number, NameQuirk>();
  if (namedCount >= NAME_QUIRKS.length * 4) {
    distinctIndices(rng, namedCount, NAME_QUIRKS.length, new Set()).forEach((n, i) => forced.set(n, at(NAME_QUIRKS, i)));
  }
  const emailRate = era === '2018' ? 0.85 : 0.013;

  const rows: ConnectionRow[] = [];
  const named: Connection[] = [];
  times.forEach((t, i) => {
    if (anonymousRows.has(i)) {
      rows.push({ person: null, at: t });
      return;
    }
    const identity = makeIdentity(rng, input.usedKeys, forced.get(named.length) ?? null, rng.chance(emailRate));
    const person: Connection = { ...identity, ...currentJob(rng), connectedAt: t };
    named.push(person);
    rows.push({ person, at: t });
  });

  // 2018 exports held exactly one member URN where an address should be.
  if (era === '2018' && named.length > 0) rng.pick(named).email = `urn:li:member:${rng.digits(9)}`;

  const taken = new Set<number>();
  if (input.ownerEmployers.length > 0) {
    const formerColleagues = Math.max(named.length > 0 ? 1 : 0, Math.round(named.length * 0.03));
    for (const i of distinctIndices(rng, named.length, formerColleagues, taken)) {
      const p = at(named, i);
      p.company = rng.pick(input.ownerEmployers);
      if (p.position === '') p.position = rng.pick(TITLES);
    }
  }
  const insiders: Connection[] = [];
  for (const company of input.targetCompanies) {
    const count = named.length >= input.targetCompanies.length * 10 ? rng.int(3, 5) : 1;
    distinctIndices(rng, named.length, count, taken).forEach((i, n) => {
      const p = at(named, i);
      p.company = company;
      if (p.position === '') p.position = rng.pick(TITLES);
      if (n === 0) insiders.push(p);
    });
  }
  return { rows, named, insiders };
}

export function connectionsText(era: FakeEra, rows: readonly ConnectionRow[], excel: boolean): string {
  const withUrl = hasProfileUrls(era);
  const date = excel ? excelDate : era === '2018' ? shortUs : dayMonthYear;
  const body = rows.map(({ person: p, at: t }) => {
    const cells = p ? [p.first, p.last, p.email, p.company, p.position] : ['', '', '', '', ''];
    if (withUrl) cells.splice(2, 0, p ? connectionsUrl(p.slug) : '');
    cells.push(date(t));
    return cells;
  });
  // Excel writes CRLF after every row and drops the preamble when the user tidies the sheet.
  const style: CsvStyle = excel ? { separator: ',', quoteAll: false, eol: '\r\n', trailingEol: true } : LF_NO_TRAILING;
  const lead = hasPreamble(era) && !excel ? CONNECTIONS_PREAMBLE : [];
  return csvText(withUrl ? CONNECTIONS_HEADER : CONNECTIONS_HEADER_NO_URL, body, style, lead);
}
