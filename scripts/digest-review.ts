/**
 * Digest review: builds real weekly digests for generated personas through the product's own
 * pipeline (storeUpload → runImport → saveStrategy → planDigestNow → buildDigest → the outbox row)
 * on a scratch Postgres database, opens each in Debian's headless Chromium and measures what a
 * reader gets: words before the footer, items, clauses said twice, how many phone screens until the
 * footer, axe-core contrast in light and dark. PNGs go to var/screenshots/digest-review, every figure
 * to var/digest-review.json. See docs/digest-review.md.
 * Usage: npm run digest:review [-- --check] [-- --only lion,recruiter] [-- --keep-db]
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase } from '../db/client.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { saveStrategy } from '../db/queries/strategy.ts';
import { findOrCreateSubscriber } from '../db/queries/subscribers.ts';
import { generateFakeExport, packFakeExport, type FakeExportOptions } from '../fake-export/generate.ts';
import { launchBrowser } from '../dev/browser.ts';
import { nameWords, repeatedClauses } from '../domain/digest-items/clauses.ts';
import type { StrategyAnswers } from '../domain/network/types.ts';
import { parseConfig, type Config } from '../runtime/config.ts';
import { createLogger } from '../runtime/logger.ts';
import { applyAnswers, type AnswerRequest } from '../services/actions/apply-answers.ts';
import { buildDigest } from '../services/digest/build-digest.ts';
import { composeDigest } from '../services/digest/compose.ts';
import { loadAnalysisInput } from '../db/queries/analysis-input.ts';
import { analyseNetwork } from '../domain/network/index.ts';
import { planDigestNow } from '../services/digest/plan.ts';
import { runImport, type ImportDeps } from '../services/import/run-import.ts';
import { storeUpload } from '../services/import/store-upload.ts';
import { sendFromOutbox } from '../services/mail/outbox.ts';
import type { MailTransport } from '../services/mail/transport.ts';
import type { ImportSummary } from '../db/types.ts';
import { choicesByKind, type DigestItemKind } from '../domain/digest-items/item-kinds.ts';
import { environmentLine, round } from './bench-support.ts';
import { earlierExport, giveNonLatinNames } from './digest-review/export-edits.ts';
import { PHONE, viewDigest, type DigestView } from './digest-review/measure.ts';

const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    only: { type: 'string' },
    'keep-db': { type: 'boolean', default: false },
    /** Also writes emails/previews/weekly-digest.ts from this persona's digest: the preview server's props. */
    'write-preview': { type: 'string' },
  },
});

export const GOALS = { wordsMax: 300, repeatedClausesMax: 0, phoneScreensMax: 2, contrastMax: 0 };
const WEEK_MS = 7 * 86_400_000;

interface Persona {
  key: string;
  label: string;
  export: FakeExportOptions & { format?: 'zip' | 'csv'; nonLatin?: boolean };
  strategy: StrategyAnswers | null;
  /** Weeks of history before the digest reviewed: built, sent and partly answered. */
  history?: { weeks: number; reuploadAtWeek: number };
}

