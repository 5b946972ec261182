import { describe, expect, it } from 'vitest';
import {
  analyseNetwork,
  INTRO_REPEAT_DAYS,
  MAX_INTRODUCTIONS,
  type ConnectionFacts,
  type IntroOpportunity,
  type Target,
} from '../../../../domain/network/index.ts';
import { connection, daysAgo, evidence, input, strategy, TALKED } from './builders.ts';

const intros = (connections: ConnectionFacts[], targets: Target[], overrides: Parameters<typeof input>[0] = {}): IntroOpportunity[] =>
  analyseNetwork(input({ connections, strategy: strategy({ targets }), ...overrides })).introductions;
const paths = (items: IntroOpportunity[]) => items.map((o) => (o.to ? `${o.via.id}->${o.to.id}` : o.via.id));
const gapKinds = (connections: ConnectionFacts[], targets: Target[]) =>
  analyseNetwork(input({ connections, strategy: strategy({ targets }) })).gaps.map((g) => g.kind);

const company = (value: string): Target => ({ kind: 'company', value });
const role = (value: string): Target => ({ kind: 'role', value });

describe('introductions: matching targets', () => {
  it.each([
    ['exact', 'Acme', 'Acme'],
    ['case', 'ACME', 'acme'],
    ['suffix', 'Acme', 'Acme, Inc.'],
    ['suffix on the target', 'Acme GmbH', 'ACME'],
    ['accents', 'Societe Generale', 'Société Générale S.A.'],
    ['accents on the target', 'Société Générale', 'SOCIETE GENERALE'],
    ['German legal forms', 'Globex', 'Globex GmbH & Co. KG'],
    ['a leading "The"', 'Stark Industries', 'The Stark Industries'],
  ])('a company target matches across %s (%j ~ %j)', (_, target, employer) => {
    const found = intros([connection('x', { tie: 'known', company: employer })], [company(target)]);
    expect(paths(found)).toEqual(['x']);
    expect(found[0]?.kind).toBe('ask_contact');
  });

  it('asks someone close who left a target company, after the job change between two uploads', () => {
    const anna = connection('anna', { tie: 'close', firstName: 'Anna', lastName: 'Berg', company: 'Globex', formerEmployers: [{ company: 'Northwind', leftAt: '2026-03-10T08:00:00.000Z' }] });
    const found = intros([anna], [company('Northwind')]);
    expect(paths(found)).toEqual(['anna']);
    expect(found[0]?.why).toContain('Anna Berg left Northwind for Globex in March, will still know people there');
    expect(found[0]?.draft.body).toContain('Northwind');
    // Only someone close: a known tie who left is no warm path yet.
    expect(intros([{ ...anna, tie: 'known' }], [company('Northwind')])).toEqual([]);
    // Someone who works there now comes first.
    const now = connection('now', { tie: 'close', company: 'Northwind' });
    expect(paths(intros([anna, now], [company('Northwind')]))).toEqual(['now', 'anna']);
  });

  it('matches a country or unit of a target company and says why, both asking them and meeting someone there', () => {
    const asked = intros([connection('x', { tie: 'known', company: 'KPMG India' })], [company('KPMG')]);
    expect(paths(asked)).toEqual(['x']);
    expect(asked[0]?.why).toContain('KPMG India counts as KPMG.');
    const met = intros(
      [connection('friend', { tie: 'close', company: 'Deloitte USI' }), connection('stranger', { tie: 'unknown', company: 'Deloitte USI' })],
      [company('Deloitte')],
    );
    expect(met.find((o) => o.to)?.why).toContain('Deloitte USI counts as Deloitte.');
  });

  it.each([
    ['a different company', company('Acme'), { company: 'Acme Labs' }],
    ['a company named only in the position', company('Acme'), { company: 'Globex', position: 'Ex-Acme engineer' }],
    ['a role inside a longer word', role('engineer'), { position: 'Engineering Manager' }],
    ['a role only in the company name', role('product manager'), { company: 'Product Manager Inc', position: 'CEO' }],
  ])('does not match %s', (_, target, overrides) => {
    expect(intros([connection('x', { tie: 'known', ...overrides })], [target])).toEqual([]);
  });

  it.each<[string, Target, Partial<ConnectionFacts>]>([
    ['a role in the position', role('Product Manager'), { position: 'Senior Product Manager', company: 'Globex' }],
    ['a role with accents', role('ingenieure'), { position: 'Ingénieure logiciel' }],
    ['an industry in the position', { kind: 'industry', value: 'Fintech' }, { position: 'Fintech consultant' }],
    ['an industry in the company', { kind: 'industry', value: 'fintech' }, { company: 'Fintech Partners Ltd' }],
    ['a keyword in the position', { kind: 'keyword', value: 'data' }, { position: 'Head of Data' }],
    ['a keyword in the company', { kind: 'keyword', value: 'logistik' }, { company: 'Müller Logistik AG' }],
  ])('matches %s', (_, target, overrides) => {
    expect(paths(intros([connection('x', { tie: 'close', ...overrides })], [target]))).toEqual(['x']);
  });
});

