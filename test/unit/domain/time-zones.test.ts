import { describe, expect, it } from 'vitest';
import { findTimeZone, placeOf, timeZoneChoices, utcOffset } from '../../../domain/time-zones.ts';

describe('time zones by their current names', () => {
  it('reads any spelling of a zone as its current name', () => {
    expect(findTimeZone('Europe/Kiev')).toBe('Europe/Kyiv');
    expect(findTimeZone('europe/kyiv')).toBe('Europe/Kyiv');
    expect(findTimeZone('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(findTimeZone('Asia/Saigon')).toBe('Asia/Ho_Chi_Minh');
    expect(findTimeZone(' America/New_York ')).toBe('America/New_York');
    expect(findTimeZone('utc')).toBe('UTC');
  });

  it('reads a city alone when exactly one zone has it, old names included', () => {
    expect(findTimeZone('Kyiv')).toBe('Europe/Kyiv');
    expect(findTimeZone('Kiev')).toBe('Europe/Kyiv');
    expect(findTimeZone('Ho Chi Minh')).toBe('Asia/Ho_Chi_Minh');
    expect(findTimeZone('Calcutta')).toBe('Asia/Kolkata');
    expect(findTimeZone('buenos aires')).toBe('America/Argentina/Buenos_Aires');
  });

  it('names no zone for anything else', () => {
    for (const typed of ['', 'Mars/Olympus', 'Springfield', 'x'.repeat(500), '../../etc/passwd', 'Europe/Paris\nBcc: x']) expect(findTimeZone(typed), typed).toBeNull();
  });

  it('offers every zone once, by its current name, with the offset now', () => {
    const choices = timeZoneChoices(new Date('2026-12-04T12:00:00Z'));
    const ids = choices.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe('UTC');
    for (const old of ['Europe/Kiev', 'Asia/Calcutta', 'Asia/Saigon', 'Asia/Rangoon', 'America/Godthab']) expect(ids).not.toContain(old);
    expect(choices.find((c) => c.id === 'Europe/Kyiv')?.label).toBe('Kyiv · UTC+02:00');
    expect(choices.find((c) => c.id === 'Asia/Kolkata')?.label).toBe('Kolkata · UTC+05:30');
    expect(choices.find((c) => c.id === 'America/New_York')?.label).toBe('New York · UTC-05:00');
    // Every current name is one ICU, and so the schedule, accepts.
    for (const id of ids) expect(() => new Intl.DateTimeFormat('en-US', { timeZone: id })).not.toThrow();
  });

  it('follows daylight saving', () => {
    expect(utcOffset('Europe/Paris', new Date('2026-07-01T12:00:00Z'))).toBe('UTC+02:00');
    expect(utcOffset('Europe/Paris', new Date('2026-12-01T12:00:00Z'))).toBe('UTC+01:00');
    expect(placeOf('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
  });
});
