import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  type FakeEra,
  type FakeExport,
  type FakeExportOptions,
  generateFakeExport,
  packFakeExport,
  writeFakeExport,
} from '../../../fake-export/generate.ts';

const ERAS: FakeEra[] = ['2018', '2021', '2022', '2024', '2026'];
const PREAMBLE_NOTE =
  '"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"';
const HEADER_NO_URL = 'First Name,Last Name,Email Address,Company,Position,Connected On';
const HEADER_URL = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// Small exports keep the suite fast; the defaults are exercised once below.
const cache = new Map<string, FakeExport>();
function fake(options: FakeExportOptions = {}): FakeExport {
  const key = JSON.stringify(options);
  let hit = cache.get(key);
  if (!hit) {
    hit = generateFakeExport(options);
    cache.set(key, hit);
  }
  return hit;
}

function bytesOf(f: FakeExport, name: string): Uint8Array {
  const file = f.files.find((x) => x.path.split('/').pop() === name);
  if (!file) throw new Error(`no ${name} in ${f.files.map((x) => x.path).join(', ')}`);
  return file.bytes;
}

const textOf = (f: FakeExport, name: string): string => new TextDecoder().decode(bytesOf(f, name));

function table(text: string, delimiter = ','): string[][] {
  return parse(text, { bom: true, delimiter, relax_column_count: true, relax_quotes: false }) as string[][];
}

/** Rows as objects keyed by header; the header is the first row with more than one cell (skips `Notes:`). */
function records(text: string, delimiter = ','): Record<string, string>[] {
  const rows = table(text, delimiter);
  const headerAt = rows.findIndex((r) => r.length > 1);
  const header = rows[headerAt] ?? [];
  return rows.slice(headerAt + 1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** What the parser is expected to do (reference 5.8): decode, lowercase, drop scheme, www and trailing slash. */
function profileKey(url: string): string {
  return decodeURIComponent(url)
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');
}

function connectedOnIso(era: FakeEra, value: string): string {
  if (era === '2018') {
    const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}), /.exec(value);
    if (!m) throw new Error(`bad 2018 date ${value}`);
    return `20${m[3]}-${m[1]?.padStart(2, '0')}-${m[2]?.padStart(2, '0')}`;
  }
  const m = /^(\d{2}) ([A-Z][a-z]{2}) (\d{4})$/.exec(value);
  if (!m) throw new Error(`bad date ${value}`);
  return `${m[3]}-${String(MONTHS.indexOf(m[2] ?? '') + 1).padStart(2, '0')}-${m[1]}`;
}

const count = <T>(items: readonly T[], test: (item: T) => boolean): number => items.filter(test).length;

// Map.groupBy arrived after Node 20.
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

describe('determinism', () => {
  it('gives byte-identical archives for the same options and different ones for another seed', () => {
    const options: FakeExportOptions = { seed: 7, connections: 120, nestedFolder: true, utf16Endorsements: true, targetCompanies: ['Zentrix Robotics'] };
    const a = packFakeExport(generateFakeExport(options), 'zip');
    const b = packFakeExport(generateFakeExport(options), 'zip');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);

    const other = packFakeExport(generateFakeExport({ ...options, seed: 8 }), 'zip');
    expect(Buffer.from(a).equals(Buffer.from(other))).toBe(false);
  });

  it.each(ERAS)('is repeatable file by file in era %s', (era) => {
    const a = generateFakeExport({ era, connections: 80, seed: 3 });
    const b = generateFakeExport({ era, connections: 80, seed: 3 });
    expect(a.files.map((f) => f.path)).toEqual(b.files.map((f) => f.path));
    a.files.forEach((f, i) => expect(Buffer.from(f.bytes).equals(Buffer.from(b.files[i]?.bytes ?? new Uint8Array()))).toBe(true));
    expect(a.truth).toEqual(b.truth);
  });

  it('uses the defaults: seed 1, 300 connections, 450 messages, a complete 2026 export', () => {
    const f = fake();
    expect(f.truth.connections + f.truth.anonymousConnections).toBe(300);
    expect(f.truth.messages).toBe(450);
    expect(f.suggestedFileName).toBe('Complete_LinkedInDataExport_10-14-2026.zip');
    expect(Buffer.from(bytesOf(f, 'Connections.csv')).equals(Buffer.from(bytesOf(generateFakeExport({ seed: 1 }), 'Connections.csv')))).toBe(true);
  });
});