describe('introductions: only through known and close ties', () => {
  it.each([
    ['unknown', 'unknown'],
    ['unreviewed', null],
  ] as const)('never proposes a path through someone %s, and names the gap instead', (_, tie) => {
    const connections = [connection('x', { tie, company: 'Acme', evidence: TALKED })];
    expect(intros(connections, [company('Acme')])).toEqual([]);
    expect(gapKinds(connections, [company('Acme')])).toContain('targets_without_contact');
  });

  it('puts close ties first', () => {
    const connections = [
      connection('known-warm', { tie: 'known', company: 'Acme', evidence: evidence({ twoWayThreads: 9 }) }),
      connection('close-cold', { tie: 'close', company: 'Acme' }),
    ];
    expect(paths(intros(connections, [company('Acme')]))).toEqual(['close-cold', 'known-warm']);
  });

  it('orders equally close ties by warmth, then id', () => {
    const connections = [
      connection('b', { tie: 'known', company: 'Acme', evidence: evidence({ twoWayThreads: 1 }) }),
      connection('a', { tie: 'known', company: 'Acme', evidence: evidence({ twoWayThreads: 1 }) }),
      connection('c', { tie: 'known', company: 'Acme', evidence: evidence({ twoWayThreads: 1, recommendationsGiven: 1 }) }),
      connection('d', { tie: 'known', company: 'Acme', evidence: evidence({ twoWayThreads: 3 }) }),
    ];
    expect(paths(intros(connections, [company('Acme')]))).toEqual(['d', 'c', 'a']);
  });

  it('asks a colleague to introduce the subscriber to someone there they do not know', () => {
    const connections = [
      connection('x', { tie: 'close', company: 'Acme Inc', position: 'Engineer', firstName: 'Priya', lastName: 'Patel' }),
      connection('y', { tie: 'unknown', company: 'ACME', position: 'Head of Product', firstName: 'Sam', lastName: 'Lee' }),
    ];
    const [only, ...rest] = intros(connections, [company('Acme')]);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      kind: 'introduction',
      targetLabel: 'Acme',
      via: { id: 'x', name: 'Priya Patel', tie: 'close' },
      to: { id: 'y', name: 'Sam Lee', company: 'ACME', position: 'Head of Product' },
      title: 'Ask Priya Patel to introduce you to Sam Lee',
      why: 'You are connected to Sam Lee (Head of Product at ACME) but do not know them. Priya Patel works with them and knows you well: ask Priya to introduce you properly.',
    });
  });

  it('reaches a target role through a known colleague of the person in it', () => {
    const connections = [
      connection('x', { tie: 'known', company: 'Globex GmbH', position: 'Sales' }),
      connection('y', { tie: 'unknown', company: 'Globex', position: 'Senior Product Manager' }),
      connection('z', { tie: 'unknown', company: 'Initech', position: 'Product Manager' }),
    ];
    expect(paths(intros(connections, [role('product manager')]))).toEqual(['x->y']);
    expect(gapKinds(connections, [role('product manager')])).not.toContain('targets_without_contact');
  });

  it('prefers someone in the target role over a colleague of someone in it', () => {
    const connections = [
      connection('pm', { tie: 'known', company: 'Globex', position: 'Product Manager' }),
      connection('colleague', { tie: 'close', company: 'Initech', position: 'Sales' }),
      connection('stranger', { tie: 'unknown', company: 'Initech', position: 'Product Manager' }),
    ];
    // Close first still wins; among equals, the person in the role comes before the colleague.
    expect(paths(intros(connections, [role('product manager')]))).toEqual(['colleague->stranger', 'pm']);
    const known = connections.map((c) => ({ ...c, tie: c.tie === 'close' ? ('known' as const) : c.tie }));
    expect(paths(intros(known, [role('product manager')]))).toEqual(['pm', 'colleague->stranger']);
  });

  it('never treats people without a company as colleagues', () => {
    const connections = [
      connection('x', { tie: 'close', company: '' }),
      connection('y', { tie: 'unknown', company: '', position: 'Product Manager' }),
    ];
    expect(intros(connections, [role('product manager')])).toEqual([]);
  });

  it('introduces to the stranger who matches most targets first', () => {
    const connections = [
      connection('x', { tie: 'known', company: 'Acme' }),
      connection('y1', { tie: 'unknown', company: 'Acme', position: 'Sales', lastName: 'Aaron' }),
      connection('y2', { tie: 'unknown', company: 'Acme', position: 'Product Manager', lastName: 'Zed' }),
    ];
    expect(paths(intros(connections, [company('Acme'), role('product manager')]))).toEqual(['x->y2']);
  });
});

