import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findOrCreateSubscriber } from '../../db/queries/subscribers.ts';
import { storeUpload } from '../../services/import/store-upload.ts';
import { writeFakeExport } from '../../fake-export/generate.ts';
import { useTestContext } from '../support/test-context.ts';
import { waitFor } from '../support/wait.ts';

const root = path.resolve(import.meta.dirname, '../..');

function run(entry: string, env: Record<string, string>) {
  // node itself, not the tsx CLI: its wrapper process would stand between the signal and the worker.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, entry)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('process entry points', () => {
  const ctx = useTestContext();

  it.each([
    ['processes/web/main.ts', 'WEB_PORT', 'not-a-port'],
    ['processes/worker/main.ts', 'DATABASE_URL', 'mysql://nope'],
    ['processes/mx/main.ts', 'TOKEN_SECRETS', 'too-short'],
  ])('%s refuses to start on a bad %s and names it', async (entry, name, value) => {
    const proc = run(entry, { [name]: value });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toContain(name);
  });

  it.each(['processes/web/main.ts', 'processes/worker/main.ts', 'processes/mx/main.ts'])(
    '%s refuses to start in production on the development secrets, and says why',
    async (entry) => {
      const proc = run(entry, { NODE_ENV: 'production', TOKEN_SECRETS: '', ADMIN_TOKEN: '' });
      // A process that did start must not outlive the test (it would hold the default ports).
      const stopped = setTimeout(() => proc.child.kill('SIGKILL'), 20_000);
      const code = await proc.exited;
      clearTimeout(stopped);
      expect(code).toBe(1);
      expect(proc.output()).toContain('Refusing to start in production');
      expect(proc.output()).toMatch(/TOKEN_SECRETS: in production[^\n]*\n\s*ADMIN_TOKEN: in production/);
    },
  );

  it('an import process whose supervisor is gone before it has even loaded stops by itself, instead of taking imports unsupervised', async () => {
    // As when the worker is killed -9 while its import process is still starting: the IPC channel
    // closes before main.ts has run a line (and 'disconnect' is emitted only once).
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'processes/worker/main.ts'), '--queues', 'import'], {
      env: { ...process.env, DATABASE_URL: ctx.config.databaseUrl, QUEUE_PREFIX: ctx.config.queuePrefix, VAR_DIR: ctx.config.varDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const exited = new Promise<boolean>((resolve) => child.on('exit', () => resolve(true)));
    child.disconnect();
    const stillRunning = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const stoppedByItself = await Promise.race([exited, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 25_000))]);
    clearTimeout(stillRunning);
    if (!stoppedByItself) child.kill('SIGKILL');
    expect(stoppedByItself).toBe(true);
  }, 40_000);

  it.each(['processes/web/main.ts', 'processes/worker/main.ts', 'processes/mx/main.ts'])(
    '%s on a database that does not exist says so in one line, no stack trace',
    async (entry) => {
      const proc = run(entry, { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/rapport_never_created', WEB_PORT: '39417', MX_PORT: '39418' });
      const stopped = setTimeout(() => proc.child.kill('SIGKILL'), 20_000);
      const code = await proc.exited;
      clearTimeout(stopped);
      expect(code).toBe(1);
      expect(proc.output()).toContain('database "rapport_never_created" does not exist: run `npm run migrate` once to create it');
      expect(proc.output()).not.toMatch(/\n\s+at /);
    },
  );

  it('web starts on a fresh connection to Redis without a warning about its eviction policy', async () => {
    const web = run('processes/web/main.ts', { DATABASE_URL: ctx.config.databaseUrl, QUEUE_PREFIX: ctx.config.queuePrefix, VAR_DIR: ctx.config.varDir, WEB_PORT: '39419', LOG_LEVEL: 'info' });
    try {
      await waitFor('web to listen', async () => /Server listening/.test(web.output()));
    } finally {
      web.child.kill('SIGTERM');
    }
    expect(await web.exited).toBe(0);
    expect(web.output()).not.toMatch(/eviction policy|"stack"/);
  });

  it('SIGTERM while a job runs lets it finish, then exits cleanly', async () => {
    const file = path.join(ctx.config.varDir, 'big.zip');
    await writeFakeExport(file, { seed: 3, connections: 15_000, messages: 30_000 });
    const subscriber = await findOrCreateSubscriber(ctx.db, { email: 'sig@example.com' });
    const stored = await storeUpload(ctx.db, { subscriberId: subscriber.id, filePath: file, fileName: 'big.zip', source: 'cli', maxBytes: 1e9 });

    const worker = run('processes/worker/main.ts', {
      DATABASE_URL: ctx.config.databaseUrl,
      QUEUE_PREFIX: ctx.config.queuePrefix,
      VAR_DIR: ctx.config.varDir,
      SHUTDOWN_TIMEOUT_MS: '30000',
      LOG_LEVEL: 'info',
    });
    await ctx.queues.enqueue('import.export', { exportId: stored.exportId });
    await waitFor('import to start', async () => {
      const row = await ctx.db.selectFrom('exports').select('status').where('id', '=', stored.exportId).executeTakeFirstOrThrow();
      return row.status !== 'pending';
    });
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    const row = await ctx.db.selectFrom('exports').select(['status', 'summary']).where('id', '=', stored.exportId).executeTakeFirstOrThrow();
    expect(row.status).toBe('imported');
    expect(row.summary?.connections).toBeGreaterThan(14_000);
    expect(worker.output()).toContain('shutting down');
  });
});
