/**
 * Seeded generator of synthetic LinkedIn data exports for tests, the demo and benchmarks.
 * Shapes follow /work/shared/reference/linkedin-export.md era by era, traps included (preamble, quoting,
 * per-file date formats, percent-encoded vs raw Unicode slugs, look-alike files). All people and
 * companies are invented. Output depends only on the options: no Math.random, no clock.
 */
import { writeFile } from 'node:fs/promises';
import { zipSync } from 'fflate';
import { endorsementsText, endorsementsUtf16Text, makeEndorsements, makeInvitations, makeRecommendations } from './activity.ts';
import { connectionsText, makeNetwork } from './connections.ts';
import { utf16le, utf8 } from './csv.ts';
import { isoDate } from './dates.ts';
import { ERAS, EXPORT_AT, type FakeEra, hasProfileUrls } from './era.ts';
import { makeCoachMessages, makeMessages } from './messages.ts';
import { makeCompanyFollows, makePositions, makeProfile, pickSkills, skillsText } from './owner.ts';
import { type Connection, type Identity, ownerIdentity } from './people.ts';
import { SKILLS } from './pools.ts';
import { Rng } from './random.ts';

export type { FakeEra } from './era.ts';

export interface FakeExportOptions {
  /** Default 1; the same options always give byte-identical output. */
  seed?: number;
  /** Rows in Connections.csv, date-only anonymous rows included (about 2%). Default 300. */
  connections?: number;
  /** Rows in messages.csv, exactly. Default 1.5 × connections. */
  messages?: number;
  /** Default '2026'. */
  era?: FakeEra;
  /** 'basic' holds only Connections, messages and Invitations, as real Basic archives do. Default 'complete'. */
  kind?: 'complete' | 'basic';
  /** Connections.csv as re-saved by Excel: UTF-8 BOM, CRLF, no Notes preamble, D-Mon-YY dates. */
  excel?: boolean;
  /** Zip entries under one top-level folder instead of the root. */
  nestedFolder?: boolean;
  /** Add the 2022 UTF-16LE twin 'Endorsement Received Info.csv' (complete exports only). */
  utf16Endorsements?: boolean;
  ownerFirstName?: string;
  ownerLastName?: string;
  /** Companies that must appear among connections' current employers, a few people each. */
  targetCompanies?: string[];
}

export interface FakeExportFile {
  path: string;
  bytes: Uint8Array;
}

/** Ground truth, so parser tests can assert exact numbers. */
export interface FakeExportTruth {
  /** Connections.csv rows with a name or URL. */
  connections: number;
  /** Date-only rows. */
  anonymousConnections: number;
  withUrl: number;
  /**
   * Normalised 'linkedin.com/in/<slug>' (percent-decoded, lowercased) of connections with a two-way 1:1
   * thread, sorted. Eras without URLs in Connections.csv still list the generated slugs.
   */
  twoWayProfileKeys: string[];
  /** Rows in messages.csv, sponsored included. */
  messages: number;
  /** Rows of sponsored conversations: from `LinkedIn Member`, or the owner's reply to it (2026). */
  sponsoredMessages: number;
  invitations: { incoming: number; outgoing: number; withNote: number };
  recommendationsReceived: number;
  recommendationsGiven: number;
  /** Rows of Endorsement_Received_Info.csv; the UTF-16 twin repeats them. */
  endorsementsReceived: number;
  endorsementsGiven: number;
  /** The owner's key when the export reveals it (an OUTGOING invitation URL, or a sender URL), else null. */
  ownerProfileKey: string | null;
  /** ISO dates spanning Connected On; both the export date when there are no rows. */
  dateRange: { from: string; to: string };
}

export interface FakeExport {
  files: FakeExportFile[];
  truth: FakeExportTruth;
  suggestedFileName: string;
}

interface Resolved {
  seed: number;
  connections: number;
  messages: number;
  era: FakeEra;
  kind: 'complete' | 'basic';
  excel: boolean;
  nestedFolder: boolean;
  utf16Endorsements: boolean;
  ownerFirstName: string;
  ownerLastName: string;
  targetCompanies: string[];
}

function count(name: string, value: number | undefined, fallback: number): number {
  const n = value ?? fallback;
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
  return n;
}