describe('introductions: a short, varied list', () => {
  it(`proposes at most ${MAX_INTRODUCTIONS}, one per target before any second, in the subscriber's order`, () => {
    const targets = ['A', 'B', 'C', 'D'].map(company);
    const connections = targets.flatMap((t) => [1, 2].map((n) => connection(`${t.value}${n}`, { tie: 'known', company: t.value })));
    expect(paths(intros(connections, targets))).toEqual(['A1', 'B1', 'C1']);
    expect(paths(intros(connections, targets.slice(0, 2)))).toEqual(['A1', 'B1', 'A2']);
  });

  it('never names the same person twice in a digest', () => {
    const connections = [
      connection('x', { tie: 'close', company: 'Acme', position: 'Product Manager' }),
      connection('x2', { tie: 'known', company: 'Acme', position: 'Engineer' }),
      connection('y', { tie: 'unknown', company: 'Acme', position: 'Designer' }),
    ];
    const found = intros(connections, [company('Acme'), role('product manager'), { kind: 'keyword', value: 'acme' }]);
    const people = found.flatMap((o) => [o.via.id, ...(o.to ? [o.to.id] : [])]);
    expect(new Set(people).size).toBe(people.length);
    expect(paths(found)).toEqual(['x->y', 'x2']);
  });

  it.each([
    [INTRO_REPEAT_DAYS - 1, []],
    [INTRO_REPEAT_DAYS, ['x']],
  ])('rests someone proposed %i days ago: %j', (days, expected) => {
    const connections = [connection('x', { tie: 'known', company: 'Acme', introSuggestedAt: daysAgo(days) })];
    expect(paths(intros(connections, [company('Acme')]))).toEqual(expected);
    // A rested path is still a path: no "no one you know" gap meanwhile.
    expect(gapKinds(connections, [company('Acme')])).not.toContain('targets_without_contact');
  });

  it('moves on to the next person while the first rests', () => {
    const connections = [
      connection('x', { tie: 'close', company: 'Acme', introSuggestedAt: daysAgo(7) }),
      connection('z', { tie: 'known', company: 'Acme' }),
    ];
    expect(paths(intros(connections, [company('Acme')]))).toEqual(['z']);
  });

  it('ignores blank and repeated targets', () => {
    const connections = [connection('x', { tie: 'known', company: 'Acme' }), connection('z', { tie: 'known', company: 'Acme' })];
    const found = intros(connections, [company('  '), company('Acme'), company('ACME Inc.'), { kind: 'role', value: '!!' }]);
    expect(found.map((o) => o.targetLabel)).toEqual(['Acme', 'Acme']);
  });
});