describe('Connections.csv', () => {
  it.each(ERAS)('has the %s header, preamble and date format', (era) => {
    const bytes = bytesOf(fake({ era, connections: 150 }), 'Connections.csv');
    const text = new TextDecoder().decode(bytes);
    const lines = text.split('\n');
    expect(Array.from(bytes.slice(0, 3))).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(text).not.toContain('\r');
    expect(bytes[bytes.length - 1]).not.toBe(0x0a);

    const withUrl = era === '2024' || era === '2026';
    const header = withUrl ? HEADER_URL : HEADER_NO_URL;
    if (era === '2018' || era === '2021') {
      expect(lines[0]).toBe(header);
    } else {
      expect(lines.slice(0, 4)).toEqual(['Notes:', PREAMBLE_NOTE, '', header]);
      if (era === '2022') expect(lines.slice(0, 4).map((l) => Buffer.byteLength(l))).toEqual([6, 366, 0, 64]);
    }

    const rows = records(text);
    expect(rows).toHaveLength(150);
    const datePattern = era === '2018' ? /^\d{1,2}\/\d{1,2}\/\d{2}, \d{1,2}:\d{2} [AP]M$/ : /^\d{2} [A-Z][a-z]{2} \d{4}$/;
    for (const r of rows) expect(r['Connected On']).toMatch(datePattern);
    // 2018 dates carry a comma, so every one of them is quoted.
    if (era === '2018') expect(lines[1]).toMatch(/,"\d{1,2}\/\d{1,2}\/\d{2}, \d{1,2}:\d{2} [AP]M"$/);
  });

  it('holds the name, company and URL traps of a real export', () => {
    const f = fake({ connections: 600 });
    const text = textOf(f, 'Connections.csv');
    const rows = records(text);
    const named = rows.filter((r) => r['First Name'] !== '' || r['Last Name'] !== '');
    const anyName = (re: RegExp): boolean => named.some((r) => re.test(`${r['First Name']}\u0000${r['Last Name']}`));

    expect(anyName(/ \u0000|\u0000.* $/)).toBe(true); // trailing spaces
    expect(anyName(/^ /)).toBe(true); // leading space
    expect(anyName(/\p{Extended_Pictographic}|\p{Regional_Indicator}/u)).toBe(true);
    expect(anyName(/\u0000.*, (MBA|PhD|CPA|PMP|CFA|MSc|PE)/)).toBe(true);
    expect(anyName(/\((She\/Her|He\/Him|They\/Them|she\/her|he\/him\/his)\)/)).toBe(true);
    expect(named.some((r) => r['Last Name'] === '.')).toBe(true);
    expect(named.some((r) => /^\p{Lu}$/u.test(r['Last Name'] ?? ''))).toBe(true);
    expect(anyName(/[\p{Script=Han}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Hangul}\p{Script=Devanagari}\p{Script=Thai}\p{Script=Hiragana}]/u)).toBe(true);
    expect(anyName(/[\u{1D400}-\u{1D433}]/u)).toBe(true);
    expect(named.some((r) => (r['Last Name'] ?? '').endsWith(','))).toBe(true);
    expect(text).toMatch(/"[^"\n,]* ""[^"\n]+"""/); // a nickname in doubled quotes

    expect(text).toMatch(/,"[^"\n]*, [^"\n]*",/); // a quoted company or title with a comma
    expect(named.some((r) => /\b(GmbH|Inc\.|Ltd|LLC)$/.test(r.Company ?? ''))).toBe(true);
    expect(named.some((r) => /[À-ÿĀ-ž]/.test(r.Company ?? ''))).toBe(true);
    expect(count(named, (r) => r.Company === '')).toBeGreaterThan(named.length * 0.1);
    expect(count(named, (r) => r['Email Address'] !== '')).toBeLessThan(named.length * 0.05);

    const urls = named.map((r) => r.URL ?? '');
    for (const url of urls) expect(url).toMatch(/^https:\/\/www\.linkedin\.com\/in\/[A-Za-z0-9%-]+$/);
    expect(urls.some((u) => /%C[3-5]%/.test(u))).toBe(true);
    expect(urls.some((u) => /%F0%9F/.test(u))).toBe(true);
    expect(new Set(urls.map(profileKey)).size).toBe(urls.length);
    expect(text).toMatch(/\n,,,,,,\d{2} [A-Z][a-z]{2} \d{4}(\n|$)/);
  });

  it('fills most 2018 emails, one with a member URN', () => {
    const rows = records(textOf(fake({ era: '2018', connections: 200 }), 'Connections.csv')).filter((r) => r['First Name'] !== '');
    expect(count(rows, (r) => r['Email Address'] !== '')).toBeGreaterThan(rows.length * 0.7);
    expect(count(rows, (r) => /^urn:li:member:\d+$/.test(r['Email Address'] ?? ''))).toBe(1);
  });

  it('spreads Connected On over about eight years, more of them recent', () => {
    const f = fake({ connections: 1000 });
    const dates = records(textOf(f, 'Connections.csv')).map((r) => connectedOnIso('2026', r['Connected On'] ?? ''));
    expect(dates.reduce((a, b) => (a < b ? a : b))).toBe(f.truth.dateRange.from);
    expect(dates.reduce((a, b) => (a > b ? a : b))).toBe('2026-10-14');
    expect(f.truth.dateRange.from >= '2018-10-01').toBe(true);
    expect(count(dates, (d) => d >= '2025-10-14')).toBeGreaterThan(count(dates, (d) => d < '2019-10-14') * 2);
  });

  it('looks re-saved by Excel: BOM, CRLF throughout, no preamble, D-Mon-YY dates', () => {
    const f = fake({ era: '2024', connections: 100, excel: true });
    const bytes = bytesOf(f, 'Connections.csv');
    expect(Array.from(bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.startsWith(`${HEADER_URL}\r\n`)).toBe(true);
    expect(text).not.toContain('Notes:');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const rows = records(text);
    expect(rows).toHaveLength(100);
    for (const r of rows) expect(r['Connected On']).toMatch(/^\d{1,2}-[A-Z][a-z]{2}-\d{2}$/);
    expect(rows.some((r) => /^\d-/.test(r['Connected On'] ?? ''))).toBe(true);
  });
});

