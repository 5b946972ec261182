/**
 * Issue #8, bad input: hostile inbound mail through the real mx (smtp-server, stored in Postgres)
 * and processInbound (mailparser, quote stripping, the command grammar). Each message must get a
 * 552 or be stored and then processed in bounded time without throwing, change no subscriber data,
 * and at most queue one plain-words receipt to the owner of the token it was addressed to. After the
 * corpus the mx still accepts a normal reply and the worker applies it.
 */
import { access, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import type { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlers } from '../../jobs/handlers/index.ts';
import { applyAnswers } from '../../services/actions/apply-answers.ts';
import { issueToken } from '../../services/actions/tokens.ts';
import { processInbound } from '../../services/inbound/process-inbound.ts';
import type { InboundOutcome } from '../../services/inbound/plan.ts';
import { runImport } from '../../services/import/run-import.ts';
import { sendFromOutbox } from '../../services/mail/outbox.ts';
import { createMxServer } from '../../processes/mx/server.ts';
import { buildWebApp } from '../../processes/web/app.ts';
import { startWorkers } from '../../processes/worker/workers.ts';
import { builtDigest, importedSubscriber, type DigestLinksFound } from '../support/fixtures.ts';
import { assertPlainWords, assertUnchanged, leakIn, snapshot, within, type DataTable } from '../support/hostile/checks.ts';
import { emailCases, messageId, nestedMultipart, reply, type EmailCase, type EmailParties, type RawMail } from '../support/hostile/emails.ts';
import { dkimSigned, stubResolver, UNPUBLISHED_KEY } from '../../dev/mail-auth.ts';
import { dryRun, expectDryRunAgrees } from '../support/dry-run.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';
import { waitFor } from '../support/wait.ts';

const A = 'alice@example.com';
const B = 'bob@example.com';
const WEBHOOK_SECRET = 'hostile-webhook-secret-0123456789';
/** Tables no hostile mail may touch at all; outbox and action_tokens may only gain a receipt. */
const UNTOUCHED: DataTable[] = ['subscribers', 'strategy_answers', 'connections', 'evidence', 'connection_changes', 'ties', 'tie_events', 'digests', 'digest_items', 'intro_requests', 'suppressions'];

describe('hostile inbound mail through the mx and processInbound', () => {
  let ctx: TestContext;
  let mx: SMTPServer;
  let smallMx: SMTPServer;
  let parties: EmailParties;
  let ids: { a: string; b: string };
  let linksA: DigestLinksFound;

  const transport = (server: SMTPServer) =>
    nodemailer.createTransport({ host: '127.0.0.1', port: (server.server.address() as AddressInfo).port, secure: false, ignoreTLS: true });

  /**
   * Signed as the subscribers' provider would sign it (example.com's test key, checked by the mx
   * through the stub resolver), unless the case says otherwise. A message too broken to sign goes as it is.
   */
  async function send(server: SMTPServer, message: RawMail, signature: EmailCase['signature'] = 'example.com', added: Array<[string, string]> = []) {
    const signed = signature === 'none' ? message.raw : await dkimSigned(message.raw, signature === 'unpublished' ? { key: UNPUBLISHED_KEY } : {}).catch(() => message.raw);
    const raw = Buffer.concat([Buffer.from(added.map(([name, value]) => `${name}: ${value}\r\n`).join('')), signed]);
    return transport(server).sendMail({ envelope: { from: message.envelopeFrom, to: message.envelopeTo }, raw });
  }

  /** Sends a digest through the real transport (the dev mailbox) and reads back its Return-Path and Message-ID. */
  async function sentWith(links: DigestLinksFound): Promise<{ bounceAddress: string; digestMessageId: string }> {
    await sendFromOutbox(ctx.db, ctx.mail, { outboxId: links.outboxId, config: ctx.config });
    const row = await ctx.db.selectFrom('outbox').select(['delivered_to', 'message_id']).where('id', '=', links.outboxId).executeTakeFirstOrThrow();
    const returnPath = /^Return-Path: <([^>]+)>/m.exec(await readFile(row.delivered_to!, 'utf8'))![1]!;
    return { bounceAddress: returnPath, digestMessageId: row.message_id };
  }

  const inboundIds = async () => new Set((await ctx.db.selectFrom('inbound_messages').select('id').execute()).map((r) => r.id));

  beforeAll(async () => {
    ctx = await createTestContext({ INBOUND_WEBHOOK_SECRET: WEBHOOK_SECRET });
    const a = await importedSubscriber(ctx, A, { connections: 60 });
    const b = await importedSubscriber(ctx, B, { connections: 40, seed: 9 });
    ids = { a: a.subscriber.id, b: b.subscriber.id };
    linksA = await builtDigest(ctx, ids.a);
    const linksB = await builtDigest(ctx, ids.b);
    const domain = ctx.config.inboundDomain;
    const items = await ctx.db.selectFrom('digest_items').select(['number', 'kind', 'payload']).where('digest_id', '=', linksA.digestId).orderBy('number').execute();
    const reviews = items.filter((i) => i.kind === 'review').map((i) => ({ number: i.number, name: (i.payload as { name: string }).name }));
    const answeredItem = reviews[0]!.number;
    await applyAnswers(ctx.db, { subscriberId: ids.a, digestId: linksA.digestId, answers: [{ item: answeredItem, answer: 'known' }], source: 'web' });
    const expired = await issueToken(ctx.db, ctx.config.tokenSecrets, { subscriberId: ids.a, scope: 'reply', digestId: linksA.digestId, now: new Date(Date.now() - 40 * 86_400_000) });
    const forged = linksA.replyToken.slice(0, -4) + (linksA.replyToken.endsWith('aaaa') ? 'bbbb' : 'aaaa');

    mx = createMxServer(ctx, { resolver: stubResolver });
    smallMx = createMxServer(ctx, { maxBytes: 50_000, resolver: stubResolver });
    await new Promise<void>((resolve) => mx.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => smallMx.listen(0, '127.0.0.1', resolve));

    const earlierMessageId = messageId('earlier');
    parties = {
      a: { email: A, replyAddress: `reply+${linksA.replyToken}@${domain}`, ...(await sentWith(linksA)) },
      b: { email: B, replyAddress: `reply+${linksB.replyToken}@${domain}`, ...(await sentWith(linksB)) },
      domain,
      forgedAddress: `reply+${forged}@${domain}`,
      wrongScopeAddress: `reply+${linksA.actionToken}@${domain}`,
      expiredAddress: `reply+${expired}@${domain}`,
      answeredItem,
      answeredName: reviews[0]!.name,
      openName: reviews[1]!.name,
      earlierMessageId,
      receipt: { address: '', messageId: '' },
    };
    // An earlier, ordinary reply from A to her sent digest (already processed): its Message-ID is replayed later.
    const known = await inboundIds();
    await send(mx, { raw: reply(A, parties.a.replyAddress, `known ${answeredItem}`, { id: earlierMessageId, headers: [['In-Reply-To', parties.a.digestMessageId]] }), envelopeFrom: A, envelopeTo: [parties.a.replyAddress] });
    for (const id of await inboundIds()) if (!known.has(id)) await processInbound(ctx, id);
    // A reply that changed an answer, whose receipt (sent) carries the reply address an "undo" goes to.
    const changing = messageId('changing');
    const before = await inboundIds();
    await send(mx, { raw: reply(A, parties.a.replyAddress, `unknown ${reviews[2]!.number}`, { id: changing, headers: [['In-Reply-To', parties.a.digestMessageId]] }), envelopeFrom: A, envelopeTo: [parties.a.replyAddress] });
    const [changed] = [...(await inboundIds())].filter((id) => !before.has(id));
    await processInbound(ctx, changed!);
    const receipt = await ctx.db.selectFrom('outbox').select(['id', 'headers', 'message_id']).where('dedup_key', '=', `receipt-${changed}`).executeTakeFirstOrThrow();
    await sendFromOutbox(ctx.db, ctx.mail, { outboxId: receipt.id, config: ctx.config });
    parties.receipt = { address: (receipt.headers as Record<string, string>)['Reply-To']!, messageId: receipt.message_id };
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => (mx ? mx.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (smallMx ? smallMx.close(() => resolve()) : resolve()));
    await ctx?.cleanup();
  });

  /** Stores via `deliver`, processes every new inbound row, and checks the whole contract. */
  async function runCase(c: Pick<EmailCase, 'name' | 'expect'>, deliver: () => Promise<unknown>) {
    // Receipts are capped per subscriber per hour (a loop guard); each case is judged on its own.
    await ctx.db.updateTable('outbox').set({ created_at: new Date(Date.now() - 2 * 3600_000) }).where('kind', '=', 'receipt').execute();
    const before = await snapshot(ctx.db);
    const outboxBefore = new Set(before.outbox);
    const tokensBefore = new Set(before.action_tokens);
    const exportsBefore = (await ctx.db.selectFrom('exports').select('id').where('subscriber_id', '=', ids.a).execute()).length;
    const known = await inboundIds();

    if (c.expect.smtp === 552) {
      const error = (await deliver().then(
        () => null,
        (e: unknown) => e,
      )) as { responseCode?: number; response?: string } | null;
      expect(error?.responseCode).toBe(552);
      expect(error?.response).toMatch(/too big/i);
      expect(await inboundIds()).toEqual(known);
      assertUnchanged(before, await snapshot(ctx.db), c.name);
      return;
    }
    const expectation = c.expect;

    await deliver();
    const fresh = [...(await inboundIds())].filter((id) => !known.has(id));
    if (expectation.duplicate) {
      expect(fresh).toEqual([]);
    } else {
      expect(fresh).toHaveLength(1);
    }
    const outcomes: InboundOutcome[] = [];
    for (const id of fresh) {
      // The dry run first, on the same stored row: it must change nothing and say what the worker then does.
      const dry = await within(10_000, c.name, () => dryRun(ctx, id));
      // Bounded: a pathological message is read in seconds, never minutes.
      const { value } = await within(10_000, c.name, () => processInbound(ctx, id));
      expect(value).not.toBe('already-done');
      if (value === 'already-done') continue;
      expectDryRunAgrees(dry.value, value, c.name);
      outcomes.push(value);
      const row = await ctx.db.selectFrom('inbound_messages').select(['status', 'result']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.status).toBe(value.status);
      if (expectation.status !== 'either') expect(value.status, JSON.stringify(value)).toBe(expectation.status);
      if (value.status === 'ignored') expect(value.applied).toEqual([]);
      for (const line of [...value.applied, ...value.notUnderstood, value.reason ?? '']) expect(leakIn(line), line).toBeNull();
    }

    // Nothing a subscriber owns moved.
    const after = await snapshot(ctx.db);
    assertUnchanged(
      Object.fromEntries(UNTOUCHED.map((t) => [t, before[t]])) as typeof before,
      Object.fromEntries(UNTOUCHED.map((t) => [t, after[t]])) as typeof after,
      c.name,
    );
    // Earlier mail and links are untouched; what is new is at most one receipt (and its reply token).
    expect(before.outbox.filter((row) => !after.outbox.includes(row))).toEqual([]);
    expect(before.action_tokens.filter((row) => !after.action_tokens.includes(row))).toEqual([]);
    const newMail = after.outbox.filter((row) => !outboxBefore.has(row)).map((row) => JSON.parse(row) as { id: string; kind: string; subscriber_id: string; recipient: string; subject: string; text: string; html: string; headers: Record<string, string>; dedup_key: string });
    const newTokens = after.action_tokens.filter((row) => !tokensBefore.has(row)).map((row) => JSON.parse(row) as { scope: string; subscriber_id: string; digest_id: string | null });
    const owner = { a: ids.a, b: ids.b };
    const receiptFor = expectation.receipt;
    if (receiptFor === 'none') {
      expect(newMail).toEqual([]);
    } else {
      expect(newMail.length).toBeLessThanOrEqual(1);
      if (receiptFor === 'a' || receiptFor === 'b') expect(newMail).toHaveLength(1);
      const whose = receiptFor.startsWith('a') ? owner.a : owner.b;
      for (const mail of newMail) {
        expect(mail.kind).toBe('receipt');
        expect(mail.subscriber_id).toBe(whose);
        expect(mail.recipient).toBe(whose === owner.a ? A : B);
        // A receipt for this message, or the one notice that a reply to this address failed the sender check.
        expect([`receipt-${fresh[0]}`, 'reply-not-verified']).toContain(mail.dedup_key.startsWith('reply-not-verified-') ? 'reply-not-verified' : mail.dedup_key);
        expect(mail.headers['Auto-Submitted']).toBe('auto-replied');
        expect(Object.keys(mail.headers).filter((h) => /^(bcc|cc|to|x-injected)$/i.test(h))).toEqual([]);
        expect(mail.subject).not.toMatch(/[\r\n]/);
        assertPlainWords(mail.text, `${c.name} (receipt text)`);
        expect(mail.text.length).toBeLessThan(20_000);
      }
    }
    // Each receipt carries a reply token, and a receipt for an answered digest one link to that
    // digest's review page: nothing else is minted, and never for anyone but the receipt's owner.
    const receiptOwners = new Set(newMail.map((m) => m.subscriber_id));
    expect(newTokens.filter((t) => t.scope === 'reply')).toHaveLength(newMail.length);
    const reviewLinks = newTokens.filter((t) => t.scope !== 'reply');
    expect(reviewLinks.length).toBeLessThanOrEqual(newMail.length);
    for (const t of reviewLinks) {
      expect(t.scope).toBe('digest');
      expect(t.digest_id).not.toBeNull();
      expect(receiptOwners.has(t.subscriber_id)).toBe(true);
    }
    for (const t of newTokens) expect(receiptOwners.has(t.subscriber_id)).toBe(true);

    const exportsAfter = await ctx.db.selectFrom('exports').select(['id', 'status', 'error_message', 'file_name']).where('subscriber_id', '=', ids.a).orderBy('created_at').execute();
    expect(exportsAfter.length - exportsBefore).toBe(expectation.exports ?? 0);
    // An attached export is queued for import; importing it must fail clearly and change nothing.
    for (const exported of exportsAfter.slice(exportsBefore)) {
      expect(exported.file_name).not.toMatch(/[/\\]/);
      const outcome = await within(10_000, `${c.name} (import)`, () => runImport(ctx, exported.id));
      expect(outcome.value.status).toBe('failed');
      const row = await ctx.db.selectFrom('exports').select(['status', 'error_message']).where('id', '=', exported.id).executeTakeFirstOrThrow();
      assertPlainWords(row.error_message, `${c.name} (import reason)`);
      assertUnchanged(after, await snapshot(ctx.db), `${c.name} (import)`);
    }
    return outcomes;
  }

  const cases = emailCases();

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const outcomes = await runCase(c, () => send(c.via === 'small-mx' ? smallMx : mx, c.build(parties), c.signature, c.afterSigning?.(parties)));
    if (c.group === 'senders') {
      // Refused for the sender check itself, not for some other reason that happened to apply.
      for (const outcome of outcomes!) expect(outcome.reason).toMatch(/^sender not verified: |^names more than one sender$/);
    }
    if (c.name.startsWith('100,000 lines')) {
      // Applied once (the item was already answered, so nothing moved), the other lines not re-run.
      const [outcome] = outcomes!;
      expect(outcome!.applied.filter((a) => a.startsWith(`Marked item ${parties.answeredItem} as known`))).toHaveLength(1);
    }
    if (c.words) {
      for (const outcome of outcomes!) {
        expect(outcome.applied, c.name).toEqual(c.words.applied(parties));
        expect(outcome.notUnderstood, JSON.stringify(outcome.notUnderstood)).toHaveLength(c.words.notUnderstood.length);
        c.words.notUnderstood.forEach((pattern, index) => expect(outcome.notUnderstood[index]).toMatch(pattern));
      }
    }
    if (c.name.startsWith('CRLF and Bcc injected through an encoded Subject')) {
      const status = await ctx.db.selectFrom('subscribers').select('status').where('id', '=', ids.a).executeTakeFirstOrThrow();
      expect(status.status).toBe('active');
    }
  });

  it('writes nothing outside its temp folder for an attachment named ../../../../tmp/rapport-evil.csv', async () => {
    await expect(access('/tmp/rapport-evil.csv')).rejects.toThrow();
  });

  const webhookCases: Array<[string, () => string | Buffer, string]> = [
    ['1000 nested multiparts', () => nestedMultipart(1000, 'thanks').body, 'multipart/mixed; boundary="n0"'],
    ['non-UTF-8 and NUL bytes', () => Buffer.from([0x68, 0x69, 0x00, 0xff, 0xfe, 0x0a]), 'text/plain'],
    ['a base64 body that is not base64', () => '%%%%%%%%', 'text/plain'],
  ];
  it.each(webhookCases)('the webhook takes hostile raw mail the same way: %s', async (name, body, contentType) => {
    const app = await buildWebApp(ctx);
    try {
      await runCase({ name, expect: { smtp: 250, status: 'either', receipt: 'a-optional' } }, async () => {
        const raw = reply(A, parties.a.replyAddress, body(), { contentType, headers: name.startsWith('a base64') ? [['Content-Transfer-Encoding', 'base64']] : [] });
        const response = await app.inject({
          method: 'POST',
          url: '/inbound/webhook',
          headers: { authorization: `Bearer ${WEBHOOK_SECRET}`, 'content-type': 'message/rfc822', 'x-envelope-to': parties.a.replyAddress, 'x-envelope-from': A },
          payload: raw,
        });
        expect(response.statusCode).toBe(202);
      });
    } finally {
      await app.close();
    }
  });

  it('after the corpus no stored message is left unprocessed', async () => {
    // A message that cannot be read must still end in a recorded state; left 'received', the
    // sweeper re-enqueues it for ever and its sender never hears back.
    const stuck = await ctx.db.selectFrom('inbound_messages').select(['id', 'status', 'message_id']).where('status', 'in', ['received']).execute();
    expect(stuck).toEqual([]);
  });

  it('after the corpus the mx still accepts a normal reply and the worker applies it', async () => {
    const items = await ctx.db.selectFrom('digest_items').select(['number', 'kind', 'answer']).where('digest_id', '=', linksA.digestId).orderBy('number').execute();
    const open = items.find((i) => i.kind === 'review' && i.answer === null)!;
    const workers = await startWorkers(ctx, handlers, { schedules: false });
    try {
      const id = messageId('normal');
      await send(mx, { raw: reply(A, parties.a.replyAddress, `close ${open.number}\n\nThanks!`, { id, headers: [['In-Reply-To', parties.a.digestMessageId]] }), envelopeFrom: A, envelopeTo: [parties.a.replyAddress] });
      const row = await waitFor('normal reply processed', () =>
        ctx.db.selectFrom('inbound_messages').select(['status', 'result']).where('message_id', '=', id).where('status', '<>', 'received').executeTakeFirst(),
      );
      expect(row.status).toBe('processed');
      const item = await ctx.db.selectFrom('digest_items').select('answer').where('digest_id', '=', linksA.digestId).where('number', '=', open.number).executeTakeFirstOrThrow();
      expect(item.answer).toBe('close');
    } finally {
      await workers.close(5_000);
    }
  });
});
