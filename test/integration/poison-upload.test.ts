/**
 * The poison-upload finding, end to end on real processes: the worker runs under a small heap
 * (`--max-old-space-size`), one upload is the poison shape (millions of short URL-less rows within
 * every byte limit), another is legal but too big for that heap. Neither may take digests or email
 * down, neither may be retried forever, and each subscriber is told in plain words.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrCreateSubscriber } from '../../db/queries/subscribers.ts';
import { handlers } from '../../jobs/handlers/index.ts';
import { planDigestNow } from '../../services/digest/plan.ts';
import { IMPORT_STOPPED } from '../../services/import/attempts.ts';
import { spoolRoot } from '../../services/import/spool.ts';
import { storeUpload } from '../../services/import/store-upload.ts';
import { writeFakeExport } from '../../fake-export/generate.ts';
import { queueUploadLink } from '../../services/mail/notifications.ts';
import { sweepLostWork } from '../../processes/worker/sweep.ts';
import { startWorkers } from '../../processes/worker/workers.ts';
import { importedSubscriber } from '../support/fixtures.ts';
import { assertPlainWords } from '../support/hostile/checks.ts';
import { writeHeavyExport, writePoisonZip } from '../../dev/poison.ts';
import { createTestContext, type TestContext, useTestContext } from '../support/test-context.ts';
import { waitFor } from '../support/wait.ts';

const root = path.resolve(import.meta.dirname, '../..');
/** Enough for the worker and for refusing the poison file; not for 100,000 connections at full length. */
const HEAP_MB = 128;
const LOCK_MS = 2_000;

