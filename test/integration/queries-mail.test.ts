/**
 * The query functions of mail, imports and lost work (db/queries/{outbox,exports,suppressions,
 * lost-work,demo}.ts) on a real database, where the use cases' own tests do not reach them: the
 * corners of each statement (a duplicate, a row in the wrong state, another subscriber's row, a
 * lock held elsewhere, a cutoff).
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { deleteDemoSubscriber, seedDemoTies } from '../../db/queries/demo.ts';
import {
  countImportStart,
  deleteExportChunks,
  findExportSource,
  findExportStatus,
  findImportResult,
  findLiveExportOfFile,
  findSubscriberExportStatus,
  insertExport,
  insertExportChunk,
  markExportFailed,
  markExportImporting,
  readExportChunk,
} from '../../db/queries/exports.ts';
import { findStaleExports, findStaleInbound, findStaleOutbox, findStalePlannedDigests } from '../../db/queries/lost-work.ts';
import {
  findDigestOutboxStatus,
  findOutboxIdByDedupKey,
  findSendStops,
  insertOutboxMessage,
  lockOutboxRowForSend,
  markOutboxSent,
  markOutboxSuppressed,
  outboxRowExists,
  recordFailedSend,
  type NewOutboxMessage,
} from '../../db/queries/outbox.ts';
import { findSuppression, hasAnySuppression, insertSuppression } from '../../db/queries/suppressions.ts';
import { setDigestDelivery } from '../../db/queries/digests.ts';
import { findOrCreateSubscriber, findRecipient } from '../../db/queries/subscribers.ts';
import { suppressionHash } from '../../services/mail/suppressions.ts';
import { importedSubscriber } from '../support/fixtures.ts';
import { useTestContext } from '../support/test-context.ts';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('query layer: mail, imports and lost work', () => {
  const ctx = useTestContext();

  const message = (subscriberId: string, dedupKey: string, extra: Partial<NewOutboxMessage> = {}): NewOutboxMessage => ({
    subscriberId,
    kind: 'upload_link',
    dedupKey,
    recipient: 'someone@example.com',
    subject: 'Subject',
    html: '<p>Hi</p>',
    text: 'Hi',
    headers: { 'Reply-To': 'reply@example.com' },
    messageId: `<${dedupKey}@example.com>`,
    ...extra,
  });

  describe('exports', () => {
    it('stores one live export per file, its chunks in order, and reads status only for its owner', async () => {
      const owner = await findOrCreateSubscriber(ctx.db, { email: 'exports.owner@example.com' });
      const other = await findOrCreateSubscriber(ctx.db, { email: 'exports.other@example.com' });
      const file = { subscriberId: owner.id, sha256: 'a'.repeat(64), fileName: 'export.zip', byteSize: 6, source: 'web' as const };

      const exportId = await insertExport(ctx.db, file);
      expect(exportId).toBeDefined();
      expect(await insertExport(ctx.db, file)).toBeUndefined();
      expect(await findLiveExportOfFile(ctx.db, owner.id, file.sha256)).toBe(exportId);
      await expect(findLiveExportOfFile(ctx.db, other.id, file.sha256)).rejects.toThrow();

      await insertExportChunk(ctx.db, exportId!, 0, Buffer.from('abc'));
      await insertExportChunk(ctx.db, exportId!, 1, Buffer.from('def'));
      expect(Buffer.from((await readExportChunk(ctx.db, exportId!, 0))!, 'base64').toString()).toBe('abc');
      expect(Buffer.from((await readExportChunk(ctx.db, exportId!, 1))!, 'base64').toString()).toBe('def');
      expect(await readExportChunk(ctx.db, exportId!, 2)).toBeUndefined();

      expect(await findExportStatus(ctx.db, exportId!)).toEqual({ status: 'pending', summary: null, error_message: null });
      expect(await findSubscriberExportStatus(ctx.db, exportId!, owner.id)).toMatchObject({ status: 'pending' });
      expect(await findSubscriberExportStatus(ctx.db, exportId!, other.id)).toBeUndefined();
      expect(await findExportSource(ctx.db, exportId!)).toEqual({ source: 'web' });
      expect(await findImportResult(ctx.db, exportId!)).toMatchObject({ subscriber_id: owner.id, status: 'pending', digest_weekday: owner.digest_weekday });

      // A failed export no longer blocks the same file: it may be uploaded again.
      await markExportFailed(ctx.db, exportId!, 'bad_file', 'Not an export.');
      await deleteExportChunks(ctx.db, exportId!);
      expect(await readExportChunk(ctx.db, exportId!, 0)).toBeUndefined();
      expect(await findExportStatus(ctx.db, exportId!)).toEqual({ status: 'failed', summary: null, error_message: 'Not an export.' });
      const again = await insertExport(ctx.db, file);
      expect(again).toBeDefined();
      expect(again).not.toBe(exportId);
    });

    it('counts starts only while an import is still to do, and never fails one already finished', async () => {
      const { exportId } = await importedSubscriber(ctx, 'exports.imported@example.com', { connections: 10 });
      expect(await countImportStart(ctx.db, exportId)).toBeUndefined();
      await markExportFailed(ctx.db, exportId, 'late', 'Too late.');
      expect(await findExportStatus(ctx.db, exportId)).toMatchObject({ status: 'imported', error_message: null });
      expect(await findImportResult(ctx.db, MISSING)).toBeUndefined();

      const subscriber = await findOrCreateSubscriber(ctx.db, { email: 'exports.starts@example.com' });
      const pending = (await insertExport(ctx.db, { subscriberId: subscriber.id, sha256: 'b'.repeat(64), fileName: 'x.zip', byteSize: 1, source: 'cli' }))!;
      expect(await countImportStart(ctx.db, pending)).toBe(1);
      await markExportImporting(ctx.db, pending);
      expect(await countImportStart(ctx.db, pending)).toBe(2);
      expect(await findExportStatus(ctx.db, pending)).toMatchObject({ status: 'importing' });
      await markExportFailed(ctx.db, pending, 'import_stopped', 'Stopped.');
      expect(await countImportStart(ctx.db, pending)).toBeUndefined();
      expect(await countImportStart(ctx.db, MISSING)).toBeUndefined();
    });
  });

  describe('outbox', () => {
    it('keeps one row per dedup key and finds it by the key', async () => {
      const subscriber = await findOrCreateSubscriber(ctx.db, { email: 'outbox.dedup@example.com', name: 'Dedup' });
      const id = await insertOutboxMessage(ctx.db, message(subscriber.id, 'query-test-dedup'));
      expect(id).toEqual(expect.any(String));
      expect(await insertOutboxMessage(ctx.db, message(subscriber.id, 'query-test-dedup', { subject: 'Another' }))).toBeNull();
      expect(await findOutboxIdByDedupKey(ctx.db, 'query-test-dedup')).toBe(id);
      expect(await findOutboxIdByDedupKey(ctx.db, 'query-test-unused')).toBeUndefined();
      expect(await findRecipient(ctx.db, subscriber.id)).toEqual({ email: 'outbox.dedup@example.com', name: 'Dedup' });
      expect(await findRecipient(ctx.db, MISSING)).toBeUndefined();
      expect(await outboxRowExists(ctx.db, id!)).toBe(true);
      expect(await outboxRowExists(ctx.db, MISSING)).toBe(false);
    });

    it('skips a row another transaction holds, and finds it again once that one ends', async () => {
      const subscriber = await findOrCreateSubscriber(ctx.db, { email: 'outbox.lock@example.com' });
      const id = (await insertOutboxMessage(ctx.db, message(subscriber.id, 'query-test-lock')))!;
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const holder = ctx.db.transaction().execute(async (trx) => {
        expect(await lockOutboxRowForSend(trx, id)).toMatchObject({ id, status: 'pending' });
        locked();
        await released;
      });
      await isLocked;
      await ctx.db.transaction().execute(async (trx) => {
        expect(await lockOutboxRowForSend(trx, id)).toBeUndefined();
        expect(await outboxRowExists(trx, id)).toBe(true);
      });
      release();
      await holder;
      await ctx.db.transaction().execute(async (trx) => {
        expect(await lockOutboxRowForSend(trx, id)).toMatchObject({ id });
      });
    });

    it('reads both stops of a send at once: the subscriber status and a suppression of the recipient', async () => {
      const subscriber = await findOrCreateSubscriber(ctx.db, { email: 'outbox.stops@example.com' });
      const hash = suppressionHash(ctx.config.suppressionSecret, 'outbox.stops@example.com');
      expect(await findSendStops(ctx.db, subscriber.id, hash)).toEqual({ status: 'active', paused_until: null, suppressed: null });
      await insertSuppression(ctx.db, { emailHash: hash, reason: 'complaint', detail: null });
      expect(await findSendStops(ctx.db, subscriber.id, hash)).toEqual({ status: 'active', paused_until: null, suppressed: 'complaint' });
      expect(await findSendStops(ctx.db, MISSING, hash)).toBeUndefined();
    });

    it('records each outcome of a send on the row, counting attempts, and the digest follows', async () => {
      const subscriber = await findOrCreateSubscriber(ctx.db, { email: 'outbox.outcomes@example.com' });
      const digest = await ctx.db.insertInto('digests').values({ subscriber_id: subscriber.id, iso_week: '2026-W40' }).returning('id').executeTakeFirstOrThrow();
      const id = (await insertOutboxMessage(ctx.db, message(subscriber.id, 'query-test-outcomes', { kind: 'digest', digestId: digest.id })))!;
      const row = () => ctx.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

      await recordFailedSend(ctx.db, id, { permanent: false, error: '421 try later' });
      expect(await row()).toMatchObject({ status: 'pending', attempts: 1, last_error: '421 try later', sent_with_bounce_address: true });
      await markOutboxSent(ctx.db, id, 'smtp:250 ok');
      expect(await row()).toMatchObject({ status: 'sent', attempts: 2, last_error: null, delivered_to: 'smtp:250 ok' });
      expect((await row()).sent_at).toBeInstanceOf(Date);
      await setDigestDelivery(ctx.db, digest.id, 'sent');
      expect(await findDigestOutboxStatus(ctx.db, digest.id)).toEqual({ status: 'sent', delivered_to: 'smtp:250 ok', subject: 'Subject', last_error: null });

      await recordFailedSend(ctx.db, id, { permanent: true, error: '550 no such user' });
      expect(await row()).toMatchObject({ status: 'failed', attempts: 3 });
      await setDigestDelivery(ctx.db, digest.id, 'failed');
      expect(await ctx.db.selectFrom('digests').select('status').where('id', '=', digest.id).executeTakeFirstOrThrow()).toEqual({ status: 'failed' });
      await markOutboxSuppressed(ctx.db, id);
      expect(await findDigestOutboxStatus(ctx.db, digest.id)).toMatchObject({ status: 'suppressed' });
      expect(await findDigestOutboxStatus(ctx.db, MISSING)).toBeUndefined();
    });
  });

  describe('suppressions', () => {
    it('keeps the first reason for an address and says whether the list holds anything', async () => {
      await ctx.db.deleteFrom('suppressions').execute();
      expect(await hasAnySuppression(ctx.db)).toBe(false);
      const hash = suppressionHash(ctx.config.suppressionSecret, 'first.reason@example.com');
      await insertSuppression(ctx.db, { emailHash: hash, reason: 'bounce', detail: '550' });
      await insertSuppression(ctx.db, { emailHash: hash, reason: 'complaint', detail: null });
      expect(await findSuppression(ctx.db, hash)).toMatchObject({ reason: 'bounce', detail: '550' });
      expect(await hasAnySuppression(ctx.db)).toBe(true);
    });
  });

  describe('lost work', () => {
    it('finds only rows still to do that are older than the cutoff', async () => {
      const subscriber = await findOrCreateSubscriber(ctx.db, { email: 'lost.work@example.com' });
      const hourAgo = new Date(Date.now() - 3_600_000);
      const old = (await insertOutboxMessage(ctx.db, message(subscriber.id, 'query-test-stale-old')))!;
      const fresh = (await insertOutboxMessage(ctx.db, message(subscriber.id, 'query-test-stale-fresh')))!;
      const sent = (await insertOutboxMessage(ctx.db, message(subscriber.id, 'query-test-stale-sent')))!;
      await ctx.db.updateTable('outbox').set({ updated_at: hourAgo }).where('id', 'in', [old, sent]).execute();
      await ctx.db.updateTable('outbox').set({ status: 'sent' }).where('id', '=', sent).execute();
      const staleOutbox = await findStaleOutbox(ctx.db, 60_000);
      expect(staleOutbox).toContain(old);
      expect(staleOutbox).not.toContain(fresh);
      expect(staleOutbox).not.toContain(sent);

      const planned = await ctx.db.insertInto('digests').values({ subscriber_id: subscriber.id, iso_week: '2026-W41', created_at: hourAgo }).returning('id').executeTakeFirstOrThrow();
      const built = await ctx.db.insertInto('digests').values({ subscriber_id: subscriber.id, iso_week: '2026-W42', created_at: hourAgo, status: 'built' }).returning('id').executeTakeFirstOrThrow();
      const digests = await findStalePlannedDigests(ctx.db, 60_000);
      expect(digests).toContain(planned.id);
      expect(digests).not.toContain(built.id);
      expect(await findStalePlannedDigests(ctx.db, 2 * 3_600_000)).not.toContain(planned.id);

      const waiting = (await insertExport(ctx.db, { subscriberId: subscriber.id, sha256: 'c'.repeat(64), fileName: 'w.zip', byteSize: 1, source: 'web' }))!;
      const failed = (await insertExport(ctx.db, { subscriberId: subscriber.id, sha256: 'd'.repeat(64), fileName: 'f.zip', byteSize: 1, source: 'web' }))!;
      await markExportFailed(ctx.db, failed, 'x', 'x');
      await ctx.db.updateTable('exports').set({ created_at: hourAgo }).where('id', 'in', [waiting, failed]).execute();
      const cutoff = new Date(Date.now() - 60_000);
      expect(await findStaleExports(ctx.db, cutoff)).toEqual(expect.arrayContaining([waiting]));
      expect(await findStaleExports(ctx.db, cutoff)).not.toContain(failed);
      expect(await findStaleExports(ctx.db, new Date(hourAgo.getTime() - 1))).not.toContain(waiting);

      const inbound = async (status: 'received' | 'processed') =>
        (await ctx.db.insertInto('inbound_messages').values({ via: 'dev', raw: Buffer.from('x'), status, created_at: hourAgo }).returning('id').executeTakeFirstOrThrow()).id;
      const received = await inbound('received');
      const processed = await inbound('processed');
      const staleInbound = await findStaleInbound(ctx.db, cutoff);
      expect(staleInbound).toContain(received);
      expect(staleInbound).not.toContain(processed);
      expect(await findStaleInbound(ctx.db, cutoff, 0)).toEqual([]);
    });
  });

  describe('demo', () => {
    it('seeds ties for the people messaged both ways (ten close) and deletes the demo subscriber with everything of theirs', async () => {
      const { subscriber } = await importedSubscriber(ctx, 'demo.queries@example.com', { connections: 300 });
      await seedDemoTies(ctx.db, subscriber.id);
      const twoWay = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM evidence WHERE subscriber_id = ${subscriber.id} AND two_way_threads > 0`.execute(ctx.db);
      const ties = await ctx.db.selectFrom('ties').select(['tie', (eb) => eb.fn.countAll<number>().as('n')]).where('subscriber_id', '=', subscriber.id).groupBy('tie').execute();
      const count = (tie: string) => Number(ties.find((t) => t.tie === tie)?.n ?? 0);
      expect(twoWay.rows[0]!.n).toBeGreaterThan(10);
      expect(count('close')).toBe(10);
      expect(count('close') + count('known')).toBe(twoWay.rows[0]!.n);

      await deleteDemoSubscriber(ctx.db, 'demo.queries@example.com');
      expect(await findRecipient(ctx.db, subscriber.id)).toBeUndefined();
      expect(await ctx.db.selectFrom('ties').select('tie').where('subscriber_id', '=', subscriber.id).execute()).toEqual([]);
    });
  });
});
