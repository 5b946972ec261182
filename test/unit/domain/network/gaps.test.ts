import { describe, expect, it } from 'vitest';
import {
  analyseNetwork,
  BACKLOG_MIN_UNREVIEWED,
  HIGH_UNKNOWN_MIN_REVIEWED,
  INCOMING_WITHOUT_NOTE_MIN,
  MAX_GAPS,
  STALE_EXPORT_DAYS,
  type AnalysisInput,
  type ConnectionFacts,
  type StrategyGap,
  type Tie,
} from '../../../../domain/network/index.ts';
import { connection, dateDaysAgo, daysAgo, evidence, input, strategy } from './builders.ts';

const gaps = (overrides: Partial<AnalysisInput>): StrategyGap[] => analyseNetwork(input(overrides)).gaps;
const kinds = (overrides: Partial<AnalysisInput>) => gaps(overrides).map((g) => g.kind);
const gap = <K extends StrategyGap['kind']>(kind: K, overrides: Partial<AnalysisInput>) =>
  gaps(overrides).find((g): g is Extract<StrategyGap, { kind: K }> => g.kind === kind);

/** `n` connections with the given tie, ids prefixed so groups never collide. */
const group = (prefix: string, n: number, overrides: Partial<ConnectionFacts> = {}) =>
  Array.from({ length: n }, (_, i) => connection(`${prefix}${String(i).padStart(4, '0')}`, overrides));
const tied = (prefix: string, n: number, tie: Tie) => group(prefix, n, { tie });
const incomingSilent = (prefix: string, n: number, overrides: Partial<ConnectionFacts> = {}) =>
  group(prefix, n, { evidence: evidence({ invitationDirection: 'incoming' }), connectedOn: dateDaysAgo(30), ...overrides });

/** Someone known where the default target points, so that target has a path. */
const reached = connection('reached', { tie: 'known', company: 'Nowhere Ltd' });

describe('gaps: a subscriber with nothing to fix', () => {
  it('has no gaps', () => {
    expect(gaps({ connections: [reached, ...tied('k', 10, 'known')] })).toEqual([]);
  });
});

describe('gaps: unanswered strategy questions', () => {
  it.each([
    ['never answered', { strategy: null }, ['purpose', 'gain', 'profile_confidence', 'numbers_focus']],
    ['no purpose', { strategy: strategy({ purposes: [], targets: [{ kind: 'role', value: 'cto' }] }) }, ['purpose']],
    ['no gain and no targets', { strategy: strategy({ gain: ' ', targets: [] }) }, ['gain']],
    ['gain in words but no targets', { strategy: strategy({ gain: 'Clients in retail', targets: [] }) }, ['targets']],
    ['targets only blank', { strategy: strategy({ targets: [{ kind: 'company', value: '  ' }] }) }, ['targets']],
    ['profile confidence', { strategy: strategy({ profileConfidence: null, targets: [{ kind: 'role', value: 'cto' }] }) }, ['profile_confidence']],
    ['numbers focus', { strategy: strategy({ numbersFocus: null, targets: [{ kind: 'role', value: 'cto' }] }) }, ['numbers_focus']],
  ] as const)('%s → missing %j', (_, overrides, missing) => {
    expect(gap('unanswered_questions', overrides)?.missing).toEqual(missing);
  });

  it('counts targets without gain text as an answer to "what do you hope to gain"', () => {
    expect(kinds({ strategy: strategy({ gain: null, targets: [{ kind: 'role', value: 'cto' }] }) })).not.toContain('unanswered_questions');
  });

  it('says what is missing in words, with one next step', () => {
    expect(gap('unanswered_questions', { strategy: strategy({ purposes: [], numbersFocus: null, targets: [{ kind: 'role', value: 'cto' }] }) })).toEqual({
      kind: 'unanswered_questions',
      missing: ['purpose', 'numbers_focus'],
      title: '2 strategy questions unanswered',
      reason: "We don't know yet why you are on LinkedIn and whether growing your connection count is a goal, so the advice stays generic.",
      nextStep: 'It takes about two minutes.',
    });
    expect(gap('unanswered_questions', { strategy: strategy({ targets: [] }) })).toMatchObject({
      title: 'No targets yet',
      nextStep: 'Add two or three: introductions start from them.',
    });
  });
});

