import { describe, expect, it } from 'vitest';
import { analyseNetwork, type ConnectionFacts, type ReviewItem } from '../../../../domain/network/index.ts';
import { nameWords, repeatedClauses } from '../../../../domain/digest-items/clauses.ts';
import { connection, dateDaysAgo, daysAgo, evidence, input, strategy, TALKED } from './builders.ts';

const review = (connections: ConnectionFacts[], reviewSize = 5, targets = strategy().targets): ReviewItem[] =>
  analyseNetwork(input({ connections, reviewSize, strategy: strategy({ targets }) })).review;
const ids = (items: ReviewItem[]) => items.map((i) => `${i.kind}:${i.person.id}`);

const INCOMING = evidence({ invitationDirection: 'incoming' });
const ENDORSED = evidence({ endorsementsReceived: 1 });

describe('review: who is asked "do you know them?"', () => {
  it.each([
    ['unknown', 'unknown'],
    ['known', 'known'],
    ['close', 'close'],
  ] as const)('never asks about a connection already marked %s', (_, tie) => {
    expect(review([connection('a', { tie }), connection('b')])).toEqual([expect.objectContaining({ person: expect.objectContaining({ id: 'b' }) })]);
  });

  it('asks nothing when everyone is reviewed', () => {
    const everyone = ['unknown', 'known', 'close'].flatMap((tie, i) =>
      Array.from({ length: 5 }, (_, j) => connection(`${i}-${j}`, { tie: tie as ConnectionFacts['tie'], evidence: j % 2 ? TALKED : null })),
    );
    expect(review(everyone)).toEqual([]);
  });

  it('ranks new, then no evidence, then recent and note-less incoming invitations first', () => {
    const connections = [
      connection('weak-recent', { evidence: ENDORSED, connectedOn: dateDaysAgo(5) }),
      connection('plain-old', { connectedOn: dateDaysAgo(2000) }),
      connection('plain-older', { connectedOn: dateDaysAgo(3000) }),
      connection('plain-undated', { connectedOn: null }),
      connection('incoming-old', { evidence: INCOMING, connectedOn: dateDaysAgo(2000) }),
      connection('recent', { connectedOn: dateDaysAgo(30) }),
      connection('recent-incoming', { evidence: INCOMING, connectedOn: dateDaysAgo(60) }),
      connection('new-weak', { evidence: ENDORSED, change: { kind: 'new' }, connectedOn: dateDaysAgo(2) }),
      connection('new-plain', { change: { kind: 'new' }, connectedOn: dateDaysAgo(2) }),
    ];
    expect(ids(review(connections, 50))).toEqual([
      'review:new-plain',
      'review:new-weak',
      'review:recent-incoming',
      'review:recent',
      'review:incoming-old',
      'review:plain-old',
      'review:plain-older',
      'review:plain-undated',
      'review:weak-recent',
    ]);
  });

  it('breaks equal ranks by id, whatever the input order', () => {
    const same = ['c', 'a', 'b'].map((id) => connection(id, { connectedOn: dateDaysAgo(500) }));
    expect(ids(review(same))).toEqual(['review:a', 'review:b', 'review:c']);
    expect(ids(review([...same].reverse()))).toEqual(['review:a', 'review:b', 'review:c']);
  });

  it.each([
    ['skipped 27 days ago', { lastSkippedAt: daysAgo(27) }, false],
    ['skipped 28 days ago', { lastSkippedAt: daysAgo(28) }, true],
    ['skipped long ago', { lastSkippedAt: daysAgo(400) }, true],
    ['shown 13 days ago', { lastShownAt: daysAgo(13) }, false],
    ['shown 14 days ago', { lastShownAt: daysAgo(14) }, true],
    ['shown 20 days ago but skipped 10 days ago', { lastShownAt: daysAgo(20), lastSkippedAt: daysAgo(10) }, false],
    ['shown with a clock in the future', { lastShownAt: daysAgo(-1) }, false],
    ['shown at an unreadable time', { lastShownAt: 'soon' }, true],
  ] as const)('%s → asked again: %s', (_, overrides, asked) => {
    expect(ids(review([connection('x', overrides)]))).toEqual(asked ? ['review:x'] : []);
  });
});