function resolve(o: FakeExportOptions): Resolved {
  const seed = o.seed ?? 1;
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const era = o.era ?? '2026';
  if (!ERAS.includes(era)) throw new RangeError(`era must be one of ${ERAS.join(', ')}, got ${String(era)}`);
  const connections = count('connections', o.connections, 300);
  return {
    seed,
    connections,
    messages: count('messages', o.messages, Math.round(connections * 1.5)),
    era,
    kind: o.kind ?? 'complete',
    excel: o.excel ?? false,
    nestedFolder: o.nestedFolder ?? false,
    utf16Endorsements: o.utf16Endorsements ?? false,
    ownerFirstName: o.ownerFirstName ?? 'Alex',
    ownerLastName: o.ownerLastName ?? 'Morgan',
    targetCompanies: [...new Set((o.targetCompanies ?? []).map((c) => c.trim()).filter((c) => c !== ''))],
  };
}

function archiveName(kind: 'complete' | 'basic', exportAt: number): string {
  const [y, m, d] = isoDate(exportAt).split('-');
  return `${kind === 'basic' ? 'Basic' : 'Complete'}_LinkedInDataExport_${m}-${d}-${y}.zip`;
}

interface CompleteFiles {
  files: FakeExportFile[];
  recommendationsReceived: number;
  recommendationsGiven: number;
  endorsementsReceived: number;
  endorsementsGiven: number;
}

/** What a Complete archive adds to the Basic three: owner files, evidence files, and files the importer ignores. */
function completeFiles(rng: Rng, o: Resolved, owner: Identity, named: readonly Connection[], positions: string, exportAt: number): CompleteFiles {
  const scaled = (base: number, per: number, cap: number): number =>
    named.length === 0 ? 0 : Math.min(named.length, cap, Math.round(base + named.length / per));
  const recommendationsReceived = scaled(2, 80, 20);
  const recommendationsGiven = scaled(1, 120, 12);
  const skills = pickSkills(rng);
  const received = makeEndorsements(rng, named, scaled(1, 16, 250), skills, 3, exportAt);
  const given = makeEndorsements(rng, named, scaled(1, 33, 150), SKILLS, 2, exportAt);

  const files: FakeExportFile[] = [
    { path: 'Profile.csv', bytes: utf8(makeProfile(rng, owner)) },
    { path: 'Positions.csv', bytes: utf8(positions) },
  ];
  // LinkedIn leaves out categories that have nothing in them.
  if (recommendationsReceived > 0) {
    files.push({ path: 'Recommendations_Received.csv', bytes: utf8(makeRecommendations(rng, named, recommendationsReceived, true, exportAt)) });
  }
  if (recommendationsGiven > 0) {
    files.push({ path: 'Recommendations_Given.csv', bytes: utf8(makeRecommendations(rng, named, recommendationsGiven, false, exportAt)) });
  }
  if (received.length > 0) {
    files.push({ path: 'Endorsement_Received_Info.csv', bytes: utf8(endorsementsText(o.era, received, true)) });
    if (o.utf16Endorsements) files.push({ path: 'Endorsement Received Info.csv', bytes: utf16le(endorsementsUtf16Text(received)) });
  }
  if (given.length > 0) files.push({ path: 'Endorsement_Given_Info.csv', bytes: utf8(endorsementsText(o.era, given, false)) });
  files.push(
    { path: 'Skills.csv', bytes: utf8(skillsText(skills)) },
    { path: 'Company Follows.csv', bytes: utf8(makeCompanyFollows(rng, exportAt)) },
  );
  if (hasProfileUrls(o.era)) files.push({ path: 'coach_messages.csv', bytes: utf8(makeCoachMessages(rng, o.era, owner, exportAt)) });
  return { files, recommendationsReceived, recommendationsGiven, endorsementsReceived: received.length, endorsementsGiven: given.length };
}