describe('gaps: stale export', () => {
  it.each([
    ['none yet', null, null],
    [`${STALE_EXPORT_DAYS + 1} days old`, daysAgo(STALE_EXPORT_DAYS + 1), STALE_EXPORT_DAYS + 1],
    ['a year old', daysAgo(365), 365],
  ])('fires when %s', (_, lastExportAt, ageDays) => {
    expect(gap('stale_export', { lastExportAt })).toMatchObject({ ageDays, lastExportAt });
  });

  it.each([
    ['exactly the limit', daysAgo(STALE_EXPORT_DAYS)],
    ['fresh', daysAgo(1)],
    ['dated in the future', daysAgo(-2)],
  ])('stays quiet when %s', (_, lastExportAt) => {
    expect(kinds({ lastExportAt })).not.toContain('stale_export');
  });

  it('words the age', () => {
    expect(gap('stale_export', { lastExportAt: daysAgo(90) })?.title).toBe('Your export is 90 days old');
    expect(gap('stale_export', { lastExportAt: null })?.title).toBe('No LinkedIn export yet');
  });
});

describe('gaps: targets with no known contact', () => {
  const targets = (...values: string[]) => strategy({ targets: values.map((value) => ({ kind: 'company' as const, value })) });

  it('names every unreached target, and the next step fits what the network holds', () => {
    const none = gap('targets_without_contact', { strategy: targets('Acme', 'Globex') });
    expect(none).toEqual({
      kind: 'targets_without_contact',
      targets: [
        { kind: 'company', value: 'Acme' },
        { kind: 'company', value: 'Globex' },
      ],
      unreviewedAtTargets: 0,
      unknownAtTargets: 0,
      title: 'No one you know at Acme (and 1 more)',
      reason: 'None of the people you know work at Acme or your other targets, nor alongside anyone there.',
      nextStep: 'Ask two people you know well whom they know at Acme.',
    });

    const unreviewed = gap('targets_without_contact', {
      strategy: targets('Acme'),
      connections: [connection('a', { company: 'Acme' }), connection('b', { company: 'ACME Inc' }), connection('c', { company: 'Acme', tie: 'unknown' })],
    });
    expect(unreviewed).toMatchObject({ unreviewedAtTargets: 2, unknownAtTargets: 1 });
    expect(unreviewed?.nextStep).toBe('2 people there are still to review.');

    const strangers = gap('targets_without_contact', { strategy: targets('Acme'), connections: [connection('c', { company: 'Acme', tie: 'unknown' })] });
    expect(strangers?.nextStep).toBe('You are connected to 1 person there you do not know: ask someone you know well to introduce you.');
    // One target named, the others counted, however many there are.
    const nine = gap('targets_without_contact', { strategy: strategy({ targets: 'ABCDEFGHI'.split('').map((c) => ({ kind: 'company' as const, value: `Firm ${c}` })) }) });
    expect(nine?.title).toBe('No one you know at Firm A (and 8 more)');
    expect(nine?.reason).not.toContain('Firm B');
  });

  it('counts a person matching two unreached targets once', () => {
    const found = gap('targets_without_contact', {
      strategy: strategy({ targets: [{ kind: 'company', value: 'Acme' }, { kind: 'role', value: 'cto' }] }),
      connections: [connection('a', { company: 'Acme', position: 'CTO' })],
    });
    expect(found?.unreviewedAtTargets).toBe(1);
  });

  it('leaves out targets that have a path', () => {
    const found = gap('targets_without_contact', {
      strategy: targets('Acme', 'Globex'),
      connections: [connection('a', { company: 'Acme', tie: 'known' })],
    });
    expect(found?.targets).toEqual([{ kind: 'company', value: 'Globex' }]);
  });
});

