import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../../domain/linkedin-export/types.ts';
import { evidenceLevel, evidenceSignals, isIncomingWithoutNote } from '../../../../domain/network/evidence.ts';
import { toMs } from '../../../../domain/network/time.ts';
import { evidence } from './builders.ts';

describe('evidence', () => {
  it.each<[string, Evidence | null, string, string[]]>([
    ['nothing in the export', null, 'none', []],
    ['an empty record', evidence(), 'none', []],
    ['messages received only (recruiters write to strangers)', evidence({ messagesIn: 4 }), 'none', []],
    ['an invitation without a note', evidence({ invitationDirection: 'incoming' }), 'none', []],
    ['a blank note', evidence({ invitationDirection: 'incoming', invitationNote: '   ' }), 'none', []],
    ['a message sent', evidence({ messagesOut: 1 }), 'weak', ['messages_sent']],
    ['a note', evidence({ invitationDirection: 'incoming', invitationNote: 'We met at the meetup' }), 'weak', ['invitation_note']],
    ['an endorsement received', evidence({ endorsementsReceived: 2 }), 'weak', ['endorsements']],
    ['an endorsement given', evidence({ endorsementsGiven: 1 }), 'weak', ['endorsements']],
    ['a shared employer', evidence({ sharedEmployer: 'Acme' }), 'weak', ['shared_employer']],
    ['a recommendation matched by name only', evidence({ recommendationsReceived: 1, recommendationMatch: 'name' }), 'weak', ['recommendation_by_name']],
    ['a two-way thread', evidence({ messagesIn: 1, messagesOut: 1, twoWayThreads: 1 }), 'strong', ['two_way_threads']],
    ['a recommendation by URL', evidence({ recommendationsGiven: 1, recommendationMatch: 'url' }), 'strong', ['recommendation']],
    [
      'everything, strongest first',
      evidence({ twoWayThreads: 2, messagesOut: 3, recommendationsReceived: 1, recommendationMatch: 'url', endorsementsGiven: 1, sharedEmployer: 'Acme', invitationNote: 'Hi' }),
      'strong',
      ['two_way_threads', 'recommendation', 'invitation_note', 'endorsements', 'shared_employer'],
    ],
  ])('%s → %s %j', (_, e, level, signals) => {
    expect(evidenceLevel(e)).toBe(level);
    expect(evidenceSignals(e)).toEqual(signals);
  });

  it.each<[Evidence | null, boolean]>([
    [null, false],
    [evidence({ invitationDirection: 'incoming' }), true],
    [evidence({ invitationDirection: 'incoming', invitationNote: ' ' }), true],
    [evidence({ invitationDirection: 'incoming', invitationNote: 'Hello from the conference' }), false],
    [evidence({ invitationDirection: 'outgoing' }), false],
  ])('incoming without a note: %j → %s', (e, expected) => {
    expect(isIncomingWithoutNote(e)).toBe(expected);
  });
});

describe('toMs', () => {
  it.each<[string | null | undefined, number | null]>([
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['1999-12-31', Date.UTC(1999, 11, 31)],
    ['2026-11-23T08:00:00.000Z', Date.UTC(2026, 10, 23, 8)],
    ['2026-11-23T08:00:00+02:00', Date.UTC(2026, 10, 23, 6)],
    ['2024-13-01', null],
    ['2024-00-10', null],
    ['20x4-01-01', null],
    ['not a date', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%j → %s', (iso, expected) => {
    expect(toMs(iso)).toBe(expected);
  });
});
