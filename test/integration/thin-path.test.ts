import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrCreateSubscriber } from '../../db/queries/subscribers.ts';
import { handlers } from '../../jobs/handlers/index.ts';
import { planDigestNow } from '../../services/digest/plan.ts';
import { storeUpload } from '../../services/import/store-upload.ts';
import { writeFakeExport } from '../../fake-export/generate.ts';
import { startWorkers, type RunningWorkers } from '../../processes/worker/workers.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';
import { waitFor } from '../support/wait.ts';

describe('export → import → digest → rendered → sent, through the real queue and worker', () => {
  let ctx: TestContext;
  let workers: RunningWorkers;

  beforeAll(async () => {
    ctx = await createTestContext();
    workers = await startWorkers(ctx, handlers, { schedules: false });
  });

  afterAll(async () => {
    await workers?.close(5_000);
    await ctx?.cleanup();
  });

  it('delivers a digest that holds the subscriber’s own data in both parts', async () => {
    const file = path.join(ctx.config.varDir, 'export.zip');
    const fake = await writeFakeExport(file, { seed: 11, connections: 120, era: '2026' });
    const subscriber = await findOrCreateSubscriber(ctx.db, { email: 'Ada.Lovelace@Example.com', name: 'Ada' });
    expect(subscriber.email).toBe('ada.lovelace@example.com');

    const stored = await storeUpload(ctx.db, { subscriberId: subscriber.id, filePath: file, fileName: 'export.zip', source: 'cli', maxBytes: 10_000_000 });
    await ctx.queues.enqueue('import.export', { exportId: stored.exportId });
    const imported = await waitFor('import', async () => {
      const row = await ctx.db.selectFrom('exports').selectAll().where('id', '=', stored.exportId).executeTakeFirstOrThrow();
      if (row.status === 'failed') throw new Error(row.error_message ?? 'failed');
      return row.status === 'imported' && row;
    });
    expect(imported.summary?.connections).toBe(fake.truth.connections);
    const { count } = await ctx.db.selectFrom('connections').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    expect(Number(count)).toBe(fake.truth.connections);
    // The raw upload is gone once parsed.
    expect(await ctx.db.selectFrom('export_chunks').selectAll().execute()).toHaveLength(0);

    const planned = await planDigestNow(ctx.db, subscriber.id, new Date(), ctx.config.suppressionSecret);
    expect(planned?.created).toBe(true);
    await ctx.queues.enqueue('digest.build', { digestId: planned!.digestId });
    const sent = await waitFor('digest sent', async () => {
      const row = await ctx.db.selectFrom('outbox').selectAll().where('digest_id', '=', planned!.digestId).executeTakeFirst();
      return row?.status === 'sent' && row;
    });

    const raw = await readFile(sent.delivered_to!);
    const mail = await simpleParser(raw);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('ada.lovelace@example.com');
    expect(mail.subject).toBe(sent.subject);
    expect(mail.subject).toMatch(/know \S+\?/);
    expect(mail.messageId).toBe(`<digest-${planned!.digestId}@rapport.localhost>`);
    expect(mail.html).toBeTruthy();
    expect(mail.text).toBeTruthy();

    const items = await ctx.db
      .selectFrom('digest_items')
      .innerJoin('connections', 'connections.id', 'digest_items.connection_id')
      .select(['digest_items.number', 'connections.first_name', 'connections.last_name'])
      .where('digest_id', '=', planned!.digestId)
      .orderBy('number')
      .execute();
    expect(items.length).toBeGreaterThan(0);
    const first = items[0]!;
    // Names pass through React (HTML-escaped) and the text conversion; compare on the first name.
    expect(mail.text).toContain(first.first_name.trim());
    expect(mail.html as string).toContain('Ada');
    expect(mail.text).toContain(`known ${first.number}`);

    const header = (name: string) => mail.headerLines.find((h) => h.key === name)?.line ?? '';
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(header('list-unsubscribe')).toMatch(/<http:\/\/localhost:3000\/u\/[a-z2-7]+>,\s+<mailto:reply\+/);
    expect(mail.replyTo?.text).toMatch(/^reply\+[a-z2-7]+@reply\.rapport\.localhost$/);
  });

  it('does not send a second digest for the same week', async () => {
    const subscriber = await findOrCreateSubscriber(ctx.db, { email: 'ada.lovelace@example.com' });
    const again = await planDigestNow(ctx.db, subscriber.id, new Date(), ctx.config.suppressionSecret);
    expect(again?.created).toBe(false);
    await ctx.queues.enqueue('digest.build', { digestId: again!.digestId });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rows = await ctx.db.selectFrom('outbox').select('id').where('subscriber_id', '=', subscriber.id).execute();
    expect(rows).toHaveLength(1);
  });
});