describe('gaps: numbers focus and profile', () => {
  it.each([
    [true, true],
    [false, false],
    [null, false],
  ])('numbers focus %s → gap %s', (numbersFocus, fires) => {
    expect(kinds({ strategy: strategy({ numbersFocus, targets: [] }) }).includes('numbers_focus')).toBe(fires);
  });

  it.each([
    ['confidence no', 'no', { hasHeadline: true, hasSummary: true }, []],
    ['confidence partly', 'partly', { hasHeadline: true, hasSummary: true }, []],
    ['no headline', 'yes', { hasHeadline: false, hasSummary: true }, ['headline']],
    ['no summary', 'yes', { hasHeadline: true, hasSummary: false }, ['summary']],
    ['neither, and no confidence', 'no', { hasHeadline: false, hasSummary: false }, ['headline', 'summary']],
  ] as const)('fires on %s', (_, profileConfidence, profile, missingFields) => {
    expect(gap('profile', { strategy: strategy({ profileConfidence }), profile })).toMatchObject({ confidence: profileConfidence, missingFields });
  });

  it.each([
    ['a confident, complete profile', 'yes', { hasHeadline: true, hasSummary: true }],
    ['no Profile.csv in the export', 'yes', null],
    ['unanswered confidence (asked for as a question instead)', null, { hasHeadline: true, hasSummary: true }],
  ] as const)('stays quiet for %s', (_, profileConfidence, profile) => {
    expect(kinds({ strategy: strategy({ profileConfidence }), profile })).not.toContain('profile');
  });

  it('gives the next step that fits', () => {
    expect(gap('profile', { profile: { hasHeadline: false, hasSummary: false } })).toMatchObject({
      title: 'Your profile has no headline or summary',
      reason: 'Your export shows no headline and no summary. Everyone you are introduced to reads it first.',
      nextStep: 'Write a one-line headline that says what you do and for whom, then ask someone you know well to read it.',
    });
    expect(gap('profile', { strategy: strategy({ profileConfidence: 'partly' }) })).toMatchObject({
      title: 'Your profile does not speak for you yet',
      reason: 'You told us your profile only partly says what you bring. Everyone you are introduced to reads it first.',
    });
  });
});

describe('gaps: what the network shows', () => {
  it.each([
    ['8 of 20 unknown (40%)', 8, 12, true],
    ['7 of 20 unknown (35%)', 7, 13, false],
    [`too few reviewed (${HIGH_UNKNOWN_MIN_REVIEWED - 1}, all unknown)`, HIGH_UNKNOWN_MIN_REVIEWED - 1, 0, false],
    ['30 of 50 unknown', 30, 20, true],
  ])('high unknown share: %s → %s', (_, unknown, known, fires) => {
    const connections = [...tied('u', unknown, 'unknown'), ...tied('k', known, 'known')];
    expect(kinds({ connections }).includes('high_unknown_share')).toBe(fires);
  });

  it('words the unknown share', () => {
    expect(gap('high_unknown_share', { connections: [...tied('u', 10, 'unknown'), ...tied('k', 10, 'close')] })?.reason).toBe(
      "You don't know 10 of the 20 people you reviewed (50%).",
    );
  });

  it.each([
    ['the minimum', () => incomingSilent('i', INCOMING_WITHOUT_NOTE_MIN), true],
    ['one fewer', () => incomingSilent('i', INCOMING_WITHOUT_NOTE_MIN - 1), false],
    ['older than 90 days', () => incomingSilent('i', 20, { connectedOn: dateDaysAgo(91) }), false],
    ['89 days old', () => incomingSilent('i', INCOMING_WITHOUT_NOTE_MIN, { connectedOn: dateDaysAgo(89) }), true],
    [
      'a message since, in one',
      () => [
        ...incomingSilent('i', INCOMING_WITHOUT_NOTE_MIN - 1),
        connection('m', { connectedOn: dateDaysAgo(3), evidence: evidence({ invitationDirection: 'incoming', messagesIn: 1 }) }),
      ],
      false,
    ],
    ['a note, in one', () => [...incomingSilent('i', INCOMING_WITHOUT_NOTE_MIN - 1), ...incomingSilent('n', 1, { evidence: evidence({ invitationDirection: 'incoming', invitationNote: 'Hi!' }) })], false],
    ['marked known, in one', () => [...incomingSilent('i', INCOMING_WITHOUT_NOTE_MIN - 1), ...incomingSilent('k', 1, { tie: 'known' })], false],
    ['marked unknown, all', () => incomingSilent('i', INCOMING_WITHOUT_NOTE_MIN, { tie: 'unknown' }), true],
    ['no connection date but a recent invitation', () => incomingSilent('i', INCOMING_WITHOUT_NOTE_MIN, { connectedOn: null, evidence: evidence({ invitationDirection: 'incoming', invitationSentAt: daysAgo(10) }) }), true],
    ['outgoing invitations', () => incomingSilent('i', 20, { evidence: evidence({ invitationDirection: 'outgoing' }) }), false],
  ])('incoming invitations without a note: %s', (_, build, fires) => {
    expect(kinds({ connections: build() }).includes('incoming_without_note')).toBe(fires);
  });

  it.each([
    [`${BACKLOG_MIN_UNREVIEWED} of 2,000 unreviewed`, BACKLOG_MIN_UNREVIEWED, 1800, true],
    [`${BACKLOG_MIN_UNREVIEWED - 1} of 2,000 unreviewed`, BACKLOG_MIN_UNREVIEWED - 1, 1801, false],
    ['20 of 25 (80%)', 20, 5, true],
    ['20 of 26 (77%)', 20, 6, false],
    ['19 of 19 (too few to call a backlog)', 19, 0, false],
  ])('review backlog: %s → %s', (_, unreviewed, known, fires) => {
    const connections = [...group('r', unreviewed), ...tied('k', known, 'known')];
    expect(kinds({ connections }).includes('review_backlog')).toBe(fires);
  });

  it('words the backlog in weeks at the subscriber’s pace', () => {
    expect(gap('review_backlog', { connections: group('r', 250), reviewSize: 10 })).toMatchObject({
      unreviewed: 250,
      connections: 250,
      title: '250 connections still to review',
      reason: '100% of your network is unreviewed.',
      nextStep: 'At 10 a week that is 25 weeks; the review page takes many at once.',
    });
  });
});

