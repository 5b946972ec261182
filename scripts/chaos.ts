/**
 * Fault drills (issue #8), asserting and exiting non-zero on any failure. Uses its own Redis
 * (port 6390, started here, because it is flushed and restarted), its own database and a local
 * SMTP sink, but RESTARTS THE LOCAL POSTGRES in one scenario: run it on a development machine.
 *
 *   A  kill -9 of the worker at random moments during a weekly run (default 5,000 subscribers)
 *   B  Redis emptied (FLUSHALL) and then restarted mid-run
 *   C  Postgres restarted mid-run
 *   D  the SMTP server answering 451 to 10% of messages and hanging on 1%
 *   E  SIGTERM mid-run: the worker drains within its bound; the rest resumes after a restart
 *   F  1,000 replies, 50 of them delivered twice, plus 200 auto-replies: each applied once, no loops
 *   G  poison uploads among 20 normal ones during a weekly run, the import process under a small heap:
 *      2 million short URL-less rows (refused at the row limit) and a legal export too big for the heap
 *      (its process dies twice, then it is failed for good); everyone else's imports and digests go on,
 *      each failed uploader is told once, and nothing is started again. Runnable alone:
 *      npm run chaos -- --only G --subscribers 300 --others 300
 *
 * Every due subscriber must end with exactly one digest sent; a message the sink accepted twice is
 * the documented crash window (accepted by SMTP, not yet marked sent) and is counted and reported.
 * Usage: npm run chaos [-- --subscribers 5000 --others 1000 --only A,B,C,D,E,F,G]
 * CHAOS_WORKER_LOG=/path appends the workers' stdout (their logs, their import processes' too) there.
 */
import { spawn, execSync, fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { migrateToLatest } from '../db/migrate.ts';
import { createContext, type AppContext } from '../runtime/context.ts';
import { parseConfig } from '../runtime/config.ts';
import { issueToken } from '../services/actions/tokens.ts';
import { createMxServer } from '../processes/mx/server.ts';
import { findOrCreateSubscriber } from '../db/queries/subscribers.ts';
import { storeUpload } from '../services/import/store-upload.ts';
import { writeFakeExport } from '../fake-export/generate.ts';
import { sweepLostWork } from '../processes/worker/sweep.ts';
import { dkimFor, stubResolver } from '../dev/mail-auth.ts';
import { writeHeavyExport, writePoisonZip } from '../dev/poison.ts';
import { seedSubscribers } from './bench/seed-subscribers.ts';
import { runSecrets } from './bench/run-secrets.ts';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '5000' },
    others: { type: 'string', default: '1000' },
    kills: { type: 'string', default: '5' },
    only: { type: 'string', default: 'A,B,C,D,E,F,G' },
  },
});
const only = new Set(values.only.split(',').map((s) => s.trim().toUpperCase()));
const BIG = Number(values.subscribers);
const SMALL = Number(values.others);
const KILLS = Number(values.kills);
const REDIS_PORT = 6390;
const DATABASE = 'rapport_chaos';
const root = path.resolve(import.meta.dirname, '..');
const failures: string[] = [];
const results: Record<string, unknown> = {};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => console.log(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}`);
function check(condition: boolean, message: string) {
  if (!condition) failures.push(message);
  log(`${condition ? 'ok  ' : 'FAIL'} ${message}`);
}

// --- Infrastructure -----------------------------------------------------------------------------
const redisDir = path.join(os.tmpdir(), 'rapport-chaos-redis');
mkdirSync(redisDir, { recursive: true });
const startRedis = () =>
  execSync(`redis-server --port ${REDIS_PORT} --bind 127.0.0.1 --daemonize yes --save "" --appendonly no --maxmemory-policy noeviction --dir ${redisDir} --logfile ${redisDir}/redis.log`);
const stopRedis = () => execSync(`redis-cli -p ${REDIS_PORT} shutdown nosave || true`, { stdio: 'ignore' });
stopRedis();
startRedis();
await sleep(300);

const postgresVersion = execSync('ls /etc/postgresql').toString().trim().split('\n').sort().pop();
const restartPostgres = () => execSync(`pg_ctlcluster --skip-systemctl-redirect ${postgresVersion} main restart`, { stdio: 'ignore' });

const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
await admin.end();
const databaseUrl = `postgres://postgres@127.0.0.1:5432/${DATABASE}`;
await migrateToLatest(databaseUrl);

