/**
 * Action-page load (issue #8): GET and POST of the scanner-safe review page at a fixed 200 requests/s
 * over loopback, against the real web process, beside a same-run baseline (GET /healthz, which also
 * touches Postgres and Redis). Prints a table and, last, one JSON line.
 * Usage: npm run bench:http [-- --rate 200 --seconds 10]
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { migrateToLatest } from '../db/migrate.ts';
import { createContext } from '../runtime/context.ts';
import { parseConfig } from '../runtime/config.ts';
import { csrfFor } from '../processes/web/kit/csrf.ts';
import { environmentLine, printTable, round } from './bench-support.ts';
import { seedDigests } from './bench/seed-digests.ts';
import { runSecrets } from './bench/run-secrets.ts';

const { values } = parseArgs({ options: { rate: { type: 'string', default: '200' }, seconds: { type: 'string', default: '10' }, links: { type: 'string', default: '300' } } });
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const DATABASE = 'rapport_bench_http';
const PORT = 3097;
const root = path.resolve(import.meta.dirname, '..');

const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
await admin.end();
const env = { DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${DATABASE}`, QUEUE_PREFIX: 'bench-http', WEB_PORT: String(PORT), LOG_LEVEL: 'warn', NODE_ENV: 'production', ...runSecrets };
await migrateToLatest(env.DATABASE_URL);
const ctx = createContext(parseConfig({ ...process.env, ...env }), 'bench', 'worker');
// Enough links that the per-link rate limit (120 a minute) is never what is measured.
const seeded = await seedDigests(ctx, Number(values.links));

const web = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'processes/web/main.ts')], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
const base = `http://127.0.0.1:${PORT}`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/healthz`)).ok) break;
  } catch {
    // not listening yet
  }
  if (i > 100) throw new Error('web server did not start');
  await new Promise((resolve) => setTimeout(resolve, 200));
}

let next = 0;
const pick = () => seeded[next++ % seeded.length]!;
async function load(title: string, request: () => { method: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> }) {
  const result = await autocannon({
    url: base,
    connections: 20,
    overallRate: rate,
    duration: seconds,
    requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, ...request() }) }],
  });
  return { title, rps: round(result.requests.average, 1), p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max, non2xx: result.non2xx, errors: result.errors };
}

try {
  // Warm up (JIT, connection pools) before anything is measured.
  await load('warm-up', () => ({ method: 'GET', path: `/a/${pick().actionToken}?item=1&answer=known` }));
  const baseline = await load('GET /healthz (baseline)', () => ({ method: 'GET', path: '/healthz' }));
  const get = await load('GET /a/:token (review page)', () => ({ method: 'GET', path: `/a/${pick().actionToken}?item=1&answer=known` }));
  const post = await load('POST /a/:token (apply answers)', () => {
    const link = pick();
    const answer = next % 2 ? 'known' : 'close';
    return {
      method: 'POST',
      path: `/a/${link.actionToken}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: csrfFor(ctx.config.tokenSecrets, link.actionToken), item_1: answer, item_2: 'unknown' }).toString(),
    };
  });
  const figures = {
    rate,
    seconds,
    baselineP99Ms: baseline.p99,
    getP50Ms: get.p50,
    getP99Ms: get.p99,
    getRps: get.rps,
    getNon2xx: get.non2xx,
    postP50Ms: post.p50,
    postP99Ms: post.p99,
    postRps: post.rps,
    postNon2xx: post.non2xx,
    goals: { p99MsMax: 50, rate: 200 },
  };
  console.log(`HTTP load at ${rate} requests/s for ${seconds} s each, 20 connections; ${environmentLine()}`);
  printTable([
    ['figure', 'latency', 'throughput / goal'],
    ...[baseline, get, post].map((r): [string, string, string] => [r.title, `p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms`, `${r.rps}/s, ${r.non2xx} non-2xx, ${r.errors} errors${r === baseline ? '' : '; goal p99 ≤ 50 ms'}`]),
  ]);
  console.log(JSON.stringify(figures));
} finally {
  web.kill('SIGTERM');
  await ctx.close();
}
