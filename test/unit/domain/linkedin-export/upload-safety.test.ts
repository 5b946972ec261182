import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ExportError } from '../../../../domain/linkedin-export/index.ts';
import { FLAGS, METHOD, patchHeaders, UNCOMPRESSED_SIZE } from '../../../support/hostile/zip.ts';
import {
  CONNECTIONS_HEADER_2024,
  errorCode,
  lines,
  parseBytes,
  parseZip,
  PREAMBLE,
  tempFile,
  utf8,
  zip,
} from './fixtures.ts';
import { parseExport } from '../../../../domain/linkedin-export/index.ts';

const CONNECTIONS = PREAMBLE + lines(CONNECTIONS_HEADER_2024, 'Jane,Doe,https://www.linkedin.com/in/jane-doe,,Acme,Engineer,09 Sep 2022');

/** CSV rows that deflate about 2:1, like real exports: random hex is not compressible. */
function incompressibleConnections(rows: number): string {
  const body = Array.from({ length: rows }, () => `${randomBytes(8).toString('hex')},Doe,https://www.linkedin.com/in/${randomBytes(8).toString('hex')},,Acme,Engineer,09 Sep 2022`);
  return lines(CONNECTIONS_HEADER_2024, ...body);
}

describe('upload limits and hostile zips', () => {
  it('too_large: the upload itself is over maxUploadBytes', async () => {
    expect(await errorCode(parseZip({ 'Connections.csv': CONNECTIONS }, { limits: { maxUploadBytes: 100 } }))).toBe('too_large');
    const error = (await parseZip({ 'Connections.csv': CONNECTIONS }, { limits: { maxUploadBytes: 100 }, fileName: 'Basic_LinkedInDataExport.zip' }).catch((e: unknown) => e)) as ExportError;
    expect(error).toBeInstanceOf(ExportError);
    expect(error.message).toContain('Basic_LinkedInDataExport.zip');
  });

  it('too_many_entries: more entries than maxEntries', async () => {
    const files = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`Rich_Media_${i}.csv`, 'Type,Link\n']));
    expect(await errorCode(parseZip({ 'Connections.csv': CONNECTIONS, ...files }, { limits: { maxEntries: 5 } }))).toBe('too_many_entries');
  });

  it('compression_ratio: an entry that inflates past the ratio is stopped', async () => {
    const bomb = CONNECTIONS_HEADER_2024 + '\n' + 'a'.repeat(20 * 1024 * 1024);
    expect(await errorCode(parseZip({ 'Connections.csv': bomb }))).toBe('compression_ratio');
  });

  it('uncompressed_too_large: inflated bytes of the used entries are counted across entries', async () => {
    const invitations = Array.from({ length: 2000 }, () => `${randomBytes(6).toString('hex')},x,,,INCOMING`);
    const files = { 'Connections.csv': incompressibleConnections(200), 'Invitations.csv': lines('From,To,Sent At,Message,Direction', ...invitations) };
    expect(await errorCode(parseZip(files))).toBe('');
    const connectionsBytes = utf8(files['Connections.csv']).length;
    expect(await errorCode(parseZip(files, { limits: { maxUncompressedBytes: connectionsBytes + 1000 } }))).toBe('uncompressed_too_large');
  });

  it('only inflates entries Rapport reads: a bomb under another name is never opened', async () => {
    const parsed = await parseZip({ 'Connections.csv': CONNECTIONS, 'Rich_Media.csv': 'a'.repeat(20 * 1024 * 1024) });
    expect(parsed.connections).toHaveLength(1);
  });

  it('a declared size that lies is a corrupt zip, caught while inflating', async () => {
    const honest = zip({ 'Connections.csv': incompressibleConnections(50) });
    expect(await errorCode(parseBytes(patchHeaders(honest, UNCOMPRESSED_SIZE, () => 100)))).toBe('corrupt_zip');
    expect(await errorCode(parseBytes(patchHeaders(honest, UNCOMPRESSED_SIZE, (old) => old + 1)))).toBe('corrupt_zip');
    // The ZIP64 sentinel without the extra field that should carry the real size.
    expect(await errorCode(parseBytes(patchHeaders(honest, UNCOMPRESSED_SIZE, () => 0xffffffff)))).toBe('corrupt_zip');
  });

  it.each([['../Connections.csv'], ['/etc/Connections.csv'], ['C:\\Connections.csv'], ['C:/Connections.csv'], ['export\\Connections.csv'], ['export/../../Connections.csv']])(
    'unsafe_path: %s',
    async (name) => {
      expect(await errorCode(parseZip({ 'Connections.csv': CONNECTIONS, [name]: 'x' }))).toBe('unsafe_path');
    },
  );

  it('encrypted: an entry with general-purpose bit 0 set', async () => {
    const encrypted = patchHeaders(zip({ 'Connections.csv': CONNECTIONS }), FLAGS, (flags) => flags | 1);
    expect(await errorCode(parseBytes(encrypted))).toBe('encrypted');
    // Strong encryption (bit 6) is refused by yauzl while listing entries.
    const strong = patchHeaders(zip({ 'Connections.csv': CONNECTIONS }), FLAGS, (flags) => flags | 0x41);
    expect(await errorCode(parseBytes(strong))).toBe('encrypted');
  });

  it('corrupt_zip: truncated, garbled or using an unsupported compression method', async () => {
    const good = zip({ 'Connections.csv': CONNECTIONS });
    expect(await errorCode(parseBytes(good.subarray(0, good.length - 30)))).toBe('corrupt_zip');
    const garbled = Buffer.from(good);
    const dataStart = 30 + 'Connections.csv'.length;
    garbled.fill(0xff, dataStart, dataStart + 40);
    expect(await errorCode(parseBytes(garbled))).toBe('corrupt_zip');
    expect(await errorCode(parseBytes(patchHeaders(good, METHOD, () => 12)))).toBe('corrupt_zip');
    expect(await errorCode(parseBytes(Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(200)])))).toBe('corrupt_zip');
  });

  it('no_usable_files: a zip without any file Rapport reads', async () => {
    expect(await errorCode(parseZip({ 'Skills.csv': 'Name\nSQL\n', 'Company Follows.csv': 'Organization,Followed On\n' }))).toBe('no_usable_files');
    expect(await errorCode(parseBytes(zip({})))).toBe('no_usable_files');
    expect(await errorCode(parseZip({ 'docs/report.xlsx': 'x' }))).toBe('no_usable_files');
  });

  it('not_zip_or_csv: PDFs, images, NUL bytes in text, UTF-16BE', async () => {
    const pdf = '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n';
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const nul = utf8('First Name,Last Name\nJane\0,Doe\n');
    const utf16be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('F\0i\0r\0s\0t\0', 'latin1').swap16()]);
    for (const bytes of [utf8(pdf), png, nul, utf16be, randomBytes(4096)]) {
      expect(await errorCode(parseBytes(bytes))).toBe('not_zip_or_csv');
    }
    const error = (await parseBytes(utf8(pdf)).catch((e: unknown) => e)) as ExportError;
    expect(error.message).toContain('Get a copy of your data');
  });

  it('field_too_large: a runaway quoted field inside a zip entry', async () => {
    const runaway = lines(CONNECTIONS_HEADER_2024, `"Jane,Doe,${'x'.repeat(4000)}`, 'John,Roe,,,,,09 Sep 2022');
    expect(await errorCode(parseZip({ 'Connections.csv': runaway }, { limits: { maxFieldBytes: 1000 } }))).toBe('field_too_large');
    expect(await errorCode(parseBytes(runaway, { limits: { maxFieldBytes: 1000 } }))).toBe('field_too_large');
  });

  it('an unclosed quote near the end keeps the rows before it and rejects the rest', async () => {
    const parsed = await parseBytes(lines(CONNECTIONS_HEADER_2024, 'Jane,Doe,,,,,09 Sep 2022', '"John,Roe,,,,,09 Sep 2022', 'Ana,Lee,,,,,09 Sep 2022'));
    expect(parsed.connections.map((c) => c.firstName)).toEqual(['Jane']);
    expect(parsed.files[0]).toMatchObject({ rows: 1, rejected: 1 });
    expect(parsed.rejected[0]?.reason).toContain('quote');
  });
});

