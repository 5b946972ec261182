import type { Evidence } from '../domain/linkedin-export/types.ts';
import type { AnalysisInput, ConnectionFacts, Purpose, Target, Tie } from '../domain/network/types.ts';

/**
 * Seeded random networks for the property test and the benchmark: the same seed always gives the
 * same network. Companies come in spelling variants (suffixes, accents, case) so matching is
 * exercised, and a few big employers dominate as in real networks.
 */

/** mulberry32: small, fast, and plenty for fixtures. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMPANIES = [
  ['Acme', 'ACME, Inc.', 'Acme Inc', 'acme'],
  ['Société Générale', 'Societe Generale S.A.', 'SOCIÉTÉ GÉNÉRALE'],
  ['Globex GmbH', 'Globex', 'Globex Gmbh & Co. KG'],
  ['Initech Ltd', 'Initech', 'Initech Limited'],
  ['Nestlé', 'Nestle S.A.'],
  ['Hooli', 'Hooli LLC'],
  ['Umbrella Corporation', 'Umbrella Corp.'],
  ['Müller Logistik AG', 'Muller Logistik'],
  ['Stark Industries', 'The Stark Industries'],
  ['Wayne Enterprises Inc.'],
  [''],
];
const POSITIONS = [
  'Software Engineer',
  'Senior Software Engineer',
  'Product Manager',
  'Senior Product Manager',
  'Head of Data',
  'Data Scientist',
  'Recruiter',
  'Talent Acquisition Partner',
  'Account Executive',
  'Founder & CEO',
  'Fintech Consultant',
  'Marketing Lead',
  'Ingénieure logiciel',
  '',
];
const FIRST = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Eve', 'Farah', 'Gustav', 'Hana', 'Ibrahim', 'Jürgen', 'Kim', 'Lars', 'Zoë'];
const LAST = ['Ruiz', 'Okafor', 'Lefèvre', 'Ivanov', 'Smith', 'Haddad', 'Nyström', 'Sato', 'Diallo', 'Weiß', 'Park', 'Berg'];
const TIES: Array<Tie | null> = ['unknown', 'known', 'close'];
const PURPOSES: Purpose[] = ['job_search', 'clients', 'hiring', 'learning', 'staying_in_touch', 'other'];
export const ALL_TARGETS: readonly Target[] = [
  { kind: 'company', value: 'Acme' },
  { kind: 'company', value: 'societe generale' },
  { kind: 'company', value: 'Globex' },
  { kind: 'company', value: 'Company 17 Ltd' },
  { kind: 'role', value: 'product manager' },
  { kind: 'role', value: 'Head of Data' },
  { kind: 'industry', value: 'fintech' },
  { kind: 'keyword', value: 'data' },
  { kind: 'company', value: 'Nobody Works Here GmbH' },
];

const DAY = 86_400_000;

export interface NetworkOptions {
  size: number;
  /** Share of connections the subscriber has answered. */
  reviewed?: number;
  now?: Date;
}

export function generateNetwork(seed: number, { size, reviewed = 0.3, now = new Date('2026-11-23T08:00:00.000Z') }: NetworkOptions): AnalysisInput {
  const random = prng(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number) => random() < p;
  const int = (max: number) => Math.floor(random() * (max + 1));
  const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();

  const company = () => {
    // A few named employers take a third of the network; the long tail is "Company N".
    if (chance(0.35)) return pick(pick(COMPANIES));
    return `Company ${Math.floor(random() ** 2 * 3000)}${chance(0.3) ? ' Ltd' : ''}`;
  };

  const evidenceFor = (): Evidence | null => {
    if (chance(0.4)) return null;
    const twoWay = chance(0.15) ? 1 + int(4) : 0;
    const direction = pick(['incoming', 'outgoing', null] as const);
    return {
      messagesIn: twoWay > 0 ? twoWay + int(10) : chance(0.2) ? 1 + int(3) : 0,
      messagesOut: twoWay > 0 ? twoWay + int(10) : chance(0.1) ? 1 : 0,
      twoWayThreads: twoWay,
      lastMessageAt: twoWay > 0 ? ago(int(2000)) : null,
      invitationDirection: direction,
      invitationNote: direction !== null && chance(0.2) ? 'Great to meet you at the conference' : null,
      invitationSentAt: direction !== null ? ago(int(3000)) : null,
      recommendationsReceived: chance(0.03) ? 1 : 0,
      recommendationsGiven: chance(0.02) ? 1 : 0,
      recommendationMatch: pick(['url', 'url', 'name'] as const),
      endorsementsReceived: chance(0.1) ? 1 + int(3) : 0,
      endorsementsGiven: chance(0.05) ? 1 : 0,
      sharedEmployer: chance(0.05) ? 'Acme' : null,
    };
  };

  const connections: ConnectionFacts[] = [];
  for (let i = 0; i < size; i++) {
    const tie = chance(reviewed) ? pick(TIES) : null;
    const changeRoll = random();
    const facts: Omit<ConnectionFacts, 'formerEmployers'> = {
      id: `c${String(i).padStart(6, '0')}`,
      firstName: pick(FIRST),
      lastName: pick(LAST),
      company: company(),
      position: pick(POSITIONS),
      connectedOn: chance(0.02) ? null : ago(Math.floor(random() ** 2 * 4000)).slice(0, 10),
      // Derived, not drawn, so that seeds keep giving the networks they gave before.
      profileUrl: `https://www.linkedin.com/in/member-${i}`,
      evidence: evidenceFor(),
      tie,
      tieAt: tie === null ? null : ago(10),
      lastShownAt: chance(0.1) ? ago(int(60)) : null,
      lastSkippedAt: chance(0.05) ? ago(int(60)) : null,
      introSuggestedAt: chance(0.05) ? ago(int(60)) : null,
      change:
        changeRoll < 0.03
          ? { kind: 'new' }
          : changeRoll < 0.05
            ? { kind: 'job_change', previousCompany: company(), previousPosition: pick(POSITIONS) }
            : null,
    };
    // The employer a job change left, seen at the latest upload (no extra draws: seeds stay comparable).
    const left = facts.change?.kind === 'job_change' ? facts.change.previousCompany : null;
    connections.push({ ...facts, formerEmployers: left ? [{ company: left, leftAt: ago(7) }] : [] });
  }

  const targets = ALL_TARGETS.filter(() => chance(0.6));
  const previous = (quality: AnalysisInput['previousQuality']) => ({ previousQuality: quality, previousDigestAt: quality ? ago(7) : null, history: [] });
  return {
    now,
    reviewSize: 1 + int(9),
    strategy: chance(0.1)
      ? null
      : {
          purposes: PURPOSES.filter(() => chance(0.3)),
          gain: chance(0.7) ? 'A role where I can grow' : null,
          targets,
          profileConfidence: pick(['yes', 'partly', 'no', null] as const),
          numbersFocus: pick([true, false, null] as const),
        },
    subscriberName: chance(0.8) ? 'Alex Morgan' : null,
    profile: chance(0.9) ? { hasHeadline: chance(0.8), hasSummary: chance(0.6) } : null,
    lastExportAt: chance(0.9) ? ago(int(120)) : null,
    connections,
    removedSinceLastImport: int(20),
    tipsSentAt: chance(0.5) ? { 'general-congratulate': ago(int(100)), 'backlog-steady': ago(int(100)) } : {},
    ...previous(chance(0.5) ? { knownShare: random() * 0.5, evidenceShare: random() * 0.6 } : null),
  };
}