describe('messages.csv', () => {
  it('quotes every 2026 field, header and empties included, and keeps real line breaks', () => {
    const f = fake({ connections: 150 });
    const text = textOf(f, 'messages.csv');
    expect(text.split('\n')[0]).toBe(
      '"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO","RECIPIENT PROFILE URLS","DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS"',
    );
    const rows = table(text);
    for (const r of rows) expect(r).toHaveLength(11);
    // Re-quoting every parsed field reproduces the file only if every field was quoted.
    const requoted = rows.map((r) => r.map((v) => `"${v.replaceAll('"', '""')}"`).join(',')).join('\n');
    expect(`${requoted}\n`).toBe(text);
    expect(text).toContain(',"",');
    expect(rows.slice(1).some((r) => r[8]?.includes('\n'))).toBe(true);
  });

  it.each([
    ['2018', 'Messages.csv', 'From,To,Date,Subject,Content,Direction,Folder'],
    ['2021', 'messages.csv', 'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER'],
    ['2022', 'messages.csv', 'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER'],
    [
      '2024',
      'messages.csv',
      'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT,IS CONVERSATION DRAFT',
    ],
  ] as const)('has the %s header in %s, line breaks flattened', (era, name, header) => {
    const f = fake({ era, connections: 150 });
    const text = textOf(f, name);
    expect(text.split('\n')[0]).toBe(header);
    const rows = records(text);
    expect(rows).toHaveLength(f.truth.messages);
    const content = era === '2018' ? 'Content' : 'CONTENT';
    for (const r of rows) expect(r[content]).not.toMatch(/[\r\n]/);
    if (era === '2018') {
      for (const r of rows) expect(r.Direction).toMatch(/^(INCOMING|OUTGOING)$/);
      for (const r of rows) expect(r.Date).toMatch(/^\d{1,2}\/\d{1,2}\/\d{2}, \d{1,2}:\d{2} [AP]M$/);
      expect(rows.some((r) => r.Content?.includes('&rsquo;'))).toBe(true);
    } else {
      for (const r of rows) expect(r.DATE).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
      for (const r of rows) expect(r['CONVERSATION ID']).toMatch(/^2-[A-Za-z0-9+/]{22}==$/);
    }
    if (era === '2024') for (const r of rows) expect([r['IS MESSAGE DRAFT'], r['IS CONVERSATION DRAFT']]).toEqual(['No', 'No']);
  });

  it('has sponsored spinmail, recruiter subjects and group threads', () => {
    const f = fake({ era: '2024', connections: 300 });
    const rows = records(textOf(f, 'messages.csv'));
    const sponsored = rows.filter((r) => r.FROM === 'LinkedIn Member');
    expect(sponsored.length).toBeGreaterThan(0);
    for (const r of sponsored) {
      expect(r['SENDER PROFILE URL']).toBe('');
      expect(r['CONVERSATION TITLE']).toBe('Sponsored Conversation');
      expect(r.CONTENT).toContain('<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%');
    }
    expect(rows.some((r) => r.SUBJECT !== '' && r.FROM !== 'LinkedIn Member' && r['CONVERSATION TITLE'] === r.SUBJECT)).toBe(true);
    const group = rows.find((r) => (r['RECIPIENT PROFILE URLS'] ?? '').split(',').length >= 2);
    expect(group?.TO).toContain(', ');
    expect(group?.['RECIPIENT PROFILE URLS']).not.toContain(', ');
  });

  it('has 2026 owner replies addressed to LinkedIn Member with no recipient URL', () => {
    const rows = records(textOf(fake({ connections: 1000 }), 'messages.csv'));
    const replies = rows.filter((r) => r.TO === 'LinkedIn Member');
    expect(replies.length).toBeGreaterThan(0);
    for (const r of replies) expect(r['RECIPIENT PROFILE URLS']).toBe('');
  });

  it('writes exactly the requested number of rows', () => {
    for (const [connections, messages] of [
      [0, 0],
      [0, 5],
      [1, 9],
      [5, 7],
      [40, 3],
      [40, 400],
    ] as const) {
      const f = generateFakeExport({ connections, messages, era: '2022' });
      expect(records(textOf(f, 'messages.csv'))).toHaveLength(messages);
      expect(f.truth.messages).toBe(messages);
    }
  });
});

