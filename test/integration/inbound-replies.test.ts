import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { SMTPServer } from 'smtp-server';
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inboundParseCommand } from '../../processes/cli/commands/inbound.ts';
import { handlers } from '../../jobs/handlers/index.ts';
import { packFakeExport, generateFakeExport } from '../../fake-export/generate.ts';
import { sendFromOutbox } from '../../services/mail/outbox.ts';
import { suppressionOf } from '../../services/mail/suppressions.ts';
import { createMxServer } from '../../processes/mx/server.ts';
import { buildWebApp } from '../../processes/web/app.ts';
import { startWorkers, type RunningWorkers } from '../../processes/worker/workers.ts';
import { builtDigest, importedSubscriber, type DigestLinksFound } from '../support/fixtures.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';
import { deliveryReport } from '../support/hostile/emails.ts';
import { dkimSigned, stubResolver, testDkim, UNPUBLISHED_KEY } from '../../dev/mail-auth.ts';
import { checkOnArrival } from '../../services/inbound/sender-check.ts';
import { storeInbound } from '../../services/mail/inbound-store.ts';
import { resolveToken } from '../../services/actions/tokens.ts';
import { dryRun, expectDryRunAgrees } from '../support/dry-run.ts';
import { waitFor } from '../support/wait.ts';
import { UNDO_WITHOUT_RECEIPT, type InboundOutcome } from '../../services/inbound/plan.ts';
import { answerPeople } from '../../services/actions/apply-answers.ts';
import { csrfFor } from '../../processes/web/kit/csrf.ts';

const SUBSCRIBER = 'replier@example.com';
const WEBHOOK_SECRET = 'w'.repeat(32);
/** The inbound provider in front of the webhook, whose Authentication-Results we trust. */
const PROVIDER = 'mx.provider.example';