describe('introductions: drafts the subscriber edits and sends', () => {
  it('writes a question to the contact at a target company', () => {
    const [o] = intros([connection('x', { tie: 'known', firstName: 'Dana', lastName: 'Kim', company: 'Acme GmbH' })], [company('Acme')], {
      subscriberName: 'Alex Morgan',
    });
    expect(o).toMatchObject({
      kind: 'ask_contact',
      // The company as a sentence says it; the legal form only made it longer.
      title: 'Talk to Dana Kim about Acme',
      why: 'Dana Kim works at Acme and knows you: ask about the team or the role.',
      to: null,
    });
    expect(o?.draft).toEqual({
      subject: 'A question about Acme',
      body: [
        'Hi Dana,',
        'I am thinking about my next career step.',
        'Would you have 20 minutes in the next couple of weeks to tell me about the team and the work at Acme? I would value your honest view.',
        'Thank you,\nAlex Morgan',
      ].join('\n\n'),
    });
  });

  it('writes an introduction request through a colleague', () => {
    const [o] = intros(
      [
        connection('x', { tie: 'close', firstName: 'Priya', lastName: 'Patel', company: 'Globex' }),
        connection('y', { tie: 'unknown', firstName: 'Sam', lastName: 'Lee', company: 'Globex', position: 'Head of Data' }),
      ],
      [role('head of data')],
      { strategy: strategy({ targets: [role('head of data')], purposes: ['hiring'] }), subscriberName: null },
    );
    expect(o?.draft.subject).toBe('Could you introduce me to Sam?');
    expect(o?.draft.body).toBe(
      [
        'Hi Priya,',
        'I see that you work with Sam Lee, Head of Data at Globex. We are connected on LinkedIn but have never really talked, and I would like to change that. I am hiring and would value their perspective.',
        'Would you be comfortable introducing us? A short email to both of us would be perfect, and I am happy to send you a few lines about me to forward.',
        'Thank you,',
      ].join('\n\n'),
    );
  });

  it.each([
    ['job_search', 'I am thinking about my next career step.'],
    ['clients', 'I am looking at where my work could help teams like yours.'],
    ['hiring', 'I am hiring, and I want to learn from people who know the field.'],
    ['learning', 'I am trying to learn more about the field.'],
    ['staying_in_touch', 'It has been a while, and I would love to catch up.'],
    ['other', 'I have been thinking about where I want to go next.'],
  ] as const)('gives the first purpose (%s) as the reason', (purpose, line) => {
    const [o] = intros([connection('x', { tie: 'known', company: 'Acme' })], [company('Acme')], {
      strategy: strategy({ targets: [company('Acme')], purposes: [purpose, 'other'] }),
    });
    expect(o?.draft.body.split('\n\n')[1]).toBe(line);
  });

  it.each<[Target, Partial<ConnectionFacts>, string]>([
    [role('Product Manager'), { position: 'Senior Product Manager', company: 'Initech' }, 'X Y is Senior Product Manager at Initech and knows you: ask what the work is really like.'],
    [{ kind: 'industry', value: 'fintech' }, { position: 'Fintech Consultant', company: '' }, 'X Y (Fintech Consultant) fits "fintech", one of your targets, and knows you: ask about their work.'],
  ])('explains a %j match', (target, overrides, why) => {
    const [o] = intros([connection('x', { tie: 'known', firstName: 'X', lastName: 'Y', ...overrides })], [target]);
    expect(o?.why).toBe(why);
    expect(o?.draft.subject).toBe('A question about your work');
  });

  it('greets plainly when the contact has no first name', () => {
    const [o] = intros([connection('x', { tie: 'known', firstName: '', lastName: 'Solo', company: 'Acme' })], [company('Acme')]);
    expect(o?.draft.body.startsWith('Hi,\n\n')).toBe(true);
  });
});