describe('ground truth', () => {
  it.each(ERAS)('matches what the %s files say', (era) => {
    const f = fake({ era, connections: 400, seed: 11 });
    const t = f.truth;

    const connections = records(textOf(f, 'Connections.csv'));
    const isNamed = (r: Record<string, string>): boolean => r['First Name'] !== '' || r['Last Name'] !== '' || (r.URL ?? '') !== '';
    expect(t.connections).toBe(count(connections, isNamed));
    expect(t.anonymousConnections).toBe(count(connections, (r) => !isNamed(r)));
    expect(t.anonymousConnections).toBeGreaterThan(0);
    expect(t.withUrl).toBe(count(connections, (r) => (r.URL ?? '') !== ''));
    const dates = connections.map((r) => connectedOnIso(era, r['Connected On'] ?? ''));
    expect(t.dateRange).toEqual({ from: [...dates].sort()[0], to: [...dates].sort().at(-1) });

    const messages = records(textOf(f, era === '2018' ? 'Messages.csv' : 'messages.csv'));
    const from = era === '2018' ? 'From' : 'FROM';
    const to = era === '2018' ? 'To' : 'TO';
    expect(t.messages).toBe(messages.length);
    expect(t.sponsoredMessages).toBe(count(messages, (r) => r[from] === 'LinkedIn Member' || r[to] === 'LinkedIn Member'));

    const invitations = records(textOf(f, 'Invitations.csv'));
    expect(t.invitations.incoming).toBe(count(invitations, (r) => r.Direction === 'INCOMING'));
    expect(t.invitations.outgoing).toBe(count(invitations, (r) => r.Direction === 'OUTGOING'));
    expect(t.invitations.withNote).toBe(count(invitations, (r) => r.Message !== ''));
    expect(t.invitations.incoming).toBeGreaterThan(t.invitations.outgoing);

    expect(t.recommendationsReceived).toBe(records(textOf(f, 'Recommendations_Received.csv')).length);
    expect(t.recommendationsGiven).toBe(records(textOf(f, 'Recommendations_Given.csv')).length);
    expect(t.endorsementsReceived).toBe(records(textOf(f, 'Endorsement_Received_Info.csv')).length);
    expect(t.endorsementsGiven).toBe(records(textOf(f, 'Endorsement_Given_Info.csv')).length);

    const owner = 'Alex Morgan';
    if (era === '2018') {
      expect(t.ownerProfileKey).toBeNull();
      expect(t.twoWayProfileKeys.length).toBeGreaterThan(0);
      return;
    }
    // A two-way 1:1 thread: the owner wrote to one person, and that person wrote only to the owner.
    const threads = groupBy(messages, (r) => r['CONVERSATION ID'] ?? '');
    const twoWay: string[] = [];
    for (const rows of threads.values()) {
      const mine = rows.filter((r) => r.FROM === owner);
      const theirs = rows.filter((r) => r.FROM !== owner);
      const other = theirs[0];
      if (mine.length === 0 || !other || other.FROM === 'LinkedIn Member') continue;
      const oneToOne = theirs.every((r) => r.FROM === other.FROM && r.TO === owner) && mine.every((r) => r.TO === other.FROM);
      if (oneToOne) twoWay.push(profileKey(other['SENDER PROFILE URL'] ?? ''));
    }
    expect(t.twoWayProfileKeys).toEqual(twoWay.sort());
    expect(t.twoWayProfileKeys.length).toBeGreaterThan(10);

    if (era === '2024' || era === '2026') {
      const connectionKeys = new Set(connections.filter(isNamed).map((r) => profileKey(r.URL ?? '')));
      for (const key of t.twoWayProfileKeys) expect(connectionKeys.has(key)).toBe(true);
      const outgoing = invitations.filter((r) => r.Direction === 'OUTGOING').map((r) => profileKey(r.inviterProfileUrl ?? ''));
      expect(new Set(outgoing)).toEqual(new Set([t.ownerProfileKey]));
    } else {
      // Without invitation URLs the owner is the most frequent sender.
      const senders = groupBy(messages.filter((r) => r['SENDER PROFILE URL'] !== ''), (r) => r['SENDER PROFILE URL'] ?? '');
      const top = [...senders.entries()].sort((a, b) => b[1].length - a[1].length)[0]?.[0] ?? '';
      expect(profileKey(top)).toBe(t.ownerProfileKey);
    }
  });

  it('reports zeros and the export date for an empty network', () => {
    const f = generateFakeExport({ connections: 0 });
    expect(f.truth).toMatchObject({
      connections: 0,
      anonymousConnections: 0,
      messages: 0,
      twoWayProfileKeys: [],
      invitations: { incoming: 0, outgoing: 0, withNote: 0 },
      recommendationsReceived: 0,
      endorsementsReceived: 0,
      dateRange: { from: '2026-10-14', to: '2026-10-14' },
    });
    expect(textOf(f, 'Connections.csv').split('\n')).toEqual(['Notes:', PREAMBLE_NOTE, '', HEADER_URL]);
  });

  it('rejects impossible counts', () => {
    expect(() => generateFakeExport({ connections: -1 })).toThrow(RangeError);
    expect(() => generateFakeExport({ messages: 1.5 })).toThrow(RangeError);
  });
});