const PERSONAS: Persona[] = [
  {
    key: 'new-member',
    label: 'new member, 40 connections',
    export: { seed: 101, connections: 40, ownerFirstName: 'Noa' },
    strategy: { purposes: ['learning'], gain: 'Find my feet in a new field', targets: [], profileConfidence: 'partly', numbersFocus: true },
  },
  {
    key: 'lion',
    label: 'LION, 12,000 connections',
    export: { seed: 102, connections: 12_000, ownerFirstName: 'Leo' },
    strategy: { purposes: ['clients', 'staying_in_touch'], gain: 'More clients from my network', targets: [], profileConfidence: 'yes', numbersFocus: true },
  },
  {
    key: 'job-seeker',
    label: 'job seeker, company + role targets',
    export: { seed: 103, connections: 600, ownerFirstName: 'Jo', targetCompanies: ['Northwind Traders', 'Globex Corporation'] },
    strategy: {
      purposes: ['job_search'],
      gain: 'A product role at a company I admire',
      targets: [
        { kind: 'company', value: 'Northwind Traders' },
        { kind: 'company', value: 'Globex Corporation' },
        { kind: 'role', value: 'product manager' },
      ],
      profileConfidence: 'partly',
      numbersFocus: false,
    },
  },
  {
    key: 'recruiter',
    label: 'recruiter, hiring with role targets',
    export: { seed: 104, connections: 1500, ownerFirstName: 'Rae' },
    strategy: {
      purposes: ['hiring'],
      gain: 'Fill two engineering roles through referrals',
      targets: [
        { kind: 'role', value: 'software engineer' },
        { kind: 'role', value: 'data scientist' },
      ],
      profileConfidence: 'yes',
      numbersFocus: false,
    },
  },
  {
    key: 'no-strategy',
    label: 'no strategy answers at all',
    export: { seed: 105, connections: 300, ownerFirstName: 'Sam' },
    strategy: null,
  },
  {
    key: 'returning',
    label: 'returning, 13th digest after 12 weeks',
    export: { seed: 106, connections: 400, ownerFirstName: 'Ren' },
    strategy: {
      purposes: ['job_search', 'staying_in_touch'],
      gain: 'Keep in touch with the people who matter',
      targets: [{ kind: 'role', value: 'engineering manager' }],
      profileConfidence: 'yes',
      numbersFocus: false,
    },
    history: { weeks: 12, reuploadAtWeek: 6 },
  },
  {
    key: 'non-latin',
    label: 'non-Latin names',
    export: { seed: 107, connections: 200, ownerFirstName: 'Mei', nonLatin: true },
    strategy: { purposes: ['staying_in_touch'], gain: null, targets: [], profileConfidence: 'yes', numbersFocus: false },
  },
  {
    key: 'no-evidence',
    label: 'no evidence files (Connections.csv only)',
    export: { seed: 108, connections: 250, ownerFirstName: 'Kit', format: 'csv' },
    strategy: { purposes: ['job_search'], gain: 'A new role', targets: [{ kind: 'role', value: 'data analyst' }], profileConfidence: 'no', numbersFocus: null },
  },
];

// --- A scratch database of its own, dropped at the end.
const databaseName = `rapport_digest_review_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const serverUrl = process.env.REVIEW_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${databaseName}` }).toString();
const varDir = path.resolve('var');
const workDir = path.join(varDir, 'digest-review');
const shotsDir = path.join(varDir, 'screenshots', 'digest-review');
const config: Config = parseConfig({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl, VAR_DIR: varDir, SMTP_URL: undefined });

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Sends through the product's send path (lock, checks, mark sent) without a mail server. */
const nullTransport: MailTransport = {
  kind: 'dev-mailbox',
  async send() {
    return { deliveredTo: 'digest-review: not delivered' };
  },
  close() {},
};

