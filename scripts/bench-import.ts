/**
 * Import benchmark (issue #3). One run measures, on the same machine and database:
 *  - B-copy: the 30,000 connection rows of Connections.csv streamed by raw COPY into a bare table;
 *  - the same Connections.csv imported end to end (store, parse, diff, upsert, evidence);
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
import { from as copyFrom } from 'pg-copy-streams';
import { createDatabase } from '../db/client.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { findOrCreateSubscriber } from '../db/queries/subscribers.ts';
import { runImport } from '../services/import/run-import.ts';
import { storeUpload } from '../services/import/store-upload.ts';
import { parseExport } from '../services/linkedin-export/index.ts';
import { generateFakeExport, packFakeExport } from '../services/linkedin-export/fake-export.ts';
import { environmentLine, median, printTable, round, withPeakRss } from './bench-support.ts';

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
  const body = csvText.slice(csvText.indexOf('\n', csvText.indexOf('First Name')) + 1);
  const copyTimes: number[] = [];
  const client = await database.pool.connect();
  try {
    for (let i = 0; i < runs; i++) {
      await client.query('DROP TABLE IF EXISTS bench_copy; CREATE UNLOGGED TABLE bench_copy (first_name text, last_name text, url text, email text, company text, position text, connected_on text)');
      const started = performance.now();
      await pipeline(Readable.from([body]), client.query(copyFrom('COPY bench_copy FROM STDIN (FORMAT csv)')));
      copyTimes.push(performance.now() - started);
    }
    await client.query('DROP TABLE IF EXISTS bench_copy');
  } finally {
    client.release();
  }

  const importOnce = async (file: string, label: string) => {
    const subscriber = await findOrCreateSubscriber(database.db, { email: `bench-${label}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com` });
    const started = performance.now();
    const stored = await storeUpload(database.db, { subscriberId: subscriber.id, filePath: file, fileName: path.basename(file), source: 'cli', maxBytes: 1e9 });
    const outcome = await runImport({ ...database, log }, stored.exportId);
    const ms = performance.now() - started;
    if (outcome.status !== 'imported') throw new Error(`bench import failed: ${JSON.stringify(outcome)}`);
    await database.db.deleteFrom('subscribers').where('id', '=', subscriber.id).execute();
    return ms;
  };

  const csvImportTimes: number[] = [];
  for (let i = 0; i < runs; i++) csvImportTimes.push(await importOnce(csvFile, 'csv'));

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
  const csvMs = median(csvImportTimes);
  const parseMs = median(parseTimes);
  const zipMs = median(zipImportTimes);
  const figures = {
    connections: rows,
    messages,
    copyBaselineMs: round(copyMs),
    connectionsImportMs: round(csvMs),
    connectionsImportRowsPerSec: Math.round(rows / (csvMs / 1000)),
    connectionsImportVsCopy: round(csvMs / copyMs),
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
    ['raw COPY of Connections.csv rows (B-copy)', `${figures.copyBaselineMs} ms`, 'baseline'],
    ['Connections.csv imported end to end', `${figures.connectionsImportMs} ms (${figures.connectionsImportRowsPerSec} rows/s)`, `${figures.connectionsImportVsCopy}× B-copy (goal ≤ 3×)`],
    ['whole export parse only', `${figures.wholeExportParseMs} ms`, `${Math.round(figures.parseShareOfWholeImport * 100)}% of import`],
    ['whole export imported end to end', `${figures.wholeExportImportMs} ms (${figures.wholeExportRowsPerSec} rows/s)`, 'goal ≤ 5000 ms'],
    ['peak extra RSS during import', `${figures.peakExtraRssMb} MB`, 'goal ≤ 200 MB'],
  ]);
  console.log(JSON.stringify(figures));
} finally {
  await rm(dir, { recursive: true, force: true });
  await database.db.destroy();
}
