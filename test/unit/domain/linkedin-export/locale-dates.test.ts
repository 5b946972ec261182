import { describe, expect, it } from 'vitest';
import { parseConnectedOn, parseDottedDate, parseIsoDate, parseSpreadsheetSerial, SlashDates } from '../../../../domain/linkedin-export/dates.ts';
import { inspectExport } from '../../../../domain/linkedin-export/index.ts';
import { lines, parseBytes, tempFile } from './fixtures.ts';

const HEADER_SEMICOLON = 'First Name;Last Name;Email Address;Company;Position;Connected On';

describe('dates a spreadsheet wrote in another locale', () => {
  it.each<[string, string | null]>([
    ['16.09.2021', '2021-09-16'],
    ['1.2.2023', '2023-02-01'],
    ['31.02.2021', null],
    ['16-09-2021', null],
  ])('dotted %s → %s', (value, date) => expect(parseDottedDate(value)).toBe(date));

  it.each<[string, string | null]>([
    ['2021-09-16', '2021-09-16'],
    ['2021-13-01', null],
    ['21-09-16', null],
  ])('ISO %s → %s', (value, date) => expect(parseIsoDate(value)).toBe(date));

  it.each<[string, string | null]>([
    ['44455', '2021-09-16'],
    ['32874', '1990-01-01'],
    ['32873', null],
    ['62869', null],
    ['4445', null],
  ])('a spreadsheet serial %s → %s', (value, date) => expect(parseSpreadsheetSerial(value)).toBe(date));

  it('takes LinkedIn shapes first, then the locale ones', () => {
    expect(parseConnectedOn('09 Sep 2022')).toEqual({ date: '2022-09-09', format: 'day-month-year' });
    expect(parseConnectedOn('16.09.2021')).toEqual({ date: '2021-09-16', format: 'locale' });
    expect(parseConnectedOn('16/9/2021')).toBeNull(); // slash dates wait for the whole file
  });

  it('reads slash dates day first, month first, or not at all, from the whole file', () => {
    const read = (values: Array<[number, number]>) => {
      const slash = new SlashDates<number>();
      values.forEach(([first, second], i) => slash.add({ first, second, year: 2021 }, i));
      const out: Array<string | null> = [];
      slash.resolve((i, date) => (out[i] = date));
      return out;
    };
    expect(read([[3, 4], [16, 9]])).toEqual(['2021-04-03', '2021-09-16']);
    expect(read([[3, 4], [9, 16]])).toEqual(['2021-03-04', '2021-09-16']);
    // Nothing tells which part is the day: nothing is guessed.
    expect(read([[3, 4], [5, 6]])).toEqual([null, null]);
    // A file that says both cannot be trusted either way.
    expect(read([[16, 9], [9, 16]])).toEqual([null, null]);
  });
});

describe('a European re-save of Connections.csv', () => {
  it('reads every date, labels the era honestly and counts nothing unreadable', async () => {
    const parsed = await parseBytes(
      lines(HEADER_SEMICOLON, 'Jana;Novák;;Acme;CTO;16.09.2021', 'Luc;Martin;;Globex;PM;01.02.2019', 'Åsa;Berg;;Initech;Dev;2020-03-05'),
    );
    expect(parsed.files).toMatchObject([{ kind: 'connections', era: 'connections-locale', rows: 3, rejected: 0, unreadableDates: 0, dateRange: { from: '2019-02-01', to: '2021-09-16' } }]);
    expect(parsed.connections.map((c) => c.connectedOn)).toEqual(['2021-09-16', '2019-02-01', '2020-03-05']);
  });

  it('reads D/M/YYYY when some day is over 12 anywhere in the file, even after rows that did not say', async () => {
    const parsed = await parseBytes(lines(HEADER_SEMICOLON, 'A;One;;;;3/4/2021', 'B;Two;;;;16/9/2021'));
    expect(parsed.connections.map((c) => c.connectedOn)).toEqual(['2021-04-03', '2021-09-16']);
    expect(parsed.files[0]).toMatchObject({ unreadableDates: 0, era: 'connections-locale' });
  });

  it('counts the dates it cannot read, keeps those people undated, and inspect reports it', async () => {
    const text = lines(HEADER_SEMICOLON, 'A;One;;;;3/4/2021', 'B;Two;;;;5/6/2021', 'C;Three;;;;sometime in 2020', 'D;Four;;;;');
    const parsed = await parseBytes(text);
    expect(parsed.connections.map((c) => c.connectedOn)).toEqual([null, null, null, null]);
    expect(parsed.files[0]).toMatchObject({ rows: 4, rejected: 0, unreadableDates: 3 });
    const inspection = await inspectExport(await tempFile(text, 'Connections.csv'));
    expect(inspection.unreadableDates).toBe(3);
  });
});
