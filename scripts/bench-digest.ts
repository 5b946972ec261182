/**
 * Digest benchmark (issue #5). Seeds N subscribers with C connections each, then in one run measures:
 *  - B-sink: a pre-built message sent repeatedly by pooled nodemailer to a local no-op SMTP sink;
 *  - render-only rate of a real digest, and B-tpl: the same digest as plain template literals;
 *  - build+render time per digest (p50/p99) and the queries each build issues;
 *  - end to end: plan → build → render → send through the real queue and worker processes (one per
 *    core by default) to the sink, with the CPU each part of the pipeline spent per digest.
 * Prints a table, then one JSON line. Usage: npm run bench:digest [-- --subscribers 2000 --connections 1500 --workers 2]
 */
import { fork, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrateToLatest } from '../db/migrate.ts';
import { loadAnalysisInput } from '../db/queries/analysis-input.ts';
import { renderEmail } from '../emails/render.ts';
import { createContext } from '../runtime/context.ts';
import { parseConfig } from '../runtime/config.ts';
import { buildDigest } from '../services/digest/build-digest.ts';
import { composeDigest } from '../services/digest/compose.ts';
import { planDueDigests } from '../services/digest/plan.ts';
import { analyseNetwork } from '../domain/network/index.ts';
import { createSmtpTransport } from '../services/mail/transport.ts';
import { renderDigestTemplateLiteral } from './bench/digest-template-literal.ts';
import { environmentLine, percentile, printTable, round, startCpuAccounting } from './bench-support.ts';
import { seedSubscribers } from './bench/seed-subscribers.ts';
import { runSecrets } from './bench/run-secrets.ts';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '2000' },
    connections: { type: 'string', default: '1500' },
    renders: { type: 'string', default: '500' },
    // One worker process per core, as production would run them.
    workers: { type: 'string', default: String(os.cpus().length) },
  },
});
const N = Number(values.subscribers);
const C = Number(values.connections);
const renders = Number(values.renders);
const workerCount = Number(values.workers);
if (!(N >= 1 && N <= 100_000)) throw new Error('--subscribers must be between 1 and 100000');

const databaseName = 'rapport_bench_digest';
const databaseUrl = `postgres://postgres@127.0.0.1:5432/${databaseName}`;
const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
await admin.end();
await migrateToLatest(databaseUrl);

const sinkProcess = fork(path.join(import.meta.dirname, 'bench/smtp-sink-process.ts'), { execArgv: ['--import', 'tsx'] });
const sinkPort = await new Promise<number>((resolve) => sinkProcess.once('message', (m: { port: number }) => resolve(m.port)));
const askSink = () =>
  new Promise<number>((resolve) => {
    sinkProcess.once('message', (m: { received: number }) => resolve(m.received));
    sinkProcess.send({ type: 'count' });
  });

const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  SMTP_URL: `smtp://127.0.0.1:${sinkPort}?tls=off`,
  QUEUE_PREFIX: 'bench-digest',
  EMAIL_RATE_PER_SECOND: '100000',
  LOG_LEVEL: 'warn',
  ...runSecrets,
};
const config = parseConfig(env);
const ctx = createContext(config, 'bench', 'worker');
await ctx.queues.obliterateAll();
let templateId = '';

