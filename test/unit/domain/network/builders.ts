import type { Evidence } from '../../../../domain/linkedin-export/types.ts';
import type { AnalysisInput, ConnectionFacts, StrategyAnswers } from '../../../../domain/network/types.ts';
import { emptyEvidence } from '../../../../domain/linkedin-export/evidence.ts';
import { connectionOnly } from '../../../../domain/network/prepare.ts';

/** A fixed "now" for every test: a Monday morning, so day arithmetic is easy to check by hand. */
export const NOW = new Date('2026-11-23T08:00:00.000Z');
const DAY = 86_400_000;

/** A timestamp `days` before NOW. */
export function daysAgo(days: number): string {
  return new Date(NOW.getTime() - days * DAY).toISOString();
}

/** A 'YYYY-MM-DD' date `days` before NOW. */
export function dateDaysAgo(days: number): string {
  return daysAgo(days).slice(0, 10);
}

export function evidence(overrides: Partial<Evidence> = {}): Evidence {
  return { ...emptyEvidence(), ...overrides };
}

/** Strong evidence: a conversation both ways. */
export const TALKED = evidence({ messagesIn: 3, messagesOut: 2, twoWayThreads: 1, lastMessageAt: daysAgo(200) });

/** An old, unreviewed connection with nothing in the export about them. */
export function connection(id: string, overrides: Partial<ConnectionFacts> = {}): ConnectionFacts {
  return {
    ...connectionOnly({ id, firstName: `First${id}`, lastName: `Last${id}`, company: '', position: '', profileUrl: `https://www.linkedin.com/in/member-${id}` }),
    connectedOn: dateDaysAgo(1000),
    ...overrides,
  };
}

/** Every question answered, nothing that triggers a gap. */
export function strategy(overrides: Partial<StrategyAnswers> = {}): StrategyAnswers {
  return {
    purposes: ['job_search'],
    gain: 'A product role at a company I admire',
    targets: [],
    profileConfidence: 'yes',
    numbersFocus: false,
    ...overrides,
  };
}

/** A subscriber with a fresh export, a complete profile and all questions answered. */
export function input(overrides: Partial<AnalysisInput> = {}): AnalysisInput {
  return {
    now: NOW,
    reviewSize: 5,
    strategy: strategy({ targets: [{ kind: 'company', value: 'Nowhere Ltd' }] }),
    subscriberName: 'Alex Morgan',
    profile: { hasHeadline: true, hasSummary: true },
    lastExportAt: daysAgo(3),
    connections: [],
    removedSinceLastImport: 0,
    tipsSentAt: {},
    previousQuality: null,
    previousDigestAt: null,
    history: [],
    ...overrides,
  };
}