describe('replies by email, through the mx receiver and the webhook', () => {
  let ctx: TestContext;
  let mx: SMTPServer;
  let smallMx: SMTPServer;
  let workers: RunningWorkers;
  let app: FastifyInstance;
  let links: DigestLinksFound;
  let subscriberId: string;
  let replyAddress: string;
  let digestText: string;
  let digestMessageId: string;
  let sent = 0;
  // Replies are DKIM-signed by example.com, as the subscriber's provider would; the mx checks them
  // against the stub DNS (dev/mail-auth.ts).
  const smtp = (server: SMTPServer, options: { sign?: boolean } = {}) =>
    nodemailer.createTransport({ host: '127.0.0.1', port: (server.server.address() as AddressInfo).port, secure: false, ignoreTLS: true, ...(options.sign === false ? {} : { dkim: testDkim }) });

  beforeAll(async () => {
    ctx = await createTestContext({ INBOUND_WEBHOOK_SECRET: WEBHOOK_SECRET, INBOUND_TRUSTED_AUTHSERV_ID: PROVIDER });
    ({ subscriber: { id: subscriberId } } = await importedSubscriber(ctx, SUBSCRIBER));
    links = await builtDigest(ctx, subscriberId);
    replyAddress = `reply+${links.replyToken}@${ctx.config.inboundDomain}`;
    // Sent, so that replies can answer it: a reply acts only when it answers a message we sent.
    await sendFromOutbox(ctx.db, ctx.mail, { outboxId: links.outboxId, config: ctx.config });
    ({ text: digestText, message_id: digestMessageId } = await ctx.db.selectFrom('outbox').select(['text', 'message_id']).where('id', '=', links.outboxId).executeTakeFirstOrThrow());
    mx = createMxServer(ctx, { resolver: stubResolver });
    smallMx = createMxServer(ctx, { maxBytes: 50_000, resolver: stubResolver });
    await new Promise<void>((resolve) => mx.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => smallMx.listen(0, '127.0.0.1', resolve));
    workers = await startWorkers(ctx, handlers, { schedules: false });
    app = await buildWebApp(ctx);
  });

  afterAll(async () => {
    await workers?.close(5_000);
    await app?.close();
    await new Promise<void>((resolve) => (mx ? mx.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (smallMx ? smallMx.close(() => resolve()) : resolve()));
    await ctx?.cleanup();
  });

  async function reply(options: {
    from?: string;
    text?: string;
    html?: string;
    subject?: string;
    headers?: Record<string, string>;
    messageId?: string;
    attachments?: SendMailOptions['attachments'];
    envelopeFrom?: string;
    sign?: boolean;
    /** Another of our messages this one answers (a receipt), instead of the digest. */
    answering?: { replyTo: string; messageId: string };
  }) {
    const messageId = options.messageId ?? `<reply-${++sent}-${Date.now()}@mail.example.com>`;
    const to = options.answering?.replyTo ?? replyAddress;
    const answered = options.answering?.messageId ?? digestMessageId;
    await smtp(mx, { sign: options.sign }).sendMail({
      from: options.from ?? SUBSCRIBER,
      to,
      subject: options.subject ?? 'Re: Your week',
      text: options.text,
      html: options.html,
      headers: options.headers,
      messageId,
      // As every mail client threads a reply to the digest.
      inReplyTo: answered,
      references: [answered],
      attachments: options.attachments,
      envelope: options.envelopeFrom !== undefined ? { from: options.envelopeFrom, to } : undefined,
    });
    return waitFor('inbound processed', () =>
      ctx.db.selectFrom('inbound_messages').selectAll().where('message_id', '=', messageId).where('status', '<>', 'received').executeTakeFirst(),
    );
  }
  const receipts = () => ctx.db.selectFrom('outbox').select(['id', 'subject', 'text', 'headers', 'dedup_key']).where('kind', '=', 'receipt').execute();
  const tieOfItem = async (item: number) => {
    const row = await ctx.db
      .selectFrom('digest_items')
      .leftJoin('ties', 'ties.connection_id', 'digest_items.connection_id')
      .select(['ties.tie', 'digest_items.answer'])
      .where('digest_items.digest_id', '=', links.digestId)
      .where('digest_items.number', '=', item)
      .executeTakeFirstOrThrow();
    return row;
  };
  const quoted = (text: string) => text.split('\n').map((l) => `> ${l}`).join('\n');

  it('applies a top-posted Gmail-style reply once, ignoring the quoted digest, and sends one auto-replied receipt', async () => {
    const row = await reply({
      text: `known 1 3, unknown 2\n\nThanks!\nJane\n\nOn Mon, 23 Nov 2026 at 08:00, Rapport <digest@rapport.localhost> wrote:\n${quoted(digestText)}`,
    });
    expect(row.status).toBe('processed');
    const applied = (row.result as { applied: string[] }).applied;
    expect(applied).toHaveLength(3);
    expect(applied[0]).toMatch(/^Marked item 1 as known: \S/);
    expect(applied[1]).toMatch(/^Marked item 3 as known: \S/);
    expect(applied[2]).toMatch(/^Marked item 2 as someone you don’t know: \S/);
    expect((await tieOfItem(1)).tie).toBe('known');
    expect((await tieOfItem(2)).tie).toBe('unknown');
    // Item 4's "or reply: known 4" in the quoted digest was not read.
    expect((await tieOfItem(4)).answer).toBeNull();
    const receipt = (await receipts()).find((r) => r.dedup_key === `receipt-${row.id}`)!;
    expect(receipt.headers['Auto-Submitted']).toBe('auto-replied');
    // It names each person with what the answer replaced (nothing, here) and offers one undo.
    expect(receipt.text).toMatch(/^• 1\. \S.*: known$/m);
    expect(receipt.text).toMatch(/^• 2\. \S.*: don't know$/m);
    expect(receipt.text).toMatch(/Undo this reply/);
    // Its one action opens this digest's review page, where every answer can be seen and changed.
    const review = /See all your answers (\S+)/.exec(receipt.text)?.[1];
    expect(review).toMatch(/\/a\/[a-z2-7]+$/);
    const link = await resolveToken(ctx.db, ctx.config.tokenSecrets, new URL(review!).pathname.slice(3), ['digest']);
    expect(link?.digestId).toBe(links.digestId);
  });

  it('stores and applies the same message delivered twice only once', async () => {
    const messageId = '<twice@mail.example.com>';
    await reply({ text: 'close 5', messageId });
    await smtp(mx).sendMail({ from: SUBSCRIBER, to: replyAddress, subject: 'Re: again', text: 'close 5', messageId });
    const rows = await ctx.db.selectFrom('inbound_messages').select('id').where('message_id', '=', messageId).execute();
    expect(rows).toHaveLength(1);
    const events = await ctx.db.selectFrom('tie_events').selectAll().where('source', '=', 'reply').where('tie', '=', 'close').execute();
    expect(events).toHaveLength(1);
  });

  it('reports out-of-range, duplicate and unknown commands without guessing', async () => {
    const row = await reply({ text: 'known 99\nmaybe 4\nskip 4 4' });
    const result = row.result as { applied: string[]; notUnderstood: string[] };
    expect(result.notUnderstood.join('\n')).toMatch(/99/);
    expect(result.notUnderstood.join('\n')).toMatch(/maybe 4/);
    expect(result.applied.filter((a) => /item 4/.test(a))).toHaveLength(1);
  });

  it.each([
    ['Auto-Submitted', { 'Auto-Submitted': 'auto-replied' }],
    ['X-Autoreply', { 'X-Autoreply': 'yes' }],
    ['Precedence bulk', { Precedence: 'bulk' }],
    ['List-Id', { 'List-Id': '<news.example.com>' }],
  ])('neither acts on nor answers automated mail (%s)', async (_label, headers) => {
    const before = (await receipts()).length;
    const row = await reply({ text: 'unknown 1', headers });
    expect(row.status).toBe('ignored');
    expect((await tieOfItem(1)).tie).toBe('known');
    expect((await receipts()).length).toBe(before);
  });

  it('ignores mail with an empty return path or from mailer-daemon', async () => {
    expect((await reply({ text: 'unknown 1', envelopeFrom: '' })).status).toBe('ignored');
    expect((await reply({ text: 'unknown 1', from: 'MAILER-DAEMON@mx.example.com', envelopeFrom: 'mailer-daemon@mx.example.com' })).status).toBe('ignored');
  });

  it('a robot that answers every receipt without marking itself gets at most a bounded number of receipts', async () => {
    await ctx.db.deleteFrom('outbox').where('kind', '=', 'receipt').execute();
    for (let i = 0; i < 25; i++) await reply({ text: 'I am away until Monday.' });
    expect((await receipts()).length).toBe(20);
    await ctx.db.deleteFrom('outbox').where('kind', '=', 'receipt').execute();
  });

  it('applies nothing from another sender and tells the subscriber instead', async () => {
    const row = await reply({ from: 'someone.else@example.org', text: 'unknown 1' });
    expect(row.status).toBe('ignored');
    expect((await tieOfItem(1)).tie).toBe('known');
    const receipt = (await receipts()).find((r) => r.dedup_key === `receipt-${row.id}`);
    expect(receipt?.text).toContain('someone.else@example.org');
  });

  const notices = () => ctx.db.selectFrom('outbox').select(['dedup_key', 'text']).where('dedup_key', 'like', 'reply-not-verified-%').execute();
  const status = async () => (await ctx.db.selectFrom('subscribers').select('status').where('id', '=', subscriberId).executeTakeFirstOrThrow()).status;

  it("applies nothing when From is the subscriber but neither signature nor envelope are theirs, and tells them once", async () => {
    const before = await notices();
    // The case: From alice, envelope mallory@evil.example, Subject "unsubscribe", no signature.
    const first = await reply({ sign: false, envelopeFrom: 'mallory@evil.example', subject: 'unsubscribe', text: 'unknown 1' });
    expect(first.status).toBe('ignored');
    expect((first.result as { reason: string }).reason).toMatch(/^sender not verified: /);
    expect(first.sender_verdict).toBe('fail');
    expect(await status()).toBe('active');
    expect((await tieOfItem(1)).tie).toBe('known');
    const second = await reply({ sign: false, envelopeFrom: 'mallory@evil.example', text: 'unknown 1\nstop' });
    expect(second.status).toBe('ignored');
    expect(await status()).toBe('active');
    // One notice for the whole run of forgeries to this digest, in plain words, naming no address.
    const after = await notices();
    expect(after.length - before.length).toBe(1);
    expect(after.at(-1)!.text).toMatch(/could not confirm that your email provider sent it, so we changed nothing/);
    expect(after.at(-1)!.text).not.toMatch(/evil\.example|mallory/);
  });

  it('applies nothing from a message with two From addresses, even signed by the subscriber\'s domain', async () => {
    const row = await reply({ from: `${SUBSCRIBER}, mallory@evil.example`, text: 'unknown 1\nstop' });
    expect(row.status).toBe('ignored');
    expect((row.result as { reason: string }).reason).toBe('names more than one sender');
    expect(await status()).toBe('active');
  });

  it("applies nothing whose DKIM signature fails (a key example.com never published)", async () => {
    const messageId = `<bad-dkim-${Date.now()}@mail.example.com>`;
    const port = (mx.server.address() as AddressInfo).port;
    await nodemailer
      .createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, dkim: { ...testDkim, privateKey: UNPUBLISHED_KEY } })
      .sendMail({ from: SUBSCRIBER, to: replyAddress, subject: 'Re: week', text: 'unknown 1', messageId });
    const row = await waitFor('processed', () => ctx.db.selectFrom('inbound_messages').selectAll().where('message_id', '=', messageId).where('status', '<>', 'received').executeTakeFirst());
    expect(row.status).toBe('ignored');
    expect(row.sender_verdict).toBe('fail');
    expect((row.sender_check as { dkim: string[] }).dkim).toEqual(['fail (example.com)']);
    expect((await tieOfItem(1)).tie).toBe('known');
  });

  it.each([
    ['no Authentication-Results', '', 'unverified'],
    ['Authentication-Results of an authserv-id we do not trust', 'Authentication-Results: mx.evil.example; dkim=pass header.d=example.com; dmarc=pass header.from=example.com\r\n', 'unverified'],
    ['the trusted provider saying DMARC failed', `Authentication-Results: ${PROVIDER}; dkim=fail header.d=example.com; dmarc=fail header.from=example.com\r\n`, 'fail'],
  ])('a webhook reply with %s is not applied', async (_label, header, verdict) => {
    const id = `<hook-${verdict}-${Math.random().toString(36).slice(2)}@mail.example.com>`;
    const raw = `${header}From: ${SUBSCRIBER}\r\nTo: ${replyAddress}\r\nSubject: unsubscribe\r\nMessage-ID: ${id}\r\n\r\nunknown 1\r\n`;
    const response = await app.inject({ method: 'POST', url: '/inbound/webhook', headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${WEBHOOK_SECRET}` }, payload: raw });
    expect(response.statusCode).toBe(202);
    const row = await waitFor('processed', () => ctx.db.selectFrom('inbound_messages').selectAll().where('message_id', '=', id).where('status', '<>', 'received').executeTakeFirst());
    expect(row.sender_verdict).toBe(verdict);
    expect(row.status).toBe('ignored');
    expect(await status()).toBe('active');
  });

  /** The receipt of a processed reply, once sent (a reply to it must answer a message we sent). */
  const receiptOf = (inboundId: string) =>
    waitFor('receipt sent', () =>
      ctx.db.selectFrom('outbox').select(['subject', 'text', 'headers', 'message_id']).where('dedup_key', '=', `receipt-${inboundId}`).where('status', '=', 'sent').executeTakeFirst(),
    );
  const answering = (receipt: { headers: Record<string, string>; message_id: string }) => ({ replyTo: receipt.headers['Reply-To']!, messageId: receipt.message_id });

  it('a receipt says what each answer replaced, lists unchanged answers apart, and its link takes exactly that reply back', async () => {
    await reply({ text: 'known 1' });
    const first = await reply({ text: 'close 1' });
    const receipt = await receiptOf(first.id);
    expect(receipt.text).toMatch(/^• 1\. \S.*: known → known well$/m);
    expect(receipt.subject).toBe('Done: 1 change from your reply');
    expect((await tieOfItem(1)).tie).toBe('close');

    const again = await receiptOf((await reply({ text: 'close 1' })).id);
    expect(again.subject).toBe('Got your reply: nothing needed changing');
    expect(again.text).toMatch(/Already so, unchanged:\s+• 1\. \S.*: known well, as before/);
    expect(again.text).not.toMatch(/Undo this reply/);

    // The link's page shows what the reply did and changes nothing; its button takes it back.
    const undoUrl = new URL(/Undo this reply (https?:\/\/[^\s,\]]+)/.exec(receipt.text)![1]!);
    const page = await app.inject({ method: "GET", url: undoUrl.pathname });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Take back this reply?');
    expect((await tieOfItem(1)).tie).toBe('close');
    const token = undoUrl.pathname.split('/').pop()!;
    const post = () =>
      app.inject({ method: 'POST', url: undoUrl.pathname, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `csrf=${csrfFor(ctx.config.tokenSecrets, token)}` });
    const undone = await post();
    expect(undone.body).toContain('Taken back');
    expect(await tieOfItem(1)).toEqual({ tie: 'known', answer: 'known' });
    expect((await post()).body).toContain('Already taken back');
    expect(await tieOfItem(1)).toEqual({ tie: 'known', answer: 'known' });
    // A digest's own link names no reply: the undo page does not open for it.
    expect((await app.inject({ method: 'GET', url: `/undo/${links.actionToken}` })).statusCode).toBe(404);
    // Without the page's form token nothing is taken back.
    const forged = await app.inject({ method: 'POST', url: undoUrl.pathname, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'csrf=x' });
    expect(forged.statusCode).toBe(403);
  });

  it('"undo" in answer to a receipt takes back that reply, keeping a person answered again since; sent to the digest it changes nothing', async () => {
    const before3 = await tieOfItem(3);
    const first = await reply({ text: 'unknown 3, close 4' });
    const receipt = await receiptOf(first.id);
    expect(await tieOfItem(3)).toMatchObject({ tie: 'unknown' });
    // Item 4's person is then answered again, by person on the review page.
    const item4 = await ctx.db.selectFrom('digest_items').select('connection_id').where('digest_id', '=', links.digestId).where('number', '=', 4).executeTakeFirstOrThrow();
    await answerPeople(ctx.db, { subscriberId, digestId: links.digestId, answers: [{ connectionId: item4.connection_id!, tie: 'known' }] });

    const undo = await reply({ text: 'undo', answering: answering(receipt) });
    expect(undo.status).toBe('processed');
    expect(await tieOfItem(3)).toEqual(before3);
    expect(await tieOfItem(4)).toMatchObject({ tie: 'known' });
    const undoReceipt = await receiptOf(undo.id);
    expect(undoReceipt.text).toMatch(/Took back your answer to 3\. \S/);
    expect(undoReceipt.text).toMatch(/Kept 4\. \S.*: you answered again since/);
    // Twice is harmless.
    const twice = await receiptOf((await reply({ text: 'undo', answering: answering(receipt) })).id);
    expect(twice.text).toMatch(/taken back already/);
    expect(await tieOfItem(3)).toEqual(before3);

    // "undo" to the digest itself names no reply to take back: said so, nothing changes.
    const stray = await reply({ text: 'undo' });
    expect((stray.result as InboundOutcome).notUnderstood).toContain(UNDO_WITHOUT_RECEIPT);
    expect(await tieOfItem(3)).toEqual(before3);
  });

  it('unsubscribes from the List-Unsubscribe mailto (subject only) and sends a fresh upload link on "upload"', async () => {
    const upload = await reply({ text: 'upload' });
    expect(upload.status).toBe('processed');
    await waitFor('upload link queued', () => ctx.db.selectFrom('outbox').select('id').where('kind', '=', 'upload_link').executeTakeFirst());
    await reply({ subject: 'unsubscribe', text: '' });
    expect((await ctx.db.selectFrom('subscribers').select('status').where('id', '=', subscriberId).executeTakeFirstOrThrow()).status).toBe('unsubscribed');
    await ctx.db.updateTable('subscribers').set({ status: 'active' }).where('id', '=', subscriberId).execute();
  });

  it('imports an export attached to a reply, under the import limits', async () => {
    const zip = Buffer.from(packFakeExport(generateFakeExport({ seed: 77, connections: 60 }), 'zip'));
    const row = await reply({ text: 'Here is my new export', attachments: [{ filename: 'Basic_LinkedInDataExport.zip', content: zip, contentType: 'application/zip' }] });
    expect(row.status).toBe('processed');
    const exported = await waitFor('attachment imported', () =>
      ctx.db.selectFrom('exports').selectAll().where('source', '=', 'email').where('status', '=', 'imported').executeTakeFirst(),
    );
    expect(exported.summary?.connections).toBeGreaterThan(50);
  });

  /** Sends the digest through the real transport (the dev mailbox) and reads back the envelope sender it got. */
  async function sendDigest(): Promise<{ returnPath: string; messageId: string }> {
    await ctx.db.updateTable('outbox').set({ status: 'pending' }).where('id', '=', links.outboxId).execute();
    await sendFromOutbox(ctx.db, ctx.mail, { outboxId: links.outboxId, config: ctx.config });
    const row = await ctx.db.selectFrom('outbox').select(['delivered_to', 'message_id']).where('id', '=', links.outboxId).executeTakeFirstOrThrow();
    const returnPath = /^Return-Path: <([^>]+)>/m.exec(await readFile(row.delivered_to!, 'utf8'))![1]!;
    return { returnPath, messageId: row.message_id };
  }
  const suppressed = () => suppressionOf(ctx.db, ctx.config.suppressionSecret, SUBSCRIBER);

  it('sends every message from its own signed bounce address (VERP) and suppresses on a report sent back to it', async () => {
    const { returnPath } = await sendDigest();
    expect(returnPath).toMatch(new RegExp(`^bounce\\+[a-z2-7][0-9a-f]{32}[a-z2-7]{16}@${ctx.config.inboundDomain.replace(/\./g, '\\.')}$`));
    const before = (await receipts()).length;
    const id = '<dsn-verp@mx.example.com>';
    await smtp(mx).sendMail({ envelope: { from: '', to: returnPath }, raw: deliveryReport({ to: returnPath, finalRecipient: SUBSCRIBER, id }) });
    const suppression = await waitFor('suppression', suppressed);
    expect(suppression.reason).toBe('bounce');
    expect(suppression.detail).toContain('bounce address');
    const row = await ctx.db.selectFrom('inbound_messages').select(['status', 'subscriber_id']).where('message_id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'ignored', subscriber_id: subscriberId });
    expect((await receipts()).length).toBe(before);
    await ctx.db.deleteFrom('suppressions').execute();
  });

  /** A report to postmaster@, processed to the end. */
  async function postmasterReport(options: { originalMessageId?: string; references?: string }) {
    const postmaster = `postmaster@${ctx.config.inboundDomain}`;
    const id = `<dsn-${Math.random().toString(36).slice(2)}@mx.example.com>`;
    await smtp(mx).sendMail({ envelope: { from: '', to: postmaster }, raw: deliveryReport({ to: postmaster, finalRecipient: SUBSCRIBER, id, ...options }) });
    return waitFor('report processed', () => ctx.db.selectFrom('inbound_messages').select(['id', 'status', 'result']).where('message_id', '=', id).where('status', '<>', 'received').executeTakeFirst());
  }

  /** Messages whose facts a later test changes on purpose: the dry run is compared right after processing instead. */
  const checkedWhenProcessed = new Set<string>();

  it('suppresses on a report whose returned message has the Message-ID of a message sent there before bounce addresses existed', async () => {
    const { messageId } = await sendDigest();
    // As the migration leaves rows sent before the rollout of bounce addresses.
    await ctx.db.updateTable('outbox').set({ sent_with_bounce_address: false }).where('id', '=', links.outboxId).execute();
    // The Message-ID in the report's own References proves nothing: it leaks with every forwarded digest.
    await postmasterReport({ references: messageId });
    expect(await suppressed()).toBeUndefined();
    const proven = await postmasterReport({ originalMessageId: messageId });
    expect((await waitFor('suppression', suppressed)).detail).toContain('original Message-ID');
    // The next test sends this digest again, from a bounce address: compare while the proof holds.
    expectDryRunAgrees(await dryRun(ctx, proven.id), proven.result as InboundOutcome, 'a report proven by the original Message-ID');
    checkedWhenProcessed.add(proven.id);
    await ctx.db.deleteFrom('suppressions').execute();
  });

  it('does not take a Message-ID as proof for a message sent from its own bounce address', async () => {
    const { messageId } = await sendDigest();
    expect((await ctx.db.selectFrom('outbox').select('sent_with_bounce_address').where('id', '=', links.outboxId).executeTakeFirstOrThrow()).sent_with_bounce_address).toBe(true);
    const row = await postmasterReport({ originalMessageId: messageId });
    expect((row.result as { reason: string }).reason).toMatch(/does not answer a message we sent/);
    expect(await suppressed()).toBeUndefined();
  });

  it('stores and ignores a report that proves nothing: the address it names stays reachable', async () => {
    const { returnPath } = await sendDigest();
    const id = '<dsn-forged@mx.example.com>';
    // The right bounce address, but a report about somebody else; and one with no token at all.
    await smtp(mx).sendMail({ envelope: { from: '', to: returnPath }, raw: deliveryReport({ to: returnPath, finalRecipient: 'other@example.com', id }) });
    await smtp(mx).sendMail({ envelope: { from: '', to: replyAddress }, raw: deliveryReport({ to: replyAddress, finalRecipient: SUBSCRIBER, id: '<dsn-forged-2@mx.example.com>' }) });
    for (const messageId of [id, '<dsn-forged-2@mx.example.com>']) {
      const row = await waitFor('report processed', () =>
        ctx.db.selectFrom('inbound_messages').select(['status', 'result', 'raw']).where('message_id', '=', messageId).where('status', '<>', 'received').executeTakeFirst(),
      );
      expect(row.status).toBe('ignored');
      expect((row.result as { reason: string }).reason).toMatch(/does not answer a message we sent/);
      expect(row.raw.length).toBeGreaterThan(0);
    }
    expect(await ctx.db.selectFrom('suppressions').selectAll().execute()).toEqual([]);
  });

  it('answers an oversize message with 552 and stores nothing', async () => {
    const before = await ctx.db.selectFrom('inbound_messages').select('id').execute();
    await expect(smtp(smallMx).sendMail({ from: SUBSCRIBER, to: replyAddress, subject: 'big', text: 'x'.repeat(200_000) })).rejects.toMatchObject({ responseCode: 552 });
    expect(await ctx.db.selectFrom('inbound_messages').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses mail for other domains: never an open relay', async () => {
    await expect(smtp(mx).sendMail({ from: SUBSCRIBER, to: 'someone@gmail.com', subject: 'x', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
  });

  it('takes raw MIME on the webhook with the shared secret only, deduplicated', async () => {
    const raw = `Authentication-Results: ${PROVIDER}; dkim=pass header.d=example.com; spf=pass smtp.mailfrom=example.com; dmarc=pass header.from=example.com\r\nFrom: ${SUBSCRIBER}\r\nTo: ${replyAddress}\r\nSubject: Re: hi\r\nMessage-ID: <hook-1@mail.example.com>\r\nIn-Reply-To: ${digestMessageId}\r\n\r\nskip 2\r\n`;
    const forged = await app.inject({ method: 'POST', url: '/inbound/webhook', headers: { 'content-type': 'message/rfc822', authorization: 'Bearer nope' }, payload: raw });
    expect(forged.statusCode).toBe(403);
    const post = () => app.inject({ method: 'POST', url: '/inbound/webhook', headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${WEBHOOK_SECRET}` }, payload: raw });
    const first = await post();
    expect(first.statusCode).toBe(202);
    const second = await post();
    expect(second.json()).toMatchObject({ id: first.json().id, duplicate: true });
    await waitFor('webhook reply applied', async () => (await tieOfItem(2)).answer === 'skip');
  });

  it('applies a reply in plain words by the names of the people, reading none from the quoted digest', async () => {
    // People of the digest, unanswered first: answers by words change them as answers by commands do.
    const people = (await ctx.db.selectFrom('digest_items').select(['number', 'kind', 'payload', 'answer']).where('digest_id', '=', links.digestId).orderBy('number').execute())
      .filter((i) => (i.kind === 'review' || i.kind === 'close') && i.answer !== 'close' && i.answer !== 'unknown')
      .sort((a, b) => Number(a.answer !== null) - Number(b.answer !== null))
      .map((i) => ({ number: i.number, name: (i.payload as { name: string }).name }));
    const [well, stranger] = people;
    expect(stranger, 'the digest has two people to answer').toBeDefined();
    const row = await reply({
      text: `I know ${well!.name} very well. Never heard of ${stranger!.name}.\n\nThanks!\n\nOn Mon, 23 Nov 2026 at 08:00, Rapport <digest@rapport.localhost> wrote:\n${quoted(digestText)}\n> Never heard of ${well!.name}. I know ${stranger!.name} well.`,
    });
    expect(row.status).toBe('processed');
    const result = row.result as InboundOutcome;
    expect(result.applied).toEqual([`Marked item ${well!.number} as someone you know well: ${well!.name}`, `Marked item ${stranger!.number} as someone you don’t know: ${stranger!.name}`]);
    expect(result.notUnderstood).toEqual([]);
    expect((await tieOfItem(well!.number)).answer).toBe('close');
    expect((await tieOfItem(stranger!.number)).tie).toBe('unknown');
  });

  it('the dry run says of every reply above what the worker did with it', async () => {
    // Last in this file: every reply here has been processed by the worker. Asked again now, the
    // dry run reads the same facts (answers given are applied again unchanged) and must print the
    // stored outcome.
    const rows = await waitFor('every reply processed', async () => {
      const all = await ctx.db.selectFrom('inbound_messages').select(['id', 'status', 'result']).orderBy('created_at').execute();
      return all.length > 0 && all.every((r) => r.status !== 'received') && all;
    });
    for (const row of rows.filter((r) => !checkedWhenProcessed.has(r.id))) {
      const stored = row.result as InboundOutcome;
      expectDryRunAgrees(await dryRun(ctx, row.id), stored, `${row.id} (${stored.reason ?? stored.applied.join('; ')})`);
    }
  });
});

