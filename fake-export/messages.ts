import { type CsvStyle, LF_TRAILING, csvText } from './csv.ts';
import { DAY, isoUtc, shortUs } from './dates.ts';
import type { FakeEra } from './era.ts';
import { type Connection, type Identity, connectionsUrl, makeIdentity } from './people.ts';
import {
  COACH_LINES,
  COMPANY_POOL,
  GROUP_LINES,
  GROUP_TITLES,
  OPENERS,
  OUTREACH,
  RECRUITER_BODIES,
  RECRUITER_TITLES,
  REPLIES,
  SPONSORED_BODIES,
  SPONSORED_REPLIES,
  SPONSORED_SUBJECTS,
  TOPICS,
} from './pools.ts';
import { type Rng, at } from './random.ts';

interface Party {
  name: string;
  /** Full, percent-encoded profile URL; '' for `LinkedIn Member` and other non-persons. */
  url: string;
  given: string;
}

interface Message {
  from: Party;
  to: readonly Party[];
  at: number;
  subject: string;
  content: string;
  outgoing: boolean;
}

interface Thread {
  id: string;
  title: string;
  archived: boolean;
  messages: Message[];
}

/** Recruiters write to the owner out of the blue; some are connections, most are not. */
interface Recruiter {
  identity: Identity;
  company: string;
  title: string;
}

type Plan =
  | { kind: 'twoWay' | 'outgoing'; size: number; contact: Connection }
  | { kind: 'group'; size: number; members: Connection[] }
  | { kind: 'incoming'; size: number; recruiter: Recruiter }
  | { kind: 'sponsored'; size: number };

type OneToOnePlan = Extract<Plan, { kind: 'twoWay' | 'outgoing' }>;

export interface MessagesInput {
  rng: Rng;
  total: number;
  era: FakeEra;
  owner: Identity;
  /** The owner's current employer, for lines a contact writes to the owner. */
  ownerCompany: string;
  /** Named connections, any order. */
  connections: readonly Connection[];
  /** Connections that must get a two-way thread if the budget allows (target-company insiders). */
  firstTwoWay: readonly Connection[];
  /** Keys already taken, so invented recruiters never collide with a connection's slug. */
  usedKeys: Set<string>;
  exportAt: number;
}

export interface MessagesOutput {
  text: string;
  rows: number;
  sponsoredRows: number;
  twoWayKeys: string[];
  /** Whether any row carries the owner's profile URL (the parser's fallback for finding the owner). */
  ownerUrlWritten: boolean;
}

const LINKEDIN_MEMBER: Party = { name: 'LinkedIn Member', url: '', given: 'there' };
const COACH: Party = { name: 'LinkedIn Career Coach', url: '', given: 'there' };

