/**
 * Issue #13, the web edge: limits an outside client cannot walk around (token spellings, forged
 * X-Forwarded-For, Bearer guesses), production refusing development secrets and the dev mailbox,
 * and huge bodies refused promptly over a real socket. Real Postgres, Redis and web app.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrCreateSubscriber } from '../../db/queries/subscribers.ts';
import { issueToken } from '../../services/actions/tokens.ts';
import { buildWebApp } from '../../processes/web/app.ts';
import { csrfFor } from '../../processes/web/kit/csrf.ts';
import { builtDigest, importedSubscriber, type DigestLinksFound } from '../support/fixtures.ts';
import { leakIn, visibleText } from '../support/hostile/checks.ts';
import { caseVariants, forgedForwardedFor, form, sendHugeBody, type RawBodyResult } from '../support/hostile/http.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';

const ADMIN_TOKEN = 'web-edge-admin-token-0123456789-abcdef';
/** Production refuses development secrets, so production contexts get real-looking ones. */
const PRODUCTION = { NODE_ENV: 'production', TOKEN_SECRETS: 'web-edge-production-secret-0123456789abcdef', SUPPRESSION_SECRET: 'web-edge-suppression-key-0123456789abcdef', ADMIN_TOKEN };

describe('per-link limits key on the verified token', () => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let links: DigestLinksFound;

  beforeAll(async () => {
    ctx = await createTestContext();
    const { subscriber } = await importedSubscriber(ctx, 'edge-links@example.com', { connections: 20 });
    links = await builtDigest(ctx, subscriber.id);
    app = await buildWebApp(ctx);
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.cleanup();
  });

  it('20 spellings of one review link (case, spaces) share its 120 a minute', async () => {
    const variants = caseVariants(links.actionToken, 20);
    expect(new Set(variants).size).toBe(20);
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++) statuses.push((await app.inject({ method: 'GET', url: `/a/${variants[i % 20]}` })).statusCode);
    // Every spelling is the same link to the verifier: it opens the page…
    expect(statuses.slice(0, 120).every((s) => s === 200), String(statuses.slice(0, 120))).toBe(true);
    // …and counts against the same limit.
    expect(statuses[120]).toBe(429);
    const limited = await app.inject({ method: 'GET', url: `/a/${links.actionToken.toUpperCase()}` });
    expect(limited.statusCode).toBe(429);
    expect(visibleText(limited.body)).toContain('Please wait a moment');
    // Another link is untouched.
    expect((await app.inject({ method: 'GET', url: `/u/${links.unsubscribeToken}` })).statusCode).toBe(200);
  });

  it('forged tokens share one bucket per client address, and spare other clients and real links', async () => {
    const forged = (i: number) => `${links.uploadToken.slice(0, 20)}${String(i).replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!).padEnd(29, 'q')}`;
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++) statuses.push((await app.inject({ method: 'GET', url: `/upload/${forged(i)}`, remoteAddress: '10.9.9.9' })).statusCode);
    expect(statuses.slice(0, 120).every((s) => s === 404)).toBe(true);
    expect(statuses[120]).toBe(429);
    expect((await app.inject({ method: 'GET', url: `/upload/${forged(999)}`, remoteAddress: '10.9.9.10' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/upload/${links.uploadToken}`, remoteAddress: '10.9.9.9' })).statusCode).toBe(200);
  });
});

describe('production refuses the development mailbox', () => {
  it.each([
    ['NODE_ENV=production without SMTP_URL', PRODUCTION],
    ['NODE_ENV unset', { NODE_ENV: '' }],
  ])('%s: /dev/mailbox and its reply form are not served', async (_what, env) => {
    const ctx = await createTestContext(env);
    const app = await buildWebApp(ctx);
    try {
      expect(ctx.mail.kind).toBe('dev-mailbox');
      for (const url of ['/dev/mailbox', '/dev/mailbox/any.eml', '/dev/mailbox/any.eml/raw', '/dev/mailbox/any.eml/reply']) {
        const response = await app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(404);
      }
    } finally {
      await app.close();
      await ctx.cleanup();
    }
  });

  it('NODE_ENV=test (development said out loud) serves it', async () => {
    const ctx = await createTestContext();
    const app = await buildWebApp(ctx);
    try {
      expect((await app.inject({ method: 'GET', url: '/dev/mailbox' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await ctx.cleanup();
    }
  });
});

describe('X-Forwarded-For is believed only from configured proxies', () => {
  async function signInStatuses(env: Record<string, string>, forwardedFor: string[]): Promise<number[]> {
    const ctx = await createTestContext(env);
    const app = await buildWebApp(ctx);
    try {
      const statuses: number[] = [];
      for (const header of forwardedFor) {
        const response = await app.inject({ method: 'POST', url: '/admin/sign-in', remoteAddress: '192.0.2.7', ...form({ token: 'guess' }), headers: { ...form({}).headers, 'x-forwarded-for': header } });
        statuses.push(response.statusCode);
      }
      return statuses;
    } finally {
      await app.close();
      await ctx.cleanup();
    }
  }

  it('in production with TRUST_PROXY unset, a new X-Forwarded-For per try does not reset the sign-in limit', async () => {
    const statuses = await signInStatuses(PRODUCTION, forgedForwardedFor(11));
    expect(statuses.slice(0, 10).every((s) => s === 403), String(statuses)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it.each([
    ['the proxy address', '192.0.2.7'],
    ['its CIDR range', '192.0.2.0/24'],
    ['a hop count', '1'],
  ])('with TRUST_PROXY set to %s, the address the proxy reports is the client', async (_what, trust) => {
    // Each try claims another client through the trusted proxy: none of them reaches ten.
    const statuses = await signInStatuses({ ...PRODUCTION, TRUST_PROXY: trust }, Array.from({ length: 11 }, (_, i) => `203.0.113.${i + 1}`));
    expect(statuses.every((s) => s === 403), String(statuses)).toBe(true);
  });

  it('with TRUST_PROXY naming another address, the header of a direct client is ignored', async () => {
    const statuses = await signInStatuses({ ...PRODUCTION, TRUST_PROXY: '10.0.0.1' }, forgedForwardedFor(11));
    expect(statuses[10]).toBe(429);
  });
});

describe('admin Bearer guesses', () => {
  let ctx: TestContext;
  let app: FastifyInstance;
  beforeAll(async () => {
    ctx = await createTestContext({ ADMIN_TOKEN });
    app = await buildWebApp(ctx);
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.cleanup();
  });

  const get = (token: string, remoteAddress: string, url = '/admin/queues/api/queues') =>
    app.inject({ method: 'GET', url, remoteAddress, headers: { authorization: `Bearer ${token}` } });

  it('stop after ten wrong tokens from one address, even the right one, and spare other addresses', async () => {
    for (let i = 0; i < 10; i++) expect((await get(`wrong-guess-${i}-${'x'.repeat(20)}`, '10.1.1.1', i % 2 ? '/admin/queues/api/queues' : '/admin/subscribers')).statusCode).toBe(401);
    const blocked = await get(ADMIN_TOKEN, '10.1.1.1');
    expect(blocked.statusCode).toBe(429);
    expect(leakIn(visibleText(blocked.body))).toBeNull();
    expect((await get(`wrong-${'y'.repeat(30)}`, '10.1.1.1', '/admin')).statusCode).toBe(429);
    expect((await get(ADMIN_TOKEN, '10.1.1.2')).statusCode).toBe(200);
  });

  it('the right token counts nothing: scripts polling the dashboard are never locked out', async () => {
    for (let i = 0; i < 15; i++) expect((await get(ADMIN_TOKEN, '10.1.1.3')).statusCode).toBe(200);
    expect((await get(`wrong-${'z'.repeat(30)}`, '10.1.1.3')).statusCode).toBe(401);
  });
});

describe('huge bodies are refused at once over a real socket', () => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let port: number;
  let uploadToken: string;
  let actionToken: string;
  const GIB = 1024 ** 3;
  /** What a client may push before the answer: the limit plus socket buffers, far below the body. */
  const LITTLE = 16 * 1024 * 1024;

  beforeAll(async () => {
    ctx = await createTestContext({ MAX_UPLOAD_MB: '1' });
    const subscriber = await findOrCreateSubscriber(ctx.db, { email: 'edge-body@example.com' });
    uploadToken = await issueToken(ctx.db, ctx.config.tokenSecrets, { subscriberId: subscriber.id, scope: 'upload' });
    actionToken = await issueToken(ctx.db, ctx.config.tokenSecrets, { subscriberId: subscriber.id, scope: 'digest' });
    app = await buildWebApp(ctx);
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.cleanup();
  });

  const uploadPrefix = () =>
    Buffer.from(
      `--edge\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrfFor(ctx.config.tokenSecrets, uploadToken)}\r\n` +
        '--edge\r\nContent-Disposition: form-data; name="file"; filename="Connections.csv"\r\nContent-Type: text/csv\r\n\r\n',
    );
  const cases: Array<[string, () => Parameters<typeof sendHugeBody>[1]]> = [
    ['1 GiB declared to the sign-up form', () => ({ path: '/signup', contentType: 'application/x-www-form-urlencoded', declaredLength: GIB, maxBytes: 64 << 20 })],
    ['1 GiB declared to an answers form', () => ({ path: `/a/${actionToken}`, contentType: 'application/x-www-form-urlencoded', declaredLength: GIB, maxBytes: 64 << 20 })],
    ['1 GiB declared to no route at all', () => ({ path: '/nowhere', contentType: 'application/octet-stream', declaredLength: GIB, maxBytes: 64 << 20 })],
    ['1 GiB declared to the upload route', () => ({ path: `/upload/${uploadToken}`, contentType: 'multipart/form-data; boundary=edge', declaredLength: GIB, prefix: uploadPrefix(), maxBytes: 64 << 20 })],
    ['an endless chunked form', () => ({ path: '/signup', contentType: 'application/x-www-form-urlencoded', maxBytes: 64 << 20 })],
    ['an endless chunked upload with a valid form field', () => ({ path: `/upload/${uploadToken}`, contentType: 'multipart/form-data; boundary=edge', prefix: uploadPrefix(), maxBytes: 64 << 20 })],
    [
      'an endless chunked upload asking for JSON',
      () => ({ path: `/upload/${uploadToken}`, contentType: 'multipart/form-data; boundary=edge', prefix: uploadPrefix(), maxBytes: 64 << 20, headers: { accept: 'application/json' } }),
    ],
  ];

  it.each([
    ['an endless chunked body of a type nothing reads', '/signup', 415],
    ['an endless chunked body to no route at all', '/nowhere', 404],
  ] as const)('%s: answered at once, the rest never read', async (_what, path, status) => {
    const result = await sendHugeBody(port, { path, contentType: 'application/x-unknown', maxBytes: 64 << 20 });
    expect(result.status, result.answer.slice(0, 300)).toBe(status);
    expect(result.bytesSent).toBeLessThan(LITTLE);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });

  it.each(cases)('%s: a prompt 413 in words, little read', async (_what, build) => {
    const result: RawBodyResult = await sendHugeBody(port, build());
    expect(result.status, result.answer.slice(0, 300)).toBe(413);
    expect(result.bytesSent).toBeLessThan(LITTLE);
    expect(result.ms).toBeLessThan(10_000);
    expect(result.answer).toMatch(/connection: close/i);
    const body = result.answer.slice(result.answer.indexOf('\r\n\r\n') + 4);
    expect(leakIn(body.startsWith('{') ? body : visibleText(body))).toBeNull();
    expect(body).toMatch(/larger than|too much/i);
    // The server is fine, and the upload link was not spent.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/upload/${uploadToken}`)).status).toBe(200);
  });
});

describe('the favicon', () => {
  it('is the brand mark at both addresses browsers ask for, and every page names it', async () => {
    const ctx = await createTestContext();
    const app = await buildWebApp(ctx);
    try {
      for (const url of ['/favicon.svg', '/favicon.ico']) {
        const response = await app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(200);
        expect(response.headers['content-type']).toBe('image/svg+xml');
        expect(response.body).toMatch(/^<svg /);
      }
      expect((await app.inject({ method: 'GET', url: '/' })).body).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>');
    } finally {
      await app.close();
      await ctx.cleanup();
    }
  });
});
