import { describe, expect, it } from 'vitest';
import { spokenDate } from '../../../../domain/network/time.ts';

describe('spokenDate', () => {
  const now = Date.UTC(2026, 11, 4, 9);
  it.each([
    ['2026-12-01', 'this month'],
    ['2026-10-03', 'in October'],
    ['2026-01-31', 'in January'],
    ['2025-12-30', 'in 2025'],
    ['2025-12-30T10:00:00.000Z', 'in 2025'],
    ['2019-05-01', 'in 2019'],
    // A date after now (a clock skew, a bad export) still reads as a date, not "in -1 months".
    ['2027-02-01', 'this month'],
  ])('%s → %s', (iso, said) => {
    expect(spokenDate(iso, now)).toBe(said);
  });

  it('says "last November" within the past twelve months of an earlier year', () => {
    expect(spokenDate('2026-11-20', Date.UTC(2027, 1, 10))).toBe('last November');
  });

  it.each([null, undefined, '', 'not a date'])('is null for %j', (iso) => {
    expect(spokenDate(iso, now)).toBeNull();
  });
});
