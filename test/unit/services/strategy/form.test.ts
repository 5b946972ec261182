import { describe, expect, it } from 'vitest';
import { parsePreferencesForm } from '../../../../services/strategy/form.ts';

const valid = {
  purposes: ['job_search', 'learning'],
  gain: '  A product role  ',
  targets_company: 'Acme, Globex\nInitech',
  targets_role: 'product manager',
  targets_industry: '',
  targets_keyword: '',
  profile_confidence: 'partly',
  numbers_focus: 'no',
  review_size: '7',
  weekday: '2',
  hour: '9',
  time_zone: 'Europe/Paris',
};

describe('parsePreferencesForm', () => {
  it('turns a complete form into answers, review size and schedule', () => {
    const result = parsePreferencesForm(valid);
    expect(result).toEqual({
      ok: true,
      value: {
        answers: {
          purposes: ['job_search', 'learning'],
          gain: 'A product role',
          targets: [
            { kind: 'company', value: 'Acme' },
            { kind: 'company', value: 'Globex' },
            { kind: 'company', value: 'Initech' },
            { kind: 'role', value: 'product manager' },
          ],
          profileConfidence: 'partly',
          numbersFocus: false,
        },
        reviewSize: 7,
        schedule: { weekday: 2, hour: 9, timeZone: 'Europe/Paris' },
      },
    });
  });

  it.each([
    ['Europe/Kiev', 'Europe/Kyiv'],
    ['Kyiv', 'Europe/Kyiv'],
    ['asia/calcutta', 'Asia/Kolkata'],
    ['Ho Chi Minh', 'Asia/Ho_Chi_Minh'],
  ])('stores the zone %s by its current name, %s', (typed, stored) => {
    const result = parsePreferencesForm({ ...valid, time_zone: typed });
    expect(result.ok && result.value.schedule.timeZone).toBe(stored);
  });

  it('keeps unanswered questions as unanswered, not as "no"', () => {
    const result = parsePreferencesForm({ time_zone: 'UTC' });
    expect(result.ok && result.value.answers).toEqual({ purposes: [], gain: null, targets: [], profileConfidence: null, numbersFocus: null });
  });

  it.each([
    [{ time_zone: 'Mars/Olympus' }, 'timeZone', /time zone/],
    [{ review_size: '0' }, 'reviewSize', /At least 1/],
    [{ review_size: 'lots' }, 'reviewSize', /number/],
    [{ hour: '24' }, 'hour', /hour/],
    [{ purposes: ['fame'] }, 'purposes', /list/],
    [{ targets_company: 'x'.repeat(101) }, 'targets_company', /100 characters/],
    [{ gain: 'y'.repeat(1001) }, 'gain', /1,000/],
  ])('names the field in plain words: %o', (override, field, message) => {
    const result = parsePreferencesForm({ ...valid, ...override });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field]).toMatch(message);
  });
});
