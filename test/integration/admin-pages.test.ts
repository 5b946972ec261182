import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSessionCookie, adminSessionValue } from '../../processes/web/admin-auth.ts';
import { buildWebApp } from '../../processes/web/app.ts';
import { csrfFor } from '../../processes/web/kit/csrf.ts';
import { builtDigest, importedSubscriber, type DigestLinksFound } from '../support/fixtures.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';

const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';

describe('admin pages, queue dashboard and metrics', () => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let links: DigestLinksFound;

  const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };
  const form = (fields: Record<string, string>, cookie?: string) => ({
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    payload: new URLSearchParams(fields).toString(),
  });

  async function signIn(token: string, remoteAddress = '127.0.0.1') {
    const page = await app.inject({ method: 'GET', url: '/admin' });
    const formCookie = page.cookies.find((c) => c.name === 'rapport_form')!;
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
    return app.inject({ method: 'POST', url: '/admin/sign-in', remoteAddress, ...form({ csrf, token }, `rapport_form=${formCookie.value}`) });
  }

  beforeAll(async () => {
    ctx = await createTestContext({ ADMIN_TOKEN });
    const { subscriber } = await importedSubscriber(ctx, 'looked-up@example.com', { connections: 40 });
    links = await builtDigest(ctx, subscriber.id);
    await ctx.db.updateTable('outbox').set({ attempts: 2, last_error: '451 4.3.0 Try again later' }).where('id', '=', links.outboxId).execute();
    app = await buildWebApp(ctx);
  });

  afterAll(async () => {
    await app?.close();
    await ctx?.cleanup();
  });

  it('asks for the token before anything else', async () => {
    const home = await app.inject({ method: 'GET', url: '/admin' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<h1>Admin sign-in</h1>');
    expect(home.body).toMatch(/<label for="token">Admin token<\/label><input type="password" id="token"/);
    for (const url of ['/admin/subscribers?email=looked-up@example.com', '/admin/queues', '/admin/queues/api/queues']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(401);
      expect(response.headers['www-authenticate']).toContain('Bearer');
      expect(response.body).not.toContain('looked-up@example.com');
    }
    expect((await app.inject({ method: 'GET', url: '/admin/queues', headers: { authorization: 'Bearer wrong-token-wrong-token' } })).statusCode).toBe(401);
  });

  it('signs in with the form: an error next to the field for a wrong token, then a strict cookie without the token', async () => {
    const wrong = await signIn('not-the-token-at-all');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('id="token-error" role="alert"');

    const right = await signIn(ADMIN_TOKEN);
    expect(right.statusCode).toBe(303);
    const cookie = right.cookies.find((c) => c.name === 'rapport_admin')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/admin' });
    expect(cookie.secure).toBeFalsy();
    expect(cookie.value).not.toContain(ADMIN_TOKEN);
    const session = `rapport_admin=${cookie.value}`;
    expect((await app.inject({ method: 'GET', url: '/admin', headers: { cookie: session } })).body).toContain('<h1>Rapport admin</h1>');

    const tampered = `rapport_admin=${cookie.value.slice(0, -2)}xx`;
    expect((await app.inject({ method: 'GET', url: '/admin/queues', headers: { cookie: tampered } })).statusCode).toBe(401);
    const expired = `rapport_admin=${adminSessionValue(ctx.config, new Date(Date.now() - 13 * 3600_000))}`;
    expect((await app.inject({ method: 'GET', url: '/admin/queues', headers: { cookie: expired } })).statusCode).toBe(401);

    const out = await app.inject({ method: 'POST', url: '/admin/sign-out', ...form({ csrf: csrfFor(ctx.config.tokenSecrets, `admin:${cookie.value}`) }, session) });
    expect(out.statusCode).toBe(303);
    expect(out.cookies.find((c) => c.name === 'rapport_admin')).toMatchObject({ value: '', maxAge: 0 });
  });

  it('stops guessing after ten tries, even with the right token', async () => {
    for (let i = 0; i < 10; i++) expect((await signIn(`guess-number-${i}-guess`, '10.7.7.7')).statusCode).toBe(401);
    const blocked = await signIn(ADMIN_TOKEN, '10.7.7.7');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.cookies.find((c) => c.name === 'rapport_admin')).toBeUndefined();
  });

  it('refuses a sign-in form that did not come from the page', async () => {
    const response = await app.inject({ method: 'POST', url: '/admin/sign-in', ...form({ csrf: 'x'.repeat(32), token: ADMIN_TOKEN }) });
    expect(response.statusCode).toBe(403);
    expect(response.cookies.find((c) => c.name === 'rapport_admin')).toBeUndefined();
  });

  it('marks the cookie Secure when the site is served over https', () => {
    expect(adminSessionCookie({ ...ctx.config, publicUrl: 'https://rapport.example' }, 'v')).toContain('; Secure');
  });

  it('looks a subscriber up: states, counts and errors, never tokens or message bodies', async () => {
    const response = await app.inject({ method: 'GET', url: '/admin/subscribers?email=Looked-Up@example.com', headers: bearer });
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('looked-up@example.com');
    expect(html).toMatch(/<dt>Status<\/dt><dd>active<\/dd>/);
    expect(html).toContain('imported');
    expect(html).toMatch(/\d{4}-W\d{2}/);
    expect(html).toContain('451 4.3.0 Try again later');
    for (const secret of [links.actionToken, links.replyToken, links.unsubscribeToken, links.uploadToken]) expect(html).not.toContain(secret);
    expect(html).not.toContain('reply+');
    const missing = await app.inject({ method: 'GET', url: '/admin/subscribers?email=nobody@example.com', headers: bearer });
    expect(missing.body).toContain('No subscriber has this address.');
  });

  it('serves the BullMQ dashboard and its API under its own content policy', async () => {
    const page = await app.inject({ method: 'GET', url: '/admin/queues', headers: bearer });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<base href="/admin/queues/"');
    expect(page.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(page.headers['content-security-policy']).not.toContain('fonts.googleapis.com');
    const css = /href="(static\/css\/[^"]+)"/.exec(page.body)![1]!;
    expect((await app.inject({ method: 'GET', url: `/admin/queues/${css}`, headers: bearer })).statusCode).toBe(200);
    const api = await app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: bearer });
    expect(api.statusCode).toBe(200);
    const names = (api.json() as { queues: Array<{ name: string }> }).queues.map((q) => q.name).sort();
    expect(names).toEqual(['digest', 'email', 'import', 'inbound', 'maintenance']);
  });

  it('exposes metrics without a token: default ones, queue depths and outbox states', async () => {
    await ctx.queues.enqueue('email.send', { outboxId: links.outboxId });
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const text = response.body;
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toMatch(/rapport_queue_jobs\{queue="email",state="waiting"\} 1/);
    expect(text).toMatch(/rapport_outbox_messages\{status="pending"\} 1/);
    expect(text).toMatch(/rapport_outbox_messages\{status="sent"\} 0/);
    expect(text).not.toContain('looked-up@example.com');
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
