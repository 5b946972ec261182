import { describe, expect, it } from 'vitest';
import { readCsvRecords, type CsvReadResult } from '../../../../domain/linkedin-export/csv-records.ts';
import { ExportError } from '../../../../domain/linkedin-export/types.ts';
import { utf16le, utf8 } from './fixtures.ts';

/** Feeds `bytes` in chunks of `chunkSize`, so characters and records straddle chunk edges. */
async function records(bytes: Uint8Array, chunkSize = 7, maxFieldBytes = 1024 * 1024): Promise<{ rows: string[][] } & CsvReadResult> {
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let i = 0; i < bytes.length; i += chunkSize) yield Buffer.from(bytes.subarray(i, i + chunkSize));
  }
  const rows: string[][] = [];
  const result = await readCsvRecords(chunks(), { maxFieldBytes, fileLabel: 'test.csv' }, (cells) => {
    rows.push(cells);
  });
  return { rows, ...result };
}

describe('readCsvRecords', () => {
  it('reads RFC 4180 quoting: embedded commas, doubled quotes, trailing comma inside quotes', async () => {
    const { rows } = await records(utf8('a,b,c\n"Acme, Inc.","Jane ""JJ""","Dr. J Doe,"\n'));
    expect(rows).toEqual([
      ['a', 'b', 'c'],
      ['Acme, Inc.', 'Jane "JJ"', 'Dr. J Doe,'],
    ]);
  });

  it('handles CRLF, LF, a mix of both, and no final newline', async () => {
    expect((await records(utf8('a,b\r\n1,2\r\n3,4'))).rows).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
    expect((await records(utf8('a,b\n1,2\r\n3,4\n'))).rows).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
  });

  it('keeps line breaks inside quoted fields (2026 messages.csv CONTENT), as LF', async () => {
    const { rows } = await records(utf8('"ID","CONTENT"\n"1","Hi Jane,\nsee you\r\nsoon"\n"2",""'));
    expect(rows).toEqual([['ID', 'CONTENT'], ['1', 'Hi Jane,\nsee you\nsoon'], ['2', '']]);
  });

  it('splits on lone CR too, and on a CRLF cut between two chunks', async () => {
    expect((await records(utf8('a,b\r1,2\r"3\r3",4'))).rows).toEqual([['a', 'b'], ['1', '2'], ['3\n3', '4']]);
    for (const chunkSize of [1, 2, 3, 4]) {
      expect((await records(utf8('a,"b"\r\n1,"2"\r\n\r\n3,4\r\n'), chunkSize)).rows).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
    }
  });

  it('keeps a quoted CRLF inside its field wherever a chunk edge falls, past the first 64 KB read at once', async () => {
    // The first 64 KB are parsed in one piece, so only later text meets chunk edges: several chunk
    // sizes put edges inside, before and between the CR and LF of the quoted breaks.
    const padding = Array.from({ length: 1200 }, (_, i) => `${i},"padding row ${i}"\r\n`).join('');
    const rows = Array.from({ length: 40 }, (_, i) => `x${i},"Acme\r\nLabs ${i}","Head of\r\n\r\nResearch"\r\n`).join('');
    const bytes = utf8(`id,company,position\r\n${padding}${rows}`);
    for (const chunkSize of [64 * 1024 + 1, 64 * 1024 + 2, 1000, 4099]) {
      const { rows: read } = await records(bytes, chunkSize);
      const tail = read.slice(1 + 1200);
      expect(read).toHaveLength(1 + 1200 + 40);
      expect(tail.every((cells) => cells.length === 3)).toBe(true);
      expect(tail[7]).toEqual(['x7', 'Acme\nLabs 7', 'Head of\n\nResearch']);
    }
  });

  it('strips a UTF-8 BOM and keeps multi-byte characters split across chunks', async () => {
    const { rows, encoding } = await records(utf8('\uFEFFFirst Name,Last Name\n🌱 Jane,Ångström\n'), 3);
    expect(encoding).toBe('utf-8');
    expect(rows).toEqual([['First Name', 'Last Name'], ['🌱 Jane', 'Ångström']]);
  });

  it('decodes UTF-16LE with BOM in streaming fashion and sniffs the TAB delimiter', async () => {
    const text = '"Endorsement Date"\t"Skill Name"\t"Endorser First Name"\r\n"2022/09/09 01:41:08 UTC"\t"Team, Leadership"\t"Zoë 🚀"\r\n';
    // Odd chunk sizes cut UTF-16 code units and surrogate pairs in half.
    for (const chunkSize of [1, 3, 5, 64]) {
      const { rows, encoding } = await records(utf16le(text), chunkSize);
      expect(encoding).toBe('utf-16le');
      expect(rows).toEqual([
        ['Endorsement Date', 'Skill Name', 'Endorser First Name'],
        ['2022/09/09 01:41:08 UTC', 'Team, Leadership', 'Zoë 🚀'],
      ]);
    }
  });

  it('sniffs the delimiter on the first non-empty line', async () => {
    expect((await records(utf8('\n\na\tb\tc,d\n1\t2\t3,4\n'))).rows).toEqual([['a', 'b', 'c,d'], ['1', '2', '3,4']]);
    expect((await records(utf8('Notes:\n"x, y"\n\nA,B\n'))).rows).toEqual([['Notes:'], ['x, y'], ['A', 'B']]);
    expect((await records(utf8('First Name;Last Name;Company\nJane;Doe;"Acme; Inc, Ltd"\n'))).rows).toEqual([
      ['First Name', 'Last Name', 'Company'],
      ['Jane', 'Doe', 'Acme; Inc, Ltd'],
    ]);
  });

  it('reads Excel’s Windows code page when the bytes are not UTF-8', async () => {
    const bytes = Buffer.from('First Name,Last Name\nJos\xe9,M\xfcller\n', 'latin1');
    const { rows, encoding } = await records(bytes);
    expect(encoding).toBe('windows-1252');
    expect(rows[1]).toEqual(['José', 'Müller']);
  });

  it('skips blank lines and tolerates ragged rows and stray quotes', async () => {
    const { rows } = await records(utf8('a,b,c\n\n1,2\n1,2,3,4\nJane "JJ" Doe,x,y\n'));
    expect(rows).toEqual([['a', 'b', 'c'], ['1', '2'], ['1', '2', '3', '4'], ['Jane "JJ" Doe', 'x', 'y']]);
  });

  it('stops when the handler returns false', async () => {
    const seen: string[][] = [];
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 10_000; i++) yield Buffer.from(`${i},x\n`);
    }
    await readCsvRecords(chunks(), { maxFieldBytes: 1024, fileLabel: 't' }, (cells) => {
      seen.push(cells);
      return seen.length < 3;
    });
    expect(seen.length).toBeLessThan(10_000);
  });

  it('reports an unclosed quote at the end instead of losing the rows before it', async () => {
    const { rows, unclosedQuote } = await records(utf8('a,b\n1,2\n"3,4\n5,6\n'));
    expect(rows).toEqual([['a', 'b'], ['1', '2']]);
    expect(unclosedQuote).toBe(true);
  });

  it('reads a quoted field of megabytes that arrives in many small chunks, and the rows after it', async () => {
    // The parser only tries again once as much new text has come as the open record holds.
    const big = `line one\n${'x'.repeat(3 * 1024 * 1024)}\n"quoted" end`;
    const csv = utf8(`a,b\n"${big.replace(/"/g, '""')}",y\r\n1,2\n3,"4\r\n5"\n`);
    const { rows, unclosedQuote } = await records(csv, 64 * 1024, 4 * 1024 * 1024);
    expect(unclosedQuote).toBe(false);
    expect(rows).toEqual([['a', 'b'], [big, 'y'], ['1', '2'], ['3', '4\n5']]);
  });

  it('stops a runaway quoted field at maxFieldBytes with field_too_large', async () => {
    const bytes = utf8(`a,b\n"runaway,${'x'.repeat(5000)}\n1,2\n`);
    const error = await records(bytes, 512, 1000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect((error as ExportError).code).toBe('field_too_large');
    expect((error as ExportError).message).toContain('test.csv');
  });
});
