import { LF_TRAILING, csvText } from './csv.ts';
import { DAY, shortUs, shortUsPadded, slashUtc } from './dates.ts';
import { type FakeEra, hasProfileUrls } from './era.ts';
import { type Connection, type Identity, makeIdentity, rawUrl, schemelessUrl } from './people.ts';
import { INVITATION_NOTES, RECOMMENDATION_TEXTS, TOPICS } from './pools.ts';
import type { Rng } from './random.ts';

/** Invitations.csv only reaches back about seven months (reference 3.2). */
const INVITATION_WINDOW = 213 * DAY;

interface Invitation {
  other: Identity;
  outgoing: boolean;
  at: number;
  note: string;
}

export interface InvitationsOutput {
  text: string;
  incoming: number;
  outgoing: number;
  withNote: number;
}

function note(rng: Rng, outgoing: boolean, recipient: Identity): string {
  // Notes are rare, and mostly written by the owner when reaching out.
  if (!rng.chance(outgoing ? 0.35 : 0.08)) return '';
  return rng.pick(INVITATION_NOTES).replace('{first}', recipient.given).replace('{topic}', rng.pick(TOPICS));
}

export function makeInvitations(
  rng: Rng,
  era: FakeEra,
  owner: Identity,
  named: readonly Connection[],
  usedKeys: Set<string>,
  exportAt: number,
): InvitationsOutput {
  const windowStart = exportAt - INVITATION_WINDOW;
  const list: Invitation[] = [];
  for (const c of named) {
    if (c.connectedAt < windowStart || !rng.chance(0.92)) continue;
    const outgoing = rng.chance(0.15);
    const at = Math.max(windowStart, c.connectedAt - rng.int(0, 5 * 24 * 60) * 60_000);
    list.push({ other: c, outgoing, at, note: note(rng, outgoing, outgoing ? c : owner) });
  }
  // Pending invitations: their counterparts are not (yet) connections.
  const pending = named.length >= 20 ? Math.min(20, 1 + Math.floor(named.length / 100)) : 0;
  for (let i = 0; i < pending; i++) {
    const other = makeIdentity(rng, usedKeys, null, false);
    const outgoing = rng.chance(0.2);
    list.push({ other, outgoing, at: windowStart + rng.int(0, INVITATION_WINDOW / 60_000) * 60_000, note: note(rng, outgoing, outgoing ? other : owner) });
  }
  // The parser finds the owner's URL through OUTGOING rows; a real window nearly always has one.
  const first = list[0];
  if (first && !list.some((inv) => inv.outgoing)) first.outgoing = true;
  list.sort((a, b) => b.at - a.at);

  const withUrls = hasProfileUrls(era);
  const header = ['From', 'To', 'Sent At', 'Message', 'Direction'];
  if (withUrls) header.push('inviterProfileUrl', 'inviteeProfileUrl');
  const rows = list.map((inv) => {
    const [from, to] = inv.outgoing ? [owner, inv.other] : [inv.other, owner];
    const row = [from.displayName, to.displayName, shortUs(inv.at), inv.note, inv.outgoing ? 'OUTGOING' : 'INCOMING'];
    if (withUrls) row.push(rawUrl(from.slug), rawUrl(to.slug));
    return row;
  });
  return {
    text: csvText(header, rows, LF_TRAILING),
    incoming: list.filter((inv) => !inv.outgoing).length,
    outgoing: list.filter((inv) => inv.outgoing).length,
    withNote: list.filter((inv) => inv.note !== '').length,
  };
}

function distinctPeople(rng: Rng, people: readonly Connection[], count: number): Connection[] {
  const chosen = new Set<Connection>();
  while (chosen.size < Math.min(count, people.length)) chosen.add(rng.pick(people));
  return [...chosen];
}

function between(rng: Rng, from: number, to: number): number {
  return Math.floor((from + (to - from) * rng.float()) / 1000) * 1000;
}

const RECOMMENDATIONS_HEADER = ['First Name', 'Last Name', 'Company', 'Job Title', 'Text', 'Creation Date', 'Status'];
const PRONOUNS = [
  { pronoun: 'She', object: 'her' },
  { pronoun: 'He', object: 'him' },
  { pronoun: 'They', object: 'them' },
];

/** Recommendations name the other person but carry no URL: the parser can only join them by name. */
export function makeRecommendations(rng: Rng, named: readonly Connection[], count: number, received: boolean, exportAt: number): string {
  const withJob = named.filter((c) => c.company !== '');
  const people = distinctPeople(rng, withJob.length >= count ? withJob : named, count);
  const items = people.map((c) => {
    const p = rng.pick(PRONOUNS);
    const text = rng
      .pick(RECOMMENDATION_TEXTS)
      .replaceAll('{first}', c.given)
      .replaceAll('{pronoun}', p.pronoun)
      .replaceAll('{object}', p.object)
      .replaceAll('{company}', c.company || 'our company');
    return { c, text, at: between(rng, c.connectedAt, exportAt) };
  });
  items.sort((a, b) => b.at - a.at);
  const rows = items.map(({ c, text, at }) => [c.first, c.last, c.company, c.position, text, shortUsPadded(at), received ? 'VISIBLE' : '']);
  return csvText(RECOMMENDATIONS_HEADER, rows, LF_TRAILING);
}

export interface Endorsement {
  person: Connection;
  skill: string;
  at: number;
}

export function makeEndorsements(rng: Rng, named: readonly Connection[], people: number, skills: readonly string[], maxSkills: number, exportAt: number): Endorsement[] {
  const list: Endorsement[] = [];
  for (const person of distinctPeople(rng, named, people)) {
    const chosen = new Set<string>();
    const n = rng.int(1, Math.min(maxSkills, skills.length));
    while (chosen.size < n) chosen.add(rng.pick(skills));
    for (const skill of chosen) list.push({ person, skill, at: between(rng, person.connectedAt, exportAt) });
  }
  return list.sort((a, b) => b.at - a.at);
}

export function endorsementsText(era: FakeEra, list: readonly Endorsement[], received: boolean): string {
  const role = received ? 'Endorser' : 'Endorsee';
  const withUrls = hasProfileUrls(era);
  const header = ['Endorsement Date', 'Skill Name', `${role} First Name`, `${role} Last Name`];
  if (withUrls) header.push(`${role} Public Url`);
  header.push('Endorsement Status');
  const rows = list.map((e) => {
    const row = [slashUtc(e.at), e.skill, e.person.first, e.person.last];
    if (withUrls) row.push(schemelessUrl(e.person.slug));
    row.push('ACCEPTED');
    return row;
  });
  return csvText(header, rows, LF_TRAILING);
}

/**
 * The UTF-16 twin seen next to the UTF-8 file in a 2022 export: same endorsements, tab-separated,
 * everything quoted, plus a Display Status column (its values were not recorded; left empty) and one
 * `Redacted` status.
 */
export function endorsementsUtf16Text(list: readonly Endorsement[]): string {
  const header = ['Endorsement Date', 'Skill Name', 'Endorser First Name', 'Endorser Last Name', 'Endorsement Status', 'Display Status'];
  const rows = list.map((e, i) => [slashUtc(e.at), e.skill, e.person.first, e.person.last, i === list.length - 1 && i > 0 ? 'Redacted' : 'ACCEPTED', '']);
  return csvText(header, rows, { separator: '\t', quoteAll: true, eol: '\n', trailingEol: true });
}