describe('review: "do you know them well?" for strong evidence', () => {
  const strong = [
    connection('threads', { evidence: TALKED }),
    connection('recommended', { evidence: evidence({ recommendationsReceived: 1, recommendationMatch: 'url' }) }),
  ];

  it('never asks about strong evidence as possibly unknown', () => {
    expect(ids(review(strong))).toEqual(['close:threads', 'close:recommended']);
  });

  it('treats a recommendation matched only by name as weak: it may be a namesake', () => {
    const byName = connection('namesake', { evidence: evidence({ recommendationsReceived: 1, recommendationMatch: 'name' }) });
    expect(ids(review([byName]))).toEqual(['review:namesake']);
  });

  it.each([
    ['holds one slot back for a close question', 5, 10, 3, { review: 4, close: 1 }],
    ['fills from close questions when reviews run out', 5, 2, 5, { review: 2, close: 3 }],
    ['asks only close questions when nothing else is left', 3, 0, 5, { review: 0, close: 3 }],
    ['keeps a single slot for "do you know them?"', 1, 3, 3, { review: 1, close: 0 }],
    ['gives a single slot to a close question when nothing else is left', 1, 0, 3, { review: 0, close: 1 }],
    ['stays short when there is little to ask', 10, 2, 1, { review: 2, close: 1 }],
  ])('%s (size %i, %i plain, %i strong)', (_, size, plain, strongCount, expected) => {
    const connections = [
      ...Array.from({ length: plain }, (_, i) => connection(`p${i}`)),
      ...Array.from({ length: strongCount }, (_, i) => connection(`s${i}`, { evidence: TALKED })),
    ];
    const items = review(connections, size);
    expect({
      review: items.filter((i) => i.kind === 'review').length,
      close: items.filter((i) => i.kind === 'close').length,
    }).toEqual(expected);
  });

  it('asks first about people where targets point, then new ones, then the warmest', () => {
    const connections = [
      connection('warm', { evidence: evidence({ twoWayThreads: 5 }) }),
      connection('lukewarm', { evidence: evidence({ twoWayThreads: 1 }) }),
      connection('new', { evidence: evidence({ twoWayThreads: 1 }), change: { kind: 'new' } }),
      connection('at-target', { evidence: evidence({ twoWayThreads: 1 }), company: 'Acme Inc.' }),
    ];
    expect(ids(review(connections, 5, [{ kind: 'company', value: 'ACME' }]))).toEqual([
      'close:at-target',
      'close:new',
      'close:warm',
      'close:lukewarm',
    ]);
  });
});

describe('review: size and wording', () => {
  const many = Array.from({ length: 80 }, (_, i) => connection(`c${String(i).padStart(2, '0')}`));

  it.each([
    [5, 5],
    [1, 1],
    [0, 1],
    [-3, 1],
    [2.7, 2],
    [50, 50],
    [500, 50],
    [Number.NaN, 5],
    [Number.POSITIVE_INFINITY, 5],
  ])('review size %s gives %i items', (size, expected) => {
    expect(review(many, size)).toHaveLength(expected);
  });

  it('says the one telling thing about each person, then the question', () => {
    const [recentIncoming, strongOne, weakOne] = review(
      [
        connection('a', { evidence: INCOMING, connectedOn: dateDaysAgo(10), firstName: 'Jane', lastName: 'Doe', company: 'Acme B.V..', position: 'CTO' }),
        connection('b', { firstName: 'Bo', evidence: evidence({ twoWayThreads: 3, recommendationsGiven: 1, recommendationMatch: 'url', lastMessageAt: daysAgo(400) }) }),
        connection('c', { firstName: 'Cy', evidence: evidence({ sharedEmployer: 'Globex GmbH', messagesOut: 2, lastMessageAt: daysAgo(40) }) }),
      ],
      5,
    ).sort((x, y) => x.person.id.localeCompare(y.person.id));
    expect(recentIncoming).toEqual({
      kind: 'review',
      // The company as a sentence shows it: doubled punctuation and the legal form gone.
      person: { id: 'a', name: 'Jane Doe', company: 'Acme', position: 'CTO', profileUrl: 'https://www.linkedin.com/in/member-a' },
      signals: ['recent', 'incoming_without_note', 'no_evidence'],
      why: "You accepted Jane's invitation this month; it came without a note. Do you know Jane?",
    });
    // Dates as people say them: this month, "in October", "last December", "in 2019".
    expect(strongOne?.why).toBe('You have 3 conversations with Bo, the latest in 2025. Would Bo take your call?');
    expect(weakOne?.signals).toEqual(['messages_sent', 'shared_employer']);
    expect(weakOne?.why).toBe('You wrote to Cy in October, with no reply. Could you vouch for Cy?');
  });

  it('never says the same clause twice in one digest, and varies the question', () => {
    // Eight people who all arrived the same way: new, from an invitation without a note.
    const alike = Array.from({ length: 8 }, (_, i) =>
      connection(`n${i}`, { firstName: `Name${i}`, lastName: 'Same', evidence: INCOMING, connectedOn: dateDaysAgo(20 + i), change: { kind: 'new' } }),
    );
    const items = review(alike, 8);
    expect(items).toHaveLength(8);
    const names = nameWords(items.map((i) => i.person.name));
    expect(repeatedClauses(items.map((i) => i.why), names)).toEqual([]);
    expect(new Set(items.map((i) => i.why.split('. ').at(-1)!.replace(/Name\d/g, '@'))).size).toBeGreaterThan(3);
  });

  it('says when someone wrote and never heard back, instead of "no conversation between you"', () => {
    const [item] = review(
      [connection('j', { firstName: 'Jun', lastName: 'Ito', evidence: evidence({ messagesIn: 2, lastMessageAt: '2026-06-14T09:00:00.000Z' }) })],
      5,
    );
    expect(item?.signals).toContain('messages_unanswered');
    expect(item?.signals).not.toContain('no_evidence');
    expect(item?.why).toBe('Jun wrote to you in June and never heard back. Do you know Jun?');
  });

  it('names a connection without a name plainly', () => {
    expect(review([connection('x', { firstName: ' ', lastName: '' })])[0]?.person.name).toBe('Unnamed connection');
  });
});
