import { describe, expect, it } from 'vitest';
import { evidenceLevel, evidenceSignals } from '../../../../domain/network/evidence.ts';
import {
  analyseNetwork,
  MAX_GAPS,
  MAX_INTRODUCTIONS,
  MAX_REVIEW_SIZE,
  normaliseCompany,
  SHOWN_RETURN_DAYS,
  SKIPPED_RETURN_DAYS,
  type Analysis,
  type AnalysisInput,
  type ConnectionFacts,
  type Tie,
} from '../../../../domain/network/index.ts';
import { generateNetwork, prng } from '../../../../dev/generate-network.ts';
import { nameWords, repeatedClauses } from '../../../../domain/digest-items/clauses.ts';

const DAY = 86_400_000;
const SEEDS = Array.from({ length: 300 }, (_, i) => i + 1);

/** A random network of random size and review progress, from one seed. */
function randomInput(seed: number): AnalysisInput {
  const random = prng(seed * 7919);
  const size = Math.floor(random() ** 2 * 600);
  const input = generateNetwork(seed, { size, reviewed: random() });
  // Introductions asked for in past weeks, some due for a follow-up: their sentences are items too.
  const vias = input.connections.filter((c) => c.tie === 'known' || c.tie === 'close').slice(0, Math.floor(random() * 5));
  const openIntroRequests = vias.map((via, i) => {
    const drafted = input.now.getTime() - Math.floor(random() * 40) * DAY;
    return {
      id: `00000000-0000-4000-8000-${String(seed * 10 + i).padStart(12, '0')}`,
      via,
      to: random() < 0.5 ? null : { firstName: 'Mia', lastName: `Chen${i}` },
      targetLabel: ['Globex', 'product manager', 'fintech'][i % 3]!,
      draftedAt: new Date(drafted).toISOString(),
      sentAt: random() < 0.6 ? new Date(drafted + Math.floor(random() * 3) * DAY).toISOString() : null,
      outcome: random() < 0.3 ? ('waiting' as const) : null,
      followupsAsked: Math.floor(random() * 2),
    };
  });
  return { ...input, openIntroRequests };
}

/** Every invariant an analysis must keep, whatever the network. */
function checkInvariants(input: AnalysisInput, analysis: Analysis): void {
  const byId = new Map(input.connections.map((c) => [c.id, c]));
  const tieOf = (id: string) => byId.get(id)?.tie;
  const nowMs = input.now.getTime();
  const recent = (iso: string | null, days: number) => iso !== null && nowMs - Date.parse(iso) < days * DAY;

  // Nothing said twice: no clause of five words or more repeats across the items' sentences.
  const said = [...analysis.followups.map((f) => f.why), ...analysis.review.map((r) => r.why), ...analysis.introductions.map((o) => o.why)];
  const named = [
    ...analysis.followups.flatMap((f) => [f.via.name, f.toName ?? '']),
    ...analysis.review.map((r) => r.person.name),
    ...analysis.introductions.flatMap((o) => [o.via.name, o.to?.name ?? '']),
  ];
  expect(repeatedClauses(said, nameWords(named))).toEqual([]);

  // Introductions go only through known or close ties, to people marked unknown, through a colleague.
  for (const o of analysis.introductions) {
    expect(['known', 'close']).toContain(tieOf(o.via.id));
    expect(o.via.tie).toBe(tieOf(o.via.id));
    if (o.kind === 'introduction') {
      expect(o.to).not.toBeNull();
      expect(tieOf(o.to?.id ?? '')).toBe('unknown');
      expect(normaliseCompany(o.via.company)).toBe(normaliseCompany(o.to?.company ?? ''));
      expect(normaliseCompany(o.via.company)).not.toBe('');
    } else {
      expect(o.to).toBeNull();
    }
  }
  const people = analysis.introductions.flatMap((o) => [o.via.id, ...(o.to ? [o.to.id] : [])]);
  expect(new Set(people).size).toBe(people.length);
  expect(analysis.introductions.length).toBeLessThanOrEqual(MAX_INTRODUCTIONS);
  const closeFirst = analysis.introductions.map((o) => o.via.tie);
  expect(closeFirst).toEqual([...closeFirst].sort((a, b) => Number(a !== 'close') - Number(b !== 'close')));

  // The review asks only about unanswered, rested connections, each once, by evidence.
  const reviewed = analysis.review.map((r) => r.person.id);
  expect(new Set(reviewed).size).toBe(reviewed.length);
  expect(analysis.review.length).toBeLessThanOrEqual(Math.min(MAX_REVIEW_SIZE, Math.max(1, input.reviewSize)));
  for (const item of analysis.review) {
    const c = byId.get(item.person.id) as ConnectionFacts;
    expect(c.tie).toBeNull();
    expect(recent(c.lastSkippedAt, SKIPPED_RETURN_DAYS)).toBe(false);
    expect(recent(c.lastShownAt, SHOWN_RETURN_DAYS)).toBe(false);
    expect(item.kind === 'close').toBe(evidenceLevel(c.evidence) === 'strong');
  }

  // Congratulations only for ties the subscriber knows.
  for (const change of analysis.changes.jobChanges) {
    expect(change.congratulate !== null).toBe(change.tie === 'known' || change.tie === 'close');
  }

  // Each follow-up is due, asked once per stage, about a request still open.
  for (const f of analysis.followups) {
    const request = input.openIntroRequests!.find((r) => r.id === f.introRequestId)!;
    expect(f.stage).toBeGreaterThan(request.followupsAsked);
  }

  expect(analysis.gaps.length).toBeLessThanOrEqual(MAX_GAPS);
  expect(analysis.quality.connections).toBe(input.connections.length);
  expect(analysis.quality.known + analysis.quality.close + analysis.quality.unknown + analysis.quality.unreviewed).toBe(
    input.connections.length,
  );
}

