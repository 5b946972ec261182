/**
 * Import benchmark (issue #3). One run measures, on the same machine and database:
 *  - B-copy: the 30,000 connection rows of Connections.csv streamed by raw COPY into a bare table;
 *  - B-floor: the same people, already parsed, COPYed into a table shaped like connections (its
 *    columns, defaults and two indexes): what writing them where they belong costs at the least;
 *  - the same Connections.csv imported end to end (store, parse, write), as a first import and as
 *    a re-upload in which 1% of people left, 2% changed jobs and 1% are new (diff, update, insert);
 *  - parse-only and end-to-end time of the whole export (30,000 connections, 50,000 messages);
 *  - peak extra RSS during the whole-export import.
 * Prints a table and, last, one JSON line. Usage: npm run bench:import [-- --connections N --messages N]
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pino from 'pino';
import Papa from 'papaparse';
import { from as copyFrom } from 'pg-copy-streams';
import { createDatabase } from '../db/client.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { findOrCreateSubscriber } from '../db/queries/subscribers.ts';
import { csvLine } from '../db/copy-rows.ts';
import { TimeOrderedIds } from '../services/import/time-ordered-ids.ts';
import { runImport } from '../services/import/run-import.ts';
import { storeUpload } from '../services/import/store-upload.ts';
import { parseExport } from '../domain/linkedin-export/index.ts';
import { generateFakeExport, packFakeExport } from '../fake-export/generate.ts';
import { environmentLine, median, printTable, round, withPeakRss } from './bench-support.ts';
// For the migration run here: NODE_ENV=production refuses the development secrets.
import './bench/run-secrets.ts';

const { values } = parseArgs({ options: { connections: { type: 'string', default: '30000' }, messages: { type: 'string', default: '50000' }, runs: { type: 'string', default: '3' } } });
const connections = Number(values.connections);
const messages = Number(values.messages);
const runs = Number(values.runs);
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/rapport_bench';

await migrateToLatest(databaseUrl);
const database = createDatabase(databaseUrl);
const log = pino({ level: 'warn' });
const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport-bench-'));

try {
  const fake = generateFakeExport({ seed: 2026, connections, messages, era: '2026' });
  const zipFile = path.join(dir, 'Complete_LinkedInDataExport.zip');
  const csvFile = path.join(dir, 'Connections.csv');
  await writeFile(zipFile, packFakeExport(fake, 'zip'));
  await writeFile(csvFile, packFakeExport(fake, 'csv'));
  const rows = fake.truth.connections;

  // B-copy: Postgres parses the same CSV rows itself (the Notes preamble and header cut off).
  const csvText = await readFile(csvFile, 'utf8');
  const headerEnd = csvText.indexOf('\n', csvText.indexOf('First Name')) + 1;
  const body = csvText.slice(headerEnd);
  const copyTimes: number[] = [];
  const floorTimes: number[] = [];
  const parsedConnections = (await parseExport(csvFile)).connections;
  const client = await database.pool.connect();
  try {
    for (let i = 0; i < runs; i++) {
      await client.query('DROP TABLE IF EXISTS bench_copy; CREATE TABLE bench_copy (first_name text, last_name text, url text, email text, company text, position text, connected_on text)');
      const started = performance.now();
      await pipeline(Readable.from([body]), client.query(copyFrom('COPY bench_copy FROM STDIN (FORMAT csv)')));
      copyTimes.push(performance.now() - started);
    }
    for (let i = 0; i < runs; i++) {
      await client.query('DROP TABLE IF EXISTS bench_floor; CREATE TABLE bench_floor (LIKE connections INCLUDING DEFAULTS INCLUDING INDEXES)');
      const ids = new TimeOrderedIds();
      const subscriberId = '00000000-0000-4000-8000-000000000000';
      const lines = parsedConnections.map(
        (c, n) => `${csvLine([ids.take(), subscriberId, c.profileKey ?? `row:${n}`, c.profileUrl, c.firstName, c.lastName, c.email, c.company, c.position, c.connectedOn, c.connectedOnRaw])}\n`,
      );
      const started = performance.now();
      await pipeline(
        Readable.from([lines.join('')]),
        client.query(copyFrom('COPY bench_floor (id, subscriber_id, match_key, profile_url, first_name, last_name, email, company, position, connected_on, connected_on_raw) FROM STDIN (FORMAT csv)')),
      );
      floorTimes.push(performance.now() - started);
    }
    await client.query('DROP TABLE IF EXISTS bench_copy; DROP TABLE IF EXISTS bench_floor');
  } finally {
    client.release();
  }

  // The next week's export: 1% left, 2% changed jobs, 1% new (Papa Parse keeps the quoting right).
  const rowsOfBody = Papa.parse<string[]>(body, { skipEmptyLines: true }).data;
  const nextWeek = rowsOfBody
    .filter((_, i) => i % 100 !== 0)
    .map((row, i) => (i % 50 === 25 ? [...row.slice(0, 4), `${row[4]} Group`, ...row.slice(5)] : row))
    .concat(rowsOfBody.slice(0, Math.round(rowsOfBody.length / 100)).map((row, i) => [row[0]!, row[1]!, `https://www.linkedin.com/in/new-person-${i}`, ...row.slice(3)]));
  const reuploadFile = path.join(dir, 'Connections-next-week.csv');
  await writeFile(reuploadFile, csvText.slice(0, headerEnd) + Papa.unparse(nextWeek, { newline: '\n' }) + '\n');

  const newSubscriber = (label: string) =>
    findOrCreateSubscriber(database.db, { email: `bench-${label}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com` });
  const importFile = async (subscriberId: string, file: string) => {
    const started = performance.now();
    const stored = await storeUpload(database.db, { subscriberId, filePath: file, fileName: path.basename(file), source: 'cli', maxBytes: 1e9 });
    const outcome = await runImport({ ...database, log }, stored.exportId);
    const ms = performance.now() - started;
    if (outcome.status !== 'imported') throw new Error(`bench import failed: ${JSON.stringify(outcome)}`);
    return { ms, summary: outcome.summary };
  };
  const importOnce = async (file: string, label: string) => {
    const subscriber = await newSubscriber(label);
    const { ms } = await importFile(subscriber.id, file);
    await database.db.deleteFrom('subscribers').where('id', '=', subscriber.id).execute();
    return ms;
  };

  const csvImportTimes: number[] = [];
  const reimportTimes: number[] = [];
  let reimportSummary = '';
  for (let i = 0; i < runs; i++) {
    const subscriber = await newSubscriber('csv');
    csvImportTimes.push((await importFile(subscriber.id, csvFile)).ms);
    const again = await importFile(subscriber.id, reuploadFile);
    reimportTimes.push(again.ms);
    reimportSummary = `${again.summary.newConnections} new, ${again.summary.removedConnections} removed, ${again.summary.jobChanges} job changes`;
    await database.db.deleteFrom('subscribers').where('id', '=', subscriber.id).execute();
  }

  const parseTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await parseExport(zipFile);
    parseTimes.push(performance.now() - started);
  }

  const zipImportTimes: number[] = [];
  let peakExtraMb = 0;
  for (let i = 0; i < runs; i++) {
    const { result, peakExtraMb: peak } = await withPeakRss(() => importOnce(zipFile, 'zip'));
    zipImportTimes.push(result);
    peakExtraMb = Math.max(peakExtraMb, peak);
  }

  const copyMs = median(copyTimes);
  const floorMs = median(floorTimes);
  const csvMs = median(csvImportTimes);
  const reimportMs = median(reimportTimes);
  const parseMs = median(parseTimes);
  const zipMs = median(zipImportTimes);
  const figures = {
    connections: rows,
    messages,
    copyBaselineMs: round(copyMs),
    indexedCopyFloorMs: round(floorMs),
    indexedCopyFloorVsCopy: round(floorMs / copyMs),
    connectionsImportMs: round(csvMs),
    connectionsImportRowsPerSec: Math.round(rows / (csvMs / 1000)),
    connectionsImportVsCopy: round(csvMs / copyMs),
    connectionsImportVsFloor: round(csvMs / floorMs),
    connectionsReimportMs: round(reimportMs),
    connectionsReimportVsCopy: round(reimportMs / copyMs),
    wholeExportParseMs: round(parseMs),
    wholeExportImportMs: round(zipMs),
    wholeExportRowsPerSec: Math.round((rows + messages) / (zipMs / 1000)),
    parseShareOfWholeImport: round(parseMs / zipMs),
    peakExtraRssMb: round(peakExtraMb, 1),
    goals: { connectionsImportVsCopyMax: 3, wholeExportImportMsMax: 5000, peakExtraRssMbMax: 200 },
  };

  console.log(`Import benchmark, median of ${runs} runs; ${environmentLine()}`);
  printTable([
    ['figure', 'value', 'baseline / goal'],
    ['raw COPY of Connections.csv rows into a bare table (B-copy)', `${figures.copyBaselineMs} ms`, 'baseline'],
    ['parsed rows COPYed into an indexed connections-shaped table (B-floor)', `${figures.indexedCopyFloorMs} ms`, `${figures.indexedCopyFloorVsCopy}× B-copy`],
    ['Connections.csv imported end to end, first import', `${figures.connectionsImportMs} ms (${figures.connectionsImportRowsPerSec} rows/s)`, `${figures.connectionsImportVsCopy}× B-copy (goal ≤ 3×), ${figures.connectionsImportVsFloor}× B-floor`],
    [`Connections.csv re-uploaded a week later (${reimportSummary})`, `${figures.connectionsReimportMs} ms`, `${figures.connectionsReimportVsCopy}× B-copy`],
    ['whole export parse only', `${figures.wholeExportParseMs} ms`, `${Math.round(figures.parseShareOfWholeImport * 100)}% of import`],
    ['whole export imported end to end', `${figures.wholeExportImportMs} ms (${figures.wholeExportRowsPerSec} rows/s)`, 'goal ≤ 5000 ms'],
    ['peak extra RSS during import', `${figures.peakExtraRssMb} MB`, 'goal ≤ 200 MB'],
  ]);
  console.log(JSON.stringify(figures));
} finally {
  await rm(dir, { recursive: true, force: true });
  await database.db.destroy();
}