describe('gaps: the most pressing few', () => {
  const busyNetwork = [...tied('u', 20, 'unknown'), ...incomingSilent('i', 12), ...group('r', 250)];
  const everything = {
    strategy: strategy({ targets: [{ kind: 'company', value: 'Nowhere' }], numbersFocus: true, profileConfidence: 'no' }),
    profile: { hasHeadline: false, hasSummary: true },
    lastExportAt: daysAgo(100),
    connections: busyNetwork,
  } satisfies Partial<AnalysisInput>;

  it.each<[string, Partial<AnalysisInput>, Array<StrategyGap['kind']>]>([
    ['everything at once', everything, ['stale_export', 'targets_without_contact', 'numbers_focus']],
    ['fresh export, target reached', { ...everything, lastExportAt: daysAgo(1), connections: [...busyNetwork, connection('k', { tie: 'close', company: 'Nowhere' })] }, ['numbers_focus', 'profile', 'high_unknown_share']],
    [
      'profile fixed, targets dropped',
      {
        ...everything,
        lastExportAt: daysAgo(1),
        strategy: strategy({ targets: [], gain: 'x' }),
        profile: { hasHeadline: true, hasSummary: true },
      },
      ['unanswered_questions', 'high_unknown_share', 'incoming_without_note'],
    ],
    [
      'a role target nobody holds',
      { ...everything, lastExportAt: daysAgo(1), strategy: strategy({ targets: [{ kind: 'role', value: 'x' }] }), profile: { hasHeadline: true, hasSummary: true } },
      ['targets_without_contact', 'high_unknown_share', 'incoming_without_note'],
    ],
  ])('%s', (_, overrides, expected) => {
    const found = kinds(overrides);
    expect(found).toEqual(expected);
    expect(found.length).toBeLessThanOrEqual(MAX_GAPS);
  });

  it('reaches the backlog once the rest is fixed', () => {
    expect(kinds({ connections: [reached, ...tied('k', 30, 'known'), ...group('r', 250)] })).toEqual(['review_backlog']);
  });
});