export function generateFakeExport(options: FakeExportOptions = {}): FakeExport {
  const o = resolve(options);
  const root = new Rng(`rapport-fake-export:${o.seed}`);
  const exportAt = EXPORT_AT[o.era];
  const usedKeys = new Set<string>();
  const owner = ownerIdentity(root.fork('owner'), usedKeys, o.ownerFirstName, o.ownerLastName);
  // Positions are drawn even for Basic archives so the network (and its shared employers) is the same in both.
  const jobs = makePositions(root.fork('positions'), exportAt, o.targetCompanies);
  const network = makeNetwork({
    rng: root.fork('connections'),
    era: o.era,
    total: o.connections,
    usedKeys,
    exportAt,
    ownerEmployers: jobs.employers,
    targetCompanies: o.targetCompanies,
  });
  const { named } = network;
  const messages = makeMessages({
    rng: root.fork('messages'),
    total: o.messages,
    era: o.era,
    owner,
    ownerCompany: jobs.employers[0] ?? 'the new place',
    connections: named,
    firstTwoWay: network.insiders,
    usedKeys,
    exportAt,
  });
  const invitations = makeInvitations(root.fork('invitations'), o.era, owner, named, usedKeys, exportAt);

  const files: FakeExportFile[] = [
    { path: 'Connections.csv', bytes: utf8(connectionsText(o.era, network.rows, o.excel), o.excel) },
    { path: o.era === '2018' ? 'Messages.csv' : 'messages.csv', bytes: utf8(messages.text) },
    { path: 'Invitations.csv', bytes: utf8(invitations.text) },
  ];

  const extras = o.kind === 'complete' ? completeFiles(root.fork('complete'), o, owner, named, jobs.text, exportAt) : null;
  if (extras) files.push(...extras.files);

  const suggestedFileName = archiveName(o.kind, exportAt);
  if (o.nestedFolder) {
    const folder = suggestedFileName.replace(/\.zip$/, '');
    for (const f of files) f.path = `${folder}/${f.path}`;
  }

  // Rows are newest first.
  const newest = network.rows[0]?.at ?? exportAt;
  const oldest = network.rows[network.rows.length - 1]?.at ?? exportAt;
  const ownerRevealed = (hasProfileUrls(o.era) && invitations.outgoing > 0) || messages.ownerUrlWritten;
  const truth: FakeExportTruth = {
    connections: named.length,
    anonymousConnections: network.rows.length - named.length,
    withUrl: hasProfileUrls(o.era) ? named.length : 0,
    twoWayProfileKeys: messages.twoWayKeys,
    messages: messages.rows,
    sponsoredMessages: messages.sponsoredRows,
    invitations: { incoming: invitations.incoming, outgoing: invitations.outgoing, withNote: invitations.withNote },
    recommendationsReceived: extras?.recommendationsReceived ?? 0,
    recommendationsGiven: extras?.recommendationsGiven ?? 0,
    endorsementsReceived: extras?.endorsementsReceived ?? 0,
    endorsementsGiven: extras?.endorsementsGiven ?? 0,
    ownerProfileKey: ownerRevealed ? owner.key : null,
    dateRange: { from: isoDate(oldest), to: isoDate(newest) },
  };
  return { files, truth, suggestedFileName };
}

/**
 * fflate turns mtime into DOS date fields with local-time getters, so the stamp is built from local
 * components: the archive bytes then do not depend on the machine's time zone.
 */
function zipStamp(suggestedFileName: string): Date {
  const m = /(\d{2})-(\d{2})-(\d{4})\.zip$/.exec(suggestedFileName);
  return m ? new Date(Number(m[3]), Number(m[1]) - 1, Number(m[2]), 12, 0, 0) : new Date(2000, 0, 1);
}

/** Zip (fflate zipSync, default compression) or, for format 'csv', the Connections.csv bytes alone. */
export function packFakeExport(fake: FakeExport, format: 'zip' | 'csv'): Uint8Array {
  if (format === 'csv') {
    const connections = fake.files.find((f) => f.path.split('/').pop() === 'Connections.csv');
    if (!connections) throw new Error('fake export has no Connections.csv');
    return connections.bytes;
  }
  return zipSync(Object.fromEntries(fake.files.map((f) => [f.path, f.bytes])), { mtime: zipStamp(fake.suggestedFileName) });
}

export async function writeFakeExport(
  path: string,
  options: FakeExportOptions & { format?: 'zip' | 'csv' } = {},
): Promise<FakeExport & { path: string; bytes: number }> {
  const { format = 'zip', ...rest } = options;
  const fake = generateFakeExport(rest);
  const bytes = packFakeExport(fake, format);
  await writeFile(path, bytes);
  return { ...fake, path, bytes: bytes.length };
}