describe('Invitations, recommendations, endorsements', () => {
  it('keeps invitations to the last seven months, in their own formats', () => {
    const f = fake({ connections: 2000, era: '2024' });
    const rows = records(textOf(f, 'Invitations.csv'));
    expect(textOf(f, 'Invitations.csv').split('\n')[0]).toBe('From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl');
    for (const r of rows) {
      const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}), \d{1,2}:\d{2} [AP]M$/.exec(r['Sent At'] ?? '');
      expect(m).not.toBeNull();
      const sent = Date.UTC(2000 + Number(m?.[3]), Number(m?.[1]) - 1, Number(m?.[2]));
      expect(Date.UTC(2024, 11, 16) - sent).toBeLessThanOrEqual(215 * 86_400_000);
    }
    const urls = rows.flatMap((r) => [r.inviterProfileUrl ?? '', r.inviteeProfileUrl ?? '']);
    for (const url of urls) expect(url).toMatch(/^https:\/\/www\.linkedin\.com\/in\/[^%]+$/);
    expect(urls.some((u) => /[^\x00-\x7f]/.test(u))).toBe(true);
    expect(count(rows, (r) => r.Direction === 'INCOMING')).toBeGreaterThan(rows.length * 0.7);
    expect(count(rows, (r) => r.Message !== '')).toBeLessThan(rows.length * 0.3);
    expect(textOf(f, 'Invitations.csv')).toMatch(/\n[^\n]*,"\d{1,2}\/\d{1,2}\/\d{2}, /);

    const connectionKeys = new Set(records(textOf(f, 'Connections.csv')).map((r) => profileKey(r.URL ?? '')));
    const others = rows.map((r) => profileKey((r.Direction === 'OUTGOING' ? r.inviteeProfileUrl : r.inviterProfileUrl) ?? ''));
    expect(count(others, (k) => connectionKeys.has(k))).toBeGreaterThan(others.length * 0.9);
  });

  it('uses 5-column invitations before 2024', () => {
    expect(textOf(fake({ era: '2022', connections: 150 }), 'Invitations.csv').split('\n')[0]).toBe('From,To,Sent At,Message,Direction');
  });

  it('pads recommendation dates and quotes long texts', () => {
    const f = fake({ era: '2024', connections: 400 });
    const text = textOf(f, 'Recommendations_Received.csv');
    expect(text.split('\n')[0]).toBe('First Name,Last Name,Company,Job Title,Text,Creation Date,Status');
    const rows = records(text);
    for (const r of rows) {
      expect(r['Creation Date']).toMatch(/^\d{2}\/\d{2}\/\d{2}, \d{2}:\d{2} [AP]M$/);
      expect(r.Status).toBe('VISIBLE');
      expect(r.Text?.length).toBeGreaterThan(100);
    }
    for (const r of records(textOf(f, 'Recommendations_Given.csv'))) expect(r.Status).toBe('');
  });

  it.each([
    ['2022', 'Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorsement Status', 'Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,Endorsement Status'],
    [
      '2024',
      'Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status',
      'Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,Endorsee Public Url,Endorsement Status',
    ],
  ] as const)('writes %s endorsement headers, dates and schemeless URLs', (era, received, given) => {
    const f = fake({ era, connections: 400 });
    expect(textOf(f, 'Endorsement_Received_Info.csv').split('\n')[0]).toBe(received);
    expect(textOf(f, 'Endorsement_Given_Info.csv').split('\n')[0]).toBe(given);
    for (const r of records(textOf(f, 'Endorsement_Received_Info.csv'))) {
      expect(r['Endorsement Date']).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} UTC$/);
      expect(r['Endorsement Status']).toBe('ACCEPTED');
      if (era === '2024') expect(r['Endorser Public Url']).toMatch(/^www\.linkedin\.com\/in\/[^%]+$/);
    }
  });

  it('adds the UTF-16LE, tab-separated, fully quoted twin on request', () => {
    const f = fake({ era: '2022', connections: 200, utf16Endorsements: true });
    const bytes = bytesOf(f, 'Endorsement Received Info.csv');
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
    const text = new TextDecoder('utf-16le').decode(bytes.slice(2));
    expect(text.split('\n')[0]).toBe(
      '"Endorsement Date"\t"Skill Name"\t"Endorser First Name"\t"Endorser Last Name"\t"Endorsement Status"\t"Display Status"',
    );
    const rows = table(text, '\t');
    expect(rows.slice(1)).toHaveLength(f.truth.endorsementsReceived);
    const requoted = rows.map((r) => r.map((v) => `"${v.replaceAll('"', '""')}"`).join('\t')).join('\n');
    expect(`${requoted}\n`).toBe(text);
    expect(count(rows, (r) => r[4] === 'Redacted')).toBe(1);
    expect(bytesOf(f, 'Endorsement_Received_Info.csv').length).toBeGreaterThan(0);

    expect(fake({ era: '2022', connections: 200 }).files.some((x) => x.path === 'Endorsement Received Info.csv')).toBe(false);
    expect(generateFakeExport({ connections: 200, kind: 'basic', utf16Endorsements: true }).files).toHaveLength(3);
  });
});

