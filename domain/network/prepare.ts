import { displayName as showName } from '../../emails/display-name.ts';
import { evidenceLevel, recommendations, type EvidenceLevel } from './evidence.ts';
import { companyKeyOf, normaliseText, readableCompany } from './normalise.ts';
import { toMs } from './time.ts';
import type { ConnectionFacts, PersonRef } from './types.ts';

const LEVELS: readonly EvidenceLevel[] = ['none', 'weak', 'strong'];

/** Hands out one id per distinct string, normalising each only once. */
class Vocabulary<T> {
  readonly values: T[] = [];
  private readonly ids = new Map<string, number>();

  constructor(private readonly normalise: (raw: string) => T) {}

  idOf(raw: string): number {
    let id = this.ids.get(raw);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(this.normalise(raw));
      this.ids.set(raw, id);
    }
    return id;
  }
}

/**
 * The subscriber's connections with what every rule looks at computed once, addressed by index in
 * the input list. Derived values sit in typed columns rather than an object per person: at 30,000
 * connections the objects alone cost more garbage collection than all the rules together. Company
 * names and positions are normalised once per distinct name, since a network repeats the same
 * employers and titles thousands of times.
 */
export class PreparedNetwork {
  readonly size: number;
  /** Distinct company names as written: `text` for keyword search, `key` for "same employer". */
  readonly companies: ReadonlyArray<{ text: string; key: string }>;
  /** Distinct positions, normalised. */
  readonly positions: readonly string[];
  private readonly companyIds: Int32Array;
  private readonly positionIds: Int32Array;
  private readonly employerIds: Int32Array;
  private readonly levels: Uint8Array;
  private readonly connected: Float64Array;

  constructor(readonly facts: readonly ConnectionFacts[]) {
    const size = facts.length;
    const companies = new Vocabulary((raw) => {
      const text = normaliseText(raw);
      return { text, key: companyKeyOf(text) };
    });
    const positions = new Vocabulary(normaliseText);
    this.size = size;
    this.companyIds = new Int32Array(size);
    this.positionIds = new Int32Array(size);
    this.levels = new Uint8Array(size);
    this.connected = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      const f = facts[i] as ConnectionFacts;
      this.companyIds[i] = companies.idOf(f.company);
      this.positionIds[i] = positions.idOf(f.position);
      this.levels[i] = LEVELS.indexOf(evidenceLevel(f.evidence));
      this.connected[i] = toMs(f.connectedOn) ?? Number.NaN;
    }
    this.companies = companies.values;
    this.positions = positions.values;

    // Employers: distinct company keys ("Acme Inc" and "ACME" are one), -1 when unknown.
    const employers = new Vocabulary((key) => key);
    const employerOfCompany = this.companies.map(({ key }) => (key === '' ? -1 : employers.idOf(key)));
    this.employerIds = this.companyIds.map((id) => employerOfCompany[id] ?? -1);
  }

  fact(i: number): ConnectionFacts {
    return this.facts[i] as ConnectionFacts;
  }

  level(i: number): EvidenceLevel {
    return LEVELS[this.levels[i] ?? 0] ?? 'none';
  }

  connectedMs(i: number): number | null {
    const ms = this.connected[i] ?? Number.NaN;
    return Number.isNaN(ms) ? null : ms;
  }

  companyId(i: number): number {
    return this.companyIds[i] ?? 0;
  }

  positionId(i: number): number {
    return this.positionIds[i] ?? 0;
  }

  /** People with the same employer id work at the same company; -1 means the company is unknown. */
  employerId(i: number): number {
    return this.employerIds[i] ?? -1;
  }

  isTrusted(i: number): boolean {
    const tie = this.fact(i).tie;
    return tie === 'known' || tie === 'close';
  }
}

/** A connection's name as every digest, page and draft shows it (see emails/display-name.ts). */
export function displayName(facts: ConnectionFacts): string {
  return showName(`${facts.firstName} ${facts.lastName}`) || 'Unnamed connection';
}

/** A connection's first name by the same rule, '' when there is none. */
export function firstNameOf(facts: ConnectionFacts): string {
  return showName(facts.firstName);
}

/** A connection of whom nothing is known but who and where they are: no date, evidence, tie or history. */
export function connectionOnly(who: Pick<ConnectionFacts, 'id' | 'firstName' | 'lastName' | 'company' | 'position' | 'profileUrl'>): ConnectionFacts {
  return {
    ...who,
    connectedOn: null,
    evidence: null,
    tie: null,
    tieAt: null,
    lastShownAt: null,
    lastSkippedAt: null,
    introSuggestedAt: null,
    change: null,
    formerEmployers: [],
  };
}

export function personOf(facts: ConnectionFacts): PersonRef {
  return { id: facts.id, name: displayName(facts), company: readableCompany(facts.company), position: facts.position.replace(/\s+/gu, ' ').trim(), profileUrl: facts.profileUrl };
}

/** The stable last key of every ordering, so equal ranks never depend on input order. */
export function compareIds(a: ConnectionFacts, b: ConnectionFacts): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const names = new Intl.Collator('en', { sensitivity: 'base' });

/** By last name, then first name, as an address book sorts; accents do not push "Émile" past "Zoe". */
export function compareNames(a: ConnectionFacts, b: ConnectionFacts): number {
  return names.compare(a.lastName, b.lastName) || names.compare(a.firstName, b.firstName);
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
export function compareWarmth(a: ConnectionFacts, b: ConnectionFacts): number {
  const tie = Number(b.tie === 'close') - Number(a.tie === 'close');
  if (tie !== 0) return tie;
  const threads = (b.evidence?.twoWayThreads ?? 0) - (a.evidence?.twoWayThreads ?? 0);
  if (threads !== 0) return threads;
  const recs = recommendations(b.evidence) - recommendations(a.evidence);
  if (recs !== 0) return recs;
  return compareNewestFirst(toMs(a.evidence?.lastMessageAt), toMs(b.evidence?.lastMessageAt)) || compareIds(a, b);
}
