/**
 * Inbound load (issue #8): 1,000 replies ("known 1", with the digest quoted below) sent over SMTP
 * to the mx receiver, then applied by a real worker process. Baseline in the same run: how fast the
 * mx alone stores and acknowledges them. Prints a table and, last, one JSON line.
 * Usage: npm run bench:inbound [-- --replies 1000]
 */
import { fork, spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { migrateToLatest } from '../db/migrate.ts';
import { createContext } from '../runtime/context.ts';
import { parseConfig } from '../runtime/config.ts';
import { createMxServer } from '../processes/mx/server.ts';
import { environmentLine, printTable, round } from './bench-support.ts';
import { seedDigests } from './bench/seed-digests.ts';
import { dkimFor, stubResolver } from '../dev/mail-auth.ts';
import { runSecrets } from './bench/run-secrets.ts';

const { values } = parseArgs({ options: { replies: { type: 'string', default: '1000' } } });
const replies = Number(values.replies);
const DATABASE = 'rapport_bench_inbound';
const root = path.resolve(import.meta.dirname, '..');

const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
await admin.end();

const sink = fork(path.join(root, 'scripts/bench/smtp-sink-process.ts'), { execArgv: ['--import', 'tsx'] });
const sinkPort = await new Promise<number>((resolve) => sink.once('message', (m: { port: number }) => resolve(m.port)));
const env = {
  DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${DATABASE}`,
  QUEUE_PREFIX: 'bench-inbound',
  SMTP_URL: `smtp://127.0.0.1:${sinkPort}?tls=off`,
  EMAIL_RATE_PER_SECOND: '100000',
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
  ...runSecrets,
};
await migrateToLatest(env.DATABASE_URL);
const ctx = createContext(parseConfig({ ...process.env, ...env }), 'bench', 'worker');
await ctx.queues.obliterateAll();
const seeded = await seedDigests(ctx, replies);

// Replies are DKIM-signed by the seed domain and checked on arrival, as in production (stub DNS: none here).
const mx = createMxServer(ctx, { resolver: stubResolver });
await new Promise<void>((resolve) => mx.listen(0, '127.0.0.1', resolve));
const transport = nodemailer.createTransport({ host: '127.0.0.1', port: (mx.server.address() as AddressInfo).port, secure: false, ignoreTLS: true, pool: true, maxConnections: 10, maxMessages: Infinity, dkim: dkimFor('seed.example') });
const quotedDigest = ['On Mon, 23 Nov 2026 at 08:00, Rapport <digest@rapport.localhost> wrote:', "> Here is this week's short list.", '> 1. Jane Doe', '> or reply: known 1', '> known 1 3, close 2, unknown 4, intro 5'].join('\n');

// The digests count as sent (nothing here delivers them): a reply acts only on a message we sent.
await ctx.db.updateTable('outbox').set({ status: 'sent', sent_at: new Date(), sent_with_bounce_address: true }).where('id', 'in', seeded.map((s) => s.outboxId)).execute();

try {
  // Stored and acknowledged by the mx, with no worker running: the baseline.
  let started = performance.now();
  await Promise.all(
    seeded.map((s, i) =>
      transport.sendMail({ from: s.email, to: `reply+${s.replyToken}@${ctx.config.inboundDomain}`, subject: 'Re: your week', text: `known 1\n\n${quotedDigest}`, messageId: `<bench-${i}@bench.example>`, inReplyTo: s.messageId, references: [s.messageId] }),
    ),
  );
  const acceptSeconds = (performance.now() - started) / 1000;

  // Then a real worker process applies them.
  started = performance.now();
  const worker = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'processes/worker/main.ts')], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  let processed = 0;
  for (;;) {
    processed = Number((await ctx.db.selectFrom('inbound_messages').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '<>', 'received').executeTakeFirstOrThrow()).n);
    if (processed >= seeded.length || performance.now() - started > 300_000) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const applySeconds = (performance.now() - started) / 1000;
  const applied = Number((await ctx.db.selectFrom('tie_events').select((eb) => eb.fn.countAll<string>().as('n')).where('source', '=', 'reply').executeTakeFirstOrThrow()).n);
  worker.kill('SIGTERM');
  const figures = {
    replies: seeded.length,
    mxAcceptSeconds: round(acceptSeconds, 2),
    mxAcceptPerSecond: round(seeded.length / acceptSeconds, 1),
    appliedSeconds: round(applySeconds, 2),
    appliedPerSecond: round(seeded.length / applySeconds, 1),
    applied,
    goals: { appliedSecondsMax: 60 },
  };
  console.log(`Inbound replies: ${seeded.length} through the mx, applied by one worker process (includes its start-up); ${environmentLine()}`);
  printTable([
    ['figure', 'value', 'baseline / goal'],
    ['mx stores and acknowledges (no worker)', `${figures.mxAcceptSeconds} s (${figures.mxAcceptPerSecond}/s)`, 'baseline'],
    ['worker parses, applies, queues receipts', `${figures.appliedSeconds} s (${figures.appliedPerSecond}/s), ${applied} applied`, 'goal ≤ 60 s for 1,000'],
  ]);
  console.log(JSON.stringify(figures));
} finally {
  transport.close();
  await new Promise<void>((resolve) => mx.close(() => resolve()));
  await ctx.queues.obliterateAll().catch(() => {});
  await ctx.close();
  sink.send({ type: 'stop' });
}