console.log(`Digest review; ${environmentLine()}`);
const startedAt = performance.now();
// A full run starts from an empty screenshot folder; --only replaces just its personas' PNGs.
if (!values.only) await rm(shotsDir, { recursive: true, force: true });
await mkdir(shotsDir, { recursive: true });
await mkdir(workDir, { recursive: true });
const dropDatabase = () => (values['keep-db'] ? Promise.resolve() : adminQuery(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
// Interrupted: the scratch database goes all the same.
let browser: Awaited<ReturnType<typeof launchBrowser>> | null = null;
process.once('SIGINT', () => {
  console.error(`\ninterrupted; dropping ${databaseName}`);
  void Promise.allSettled([browser?.close(), dropDatabase()]).finally(() => process.exit(130));
});

const selected = values.only ? PERSONAS.filter((p) => values.only!.split(',').includes(p.key)) : PERSONAS;
if (selected.length === 0) throw new Error(`--only names none of: ${PERSONAS.map((p) => p.key).join(', ')}`);
const results: Array<ReturnType<typeof figuresOf>> = [];
const database = createDatabase(databaseUrl, { max: 4 });
const deps: ImportDeps = { ...database, log: createLogger('digest-review', 'warn'), config: { varDir } };
const db = database.db;
try {
  await migrateToLatest(databaseUrl);
  browser = await launchBrowser({ viewport: PHONE });
  try {
    for (const persona of selected) {
      const t = performance.now();
      const built = await buildPersonaDigest(persona);
      const htmlFile = path.join(workDir, `${persona.key}.html`);
      await writeFile(htmlFile, built.html);
      const view = await viewDigest(browser.context, htmlFile, path.join(shotsDir, persona.key));
      const result = figuresOf(persona, built, view, (performance.now() - t) / 1000);
      results.push(result);
      console.log(`  ${persona.key}: ${result.seconds} s`);
    }
  } finally {
    await browser.close();
    browser = null;
  }
} finally {
  await db.destroy();
  await dropDatabase();
}

printResults(results);
const missed = results.filter((r) => !r.goalsMet);
const summary = {
  databaseDropped: !values['keep-db'],
  seconds: round((performance.now() - startedAt) / 1000, 1),
  environment: environmentLine(),
  goals: GOALS,
  personasMeetingAllGoals: results.length - missed.length,
  personas: results,
};
await writeFile(path.join(varDir, 'digest-review.json'), JSON.stringify(summary, null, 2) + '\n');
console.log(
  `\nGoals: ${results.length - missed.length}/${results.length} digests meet all goals` +
    (missed.length ? `; not met: ${missed.map((r) => `${r.persona} (${r.missed.join(', ')})`).join('; ')}` : '') +
    `. ${summary.seconds} s. Figures in var/digest-review.json, PNGs in var/screenshots/digest-review/.`,
);
if (values['keep-db']) console.log(`Kept the scratch database: ${databaseUrl}`);
if (values.check && missed.length) process.exitCode = 1;

// --- Building

interface BuiltDigest {
  subscriberId: string;
  subject: string;
  html: string;
  names: string[];
  connections: number;
  /** Connections whose employer names one of the persona's target companies (a plain substring test). */
  atTargetCompanies: number;
  digestNumber: number;
  historyNotes: string[];
}

/** Generates the persona's export (or, for `earlier`, the same export weeks before) and imports it as an upload. */
async function importExport(subscriberId: string, persona: Persona, variant: 'current' | 'earlier'): Promise<ImportSummary> {
  const { format = 'zip', nonLatin, ...options } = persona.export;
  const file = path.join(workDir, `${persona.key}-${variant}.${format}`);
  let fake = generateFakeExport(options);
  if (nonLatin) giveNonLatinNames(fake);
  if (variant === 'earlier') fake = earlierExport(fake, { newest: 30, changeEvery: 25 });
  await writeFile(file, packFakeExport(fake, format));
  const stored = await storeUpload(db, {
    subscriberId,
    filePath: file,
    fileName: format === 'csv' ? 'Connections.csv' : 'export.zip',
    source: 'cli',
    maxBytes: config.maxUploadBytes,
  });
  const outcome = await runImport(deps, stored.exportId);
  await rm(file, { force: true });
  if (outcome.status !== 'imported') throw new Error(`${persona.key}: import ${outcome.status}: ${JSON.stringify(outcome)}`);
  return outcome.summary;
}

/** Plans and builds this week's digest (as of `now`) and reads the outbox row the build wrote. */
async function planAndBuild(subscriberId: string, now: Date) {
  const planned = await planDigestNow(db, subscriberId, now, config.suppressionSecret);
  if (!planned) throw new Error('subscriber not eligible for a digest');
  const built = await buildDigest(db, config, planned.digestId, now);
  if (built.status !== 'built') throw new Error(`digest not built: ${built.status}`);
  const row = await db.selectFrom('outbox').select(['id', 'subject', 'html']).where('id', '=', built.outboxId).executeTakeFirstOrThrow();
  return { digestId: planned.digestId, outboxId: row.id, subject: row.subject, html: row.html };
}

/**
 * Rows stamped by the database's now() belong to the simulated week: the digest (its created_at is
 * what "shown lately", tips and the previous quality read), skips, answers and an import's changes.
 * Only rows stamped after `at` (so: just now) are moved, on the scratch database.
 */
async function stampSimulatedTime(subscriberId: string, at: Date) {
  await db.updateTable('digests').set({ created_at: at }).where('subscriber_id', '=', subscriberId).where('created_at', '>', at).execute();
  await db.updateTable('tie_events').set({ created_at: at }).where('subscriber_id', '=', subscriberId).where('created_at', '>', at).execute();
  await db.updateTable('exports').set({ created_at: at }).where('subscriber_id', '=', subscriberId).where('created_at', '>', at).execute();
  await db.updateTable('connection_changes').set({ created_at: at }).where('subscriber_id', '=', subscriberId).where('created_at', '>', at).execute();
  // Drafts and their outcomes too: the follow-ups count from them.
  await db.updateTable('intro_requests').set({ created_at: at }).where('subscriber_id', '=', subscriberId).where('created_at', '>', at).execute();
  await db.updateTable('intro_requests').set({ outcome_at: at }).where('subscriber_id', '=', subscriberId).where('outcome_at', '>', at).execute();
  await db.updateTable('intro_events').set({ created_at: at }).where('subscriber_id', '=', subscriberId).where('created_at', '>', at).execute();
}

/** Some answers, as a reader would give them from the email: most reviews, the first intro, a skip or two. */
function someAnswers(items: Array<{ number: number; kind: DigestItemKind }>, week: number): AnswerRequest[] {
  const answers: AnswerRequest[] = [];
  const tieCycle = ['known', 'known', 'close', 'unknown', 'skip'] as const;
  items.forEach((item, i) => {
    // Leave about one item in four unanswered.
    if ((i + week) % 4 === 3) return;
    const offered = choicesByKind[item.kind].map((c) => c.answer);
    const wanted =
      item.kind === 'review' ? tieCycle[(i + week) % tieCycle.length]!
      : item.kind === 'close' ? 'close'
      : item.kind === 'intro' ? 'intro'
      : item.kind === 'followup' ? 'waiting'
      : 'skip';
    if (offered.includes(wanted)) answers.push({ item: item.number, answer: wanted });
  });
  return answers;
}

async function buildPersonaDigest(persona: Persona): Promise<BuiltDigest> {
  const subscriber = await findOrCreateSubscriber(db, { email: `${persona.key}@review.example`, name: persona.export.ownerFirstName ?? null });
  const historyNotes: string[] = [];
  const weeks = persona.history?.weeks ?? 0;
  const realNow = new Date();
  // History runs in the past, week by week, so the digest under review is built as of now.
  const weekAt = (week: number) => new Date(realNow.getTime() - (weeks - week) * WEEK_MS);
  await importExport(subscriber.id, persona, persona.history ? 'earlier' : 'current');
  if (persona.strategy) await saveStrategy(db, subscriber.id, persona.strategy);
  if (weeks) await stampSimulatedTime(subscriber.id, weekAt(0));

  let digest = await planAndBuild(subscriber.id, weekAt(0));
  for (let week = 0; week < weeks; week++) {
    const at = weekAt(week);
    await stampSimulatedTime(subscriber.id, at);
    const sent = await sendFromOutbox(db, nullTransport, { outboxId: digest.outboxId, config });
    const items = await db.selectFrom('digest_items').select(['number', 'kind']).where('digest_id', '=', digest.digestId).orderBy('number').execute();
    const answers = someAnswers(items, week);
    const applied = answers.length ? await applyAnswers(db, { subscriberId: subscriber.id, digestId: digest.digestId, answers, source: 'web' }) : { applied: [], rejected: [] };
    let note = `week ${week + 1}: ${items.length} items, ${sent}, ${applied.applied.length} answered`;
    if (applied.rejected.length) note += `, ${applied.rejected.length} rejected`;
    await stampSimulatedTime(subscriber.id, at);
    if (week + 1 === persona.history!.reuploadAtWeek) {
      // A fresh export mid-way: the same network with 30 newer connections and some job changes.
      const next = weekAt(week + 1);
      const summary = await importExport(subscriber.id, persona, 'current');
      await stampSimulatedTime(subscriber.id, new Date(next.getTime() - 3_600_000));
      note += `; re-uploaded before the next (${summary.newConnections} new, ${summary.jobChanges} job changes, ${summary.removedConnections} removed)`;
    }
    historyNotes.push(note);
    digest = await planAndBuild(subscriber.id, weekAt(week + 1));
    await stampSimulatedTime(subscriber.id, weekAt(week + 1));
  }
  if (values['write-preview'] === persona.key) await writePreview(subscriber.id, digest.digestId, weekAt(weeks));

  const people = await db.selectFrom('connections').select(['first_name', 'last_name', 'company']).where('subscriber_id', '=', subscriber.id).where('removed_at', 'is', null).execute();
  const targets = (persona.strategy?.targets ?? []).filter((t) => t.kind === 'company').map((t) => t.value.toLowerCase());
  const atTargets = people.filter((p) => targets.some((t) => p.company.toLowerCase().includes(t))).length;
  return {
    subscriberId: subscriber.id,
    subject: digest.subject,
    html: digest.html,
    names: people.map((p) => `${p.first_name} ${p.last_name}`.trim()),
    connections: people.length,
    atTargetCompanies: atTargets,
    digestNumber: weeks + 1,
    historyNotes,
  };
}

/**
 * The preview server's props for the weekly digest, composed from this persona's digest exactly as
 * the build composed it (same analysis input, same moment), with example links in place of tokens.
 */
async function writePreview(subscriberId: string, digestId: string, now: Date) {
  const input = await loadAnalysisInput(db, subscriberId, { now, excludeDigestId: digestId });
  const digest = await db.selectFrom('digests').select('iso_week').where('id', '=', digestId).executeTakeFirstOrThrow();
  const links = {
    publicUrl: 'https://rapport.example',
    digestToken: 'preview',
    replyAddress: 'reply+preview@rapport.example',
    uploadUrl: 'https://rapport.example/upload/preview',
    preferencesUrl: 'https://rapport.example/preferences/preview',
    unsubscribeUrl: 'https://rapport.example/u/preview',
  };
  const { props } = composeDigest({ analysis: analyseNetwork(input!), name: input!.subscriberName, isoWeek: digest.iso_week, links, history: input!.history });
  const file = path.resolve('emails/previews/weekly-digest.ts');
  await writeFile(
    file,
    `// Generated by \`npm run email:previews\` from a fake export through the real import, analysis and\n` +
      `// composer (scripts/digest-review.ts, persona "${values['write-preview']}"). Do not edit: regenerate.\n` +
      `import type { WeeklyDigestProps } from '../weekly-digest.tsx';\n\n` +
      `export const weeklyDigestPreview: WeeklyDigestProps = ${JSON.stringify(props, null, 2)};\n`,
  );
  console.log(`  wrote ${path.relative(process.cwd(), file)}`);
}

// --- Figures

function figuresOf(persona: Persona, built: BuiltDigest, view: DigestView, seconds: number) {
  const repeated = repeatedClauses(view.page.itemTexts, nameWords(built.names));
  const screens = view.page.footerTopPx === null ? null : round(view.page.footerTopPx / PHONE.height, 2);
  const missed: string[] = [];
  if (view.page.words > GOALS.wordsMax) missed.push(`words ${view.page.words} > ${GOALS.wordsMax}`);
  if (repeated.length > GOALS.repeatedClausesMax) missed.push(`${repeated.length} repeated clauses`);
  if (screens === null || screens > GOALS.phoneScreensMax) missed.push(`${screens ?? 'no footer'} screens`);
  if (view.axeLight.contrastNodes > GOALS.contrastMax) missed.push(`${view.axeLight.contrastNodes} contrast (light)`);
  if (view.axeDark.contrastNodes > GOALS.contrastMax) missed.push(`${view.axeDark.contrastNodes} contrast (dark)`);
  const otherSerious = { ...view.axeLight.otherSerious };
  for (const [id, n] of Object.entries(view.axeDark.otherSerious)) otherSerious[id] = Math.max(otherSerious[id] ?? 0, n);
  return {
    persona: persona.key,
    label: persona.label,
    connections: built.connections,
    atTargetCompanies: built.atTargetCompanies,
    digestNumber: built.digestNumber,
    subject: built.subject,
    opening: view.page.opening,
    words: view.page.words,
    items: view.page.itemTexts.length,
    repeatedClauses: repeated,
    footerTopPx: view.page.footerTopPx,
    phoneScreens: screens,
    contrastLight: view.axeLight.contrastNodes,
    contrastDark: view.axeDark.contrastNodes,
    contrastSamples: { light: view.axeLight.contrastSamples, dark: view.axeDark.contrastSamples },
    otherSeriousOrCritical: Object.values(otherSerious).reduce((a, b) => a + b, 0),
    otherSeriousOrCriticalRules: otherSerious,
    itemTexts: view.page.itemTexts,
    history: built.historyNotes,
    screenshots: view.screenshots.map((f) => path.relative(process.cwd(), f)),
    goalsMet: missed.length === 0,
    missed,
    seconds: round(seconds, 1),
  };
}

function printResults(rows: Array<ReturnType<typeof figuresOf>>) {
  const mark = (ok: boolean) => (ok ? '' : ' ✗');
  const table = [
    ['persona', 'conns', 'words', 'items', 'repeated', 'phone px', 'screens', 'contrast L/D', 'other axe', 'goals'],
    ...rows.map((r) => [
      r.persona,
      String(r.connections),
      `${r.words}${mark(r.words <= GOALS.wordsMax)}`,
      String(r.items),
      `${r.repeatedClauses.length}${mark(r.repeatedClauses.length <= GOALS.repeatedClausesMax)}`,
      String(r.footerTopPx ?? '-'),
      `${r.phoneScreens ?? '-'}${mark(r.phoneScreens !== null && r.phoneScreens <= GOALS.phoneScreensMax)}`,
      `${r.contrastLight}/${r.contrastDark}${mark(r.contrastLight <= GOALS.contrastMax && r.contrastDark <= GOALS.contrastMax)}`,
      String(r.otherSeriousOrCritical),
      r.goalsMet ? 'met' : 'not met',
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  console.log(`\nGoals: words ≤ ${GOALS.wordsMax}, repeated clauses ${GOALS.repeatedClausesMax}, footer within ${GOALS.phoneScreensMax} phone screens (390×844), ${GOALS.contrastMax} contrast failures light and dark. ✗ = goal missed.`);
  for (const row of table) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
  for (const r of rows) {
    const atTargets = r.atTargetCompanies ? `, ${r.atTargetCompanies} at target companies` : '';
    console.log(`\n${r.persona} (${r.label}; digest ${r.digestNumber}, ${r.connections} connections${atTargets}): “${r.subject}”`);
    for (const clause of r.repeatedClauses) console.log(`  repeated: ${clause}`);
    for (const sample of [...r.contrastSamples.light.map((s) => `light ${s}`), ...r.contrastSamples.dark.map((s) => `dark ${s}`)]) console.log(`  contrast: ${sample}`);
    for (const [id, n] of Object.entries(r.otherSeriousOrCriticalRules)) console.log(`  axe ${id}: ${n} nodes`);
    if (r.history.length) console.log(`  history: ${r.history.join('; ')}`);
  }
}

