import { describe, expect, it } from 'vitest';
import { analyseNetwork, type ConnectionFacts } from '../../../../domain/network/index.ts';
import { connection, input } from './builders.ts';

const changes = (connections: ConnectionFacts[], removedSinceLastImport = 0) =>
  analyseNetwork(input({ connections, removedSinceLastImport })).changes;
const moved = (id: string, tie: ConnectionFacts['tie'], from: [string | null, string | null], to: [string, string], name = id) =>
  connection(id, {
    tie,
    firstName: name,
    lastName: 'Lee',
    company: to[0],
    position: to[1],
    change: { kind: 'job_change', previousCompany: from[0], previousPosition: from[1] },
  });

describe('what changed since the last upload', () => {
  it('is empty when nothing changed', () => {
    expect(changes([connection('a')])).toEqual({ newConnections: 0, newUnreviewed: 0, jobChanges: [], removed: 0 });
  });

  it('counts new connections, and those still to review', () => {
    const result = changes([
      connection('a', { change: { kind: 'new' } }),
      connection('b', { change: { kind: 'new' }, tie: 'known' }),
      connection('c', { change: { kind: 'new' } }),
      connection('d'),
    ]);
    expect(result).toMatchObject({ newConnections: 3, newUnreviewed: 2 });
  });

  it('asks about unreviewed new connections first', () => {
    const { review } = analyseNetwork(
      input({
        connections: [
          connection('old-recent', { connectedOn: '2026-11-20' }),
          connection('new', { change: { kind: 'new' }, connectedOn: '2026-10-01' }),
        ],
      }),
    );
    expect(review.map((r) => r.person.id)).toEqual(['new', 'old-recent']);
  });

  it('reports removed connections, never a negative count', () => {
    expect(changes([], 4).removed).toBe(4);
    expect(changes([], -1).removed).toBe(0);
  });

  it.each([
    ['a new company', moved('a', 'known', ['Initech', 'CTO'], ['Hooli', 'CEO'], 'Ana'), 'Ana Lee moved from Initech to Hooli as CEO. Congratulate them: a real reason to get back in touch.'],
    ['a new role, same company (suffixes aside)', moved('a', 'close', ['Acme Inc', 'Engineer'], ['ACME', 'Lead Engineer'], 'Ana'), 'Ana Lee is now Lead Engineer at ACME. Congratulate them: a real reason to get back in touch.'],
    ['an unknown previous job', moved('a', 'known', [null, null], ['Hooli', 'CEO'], 'Ana'), 'Ana Lee is now CEO at Hooli. Congratulate them: a real reason to get back in touch.'],
    ['a new company without a title', moved('a', 'known', ['Initech', 'CTO'], ['Hooli', ''], 'Ana'), 'Ana Lee moved from Initech to Hooli. Congratulate them: a real reason to get back in touch.'],
    ['no title anywhere', moved('a', 'known', [null, null], ['Hooli', ''], 'Ana'), 'Ana Lee has a new role at Hooli. Congratulate them: a real reason to get back in touch.'],
    ['leaving with no new employer', moved('a', 'known', ['Initech', 'CTO'], ['', ''], 'Ana'), 'Ana Lee has moved on from Initech: a good moment to ask how they are and whether you can help.'],
  ])('prompts to congratulate a known tie on %s', (_, c, prompt) => {
    expect(changes([c]).jobChanges[0]?.congratulate).toBe(prompt);
  });

  it.each([['unknown' as const], [null]])('does not prompt for a tie that is %s', (tie) => {
    const [change] = changes([moved('a', tie, ['Initech', 'CTO'], ['Hooli', 'CEO'])]).jobChanges;
    expect(change).toEqual({
      person: { id: 'a', name: 'a Lee', company: 'Hooli', position: 'CEO', profileUrl: 'https://www.linkedin.com/in/member-a' },
      tie,
      previousCompany: 'Initech',
      previousPosition: 'CTO',
      congratulate: null,
    });
  });

  it('lists close ties first, then known, then the rest by name', () => {
    const list = changes([
      moved('1', null, ['A', 'x'], ['B', 'y'], 'Zoë'),
      moved('2', 'known', ['A', 'x'], ['B', 'y'], 'Bea'),
      moved('3', 'unknown', ['A', 'x'], ['B', 'y'], 'Émile'),
      moved('4', 'close', ['A', 'x'], ['B', 'y'], 'Yan'),
      moved('5', 'known', ['A', 'x'], ['B', 'y'], 'Al'),
    ]).jobChanges.map((j) => j.person.name);
    expect(list).toEqual(['Yan Lee', 'Al Lee', 'Bea Lee', 'Émile Lee', 'Zoë Lee']);
  });
});