function startSink(env: Record<string, string>) {
  const child = fork(path.join(root, 'scripts/bench/smtp-sink-process.ts'), { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env } });
  const ask = <T>(type: string) =>
    new Promise<T>((resolve) => {
      child.once('message', (m) => resolve(m as T));
      child.send({ type });
    });
  const port = new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
  return { child, port, ask };
}
const sink = startSink({});
const faultySink = startSink({ SINK_TEMPFAIL_SHARE: '0.10', SINK_HANG_SHARE: '0.01' });
const sinkUrl = (port: number) => `smtp://127.0.0.1:${port}?tls=off`;

const baseEnv = {
  DATABASE_URL: databaseUrl,
  REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}`,
  // This run's own prefix: a worker left over from an earlier run (anyone's) reconnects to this
  // Redis port, and under a shared prefix it would take this run's jobs, e.g. import G's heavy
  // upload under its own, larger heap.
  QUEUE_PREFIX: `chaos-${process.pid}`,
  EMAIL_RATE_PER_SECOND: '100000',
  SHUTDOWN_TIMEOUT_MS: '10000',
  SMTP_TIMEOUT_MS: '3000',
  LOG_LEVEL: 'error',
  ...runSecrets,
};
const ctxEnv = { ...process.env, ...baseEnv, SMTP_URL: sinkUrl(await sink.port) };
const ctx: AppContext = createContext(parseConfig(ctxEnv), 'chaos', 'worker');

// Whatever happens to this script, no worker it started may outlive it, nor any import process one
// of them started: each worker leads a process group of its own, which its import process joins.
const workerGroups = new Set<number>();
const groupAlive = (pgid: number) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};
const killGroups = () => {
  for (const pgid of workerGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
};
process.on('exit', killGroups);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
// CHAOS_WORKER_LOG=file: the workers' stdout (their logs, import processes' included) appended there.
const workerStdout = process.env.CHAOS_WORKER_LOG ? openSync(process.env.CHAOS_WORKER_LOG, 'a') : 'ignore';

class WorkerProcess {
  child: ChildProcess | null = null;
  constructor(
    private smtpUrl: string,
    private extraEnv: Record<string, string> = {},
  ) {}
  start() {
    this.child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'processes/worker/main.ts')], {
      env: { ...process.env, ...baseEnv, SMTP_URL: this.smtpUrl, ...this.extraEnv },
      stdio: ['ignore', workerStdout, 'inherit'],
      detached: true,
    });
    if (this.child.pid) workerGroups.add(this.child.pid);
  }
  kill9() {
    this.child?.kill('SIGKILL');
    this.child = null;
  }
  /** Milliseconds from SIGTERM to exit, and the exit code. */
  async sigterm(): Promise<{ ms: number; code: number | null }> {
    const child = this.child!;
    const started = Date.now();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await exited;
    this.child = null;
    return { ms: Date.now() - started, code };
  }
}

// --- Data -------------------------------------------------------------------------------------------
async function seed(total: number) {
  await seedSubscribers(ctx, { count: total, prefix: 'chaos', export: { seed: 9, connections: 40 } });
  // Everyone's slot (Monday 00:00 UTC) has passed this week, so the planner finds them all due.
  await ctx.db.updateTable('subscribers').set({ digest_weekday: 1, digest_hour: 0, time_zone: 'UTC' }).execute();
}

async function selectSubscribers(count: number) {
  // Only the first `count` subscribers take part; the others are paused for this scenario.
  await ctx.db.updateTable('subscribers').set({ paused_until: new Date(Date.now() + 86_400_000) }).execute();
  const ids = (await ctx.db.selectFrom('subscribers').select('id').orderBy('email').limit(count).execute()).map((r) => r.id);
  await ctx.db.updateTable('subscribers').set({ paused_until: null }).where('id', 'in', ids).execute();
  return ids.length;
}

async function reset(activeSubscribers: number) {
  await ctx.queues.obliterateAll().catch(() => {});
  await ctx.db.deleteFrom('digests').execute();
  await ctx.db.deleteFrom('outbox').execute();
  await ctx.db.deleteFrom('action_tokens').execute();
  await ctx.db.deleteFrom('suppressions').execute();
  await sink.ask('reset');
  await faultySink.ask('reset');
  return selectSubscribers(activeSubscribers);
}

const sentCount = async () =>
  Number((await ctx.db.selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('n')).where('kind', '=', 'digest').where('status', '=', 'sent').executeTakeFirstOrThrow()).n);

/** Waits until Postgres says every due digest is sent, sweeping lost work as the scheduler would. */
async function waitAllSent(expected: number, timeoutMs: number): Promise<number> {
  const started = Date.now();
  let lastSweep = 0;
  for (;;) {
    let sent = 0;
    try {
      sent = await sentCount();
    } catch {
      // Postgres may be restarting.
    }
    if (sent >= expected) return Date.now() - started;
    if (Date.now() - started > timeoutMs) return -1;
    if (Date.now() - lastSweep > 5_000) {
      lastSweep = Date.now();
      await sweepLostWork(ctx, 10_000).catch(() => {});
    }
    await sleep(500);
  }
}

async function verify(name: string, expected: number, whichSink: ReturnType<typeof startSink>, seconds: number) {
  const counts = await whichSink.ask<{ received: number; tempfails: number; hangs: number; perRecipient: Record<string, number> }>('counts');
  const digests = Number((await ctx.db.selectFrom('digests').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const recipients = Object.values(counts.perRecipient);
  const duplicates = recipients.reduce((n, c) => n + Math.max(0, c - 1), 0);
  check(seconds >= 0, `${name}: every due digest marked sent in Postgres`);
  check(digests === expected, `${name}: exactly one digest row per subscriber (${digests}/${expected})`);
  check(recipients.length === expected, `${name}: every subscriber received a digest (${recipients.length}/${expected})`);
  // Only a crash between the SMTP server's 250 and our commit can send twice; a drill without
  // crashes must show none.
  results[name] = { subscribers: expected, seconds: Math.round(seconds / 100) / 10, duplicatesInSmtpWindow: duplicates, tempfails: counts.tempfails, hangs: counts.hangs };
  log(`${name}: ${expected} digests in ${Math.round(seconds / 1000)} s; ${duplicates} duplicate(s) from the SMTP-acceptance window; ${counts.tempfails} 451s, ${counts.hangs} hangs`);
  return duplicates;
}

const runWeek = () => ctx.queues.enqueue('digest.plan', {});

// --- Scenarios --------------------------------------------------------------------------------------
log(`seeding ${BIG} subscribers`);
await seed(BIG);
const sinkSmtp = sinkUrl(await sink.port);
const faultySmtp = sinkUrl(await faultySink.port);

/**
 * One weekly run under a fault: a fresh worker, the week planned, `fault` applied while it runs,
 * then every due digest must end sent exactly once, apart from at most `maxDuplicates` in the
 * documented SMTP-acceptance window.
 */
async function drill(name: string, options: { subscribers: number; faultySmtp?: boolean; timeoutMs?: number; maxDuplicates: number; fault: (worker: WorkerProcess) => Promise<void> }) {
  const n = await reset(options.subscribers);
  const worker = new WorkerProcess(options.faultySmtp ? faultySmtp : sinkSmtp);
  worker.start();
  await sleep(1500);
  await runWeek();
  await options.fault(worker);
  const ms = await waitAllSent(n, options.timeoutMs ?? 5 * 60_000);
  const duplicates = await verify(name, n, options.faultySmtp ? faultySink : sink, ms);
  check(duplicates <= options.maxDuplicates, `${name}: ${duplicates} duplicate(s), at most ${options.maxDuplicates} allowed`);
  await worker.sigterm();
}

if (only.has('A')) {
  // Each kill can cut at most one in-flight send per email job slot (concurrency 10) after its 250.
  await drill('A kill -9', {
    subscribers: BIG,
    timeoutMs: 10 * 60_000,
    maxDuplicates: KILLS * 10,
    fault: async (worker) => {
      for (let i = 0; i < KILLS; i++) {
        await sleep(300 + Math.random() * 2500);
        worker.kill9();
        log(`A: worker killed (${i + 1}/${KILLS}) at ${await sentCount()} sent`);
        worker.start();
      }
    },
  });
}

if (only.has('B')) {
  await drill('B Redis flush and restart', {
    subscribers: SMALL,
    maxDuplicates: 0,
    fault: async () => {
      await sleep(1000);
      execSync(`redis-cli -p ${REDIS_PORT} flushall`);
      log(`B: Redis flushed at ${await sentCount()} sent`);
      await sleep(1500);
      stopRedis();
      await sleep(2000);
      startRedis();
      log('B: Redis stopped and restarted (empty)');
    },
  });
}

if (only.has('C')) {
  // Sends whose commit Postgres cut off are the SMTP-acceptance window: at most one per job slot.
  await drill('C Postgres restart', {
    subscribers: SMALL,
    maxDuplicates: 10,
    fault: async () => {
      await sleep(1500);
      log(`C: restarting Postgres at ${await sentCount()} sent`);
      restartPostgres();
      log('C: Postgres back');
    },
  });
}

if (only.has('D')) {
  await drill('D SMTP 451 on 10%, hang on 1%', { subscribers: SMALL, faultySmtp: true, timeoutMs: 10 * 60_000, maxDuplicates: 0, fault: async () => {} });
}

if (only.has('E')) {
  await drill('E SIGTERM and restart', {
    subscribers: SMALL,
    maxDuplicates: 0,
    fault: async (worker) => {
      // Mid-run means while it sends, not while it still boots (a signal then just ends it).
      for (let waited = 0; (await sentCount()) === 0 && waited < 60_000; waited += 100) await sleep(100);
      await sleep(500);
      const before = await sentCount();
      const { ms: drainMs, code } = await worker.sigterm();
      log(`E: SIGTERM at ${before} sent; worker exited ${code} after ${drainMs} ms`);
      check(code === 0 && drainMs <= 10_000 + 3_000, `E SIGTERM: worker drained and exited cleanly within its bound (${drainMs} ms)`);
      worker.start();
    },
  });
}

if (only.has('F')) {
  // Replies to the digests of scenario E's subscribers, through a real mx.
  // The seed subscribers' domain signs its mail with the test key the stub resolver publishes (no DNS here).
  const mx = createMxServer(ctx, { resolver: stubResolver });
  await new Promise<void>((resolve) => mx.listen(0, '127.0.0.1', resolve));
  const port = (mx.server.address() as { port: number }).port;
  const worker = new WorkerProcess(sinkSmtp);
  worker.start();
  const digests = await ctx.db
    .selectFrom('digests')
    .innerJoin('subscribers', 'subscribers.id', 'digests.subscriber_id')
    // The digest's own email, which a reply answers (In-Reply-To): replies act only on messages we sent.
    .innerJoin('outbox', (join) => join.onRef('outbox.digest_id', '=', 'digests.id').on('outbox.kind', '=', 'digest'))
    .select(['digests.id', 'digests.subscriber_id', 'subscribers.email', 'outbox.message_id'])
    .limit(1000)
    .execute();
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: 10, dkim: dkimFor('seed.example') });
  // One auto-reply per digest at most, up to 200: each comes from a subscriber's robot.
  const autoReplies = Math.min(200, digests.length);
  const started = Date.now();
  const sends: Promise<unknown>[] = [];
  for (const [i, d] of digests.entries()) {
    const token = await issueToken(ctx.db, ctx.config.tokenSecrets, { subscriberId: d.subscriber_id, scope: 'reply', digestId: d.id });
    const to = `reply+${token}@${ctx.config.inboundDomain}`;
    const message = { from: d.email, to, subject: 'Re: your week', text: 'known 1\n\nOn Monday, Rapport wrote:\n> or reply: known 2', messageId: `<chaos-${i}@chaos.example>`, inReplyTo: d.message_id, references: [d.message_id] };
    sends.push(transport.sendMail(message));
    if (i < 50) sends.push(transport.sendMail(message)); // delivered twice
    if (i < autoReplies) sends.push(transport.sendMail({ ...message, messageId: `<auto-${i}@chaos.example>`, text: 'I am out of office.', headers: { 'Auto-Submitted': 'auto-replied' } }));
  }
  await Promise.all(sends);
  let processed = 0;
  for (;;) {
    processed = Number((await ctx.db.selectFrom('inbound_messages').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '<>', 'received').executeTakeFirstOrThrow()).n);
    if (processed >= digests.length + autoReplies || Date.now() - started > 5 * 60_000) break;
    await sleep(250);
  }
  const seconds = (Date.now() - started) / 1000;
  const applied = Number((await ctx.db.selectFrom('tie_events').select((eb) => eb.fn.countAll<string>().as('n')).where('source', '=', 'reply').executeTakeFirstOrThrow()).n);
  const stored = Number((await ctx.db.selectFrom('inbound_messages').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const receipts = Number((await ctx.db.selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('n')).where('kind', '=', 'receipt').executeTakeFirstOrThrow()).n);
  check(stored === digests.length + autoReplies, `F inbound: ${stored} stored for ${digests.length} replies + ${autoReplies} auto-replies (duplicates stored once)`);
  check(applied === digests.length, `F inbound: each reply applied once (${applied}/${digests.length})`);
  check(receipts === digests.length, `F inbound: one receipt per reply, none to auto-replies (${receipts})`);
  check(seconds <= 60, `F inbound: ${digests.length} replies applied in ${seconds.toFixed(1)} s (goal ≤ 60 s)`);
  results['F inbound'] = { replies: digests.length, autoReplies, duplicatesDelivered: 50, seconds: Math.round(seconds * 10) / 10, applied, receipts };
  transport.close();
  await new Promise<void>((resolve) => mx.close(() => resolve()));
  await worker.sigterm();
}

if (only.has('G')) {
  const n = await reset(SMALL);
  const LOCK_MS = 3_000;
  // The heap the import process gets: ample for the normal uploads here (300 connections import in
  // 80 MB), far from enough for the heavy one (100,000 connections at full length need over 176 MB;
  // measured with the CLI, Dec 2026). Not a production size: a 30,000-connection export needs more than 128 MB (it fits in 192).
  // The heavy upload can only succeed here if a process without this limit takes it (see QUEUE_PREFIX).
  const worker = new WorkerProcess(sinkSmtp, { IMPORT_HEAP_MB: '128', IMPORT_LOCK_MS: String(LOCK_MS), LOG_LEVEL: 'warn' });
  worker.start();
  const dir = path.join(os.tmpdir(), `rapport-chaos-uploads-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const poisonFile = path.join(dir, 'poison.zip');
  const heavyFile = path.join(dir, 'heavy.zip');
  await writePoisonZip(poisonFile, 2_000_000);
  await writeHeavyExport(heavyFile);
  // Uploaders are new subscribers, none of them due a digest.
  const uploads: Array<{ kind: 'normal' | 'poison' | 'heavy'; exportId: string; subscriberId: string }> = [];
  const uploader = async (kind: string, i: number) => {
    const subscriber = await findOrCreateSubscriber(ctx.db, { email: `uploader-${kind}-${i}@chaos.example` });
    // Paused: no digest for them this week (pausing holds digests and reminders, not import results).
    await ctx.db.updateTable('subscribers').set({ paused_until: new Date(Date.now() + 86_400_000) }).where('id', '=', subscriber.id).execute();
    return subscriber;
  };
  for (let i = 0; i < 20; i++) await uploader('normal', i);
  await uploader('poison', 0);
  await uploader('heavy', 0);
  const upload = async (kind: 'normal' | 'poison' | 'heavy', i: number, file: string) => {
    const subscriber = await uploader(kind, i);
    const stored = await storeUpload(ctx.db, { subscriberId: subscriber.id, filePath: file, fileName: path.basename(file), source: 'web', maxBytes: ctx.config.maxUploadBytes });
    await ctx.queues.enqueue('import.export', { exportId: stored.exportId });
    uploads.push({ kind, exportId: stored.exportId, subscriberId: subscriber.id });
  };
  const normal = async (i: number) => {
    const file = path.join(dir, `normal-${i}.zip`);
    await writeFakeExport(file, { seed: 100 + i, connections: 300 });
    await upload('normal', i, file);
  };
  await sleep(1500);
  const started = Date.now();
  await runWeek();
  for (let i = 0; i < 5; i++) await normal(i);
  await upload('poison', 0, poisonFile);
  for (let i = 5; i < 10; i++) await normal(i);
  await upload('heavy', 0, heavyFile);
  for (let i = 10; i < 20; i++) await normal(i);
  log(`G: ${uploads.length} uploads queued (1 poison, 1 heavy) during a weekly run for ${n} subscribers`);

  const pendingImports = () =>
    ctx.db.selectFrom('exports').select('id').where('id', 'in', uploads.map((u) => u.exportId)).where('status', 'in', ['pending', 'importing']).execute();
  for (;;) {
    if ((await pendingImports()).length === 0 || Date.now() - started > 10 * 60_000) break;
    await sleep(1000);
  }
  const importsMs = Date.now() - started;
  const digestsMs = await waitAllSent(n, 5 * 60_000);
  const rows = await ctx.db
    .selectFrom('exports')
    .select(['id', 'status', 'error_code', 'import_attempts', 'finished_at'])
    .where('id', 'in', uploads.map((u) => u.exportId))
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const of = (kind: string) => uploads.filter((u) => u.kind === kind).map((u) => byId.get(u.exportId)!);
  const normals = of('normal');
  const [poison] = of('poison');
  const [heavy] = of('heavy');
  check(normals.every((r) => r.status === 'imported'), `G: every normal upload imported (${normals.filter((r) => r.status === 'imported').length}/${normals.length})`);
  check(poison?.status === 'failed' && poison.error_code === 'too_many_rows', `G: the poison upload refused at the row limit (${poison?.status}, ${poison?.error_code})`);
  check(heavy?.status === 'failed' && heavy.error_code === 'import_stopped', `G: the upload that killed its process failed for good (${heavy?.status}, ${heavy?.error_code}, ${heavy?.import_attempts} starts)`);
  check((heavy?.import_attempts ?? 99) <= 3, `G: it was started at most 3 times (${heavy?.import_attempts})`);
  // Imports run one at a time in queue order: those queued before the heavy upload finished before
  // it failed; those after it waited for it to give up (two stall windows), and were then imported.
  const heavyFinished = heavy?.finished_at?.getTime() ?? Number.POSITIVE_INFINITY;
  const before = normals.slice(0, 10);
  check(before.every((r) => (r.finished_at?.getTime() ?? Number.POSITIVE_INFINITY) < heavyFinished), 'G: uploads queued before the heavy one were not held up by it');
  log(`G: imports done in ${Math.round((Date.now() - started) / 1000)} s; the heavy upload gave up after ${heavy?.import_attempts} starts`);
  // The sink also saw the uploaders' result emails, so digests are counted per digest recipient.
  const counts = await sink.ask<{ perRecipient: Record<string, number> }>('counts');
  const digestRecipients = (await ctx.db.selectFrom('digests').innerJoin('subscribers', 'subscribers.id', 'digests.subscriber_id').select('subscribers.email').execute()).map((r) => r.email);
  check(digestsMs >= 0 && digestRecipients.length === n, `G: every due digest built and marked sent while uploads failed (${digestRecipients.length}/${n})`);
  const received = digestRecipients.map((email) => counts.perRecipient[email] ?? 0);
  check(received.every((c) => c === 1), `G: each digest subscriber received exactly one email (${received.filter((c) => c === 1).length}/${n})`);
  // The last result emails are queued when the last import ends: give the sender a bounded while.
  const resultEmailsNow = () =>
    ctx.db
      .selectFrom('outbox')
      .select(['subscriber_id', 'status'])
      .where('kind', '=', 'import_result')
      .where('subscriber_id', 'in', uploads.map((u) => u.subscriberId))
      .execute();
  let resultEmails = await resultEmailsNow();
  for (const until = Date.now() + 60_000; Date.now() < until && !resultEmails.every((e) => e.status === 'sent'); ) {
    await sleep(500);
    resultEmails = await resultEmailsNow();
  }
  check(resultEmails.length === uploads.length && resultEmails.every((e) => e.status === 'sent'), `G: every uploader told once, failed ones included (${resultEmails.length}/${uploads.length})`);
  // Nothing loops: after three more stall windows and a sweep, no upload starts again.
  const startsBefore = rows.reduce((sum, r) => sum + r.import_attempts, 0);
  await sweepLostWork(ctx, 0);
  await sleep(3 * LOCK_MS);
  const startsAfter = (await ctx.db.selectFrom('exports').select('import_attempts').where('id', 'in', uploads.map((u) => u.exportId)).execute()).reduce((sum, r) => sum + r.import_attempts, 0);
  check(startsAfter === startsBefore && (await pendingImports()).length === 0, `G: nothing started again (${startsBefore} → ${startsAfter} starts)`);
  results['G poison uploads'] = {
    subscribers: n,
    digestsSeconds: Math.round(digestsMs / 100) / 10,
    uploads: uploads.length,
    importsSeconds: Math.round(importsMs / 100) / 10,
    heavyStarts: heavy?.import_attempts,
  };
  await worker.sigterm();
  rmSync(dir, { recursive: true, force: true });
}

// A worker killed with -9 leaves its import process behind: that process must notice and stop by
// itself (within the shutdown bound), never live on taking jobs under no one's supervision.
{
  const deadline = Date.now() + Number(baseEnv.SHUTDOWN_TIMEOUT_MS) + 10_000;
  const alive = () => [...workerGroups].filter(groupAlive);
  while (alive().length && Date.now() < deadline) await sleep(250);
  const left = alive();
  check(left.length === 0, `no process of the ${workerGroups.size} worker(s) started outlived them (${left.length} group(s) left${left.length ? `: ${left.join(', ')}` : ''})`);
  killGroups();
}

await ctx.queues.obliterateAll().catch(() => {});
await ctx.close();
stopRedis();
sink.child.send({ type: 'stop' });
faultySink.child.send({ type: 'stop' });
console.log(JSON.stringify({ ok: failures.length === 0, failures, results }));
process.exit(failures.length === 0 ? 0 : 1);
