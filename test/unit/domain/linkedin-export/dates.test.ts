import { describe, expect, it } from 'vitest';
import {
  parseConnectedOn,
  parseDayMonthYear,
  parseEndorsementTimestamp,
  parseExcelDate,
  parseMessageTimestamp,
  parseMonthYear,
  parseUsDateTime,
} from '../../../../domain/linkedin-export/dates.ts';

describe('per-file date formats', () => {
  it('Connections 2021+: DD Mon YYYY', () => {
    expect(parseDayMonthYear('09 Sep 2022')).toBe('2022-09-09');
    expect(parseDayMonthYear('31 Dec 2024')).toBe('2024-12-31');
    for (const bad of ['9 Sep 2022', '09 Sept 2022', '09 sep 2022', '31 Feb 2022', '2022-09-09', ' 09 Sep 2022']) {
      expect(parseDayMonthYear(bad), bad).toBeNull();
    }
  });

  it('Connections after Excel: D-Mon-YY, 00–69 → 20xx, 70–99 → 19xx', () => {
    expect(parseExcelDate('9-Sep-22')).toBe('2022-09-09');
    expect(parseExcelDate('28-Feb-69')).toBe('2069-02-28');
    expect(parseExcelDate('01-Jan-70')).toBe('1970-01-01');
    expect(parseExcelDate('29-Feb-23')).toBeNull();
    expect(parseExcelDate('9-Sep-2022')).toBeNull();
  });

  it('Invitations, Recommendations, 2018 files: M/D/YY, h:mm AM read as UTC', () => {
    expect(parseUsDateTime('1/8/18, 6:14 PM')).toBe('2018-01-08T18:14:00.000Z');
    expect(parseUsDateTime('04/15/24, 09:25 PM')).toBe('2024-04-15T21:25:00.000Z');
    expect(parseUsDateTime('12/31/21, 12:05 AM')).toBe('2021-12-31T00:05:00.000Z');
    expect(parseUsDateTime('12/31/21, 12:05 PM')).toBe('2021-12-31T12:05:00.000Z');
    expect(parseUsDateTime('3/2/22, 7:01\u202FAM')).toBe('2022-03-02T07:01:00.000Z');
    for (const bad of ['1/8/2018, 6:14 PM', '1/8/18 6:14 PM', '13/8/18, 6:14 PM', '1/8/18, 13:14 PM', '1/8/18, 0:14 AM', '1/8/18, 18:14']) {
      expect(parseUsDateTime(bad), bad).toBeNull();
    }
  });

  it('messages 2022+: YYYY-MM-DD HH:MM:SS UTC', () => {
    expect(parseMessageTimestamp('2022-09-09 01:41:08 UTC')).toBe('2022-09-09T01:41:08.000Z');
    expect(parseMessageTimestamp('2024-02-29 23:59:59 UTC')).toBe('2024-02-29T23:59:59.000Z');
    for (const bad of ['2023-02-29 10:00:00 UTC', '2022-09-09 24:00:00 UTC', '2022-09-09 01:41:08', '2022/09/09 01:41:08 UTC']) {
      expect(parseMessageTimestamp(bad), bad).toBeNull();
    }
  });

  it('Endorsements: YYYY/MM/DD HH:MM:SS UTC', () => {
    expect(parseEndorsementTimestamp('2022/09/09 01:41:08 UTC')).toBe('2022-09-09T01:41:08.000Z');
    expect(parseEndorsementTimestamp('2022-09-09 01:41:08 UTC')).toBeNull();
  });

  it('Positions: Mon YYYY or YYYY', () => {
    expect(parseMonthYear('Sep 2022')).toBe('2022-09-01');
    expect(parseMonthYear('2015')).toBe('2015-01-01');
    expect(parseMonthYear('')).toBeNull();
    expect(parseMonthYear('Sept 2022')).toBeNull();
  });

  it('Connected On accepts LinkedIn\'s three shapes and says which (locale re-saves: locale-dates.test.ts)', () => {
    expect(parseConnectedOn('09 Sep 2022')).toEqual({ date: '2022-09-09', format: 'day-month-year' });
    expect(parseConnectedOn('9-Sep-22')).toEqual({ date: '2022-09-09', format: 'excel' });
    expect(parseConnectedOn('1/8/18, 6:14 PM')).toEqual({ date: '2018-01-08', format: 'us-date-time' });
    expect(parseConnectedOn('2022-09-09')).toEqual({ date: '2022-09-09', format: 'locale' });
    expect(parseConnectedOn('9. September 2022')).toBeNull();
  });
});
