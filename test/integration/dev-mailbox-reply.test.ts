import type { FastifyInstance } from 'fastify';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processInbound } from '../../services/inbound/process-inbound.ts';
import { listMailbox } from '../../services/mail/dev-mailbox.ts';
import { sendFromOutbox } from '../../services/mail/outbox.ts';
import { mailboxDir } from '../../services/mail/transport.ts';
import { buildWebApp } from '../../processes/web/app.ts';
import { csrfFor } from '../../processes/web/kit/csrf.ts';
import { builtDigest, importedSubscriber, type DigestLinksFound } from '../support/fixtures.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';

describe('replying from the dev mailbox', () => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let links: DigestLinksFound;
  let file: string;
  let url: string;

  const form = (fields: Record<string, string>) => ({
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });

  beforeAll(async () => {
    ctx = await createTestContext();
    const { subscriber } = await importedSubscriber(ctx, 'replier@example.com', { connections: 40 });
    links = await builtDigest(ctx, subscriber.id);
    await sendFromOutbox(ctx.db, ctx.mail, { outboxId: links.outboxId, config: ctx.config });
    file = (await listMailbox(mailboxDir(ctx.config.varDir)))[0]!.file;
    url = `/dev/mailbox/${encodeURIComponent(file)}/reply`;
    app = await buildWebApp(ctx);
  });

  afterAll(async () => {
    await app?.close();
    await ctx?.cleanup();
  });

  it('shows a labelled reply form', async () => {
    const page = await app.inject({ method: 'GET', url });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<label for="body">Your reply<\/label><textarea id="body" name="body"/);
    expect(page.body).toContain('aria-describedby="body-hint"');
    expect((await app.inject({ method: 'GET', url: '/dev/mailbox/..%2Fsecret.eml/reply' })).statusCode).toBe(404);
  });

  it('refuses a forged or empty reply, with the reason next to the field', async () => {
    expect((await app.inject({ method: 'POST', url, ...form({ csrf: 'x'.repeat(32), body: 'known 1' }) })).statusCode).toBe(403);
    const empty = await app.inject({ method: 'POST', url, ...form({ csrf: csrfFor(ctx.config.tokenSecrets, `dev-mailbox:${file}`), body: '  ' }) });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('id="body-error" role="alert"');
    expect(await ctx.db.selectFrom('inbound_messages').select('id').execute()).toHaveLength(0);
  });

  it('stores a threaded reply with the original quoted and queues it for processing', async () => {
    const response = await app.inject({ method: 'POST', url, ...form({ csrf: csrfFor(ctx.config.tokenSecrets, `dev-mailbox:${file}`), body: 'known 1\r\nclose 2' }) });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Reply sent');
    const row = await ctx.db.selectFrom('inbound_messages').selectAll().executeTakeFirstOrThrow();
    const replyAddress = `reply+${links.replyToken}@${ctx.config.inboundDomain}`;
    expect(row).toMatchObject({ via: 'dev', envelope_from: 'replier@example.com', envelope_to: [replyAddress], status: 'received' });
    const mail = await simpleParser(row.raw);
    const originalId = `<digest-${links.digestId}@rapport.localhost>`;
    expect(mail.from?.value[0]?.address).toBe('replier@example.com');
    expect([mail.to].flat()[0]?.value[0]?.address).toBe(replyAddress);
    expect(mail.subject).toMatch(/^Re: /);
    expect(mail.inReplyTo).toBe(originalId);
    expect([mail.references].flat()).toContain(originalId);
    expect(mail.text).toMatch(/^known 1\nclose 2\n\nOn .+ wrote:\n> /);
    expect(await ctx.queues.byName.inbound.getJob(`inbound-${row.id}`)).toBeTruthy();
  });

  it('marks the reply local at the source: applied in development mode only', async () => {
    const send = async (body: string) => {
      await app.inject({ method: 'POST', url, ...form({ csrf: csrfFor(ctx.config.tokenSecrets, `dev-mailbox:${file}`), body }) });
      return ctx.db.selectFrom('inbound_messages').selectAll().where('status', '=', 'received').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    };
    const notDev = await send('unknown 3');
    expect(notDev.sender_verdict).toBe('local');
    // Outside development mode said out loud (production, or NODE_ENV unset): a "local" reply is
    // not trusted, whoever could reach the form.
    const production = { ...ctx, config: { ...ctx.config, env: 'production' as const, devMode: false } };
    expect(await processInbound(production, notDev.id)).toMatchObject({ status: 'ignored', reason: expect.stringMatching(/^sender not verified: written in the dev mailbox/) });
    // NODE_ENV=test is development mode (config.devMode), as for the dev mailbox itself.
    const inDevMode = await send('unknown 3');
    expect(ctx.config.devMode).toBe(true);
    expect(await processInbound(ctx, inDevMode.id)).toMatchObject({ status: 'processed', applied: [expect.stringMatching(/^Marked item 3 as someone you don’t know/)] });
  });
});