describe('poison uploads against a worker with a small heap', () => {
  let ctx: TestContext;
  let worker: { exited: Promise<number | null>; output: () => string; kill: () => void };
  const startedAt = new Date();

  beforeAll(async () => {
    ctx = await createTestContext();
    // node itself (not the tsx CLI), under the small heap: the whole worker, as production runs it.
    const child = spawn(process.execPath, ['--max-old-space-size=' + HEAP_MB, '--import', 'tsx', path.join(root, 'processes/worker/main.ts')], {
      env: {
        ...process.env,
        NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}`,
        DATABASE_URL: ctx.config.databaseUrl,
        QUEUE_PREFIX: ctx.config.queuePrefix,
        VAR_DIR: ctx.config.varDir,
        IMPORT_HEAP_MB: String(HEAP_MB),
        IMPORT_LOCK_MS: String(LOCK_MS),
        LOG_LEVEL: 'info',
        SHUTDOWN_TIMEOUT_MS: '10000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    worker = { exited: new Promise((resolve) => child.on('exit', resolve)), output: () => output, kill: () => child.kill('SIGTERM') };
  });

  afterAll(async () => {
    if (worker) {
      worker.kill();
      await worker.exited;
    }
    await ctx?.cleanup();
  });

  const exportRow = (id: string) =>
    ctx.db.selectFrom('exports').select(['status', 'error_code', 'error_message', 'import_attempts', 'finished_at']).where('id', '=', id).executeTakeFirstOrThrow();

  async function upload(email: string, file: string) {
    const subscriber = await findOrCreateSubscriber(ctx.db, { email });
    const stored = await storeUpload(ctx.db, { subscriberId: subscriber.id, filePath: file, fileName: path.basename(file), source: 'web', maxBytes: 200 * 1024 * 1024 });
    await ctx.queues.enqueue('import.export', { exportId: stored.exportId });
    return { subscriberId: subscriber.id, exportId: stored.exportId };
  }

  /** An email to someone else, sent while the import is failing: email work must go on. */
  async function sendOtherEmail(subscriberId: string, key: string) {
    const outboxId = await queueUploadLink(ctx.db, ctx.config, subscriberId, key);
    await ctx.queues.enqueue('email.send', { outboxId: outboxId! });
    return waitFor(`email ${key}`, async () => {
      const row = await ctx.db.selectFrom('outbox').select(['status', 'sent_at']).where('id', '=', outboxId!).executeTakeFirstOrThrow();
      return row.status === 'sent' && row.sent_at;
    }, 90_000);
  }

  const importResultEmail = (subscriberId: string) =>
    waitFor('the import-result email', async () => {
      const row = await ctx.db.selectFrom('outbox').select(['status', 'text']).where('subscriber_id', '=', subscriberId).where('kind', '=', 'import_result').executeTakeFirst();
      return row?.status === 'sent' && row;
    }, 90_000);

  it('refuses 2 million short URL-less rows at the row limit: the import process survives and the subscriber is told', async () => {
    const file = path.join(ctx.config.varDir, 'Complete_LinkedInDataExport_poison.zip');
    const bytes = await writePoisonZip(file, 2_000_000);
    expect(bytes).toBeLessThan(ctx.config.maxUploadBytes);
    const { subscriberId, exportId } = await upload('poisoned@example.com', file);
    const bystander = await findOrCreateSubscriber(ctx.db, { email: 'bystander@example.com' });
    await sendOtherEmail(bystander.id, 'bystander-1');

    const row = await waitFor('the poison upload to be refused', async () => {
      const current = await exportRow(exportId);
      return current.status === 'failed' && current;
    }, 150_000);
    expect(row.error_code).toBe('too_many_rows');
    expect(row.error_message).toContain('100,000 rows');
    assertPlainWords(row.error_message, 'poison upload');
    expect(row.import_attempts).toBe(1);
    const email = await importResultEmail(subscriberId);
    expect(email.text).toMatch(/100,000\s+rows/);
    expect(worker.output()).not.toContain('import process exited');
  }, 300_000);

  it('an import that kills its process twice is failed for good and explained; digests and email go on; nothing loops; no raw upload is left', async () => {
    const digestFor = await importedSubscriber(ctx, 'digest-reader@example.com');
    const file = path.join(ctx.config.varDir, 'Complete_LinkedInDataExport_heavy.zip');
    const size = await writeHeavyExport(file);
    const { subscriberId, exportId } = await upload('heavy@example.com', file);

    // While the import process dies and restarts, the main worker keeps sending and building.
    await waitFor('the first crash of the import process', async () => worker.output().includes('import process exited'), 180_000);
    const planned = await planDigestNow(ctx.db, digestFor.subscriber.id, new Date(), ctx.config.suppressionSecret);
    await ctx.queues.enqueue('digest.build', { digestId: planned!.digestId });
    const bystander = await findOrCreateSubscriber(ctx.db, { email: 'bystander@example.com' });
    const emailSentAt = await sendOtherEmail(bystander.id, 'bystander-2');
    const digestSent = await waitFor('the digest of another subscriber', async () => {
      const row = await ctx.db.selectFrom('outbox').select(['status', 'sent_at']).where('digest_id', '=', planned!.digestId).executeTakeFirst();
      return row?.status === 'sent' && row.sent_at;
    }, 90_000);

    const row = await waitFor('the heavy upload to be failed for good', async () => {
      const current = await exportRow(exportId);
      return current.status === 'failed' && current;
    }, 240_000);
    expect(row).toMatchObject({ error_code: 'import_stopped', error_message: IMPORT_STOPPED, import_attempts: 2 });
    assertPlainWords(row.error_message, 'stopped import');
    // Other work was done while the import was still failing, not only after it gave up.
    expect(Math.min(emailSentAt.getTime(), digestSent.getTime())).toBeLessThan(row.finished_at!.getTime());
    const email = await importResultEmail(subscriberId);
    expect(email.text).toMatch(/Nothing\s+was\s+changed/);

    // Nothing loops: no further start, no further crash, after twice the stall window.
    const crashes = worker.output().split('import process exited').length - 1;
    expect(crashes).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 4 * LOCK_MS));
    expect(worker.output().split('import process exited').length - 1).toBe(crashes);
    expect((await exportRow(exportId)).import_attempts).toBe(2);

    // The restarted import process still imports a good file.
    const good = await importedSubscriberViaQueue('after@example.com');
    expect(good.status).toBe('imported');

    // The crashed processes' spooled copies were swept when their successors started, and no copy
    // of the upload was left anywhere else in the temp folder either.
    expect(await readdir(spoolRoot(ctx.config.varDir)).catch(() => [])).toEqual([]);
    expect(await leftoverCopiesOf(size)).toEqual([]);
  }, 600_000);

  async function importedSubscriberViaQueue(email: string) {
    const fixture = path.join(ctx.config.varDir, 'good.zip');
    await writeFakeExport(fixture, { seed: 9, connections: 50 });
    const { exportId } = await upload(email, fixture);
    return waitFor('a good import after the crashes', async () => {
      const current = await exportRow(exportId);
      return current.status !== 'pending' && current.status !== 'importing' && current;
    }, 120_000);
  }

  /** Temp folders made since this test started that hold a file as big as the heavy upload. */
  async function leftoverCopiesOf(size: number): Promise<string[]> {
    const found: string[] = [];
    for (const name of await readdir(os.tmpdir())) {
      if (!name.startsWith('rapport-import-')) continue;
      const dir = path.join(os.tmpdir(), name);
      const info = await stat(dir).catch(() => null);
      if (!info || info.mtime < startedAt) continue;
      const upload = await readFile(path.join(dir, 'upload')).catch(() => null);
      if (upload && upload.length === size) found.push(dir);
    }
    return found;
  }
});

describe('the attempt count kept in Postgres', () => {
  const ctx = useTestContext();

  it('refuses a fourth start that Redis forgot to prevent (the sweeper re-adding a row still importing): failed for good, subscriber told', async () => {
    const file = path.join(ctx.config.varDir, 'export.zip');
    await writeFakeExport(file, { seed: 4, connections: 30 });
    const subscriber = await findOrCreateSubscriber(ctx.db, { email: 'forgotten@example.com' });
    const stored = await storeUpload(ctx.db, { subscriberId: subscriber.id, filePath: file, fileName: 'export.zip', source: 'web', maxBytes: 1e8 });
    // As Postgres saw it after three starts whose worker died, with Redis since flushed.
    await ctx.db.updateTable('exports').set({ status: 'importing', import_attempts: 3, created_at: new Date(Date.now() - 3600_000) }).where('id', '=', stored.exportId).execute();

    const workers = await startWorkers(ctx, handlers, { queues: ['import', 'email'], schedules: false });
    try {
      expect((await sweepLostWork(ctx)).exports).toBe(1);
      const row = await waitFor('the forgotten import to be failed', async () => {
        const current = await ctx.db.selectFrom('exports').selectAll().where('id', '=', stored.exportId).executeTakeFirstOrThrow();
        return current.status === 'failed' && current;
      });
      expect(row).toMatchObject({ error_code: 'import_stopped', error_message: IMPORT_STOPPED, import_attempts: 4, summary: null });
      expect(await ctx.db.selectFrom('connections').select('id').where('subscriber_id', '=', subscriber.id).execute()).toEqual([]);
      await waitFor('the failure email', async () => {
        const email = await ctx.db.selectFrom('outbox').select('status').where('subscriber_id', '=', subscriber.id).where('kind', '=', 'import_result').executeTakeFirst();
        return email?.status === 'sent';
      });
      // Failed rows are not swept again: nothing loops.
      expect((await sweepLostWork(ctx, 0)).exports).toBe(0);
    } finally {
      await workers.close(5_000);
    }
  });
});