describe('zip layout', () => {
  it('accepts one top-level folder, stored entries, and ignores macOS metadata and subfolders', async () => {
    const bytes = zip(
      {
        'Complete_LinkedInDataExport_10-14-2026/Connections.csv': CONNECTIONS,
        'Complete_LinkedInDataExport_10-14-2026/Jobs/Connections.csv': 'junk',
        '__MACOSX/Complete_LinkedInDataExport_10-14-2026/._Connections.csv': 'junk',
      },
      0,
    );
    const parsed = await parseBytes(bytes);
    expect(parsed.format).toBe('zip');
    expect(parsed.files.map((f) => f.name)).toEqual(['Complete_LinkedInDataExport_10-14-2026/Connections.csv']);
    expect(parsed.connections).toHaveLength(1);
  });

  it('matches names case-insensitively with spaces and underscores folded', async () => {
    const parsed = await parseZip({ 'CONNECTIONS.CSV': CONNECTIONS, 'Endorsement received_info.csv': 'Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorsement Status\n' });
    expect(parsed.files.map((f) => f.kind)).toEqual(['connections', 'endorsements_received']);
  });

  it('reports progress as bytes of the upload read, ending at the full size', async () => {
    const skills = Array.from({ length: 20_000 }, () => randomBytes(16).toString('hex'));
    const path = await tempFile(zip({ 'Connections.csv': incompressibleConnections(2000), 'Skills.csv': lines('Name', ...skills) }));
    const calls: Array<[number, number]> = [];
    await parseExport(path, { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.length).toBeGreaterThan(2);
    const total = calls[0]![1];
    expect(calls.every(([, t]) => t === total)).toBe(true);
    const done = calls.map(([bytes]) => bytes);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(calls.at(-1)).toEqual([total, total]);
    // Skills.csv is never read: before the final report, progress stays below the total.
    expect(calls.at(-2)![0]).toBeLessThan(total);
  });
});