try {
  // --- Seed: one real import, then set-based copies for the other subscribers.
  const seedStarted = performance.now();
  templateId = await seedSubscribers(ctx, {
    count: N,
    prefix: 'bench',
    export: { seed: 5, connections: C, targetCompanies: ['Northwind Traders', 'Globex Corporation'] },
    withEvidence: true,
  });
  const seed = await ctx.pool.connect();
  try {
    await seed.query(`INSERT INTO strategy_answers (subscriber_id, purposes, gain, targets, profile_confidence, numbers_focus)
      SELECT id, '{job_search}', 'A product role', '[{"kind":"company","value":"Northwind Traders"},{"kind":"role","value":"product manager"}]', 'partly', false FROM subscribers`);
    // A fifth of each network already answered, as after a few weeks of digests.
    await seed.query(`INSERT INTO ties (connection_id, subscriber_id, tie)
      SELECT id, subscriber_id, CASE WHEN abs(hashtext(match_key)) % 10 = 0 THEN 'close' WHEN abs(hashtext(match_key)) % 10 = 1 THEN 'unknown' ELSE 'known' END
      FROM connections WHERE abs(hashtext(match_key)) % 5 = 0`);
    await seed.query('ANALYZE');
  } finally {
    seed.release();
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  // --- B-sink: the SMTP ceiling with a pre-built message.
  const prebuilt = await renderEmail('weekly-digest', (await sampleProps()).props);
  // The production transport (pooled, 5 connections, TCP_NODELAY), so the ceiling is the real one.
  const transport = createSmtpTransport(config.smtpUrl!);
  const sinkCount = Math.min(2000, Math.max(200, N));
  let started = performance.now();
  await Promise.all(
    Array.from({ length: sinkCount }, (_, i) =>
      transport.send({ from: config.mailFrom, to: `sink${i}@bench.example`, subject: prebuilt.subject, html: prebuilt.html, text: prebuilt.text, messageId: `<sink-${i}@bench.example>`, headers: {}, envelopeFrom: `bounce@${config.inboundDomain}` }),
    ),
  );
  const sinkRate = sinkCount / ((performance.now() - started) / 1000);
  transport.close();

  // --- Render only, and the template-literal baseline, on the same props.
  const { props } = await sampleProps();
  // Both sides end with what a message is made of: one flat string each for HTML and text, measured
  // as UTF-8. V8 builds concatenated strings as ropes and flattens them on first read, so timing a
  // renderer without reading its output would leave part of its cost to whoever reads it next.
  const materialise = (rendered: { html: string; text: string }) => Buffer.byteLength(rendered.html) + Buffer.byteLength(rendered.text);
  for (let i = 0; i < 20; i++) materialise(await renderEmail('weekly-digest', props));
  const renderTimes: number[] = [];
  for (let i = 0; i < renders; i++) {
    const t = performance.now();
    materialise(await renderEmail('weekly-digest', props));
    renderTimes.push(performance.now() - t);
  }
  const tplTimes: number[] = [];
  for (let i = 0; i < renders * 4; i++) {
    const t = performance.now();
    materialise(renderDigestTemplateLiteral(props));
    tplTimes.push(performance.now() - t);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  // --- Build + render per digest, and the queries each build issues.
  let queries = 0;
  const originalQuery = pg.Client.prototype.query;
  pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
    queries++;
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof originalQuery;
  const sampleIds = await planDueDigests(ctx.db, new Date(), { suppressionSecret: ctx.config.suppressionSecret, ignoreSlot: true });
  const timedIds = sampleIds.slice(0, Math.min(200, sampleIds.length));
  const buildTimes: number[] = [];
  const queryCounts: number[] = [];
  for (const digestId of timedIds) {
    const before = queries;
    const t = performance.now();
    await buildDigest(ctx.db, config, digestId);
    buildTimes.push(performance.now() - t);
    queryCounts.push(queries - before);
  }
  pg.Client.prototype.query = originalQuery;
  // The reads: digest+subscriber, then the analysis input's two. The rest is the write transaction.
  const statementsPerBuild = Math.max(...queryCounts);
  // Start the end-to-end run from nothing.
  await ctx.db.deleteFrom('digests').execute();
  await ctx.db.deleteFrom('action_tokens').execute();

  // --- End to end through the queue and the real worker processes.
  const sentBefore = await askSink();
  // The workers' own planner runs as they start: everyone is paused until the clock starts, so
  // that it plans nothing and the run is timed from the bench's own plan.
  await ctx.db.updateTable('subscribers').set({ paused_until: new Date(Date.now() + 86_400_000) }).execute();
  const workers = Array.from({ length: workerCount }, () =>
    spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '../processes/worker/main.ts')], { env, stdio: ['ignore', 'ignore', 'inherit'] }),
  );
  process.on('exit', () => workers.forEach((worker) => worker.kill('SIGKILL')));
  const workerPids = new Set(workers.map((worker) => worker.pid));
  // Let them load and connect before the clock and the CPU accounting start: loading (tsx, React,
  // Prism inside @react-email/components) costs seconds of CPU that no digest should be charged.
  for (let waited = 0; ; waited += 250) {
    const counts = await Promise.all([ctx.queues.byName.digest.getWorkersCount(), ctx.queues.byName.email.getWorkersCount()]);
    if (counts.every((count) => count >= workerCount)) break;
    if (waited > 120_000) throw new Error('the worker processes did not start');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const cpuSpent = startCpuAccounting((pid, name) =>
    workerPids.has(pid) ? 'workers' : pid === sinkProcess.pid ? 'SMTP sink' : name === 'postgres' ? 'Postgres' : name === 'redis-server' ? 'Redis' : null,
  );
  started = performance.now();
  await ctx.db.updateTable('subscribers').set({ paused_until: null }).execute();
  const digestIds = await planDueDigests(ctx.db, new Date(), { suppressionSecret: ctx.config.suppressionSecret, ignoreSlot: true });
  await ctx.queues.enqueueBulk('digest.build', digestIds.map((digestId) => ({ digestId })));
  for (;;) {
    const { n } = await ctx.db.selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'sent').executeTakeFirstOrThrow();
    if (Number(n) >= digestIds.length) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const e2eSeconds = (performance.now() - started) / 1000;
  const cpu = cpuSpent();
  await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('exit', resolve).kill('SIGTERM'))));
  const delivered = (await askSink()) - sentBefore;
  // CPU milliseconds per digest for each part of the pipeline, and for all of it.
  const pipelineParts = ['workers', 'Postgres', 'Redis', 'SMTP sink'];
  const cpuMsPerDigest = Object.fromEntries(pipelineParts.map((part) => [part, round(((cpu.get(part) ?? 0) * 1000) / digestIds.length, 2)]));
  const pipelineCpuSeconds = pipelineParts.reduce((sum, part) => sum + (cpu.get(part) ?? 0), 0);

  const sortedBuild = [...buildTimes].sort((a, b) => a - b);
  const sortedRender = [...renderTimes].sort((a, b) => a - b);
  const cores = os.cpus().length;
  const digestsPerSecond = digestIds.length / e2eSeconds;
  const figures = {
    subscribers: N,
    connectionsEach: C,
    seedSeconds: round(seedSeconds, 1),
    endToEndSeconds: round(e2eSeconds, 2),
    digestsPerSecond: round(digestsPerSecond, 1),
    digestsPerSecondPerCore: round(digestsPerSecond / cores, 1),
    workerProcesses: workerCount,
    cpuMsPerDigest,
    digestsPerPipelineCpuSecond: round(digestIds.length / pipelineCpuSeconds, 1),
    delivered,
    buildRenderP50Ms: round(percentile(sortedBuild, 50)),
    buildRenderP99Ms: round(percentile(sortedBuild, 99)),
    readQueriesPerDigest: 3,
    statementsPerBuild,
    renderP50Ms: round(percentile(sortedRender, 50)),
    renderP99Ms: round(percentile(sortedRender, 99)),
    renderPerSecond: round(1000 / mean(renderTimes), 1),
    templateLiteralPerSecond: round(1000 / mean(tplTimes), 1),
    renderVsTemplateLiteral: round(mean(renderTimes) / mean(tplTimes), 1),
    sinkPerSecond: round(sinkRate, 1),
    endToEndVsSink: round(digestsPerSecond / sinkRate, 2),
    goals: { digestsPerSecondPerCoreMin: 100, renderVsTemplateLiteralMax: 5, readQueriesPerDigestMax: 3 },
  };
  console.log(`Digest benchmark: ${N} subscribers × ${C} connections (seeded in ${figures.seedSeconds} s); ${environmentLine()}`);
  printTable([
    ['figure', 'value', 'baseline / goal'],
    ['end to end: plan → build → render → send', `${figures.digestsPerSecond} digests/s with ${workerCount} worker processes (${figures.digestsPerSecondPerCore} per core, ${delivered} delivered)`, `${figures.endToEndVsSink}× B-sink; goal ≥ 100/s per core`],
    ['CPU per digest, whole pipeline', `${round((pipelineCpuSeconds * 1000) / digestIds.length, 2)} ms (${pipelineParts.map((part) => `${part} ${cpuMsPerDigest[part]}`).join(', ')})`, `${figures.digestsPerPipelineCpuSecond} digests per CPU-second`],
    ['build + render per digest', `p50 ${figures.buildRenderP50Ms} ms, p99 ${figures.buildRenderP99Ms} ms`, ''],
    ['queries per digest', `3 reads; ${statementsPerBuild} statements in all (incl. BEGIN/COMMIT and writes)`, 'goal ≤ 3 reads, independent of size'],
    ['render only (React Email templates, compiled; html + text)', `${figures.renderPerSecond}/s, p50 ${figures.renderP50Ms} ms, p99 ${figures.renderP99Ms} ms`, `${figures.renderVsTemplateLiteral}× B-tpl; goal ≤ 5×`],
    ['B-tpl: template literals, same digest', `${figures.templateLiteralPerSecond}/s`, 'baseline'],
    ['B-sink: pre-built message, production transport → sink', `${figures.sinkPerSecond}/s`, 'baseline'],
  ]);
  console.log(JSON.stringify(figures));
} finally {
  await ctx.queues.obliterateAll().catch(() => {});
  await ctx.close();
  sinkProcess.send({ type: 'stop' });
}

/** A typical digest's props: the template subscriber's real analysis. */
async function sampleProps() {
  const subscriber = await ctx.db.selectFrom('subscribers').select(['id', 'name']).where('id', '=', templateId).executeTakeFirstOrThrow();
  const input = await loadAnalysisInput(ctx.db, subscriber.id, { now: new Date() });
  const token = 'a'.repeat(49);
  return composeDigest({
    analysis: analyseNetwork(input!),
    name: subscriber.name,
    isoWeek: '2026-W48',
    history: input!.history,
    links: {
      publicUrl: config.publicUrl,
      digestToken: token,
      replyAddress: `reply+${token}@${config.inboundDomain}`,
      uploadUrl: `${config.publicUrl}/upload/${token}`,
      preferencesUrl: `${config.publicUrl}/preferences/${token}`,
      unsubscribeUrl: `${config.publicUrl}/u/${token}`,
    },
  });
}