describe('properties over random networks', () => {
  it.each(SEEDS.map((seed) => [seed]))('seed %i keeps every invariant', (seed) => {
    const input = randomInput(seed);
    checkInvariants(input, analyseNetwork(input));
  });

  it('never depends on the order of the connections', () => {
    for (const seed of SEEDS.slice(0, 60)) {
      const input = randomInput(seed);
      const random = prng(seed);
      const shuffled = [...input.connections];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j] as ConnectionFacts, shuffled[i] as ConnectionFacts];
      }
      expect(analyseNetwork({ ...input, connections: shuffled })).toEqual(analyseNetwork(input));
    }
  });

  it('derives the evidence level from the same signs it shows', () => {
    for (const seed of SEEDS.slice(0, 50)) {
      for (const c of randomInput(seed).connections) {
        const signals = evidenceSignals(c.evidence);
        const expected = signals.length === 0 ? 'none' : signals.some((s) => s === 'two_way_threads' || s === 'recommendation') ? 'strong' : 'weak';
        expect(evidenceLevel(c.evidence)).toBe(expected);
      }
    }
  });
});

describe('weeks of answers', () => {
  /**
   * A subscriber answers some items each week, skips some and ignores the rest; the next week's
   * analysis sees those answers. No answered connection may ever be asked about again, and no
   * introduction may route through anyone not marked known or close at that time.
   */
  it.each(SEEDS.slice(0, 40).map((seed) => [seed]))('seed %i: nobody answered is asked about again', (seed) => {
    const random = prng(seed * 31);
    let input = randomInput(seed);
    const answered = new Set(input.connections.filter((c) => c.tie !== null).map((c) => c.id));
    for (let week = 0; week < 16; week++) {
      const analysis = analyseNetwork(input);
      checkInvariants(input, analysis);
      for (const item of analysis.review) expect(answered.has(item.person.id)).toBe(false);

      const stamp = input.now.toISOString();
      const answers = new Map<string, Partial<ConnectionFacts>>();
      for (const item of analysis.review) {
        const roll = random();
        if (roll < 0.5) {
          const tie: Tie = item.kind === 'close' ? (roll < 0.4 ? 'close' : 'known') : (['unknown', 'known', 'close'] as const)[Math.floor(random() * 3)] ?? 'unknown';
          answers.set(item.person.id, { tie, lastShownAt: stamp });
          answered.add(item.person.id);
        } else if (roll < 0.75) {
          answers.set(item.person.id, { lastSkippedAt: stamp, lastShownAt: stamp });
        } else {
          answers.set(item.person.id, { lastShownAt: stamp });
        }
      }
      for (const o of analysis.introductions) answers.set(o.via.id, { ...answers.get(o.via.id), introSuggestedAt: stamp });
      input = {
        ...input,
        now: new Date(input.now.getTime() + 7 * DAY),
        connections: input.connections.map((c) => (answers.has(c.id) ? { ...c, ...answers.get(c.id) } : c)),
      };
    }
  });
});