describe('rapport inbound parse', () => {
  it('prints what a reply would apply and report, changing nothing', async () => {
    const ctx = await createTestContext();
    try {
      const { subscriber } = await importedSubscriber(ctx, 'parse@example.com');
      const links = await builtDigest(ctx, subscriber.id);
      const file = `${ctx.config.varDir}/reply.eml`;
      const raw = `From: parse@example.com\r\nTo: reply+${links.replyToken}@${ctx.config.inboundDomain}\r\nSubject: Re: week\r\nMessage-ID: <cli@example.com>\r\n\r\nknown 1, close 2\r\nmaybe 3\r\n\r\n> or reply: known 4\r\n`;
      await writeFile(file, raw);
      const printed: string[] = [];
      const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
      try {
        await inboundParseCommand(ctx, file);
      } finally {
        spy.mockRestore();
      }
      const result = JSON.parse(printed.join('\n')) as {
        status: string;
        reason: string;
        replyAddress: string;
        senderMatchesSubscriber: boolean;
        wouldApply: string[];
        commandsRead: string[];
        wouldNotify: string | null;
        sender: string;
      };
      expect(result.replyAddress).toBe('valid');
      // A bare file carries no record of who sent it, so the worker would change nothing for it;
      // what its text says is still shown.
      expect(result.sender).toBe('not verified');
      expect(result.senderMatchesSubscriber).toBe(true);
      expect(result).toMatchObject({ status: 'ignored', wouldApply: [], wouldNotify: 'not-verified' });
      expect(result.reason).toMatch(/^sender not verified/);
      expect(result.commandsRead).toEqual(['Marked item 1 as known', 'Marked item 2 as someone you know well']);
      expect(await ctx.db.selectFrom('ties').selectAll().execute()).toEqual([]);
      expect(await ctx.db.selectFrom('inbound_messages').selectAll().execute()).toEqual([]);

      // A stored message is reported with the verdict the mx recorded when it arrived.
      const signed = await dkimSigned(Buffer.from(raw));
      const senderCheck = await checkOnArrival(signed, { ip: '127.0.0.1', helo: 'mail.example.com', mailFrom: 'parse@example.com', mta: ctx.config.inboundDomain, resolver: stubResolver });
      const stored = await storeInbound(ctx.db, { raw: signed, via: 'mx', envelopeFrom: 'parse@example.com', envelopeTo: [], senderCheck });
      printed.length = 0;
      const again = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
      try {
        await inboundParseCommand(ctx, undefined, { id: stored.id });
      } finally {
        again.mockRestore();
      }
      expect((JSON.parse(printed.join('\n')) as { sender: string }).sender).toBe('verified');
    } finally {
      await ctx.cleanup();
    }
  });
});
