import { generateKeyPairSync } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlers } from '../../jobs/handlers/index.ts';
import { buildDigest } from '../../services/digest/build-digest.ts';
import { planDigestNow, planDueDigests } from '../../services/digest/plan.ts';
import { queueUploadReminders } from '../../services/digest/reminders.ts';
import { sendFromOutbox } from '../../services/mail/outbox.ts';
import { suppressionOf } from '../../services/mail/suppressions.ts';
import { findBounceToken } from '../../services/mail/bounce-address.ts';
import { verifyBounceToken } from '../../services/actions/tokens.ts';
import { buildWebApp } from '../../processes/web/app.ts';
import { sweepLostWork } from '../../processes/worker/sweep.ts';
import { startWorkers, type RunningWorkers } from '../../processes/worker/workers.ts';
import { findOrCreateSubscriber } from '../../db/queries/subscribers.ts';
import { importedSubscriber } from '../support/fixtures.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';
import { waitFor } from '../support/wait.ts';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

describe('the weekly digest over real SMTP', () => {
  let ctx: TestContext;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let workers: RunningWorkers;
  let app: FastifyInstance;

  beforeAll(async () => {
    // bounce@ is refused permanently; flaky@ gets a temporary failure on its first attempt.
    let flakyAttempts = 0;
    sink = await startSmtpSink((to) => {
      if (to.includes('bounce@example.com')) return { code: 550, message: '5.1.1 <bounce@example.com>: No such user' };
      if (to.includes('flaky@example.com') && flakyAttempts++ === 0) return { code: 451, message: '4.3.0 Try again later' };
      return null;
    });
    ctx = await createTestContext({
      SMTP_URL: sink.url,
      DKIM_DOMAIN: 'rapport.localhost',
      DKIM_SELECTOR: 'test',
      DKIM_PRIVATE_KEY: privateKey,
      PUBLIC_URL: 'https://rapport.example',
    });
    app = await buildWebApp(ctx);
  });

  afterAll(async () => {
    await workers?.close(5_000);
    await app?.close();
    await ctx?.cleanup();
    await sink?.close();
  });

  const messagesTo = (address: string) => sink.messages.filter((m) => m.to.includes(address));

  it('sends one digest with both parts, numbered items, working links and every header', async () => {
    const { subscriber } = await importedSubscriber(ctx, 'reader@example.com');
    workers = await startWorkers(ctx, handlers, { schedules: false });
    const planned = await planDigestNow(ctx.db, subscriber.id, new Date(), ctx.config.suppressionSecret);
    await ctx.queues.enqueue('digest.build', { digestId: planned!.digestId });
    await waitFor('delivery', async () => messagesTo('reader@example.com').length > 0);

    const mail: ParsedMail = await simpleParser(messagesTo('reader@example.com')[0]!.raw);
    const header = (name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/\r?\n\s+/g, ' ') ?? '';
    expect(header('from')).toBe('From: Rapport <digest@rapport.localhost>');
    expect(header('reply-to')).toMatch(/^Reply-To: reply\+[a-z2-7]{49}@reply\.rapport\.localhost$/);
    expect(header('list-unsubscribe')).toMatch(/^List-Unsubscribe: <https:\/\/rapport\.example\/u\/[a-z2-7]{49}>, <mailto:reply\+[a-z2-7]{49}@reply\.rapport\.localhost\?subject=unsubscribe>$/);
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mail.messageId).toBe(`<digest-${planned!.digestId}@rapport.localhost>`);
    // VERP: the envelope sender is this message's signed bounce address, bound to its outbox row and recipient.
    const outbox = await ctx.db.selectFrom('outbox').select(['id', 'recipient']).where('digest_id', '=', planned!.digestId).executeTakeFirstOrThrow();
    const envelopeFrom = messagesTo('reader@example.com')[0]!.from;
    const bounce = findBounceToken([envelopeFrom], ctx.config.inboundDomain);
    expect(bounce?.outboxId).toBe(outbox.id);
    expect(verifyBounceToken(ctx.config.tokenSecrets, bounce!.token, outbox.id, 'reader@example.com')).toBe(true);
    expect(verifyBounceToken(ctx.config.tokenSecrets, bounce!.token, outbox.id, 'someone.else@example.com')).toBe(false);
    const dkim = header('dkim-signature');
    expect(dkim).toContain('d=rapport.localhost');
    const signed = /;\s*h=([^;]+)/.exec(dkim)![1]!.toLowerCase().split(':').map((h) => h.trim());
    expect(signed).toEqual(expect.arrayContaining(['from', 'subject', 'list-unsubscribe', 'list-unsubscribe-post', 'message-id']));

    const html = mail.html as string;
    const text = mail.text ?? '';
    expect(html.length).toBeGreaterThan(1000);
    expect(text.length).toBeGreaterThan(200);
    const items = await ctx.db.selectFrom('digest_items').select(['number', 'kind']).where('digest_id', '=', planned!.digestId).orderBy('number').execute();
    expect(items.map((i) => i.number)).toEqual(items.map((_, i) => i + 1));
    // The email shows the first items; any beyond them wait on the review page, and it says so.
    const shown = items.filter((item) => html.includes(`data-item="${item.number}"`));
    expect(shown.map((i) => i.number)).toEqual(items.slice(0, shown.length).map((i) => i.number));
    expect(shown.length).toBeGreaterThanOrEqual(Math.min(items.length, 5));
    if (shown.length < items.length) expect(text).toContain(`${items.length - shown.length} more on your review page`);
    expect(mail.subject).toMatch(/^(Do you really know|How well do you know) \S+\?/);

    // Every link in the HTML part answers, through the real web app, without changing anything.
    const links = [...new Set([...html.matchAll(/href="https:\/\/rapport\.example([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&')))];
    expect(links.length).toBeGreaterThan(3);
    for (const link of links) expect((await app.inject({ method: 'GET', url: link })).statusCode, link).toBe(200);
    // The one-click reply goes to the digest's own reply address, with this week's example written.
    const mailtos = [...html.matchAll(/href="mailto:([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!.replace(/&amp;/g, '&')));
    expect(mailtos.some((m) => /^reply\+[a-z2-7]+@reply\.rapport\.localhost\?subject=Re: .+&body=known 1, /.test(m))).toBe(true);
    expect(await ctx.db.selectFrom('ties').selectAll().execute()).toHaveLength(0);
  });

  it('a permanent refusal fails at once and suppresses the address; nothing more is sent to it', async () => {
    const { subscriber } = await importedSubscriber(ctx, 'bounce@example.com');
    const planned = await planDigestNow(ctx.db, subscriber.id, new Date(), ctx.config.suppressionSecret);
    const built = await buildDigest(ctx.db, ctx.config, planned!.digestId);
    if (built.status !== 'built') throw new Error('not built');
    await expect(sendFromOutbox(ctx.db, ctx.mail, { outboxId: built.outboxId, config: ctx.config })).rejects.toThrow(/No such user/);
    const row = await ctx.db.selectFrom('outbox').selectAll().where('id', '=', built.outboxId).executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(1);
    const suppression = await suppressionOf(ctx.db, ctx.config.suppressionSecret, 'Bounce@Example.com');
    expect(suppression).toMatchObject({ reason: 'bounce' });
    // Kept as a keyed hash: neither the row nor the SMTP error quoted in its detail names the address.
    expect(JSON.stringify(suppression)).not.toMatch(/bounce@example\.com/i);
    expect(await planDueDigests(ctx.db, new Date(), { suppressionSecret: ctx.config.suppressionSecret, subscriberId: subscriber.id, ignoreSlot: true })).toEqual([]);
  });

  it('a temporary failure leaves the message pending and a retry sends it once', async () => {
    const { subscriber } = await importedSubscriber(ctx, 'flaky@example.com');
    const planned = await planDigestNow(ctx.db, subscriber.id, new Date(), ctx.config.suppressionSecret);
    const built = await buildDigest(ctx.db, ctx.config, planned!.digestId);
    if (built.status !== 'built') throw new Error('not built');
    const send = () => sendFromOutbox(ctx.db, ctx.mail, { outboxId: built.outboxId, config: ctx.config });
    await expect(send()).rejects.toThrow(/Try again later/);
    expect((await ctx.db.selectFrom('outbox').select(['status', 'attempts']).where('id', '=', built.outboxId).executeTakeFirstOrThrow())).toEqual({ status: 'pending', attempts: 1 });
    expect(await send()).toBe('sent');
    expect(await send()).toBe('already-done');
    expect(messagesTo('flaky@example.com')).toHaveLength(1);
  });

  it('a pause or unsubscribe that lands after the build stops the send', async () => {
    for (const [email, change] of [
      ['paused@example.com', { paused_until: new Date(Date.now() + 7 * 86_400_000) }],
      ['gone@example.com', { status: 'unsubscribed' as const }],
    ] as const) {
      const { subscriber } = await importedSubscriber(ctx, email);
      const planned = await planDigestNow(ctx.db, subscriber.id, new Date(), ctx.config.suppressionSecret);
      const built = await buildDigest(ctx.db, ctx.config, planned!.digestId);
      if (built.status !== 'built') throw new Error('not built');
      await ctx.db.updateTable('subscribers').set(change).where('id', '=', subscriber.id).execute();
      expect(await sendFromOutbox(ctx.db, ctx.mail, { outboxId: built.outboxId, config: ctx.config })).toBe('suppressed');
      expect(messagesTo(email)).toHaveLength(0);
    }
  });

  it('planner re-runs, duplicate builds and parallel sends all end with exactly one digest', async () => {
    const { subscriber } = await importedSubscriber(ctx, 'once@example.com');
    const now = new Date();
    const first = await planDueDigests(ctx.db, now, { suppressionSecret: ctx.config.suppressionSecret, subscriberId: subscriber.id, ignoreSlot: true });
    const again = await Promise.all([1, 2, 3].map(() => planDueDigests(ctx.db, now, { suppressionSecret: ctx.config.suppressionSecret, subscriberId: subscriber.id, ignoreSlot: true })));
    expect(first).toHaveLength(1);
    expect(again.flat()).toEqual([]);
    const builds = await Promise.all([1, 2, 3].map(() => buildDigest(ctx.db, ctx.config, first[0]!)));
    expect(builds.filter((b) => b.status === 'built')).toHaveLength(1);
    const outboxId = (builds.find((b) => b.status === 'built') as { outboxId: string }).outboxId;
    const sends = await Promise.all([1, 2, 3, 4].map(() => sendFromOutbox(ctx.db, ctx.mail, { outboxId, config: ctx.config })));
    expect(sends.filter((s) => s === 'sent')).toHaveLength(1);
    expect(messagesTo('once@example.com')).toHaveLength(1);
  });

  it('recovers when Redis loses every queued job: the sweeper re-enqueues from Postgres', async () => {
    await workers.close(5_000);
    const emails = ['lost1@example.com', 'lost2@example.com', 'lost3@example.com'];
    for (const email of emails) await importedSubscriber(ctx, email);
    const digestIds = await planDueDigests(ctx.db, new Date(), { suppressionSecret: ctx.config.suppressionSecret, ignoreSlot: true });
    expect(digestIds.length).toBeGreaterThanOrEqual(3);
    await ctx.queues.enqueueBulk('digest.build', digestIds.map((digestId) => ({ digestId })));
    // As FLUSHALL would, but only for this test's queue prefix: other test files share the server.
    await ctx.queues.obliterateAll();
    workers = await startWorkers(ctx, handlers, { schedules: false });
    await sweepLostWork(ctx, 0);
    await waitFor('all re-enqueued digests sent', async () => emails.every((e) => messagesTo(e).length === 1));
    await sweepLostWork(ctx, 0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const email of emails) expect(messagesTo(email)).toHaveLength(1);
  });

  it('reminds a subscriber with no import to upload, at most every two weeks', async () => {
    const subscriber = await findOrCreateSubscriber(ctx.db, { email: 'new@example.com' });
    // Sunday 23:30 UTC: every default Monday 08:00 slot in UTC has passed this week.
    const now = new Date('2026-11-29T23:30:00Z');
    expect(await queueUploadReminders(ctx.db, ctx.config, now)).toHaveLength(1);
    expect(await queueUploadReminders(ctx.db, ctx.config, new Date(now.getTime() + 7 * 86_400_000))).toHaveLength(0);
    const rows = await ctx.db.selectFrom('outbox').select(['kind', 'headers']).where('subscriber_id', '=', subscriber.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });
});
