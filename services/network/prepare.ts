import { evidenceLevel, evidenceSignals, recommendations, type EvidenceLevel } from './evidence.ts';
import { normaliseCompany, normaliseText } from './normalise.ts';
import { toMs } from './time.ts';
import type { ConnectionFacts, PersonRef, ReviewSignal } from './types.ts';

/** A connection with everything the rules look at computed once, so every rule is a cheap pass. */
export interface PreparedConnection {
  /** Position in the input list. */
  index: number;
  facts: ConnectionFacts;
  /** Evidence signs, strongest first. */
  signals: ReviewSignal[];
  level: EvidenceLevel;
  connectedMs: number | null;
  lastMessageMs: number | null;
  /** '' when the company is unknown: an empty company makes nobody colleagues. */
  companyKey: string;
  positionText: string;
  /** Company and position together, for industry and keyword targets. */
  text: string;
}

/** Normalises each distinct string once: a network repeats the same employers and titles thousands of times. */
function cached(fn: (s: string) => string): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    let out = seen.get(s);
    if (out === undefined) {
      out = fn(s);
      seen.set(s, out);
    }
    return out;
  };
}

export function prepareConnections(connections: readonly ConnectionFacts[]): PreparedConnection[] {
  const company = cached(normaliseCompany);
  const text = cached(normaliseText);
  return connections.map((facts, index) => {
    const signals = evidenceSignals(facts.evidence);
    const companyText = text(facts.company);
    const positionText = text(facts.position);
    return {
      index,
      facts,
      signals,
      level: evidenceLevel(signals),
      connectedMs: toMs(facts.connectedOn),
      lastMessageMs: toMs(facts.evidence?.lastMessageAt),
      companyKey: company(facts.company),
      positionText,
      text: companyText === '' ? positionText : `${companyText} ${positionText}`,
    };
  });
}

export function displayName(facts: ConnectionFacts): string {
  return `${facts.firstName.trim()} ${facts.lastName.trim()}`.trim() || 'Unnamed connection';
}

export function personOf({ facts }: PreparedConnection): PersonRef {
  return { id: facts.id, name: displayName(facts), company: facts.company, position: facts.position };
}

/** The stable last key of every ordering, so equal ranks never depend on input order. */
export function compareIds(a: PreparedConnection, b: PreparedConnection): number {
  const x = a.facts.id;
  const y = b.facts.id;
  return x < y ? -1 : x > y ? 1 : 0;
}

const names = new Intl.Collator('en', { sensitivity: 'base' });

/** By last name, then first name, as an address book sorts; accents do not push "Émile" past "Zoe". */
export function compareNames(a: PreparedConnection, b: PreparedConnection): number {
  return names.compare(a.facts.lastName, b.facts.lastName) || names.compare(a.facts.firstName, b.facts.firstName);
}

/** Descending by a nullable number, unknowns last. */
export function compareNewestFirst(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}

/**
 * Who to ask for help first: close before known, then more two-way conversations, more
 * recommendations, the more recent message, and finally the id.
 */
export function compareWarmth(a: PreparedConnection, b: PreparedConnection): number {
  const tie = Number(b.facts.tie === 'close') - Number(a.facts.tie === 'close');
  if (tie !== 0) return tie;
  const threads = (b.facts.evidence?.twoWayThreads ?? 0) - (a.facts.evidence?.twoWayThreads ?? 0);
  if (threads !== 0) return threads;
  const recs = recommendations(b.facts.evidence) - recommendations(a.facts.evidence);
  if (recs !== 0) return recs;
  return compareNewestFirst(a.lastMessageMs, b.lastMessageMs) || compareIds(a, b);
}
