import { describe, expect, it } from 'vitest';
import { dueWeek, isoWeekOf, localTime } from '../../../../services/digest/schedule.ts';
import { weekLabel } from '../../../../services/digest/compose.ts';

describe('isoWeekOf', () => {
  it.each([
    [2026, 1, 1, '2026-W01', 4],
    [2027, 1, 1, '2026-W53', 5],
    [2024, 12, 30, '2025-W01', 1],
    [2026, 11, 23, '2026-W48', 1],
    [2021, 1, 3, '2020-W53', 7],
  ])('%i-%i-%i is in %s', (y, m, d, label, weekday) => {
    const { isoYear, week, weekday: wd } = isoWeekOf(y, m, d);
    expect(`${isoYear}-W${String(week).padStart(2, '0')}`).toBe(label);
    expect(wd).toBe(weekday);
  });
});

describe('dueWeek', () => {
  const monday8 = { weekday: 1, hour: 8 };

  it('is not due before the local slot and due from it on', () => {
    // 07:59 and 08:00 on Monday 23 Nov 2026 in Paris (UTC+1).
    expect(dueWeek(new Date('2026-11-23T06:59:00Z'), { ...monday8, timeZone: 'Europe/Paris' })).toBeNull();
    expect(dueWeek(new Date('2026-11-23T07:00:00Z'), { ...monday8, timeZone: 'Europe/Paris' })).toBe('2026-W48');
    expect(dueWeek(new Date('2026-11-29T22:00:00Z'), { ...monday8, timeZone: 'Europe/Paris' })).toBe('2026-W48');
  });

  it('uses the local date: Sunday evening in New York is already Monday in UTC', () => {
    const sundayNight = new Date('2026-11-30T02:00:00Z'); // 21:00 Sunday in New York
    expect(localTime(sundayNight, 'America/New_York').isoWeek).toBe('2026-W48');
    expect(dueWeek(sundayNight, { ...monday8, timeZone: 'America/New_York' })).toBe('2026-W48');
    expect(dueWeek(sundayNight, { ...monday8, timeZone: 'UTC' })).toBeNull();
  });

  it('neither skips nor doubles a week when DST starts on the slot (02:00 does not exist)', () => {
    // Europe/Berlin jumps from 02:00 to 03:00 on Sunday 29 March 2026.
    const slot = { weekday: 7, hour: 2, timeZone: 'Europe/Berlin' };
    const ticks = [];
    for (let t = Date.parse('2026-03-28T23:00:00Z'); t < Date.parse('2026-03-29T04:00:00Z'); t += 15 * 60_000) ticks.push(new Date(t));
    const weeks = new Set(ticks.map((t) => dueWeek(t, slot)).filter(Boolean));
    expect([...weeks]).toEqual(['2026-W13']);
  });

  it('gives one week label through the repeated hour when DST ends', () => {
    // Europe/Berlin repeats 02:00–03:00 on Sunday 25 October 2026.
    const slot = { weekday: 7, hour: 2, timeZone: 'Europe/Berlin' };
    const labels = new Set<string | null>();
    for (let t = Date.parse('2026-10-25T00:00:00Z'); t < Date.parse('2026-10-25T03:00:00Z'); t += 15 * 60_000) labels.add(dueWeek(new Date(t), slot));
    expect([...labels].filter(Boolean)).toEqual(['2026-W43']);
  });
});

describe('weekLabel', () => {
  it('names the Monday of the ISO week', () => {
    expect(weekLabel('2026-W48')).toBe('Week of 23 November 2026');
    expect(weekLabel('2026-W01')).toBe('Week of 29 December 2025');
  });
});