describe('archive layout', () => {
  it('holds only Connections, messages and Invitations in a Basic export', () => {
    const f = generateFakeExport({ kind: 'basic', connections: 100, era: '2024' });
    expect(f.files.map((x) => x.path)).toEqual(['Connections.csv', 'messages.csv', 'Invitations.csv']);
    expect(f.suggestedFileName).toBe('Basic_LinkedInDataExport_12-16-2024.zip');
    expect(f.truth).toMatchObject({ recommendationsReceived: 0, recommendationsGiven: 0, endorsementsReceived: 0, endorsementsGiven: 0 });
    // Same seed, same network: Basic is the first three files of the Complete archive.
    const complete = generateFakeExport({ connections: 100, era: '2024' });
    for (const file of f.files) expect(Buffer.from(file.bytes).equals(Buffer.from(bytesOf(complete, file.path)))).toBe(true);
  });

  it('adds owner files, ignored files and the coach look-alike to a Complete export', () => {
    const f = fake({ connections: 300, era: '2024' });
    const names = f.files.map((x) => x.path);
    for (const name of ['Profile.csv', 'Positions.csv', 'Skills.csv', 'Company Follows.csv', 'coach_messages.csv']) expect(names).toContain(name);
    expect(textOf(f, 'coach_messages.csv').split('\n')[0]).toBe(textOf(f, 'messages.csv').split('\n')[0]);
    expect(fake({ era: '2022', connections: 150 }).files.map((x) => x.path)).not.toContain('coach_messages.csv');

    const profile = records(textOf(f, 'Profile.csv'));
    expect(profile).toHaveLength(1);
    expect(profile[0]?.Headline).not.toBe('');
    expect(profile[0]?.Summary).not.toBe('');

    const follows = bytesOf(f, 'Company Follows.csv');
    expect(follows[follows.length - 1]).not.toBe(0x0a);
    for (const r of records(textOf(f, 'Company Follows.csv'))) expect(r['Followed On']).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}$/);
  });

  it('gives the owner one current job and former colleagues among the connections', () => {
    const f = fake({ connections: 300, era: '2024' });
    const positions = records(textOf(f, 'Positions.csv'));
    expect(count(positions, (r) => r['Finished On'] === '')).toBe(1);
    expect(positions[0]?.['Finished On']).toBe('');
    for (const r of positions) expect(r['Started On']).toMatch(/^([A-Z][a-z]{2} )?\d{4}$/);
    const employers = new Set(positions.map((r) => r['Company Name']));
    const colleagues = records(textOf(f, 'Connections.csv')).filter((r) => employers.has(r.Company ?? ''));
    expect(colleagues.length).toBeGreaterThanOrEqual(3);
  });

  it('puts a few connections at each target company, one of them in a two-way thread', () => {
    const targets = ['Zentrix Robotics', 'Plumtree, Inc.'];
    const f = generateFakeExport({ connections: 300, era: '2026', targetCompanies: targets });
    const rows = records(textOf(f, 'Connections.csv'));
    const twoWay = new Set(f.truth.twoWayProfileKeys);
    for (const company of targets) {
      const staff = rows.filter((r) => r.Company === company);
      expect(staff.length).toBeGreaterThanOrEqual(3);
      expect(staff.length).toBeLessThanOrEqual(5);
      expect(staff.some((r) => twoWay.has(profileKey(r.URL ?? '')))).toBe(true);
    }
    const positions = records(textOf(f, 'Positions.csv')).map((r) => r['Company Name']);
    for (const company of targets) expect(positions).not.toContain(company);
  });

  it('zips under one top-level folder on request', () => {
    const f = generateFakeExport({ connections: 50, nestedFolder: true });
    const entries = unzipSync(packFakeExport(f, 'zip'));
    const names = Object.keys(entries);
    expect(names.length).toBe(f.files.length);
    for (const name of names) expect(name.startsWith('Complete_LinkedInDataExport_10-14-2026/')).toBe(true);
    expect(Buffer.from(entries['Complete_LinkedInDataExport_10-14-2026/Connections.csv'] ?? []).equals(Buffer.from(bytesOf(f, 'Connections.csv')))).toBe(true);
    expect(Buffer.from(packFakeExport(f, 'csv')).equals(Buffer.from(bytesOf(f, 'Connections.csv')))).toBe(true);

    const flat = Object.keys(unzipSync(packFakeExport(generateFakeExport({ connections: 50 }), 'zip')));
    expect(flat).toContain('Connections.csv');
    expect(flat.every((n) => !n.includes('/'))).toBe(true);
  });

  it('writes a zip or a lone CSV to disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fake-export-'));
    try {
      const zip = await writeFakeExport(join(dir, 'export.zip'), { connections: 60 });
      expect((await readFile(zip.path)).length).toBe(zip.bytes);
      expect(Object.keys(unzipSync(await readFile(zip.path)))).toContain('messages.csv');

      const csv = await writeFakeExport(join(dir, 'Connections.csv'), { connections: 60, format: 'csv', era: '2022' });
      expect(Buffer.from(await readFile(csv.path)).equals(Buffer.from(bytesOf(csv, 'Connections.csv')))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('scale', () => {
  it('generates 30,000 connections and 50,000 messages', () => {
    const started = performance.now();
    const f = generateFakeExport({ connections: 30_000, messages: 50_000 });
    const generated = performance.now();
    const zip = packFakeExport(f, 'zip');
    const packed = performance.now();
    console.log(
      `30k connections + 50k messages: generated in ${Math.round(generated - started)} ms, zipped in ${Math.round(packed - generated)} ms (${zip.length} bytes)`,
    );
    expect(f.truth.connections + f.truth.anonymousConnections).toBe(30_000);
    expect(f.truth.messages).toBe(50_000);
    expect(table(textOf(f, 'messages.csv'))).toHaveLength(50_001);
  }, 60_000);
});