function party(identity: Identity): Party {
  return { name: identity.displayName, url: connectionsUrl(identity.slug), given: identity.given };
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

function pickDistinct(rng: Rng, items: readonly Connection[], count: number): Connection[] {
  const chosen = new Set<Connection>();
  while (chosen.size < count) chosen.add(rng.pick(items));
  return [...chosen];
}

function newRecruiter(input: MessagesInput): Recruiter {
  return recruiterFrom(input.rng, makeIdentity(input.rng, input.usedKeys, null, false));
}

function recruiterFrom(rng: Rng, identity: Identity & { company?: string }): Recruiter {
  return { identity, company: identity.company || rng.pick(COMPANY_POOL), title: rng.pick(RECRUITER_TITLES) };
}

/**
 * Splits exactly `total` rows into threads. Two-way 1:1 threads take counterparts from the front of a
 * shuffled queue and one-way threads from the back, so nobody has two 1:1 threads and the two-way set
 * (the parser's strongest evidence) is exact.
 */
function plan(input: MessagesInput): Plan[] {
  const { rng, total } = input;
  const priority = new Set(input.firstTwoWay);
  const queue = [...input.firstTwoWay, ...rng.shuffle(input.connections.filter((c) => !priority.has(c)))];
  let front = 0;
  let back = queue.length;
  const plans: Plan[] = [];
  let remaining = total;
  const add = (p: Plan): void => {
    plans.push(p);
    remaining -= p.size;
  };
  // Tiny budgets go entirely to two-way threads: a test asking for 5 messages wants evidence, not spam.
  const budget = (share: number): number => (total >= 20 ? Math.max(1, Math.round(total * share)) : 0);

  for (let b = budget(0.04); b > 0; ) {
    const size = input.era === '2026' && b >= 2 && rng.chance(0.3) ? 2 : 1;
    add({ kind: 'sponsored', size });
    b -= size;
  }
  for (let b = budget(0.07); b > 0; ) {
    const size = Math.min(b, rng.int(1, 2));
    const fromNetwork = back > front && rng.chance(0.3);
    const recruiter = fromNetwork ? recruiterFrom(rng, at(queue, --back)) : newRecruiter(input);
    add({ kind: 'incoming', size, recruiter });
    b -= size;
  }
  for (let b = budget(0.05); b > 0 && back > front; ) {
    const size = Math.min(b, rng.int(1, 2));
    add({ kind: 'outgoing', size, contact: at(queue, --back) });
    b -= size;
  }
  if (input.connections.length >= 2) {
    for (let b = budget(0.08); b >= 3; ) {
      let size = Math.min(b, rng.int(3, 10));
      if (b - size < 3) size = b;
      const members = pickDistinct(rng, input.connections, rng.int(2, Math.min(4, input.connections.length)));
      add({ kind: 'group', size, members });
      b -= size;
    }
  }
  while (remaining >= 2 && back > front) {
    let size = Math.min(remaining, 2 + Math.floor(12 * rng.float() ** 2));
    if (remaining - size === 1) size++;
    add({ kind: 'twoWay', size, contact: at(queue, front++) });
  }
  const twoWay = plans.filter((p): p is OneToOnePlan => p.kind === 'twoWay');
  while (remaining > 0) {
    if (twoWay.length > 0) {
      rng.pick(twoWay).size++;
      remaining--;
    } else {
      add({ kind: 'incoming', size: Math.min(remaining, rng.int(1, 2)), recruiter: newRecruiter(input) });
    }
  }
  return plans;
}

/** Whole-second timestamps ending before the export; long threads are squeezed into three years. */
function timeline(rng: Rng, count: number, earliest: number, exportAt: number): number[] {
  const gaps = [0];
  for (let i = 1; i < count; i++) {
    gaps.push(rng.chance(0.1) ? rng.int(1, 30) * DAY : 60_000 * (1 + Math.floor(4000 * rng.float() ** 3)));
  }
  const duration = gaps.reduce((a, b) => a + b, 0);
  const maxSpan = 3 * 365 * DAY;
  const scale = duration > maxSpan ? maxSpan / duration : 1;
  const latest = exportAt - duration * scale - rng.int(60, 6 * 3600) * 1000;
  const start = latest <= earliest ? latest : latest - (latest - earliest) * rng.float() ** 1.5;
  const times: number[] = [];
  let t = start;
  for (const gap of gaps) {
    t += gap * scale;
    times.push(Math.floor(t / 1000) * 1000);
  }
  return times;
}

function realise(input: MessagesInput, p: Plan): Thread {
  const { rng, owner, exportAt } = input;
  const me = party(owner);
  const topic = rng.pick(TOPICS);
  const involved = p.kind === 'twoWay' || p.kind === 'outgoing' ? [p.contact] : p.kind === 'group' ? p.members : [];
  const earliest = involved.reduce((max, c) => Math.max(max, c.connectedAt), exportAt - 3 * 365 * DAY);
  const times = timeline(rng, p.size, earliest, exportAt);
  const messages: Message[] = [];
  const push = (from: Party, to: readonly Party[], template: string, subject: string, extra: Record<string, string> = {}): void => {
    const vars = { first: to.length === 1 ? at(to, 0).given : 'all', me: from.given, topic, ...extra };
    messages.push({ from, to, at: at(times, messages.length), subject, content: fill(template, vars), outgoing: from === me });
  };

  switch (p.kind) {
    case 'twoWay': {
      const contact = p.contact;
      const them = party(contact);
      const senders: boolean[] = [];
      let ownerTurn = rng.chance(0.5);
      for (let i = 0; i < p.size; i++) {
        senders.push(ownerTurn);
        if (rng.chance(0.65)) ownerTurn = !ownerTurn;
      }
      if (senders.every((s) => s === senders[0])) senders[senders.length - 1] = !senders[0];
      senders.forEach((fromOwner, i) => {
        const template = i === 0 ? rng.pick(OPENERS) : rng.pick(REPLIES);
        if (fromOwner) push(me, [them], template, '', { company: contact.company || 'the new place' });
        else push(them, [me], template, '', { company: input.ownerCompany });
      });
      return { id: rng.conversationId(), title: '', archived: rng.chance(0.15), messages };
    }
    case 'incoming': {
      const r = p.recruiter;
      const them = party(r.identity);
      const subject = rng.chance(0.5) ? `Opportunity: ${r.title} at ${r.company}` : `${r.company} is hiring, quick chat?`;
      for (let i = 0; i < p.size; i++) {
        push(them, [me], at(RECRUITER_BODIES, i === 0 ? rng.int(0, 1) : 2), subject, { company: r.company, title: r.title });
      }
      return { id: rng.conversationId(), title: rng.chance(0.7) ? subject : '', archived: rng.chance(0.3), messages };
    }
    case 'outgoing': {
      const contact = p.contact;
      for (let i = 0; i < p.size; i++) {
        push(me, [party(contact)], at(OUTREACH, i === 0 ? rng.int(0, 1) : 2), '', { company: contact.company || 'your company' });
      }
      return { id: rng.conversationId(), title: '', archived: false, messages };
    }
    case 'group': {
      const members = [me, ...p.members.map(party)];
      for (let i = 0; i < p.size; i++) {
        const from = rng.pick(members);
        push(from, members.filter((m) => m !== from), rng.pick(GROUP_LINES), '');
      }
      return { id: rng.conversationId(), title: rng.pick(GROUP_TITLES), archived: rng.chance(0.2), messages };
    }
    case 'sponsored': {
      const extra = { company: rng.pick(COMPANY_POOL) };
      push(LINKEDIN_MEMBER, [me], rng.pick(SPONSORED_BODIES), rng.pick(SPONSORED_SUBJECTS), extra);
      // 2026 exports also list the owner's one-click answer, addressed to `LinkedIn Member` with no URL.
      if (p.size === 2) push(me, [LINKEDIN_MEMBER], rng.pick(SPONSORED_REPLIES), '');
      return { id: rng.conversationId(), title: 'Sponsored Conversation', archived: false, messages };
    }
  }
}

const HEADERS: Record<FakeEra, readonly string[]> = {
  '2018': ['From', 'To', 'Date', 'Subject', 'Content', 'Direction', 'Folder'],
  // 2021 is between the verified 2018 and Sep 2022 shapes; the 9-column one is the nearer guess.
  '2021': ['CONVERSATION ID', 'CONVERSATION TITLE', 'FROM', 'SENDER PROFILE URL', 'TO', 'DATE', 'SUBJECT', 'CONTENT', 'FOLDER'],
  '2022': ['CONVERSATION ID', 'CONVERSATION TITLE', 'FROM', 'SENDER PROFILE URL', 'TO', 'DATE', 'SUBJECT', 'CONTENT', 'FOLDER'],
  '2024': [
    'CONVERSATION ID', 'CONVERSATION TITLE', 'FROM', 'SENDER PROFILE URL', 'TO', 'RECIPIENT PROFILE URLS',
    'DATE', 'SUBJECT', 'CONTENT', 'FOLDER', 'IS MESSAGE DRAFT', 'IS CONVERSATION DRAFT',
  ],
  '2026': [
    'CONVERSATION ID', 'CONVERSATION TITLE', 'FROM', 'SENDER PROFILE URL', 'TO', 'RECIPIENT PROFILE URLS',
    'DATE', 'SUBJECT', 'CONTENT', 'FOLDER', 'ATTACHMENTS',
  ],
};

const QUOTE_ALL: CsvStyle = { separator: ',', quoteAll: true, eol: '\n', trailingEol: true };

/** 2018 escaped HTML in Content; later eras flattened line breaks to double spaces until 2026 kept them. */
function contentFor(era: FakeEra, content: string): string {
  if (era === '2026') return content;
  const flat = content.replaceAll('\n', '  ');
  return era === '2018' ? flat.replaceAll('&', '&amp;').replaceAll("'", '&rsquo;') : flat;
}

function row(era: FakeEra, thread: Thread, m: Message): string[] {
  const to = m.to.map((p) => p.name).join(', ');
  const content = contentFor(era, m.content);
  if (era === '2018') {
    const folder = thread.archived ? 'ARCHIVED' : m.outgoing ? 'SENT' : 'INBOX';
    return [m.from.name, to, shortUs(m.at), m.subject, content, m.outgoing ? 'OUTGOING' : 'INCOMING', folder];
  }
  const folder = thread.archived ? 'ARCHIVE' : 'INBOX';
  const head = [thread.id, thread.title, m.from.name, m.from.url, to];
  if (era === '2021' || era === '2022') return [...head, isoUtc(m.at), m.subject, content, folder];
  // Recipient URLs are comma-joined without a space, unlike the names.
  const urls = m.to.map((p) => p.url).filter((u) => u !== '').join(',');
  const tail = [isoUtc(m.at), m.subject, content, folder];
  return era === '2024' ? [...head, urls, ...tail, 'No', 'No'] : [...head, urls, ...tail, ''];
}

function render(era: FakeEra, threads: Thread[]): string {
  // Newest conversation first, newest message first within it.
  const last = (t: Thread): number => t.messages.reduce((max, m) => Math.max(max, m.at), 0);
  const ordered = threads.map((t) => ({ t, last: last(t) })).sort((a, b) => b.last - a.last);
  const rows: string[][] = [];
  for (const { t } of ordered) {
    for (const m of [...t.messages].sort((a, b) => b.at - a.at)) rows.push(row(era, t, m));
  }
  return csvText(HEADERS[era], rows, era === '2026' ? QUOTE_ALL : LF_TRAILING);
}

export function makeMessages(input: MessagesInput): MessagesOutput {
  const plans = plan(input);
  const threads = plans.map((p) => realise(input, p));
  const ownerUrl = connectionsUrl(input.owner.slug);
  return {
    text: render(input.era, threads),
    rows: input.total,
    sponsoredRows: plans.filter((p) => p.kind === 'sponsored').reduce((n, p) => n + p.size, 0),
    twoWayKeys: plans.filter((p): p is OneToOnePlan => p.kind === 'twoWay').map((p) => p.contact.key).sort(),
    ownerUrlWritten: input.era !== '2018' && threads.some((t) => t.messages.some((m) => m.from.url === ownerUrl)),
  };
}

/** A look-alike with the messages header but a bot on the other side: the importer must skip it. */
export function makeCoachMessages(rng: Rng, era: FakeEra, owner: Identity, exportAt: number): string {
  const me = party(owner);
  const threads: Thread[] = [];
  for (let c = 0; c < 2; c++) {
    const times = timeline(rng, COACH_LINES.length, exportAt - 90 * DAY, exportAt);
    const messages = COACH_LINES.map((content, i): Message => {
      const fromOwner = i % 2 === 0;
      return { from: fromOwner ? me : COACH, to: [fromOwner ? COACH : me], at: at(times, i), subject: '', content, outgoing: fromOwner };
    });
    threads.push({ id: rng.conversationId(), title: 'Career coach', archived: false, messages });
  }
  return render(era, threads);
}
