import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import nodemailer from 'nodemailer';
import type { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlers } from '../../jobs/handlers/index.ts';
import { createMxServer } from '../../processes/mx/server.ts';
import { buildWebApp } from '../../processes/web/app.ts';
import { startWorkers, type RunningWorkers } from '../../processes/worker/workers.ts';
import { builtDigest, importedSubscriber, type DigestLinksFound } from '../support/fixtures.ts';
import { malformedTokenPaths } from '../support/hostile/http.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';
import { deliveryReport } from '../support/hostile/emails.ts';
import { stubResolver, testDkim } from '../../dev/mail-auth.ts';
import { waitFor } from '../support/wait.ts';

const EMAIL = 'private.person@example.com';

/** Everything under this test's BullMQ prefix, as text, whatever the Redis type of each key. */
async function redisContents(ctx: TestContext): Promise<string> {
  const keys = await ctx.redis.keys(`${ctx.config.queuePrefix}:*`);
  const parts: string[] = [];
  for (const key of keys) {
    const type = await ctx.redis.type(key);
    parts.push(key);
    if (type === 'string') parts.push(String(await ctx.redis.get(key)));
    else if (type === 'hash') parts.push(JSON.stringify(await ctx.redis.hgetall(key)));
    else if (type === 'list') parts.push(JSON.stringify(await ctx.redis.lrange(key, 0, -1)));
    else if (type === 'set') parts.push(JSON.stringify(await ctx.redis.smembers(key)));
    else if (type === 'zset') parts.push(JSON.stringify(await ctx.redis.zrange(key, '0', '-1')));
    else if (type === 'stream') parts.push(JSON.stringify(await ctx.redis.xrange(key, '-', '+')));
  }
  return parts.join('\n');
}

describe('no personal data in Redis or logs after a full run', () => {
  let ctx: TestContext;
  let workers: RunningWorkers;
  let mx: SMTPServer;
  let links: DigestLinksFound;
  const logLines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    ctx = await createTestContext({ LOG_LEVEL: 'debug' }, { logDestination: sink });
    const { subscriber } = await importedSubscriber(ctx, EMAIL);
    workers = await startWorkers(ctx, handlers, { schedules: false });
    links = await builtDigest(ctx, subscriber.id);
    await ctx.queues.enqueue('email.send', { outboxId: links.outboxId });
    mx = createMxServer(ctx, { resolver: stubResolver });
    await new Promise<void>((resolve) => mx.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await workers?.close(5_000);
    await new Promise<void>((resolve) => (mx ? mx.close(() => resolve()) : resolve()));
    await ctx?.cleanup();
  });

  it('carries only ids through the queues and redacts addresses and tokens in logs', async () => {
    // Web: open a link and answer; mail: a reply with commands and one from a stranger.
    const app = await buildWebApp(ctx);
    await app.inject({ method: 'GET', url: `/a/${links.actionToken}?item=1&answer=known` });
    await app.inject({ method: 'GET', url: `/upload/${links.uploadToken}` });
    // Malformed paths around real tokens: not links, but they carry the token all the same.
    for (const token of [links.actionToken, links.unsubscribeToken]) {
      for (const url of malformedTokenPaths(token)) await app.inject({ method: 'GET', url });
    }
    await app.close();
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: (mx.server.address() as AddressInfo).port, secure: false, ignoreTLS: true, dkim: testDkim });
    const to = `reply+${links.replyToken}@${ctx.config.inboundDomain}`;
    await transport.sendMail({ from: EMAIL, to, subject: 'Re: week', text: 'known 1\nupload', messageId: '<p1@example.com>' });
    await transport.sendMail({ from: 'stranger@example.org', to, subject: 'Re: week', text: 'unknown 2', messageId: '<p2@example.com>' });
    // A forged delivery report naming the subscriber: ignored, and logged without the address it names.
    const nobody = `nobody@${ctx.config.inboundDomain}`;
    await transport.sendMail({ envelope: { from: '', to: nobody }, raw: deliveryReport({ to: nobody, finalRecipient: EMAIL, id: '<p3@example.com>' }) });
    await waitFor('replies handled and emails sent', async () => {
      const pending = await ctx.db.selectFrom('inbound_messages').select('id').where('status', '=', 'received').execute();
      const unsent = await ctx.db.selectFrom('outbox').select('id').where('status', 'in', ['pending', 'sending']).execute();
      const inbound = await ctx.db.selectFrom('inbound_messages').select('id').execute();
      return inbound.length === 3 && pending.length === 0 && unsent.length === 0;
    });

    const redis = await redisContents(ctx);
    const logs = logLines.join('');
    expect(redis.length).toBeGreaterThan(100);
    // The request log did record the link visits, masked.
    expect(logs).toContain('/a/[token]');
    for (const [where, text] of [['Redis', redis], ['logs', logs]] as const) {
      expect(text, where).not.toMatch(/[\w.+-]+@(example\.com|example\.org|reply\.rapport\.localhost)/i);
      for (const token of [links.actionToken, links.replyToken, links.unsubscribeToken, links.uploadToken]) {
        expect(text.includes(token), `${where} holds a token`).toBe(false);
        // Nor most of one, in any case or encoding.
        const decoded = text.replace(/%([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))).toLowerCase();
        expect(decoded.includes(token.slice(1, -1)), `${where} holds a token, decoded or in capitals`).toBe(false);
      }
    }
    // Each malformed path was logged, with its token masked.
    expect(logs).toContain('/a/..[token]');
    expect(logs).toContain('/nowhere?next=[token]');
  });
});
