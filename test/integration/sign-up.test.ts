import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrCreateSubscriber, findSubscriberByEmail } from '../../db/queries/subscribers.ts';
import { resolveToken } from '../../services/actions/tokens.ts';
import { buildWebApp } from '../../processes/web/app.ts';
import { csrfFor } from '../../processes/web/kit/csrf.ts';
import { SIGN_UP_SPAM_NAMES } from '../support/hostile/names.ts';
import { signedIn } from '../support/session.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';

const scannerHeaders = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0 Safari/537.36' };

describe('sign-up with double opt-in, and change of address', () => {
  let ctx: TestContext;
  let app: FastifyInstance;

  beforeAll(async () => {
    ctx = await createTestContext();
    app = await buildWebApp(ctx);
  });

  afterAll(async () => {
    await app?.close();
    await ctx?.cleanup();
  });

  const form = (fields: Record<string, string>, cookie?: string) => ({
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    payload: new URLSearchParams(fields).toString(),
  });

  /** What a browser holds after opening the landing page: its form cookie and the form's CSRF field. */
  async function openLanding() {
    const page = await app.inject({ method: 'GET', url: '/' });
    const cookie = page.cookies.find((c) => c.name === 'rapport_form')!;
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
    return { page, cookie: `rapport_form=${cookie.value}`, csrf };
  }

  async function signUp(fields: Record<string, string>, remoteAddress = '127.0.0.1') {
    const { cookie, csrf } = await openLanding();
    return app.inject({ method: 'POST', url: '/signup', remoteAddress, ...form({ csrf, ...fields }, cookie) });
  }

  const confirmOutbox = (recipient: string) =>
    ctx.db.selectFrom('outbox').selectAll().where('kind', '=', 'confirm').where('recipient', '=', recipient).orderBy('created_at').execute();
  const confirmToken = (html: string) => /\/confirm\/([a-z2-7]+)/.exec(html)![1]!;
  const withoutCsrf = (body: string) => body.replace(/name="csrf" value="[^"]+"/g, '');

  it('shows the landing page with a labelled form, a strict cookie for its CSRF field and the secure headers', async () => {
    const { page } = await openLanding();
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>');
    expect(page.body).toMatch(/<label for="email">/);
    expect(page.body).toContain('<script src="/static/signup.js" defer="">');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    const cookie = page.cookies.find((c) => c.name === 'rapport_form')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const script = await app.inject({ method: 'GET', url: '/static/signup.js' });
    expect(script.headers['content-type']).toContain('javascript');
    expect(script.body).toContain('resolvedOptions().timeZone');
  });

  it('refuses a post without the form cookie and creates nothing', async () => {
    const { csrf } = await openLanding();
    const response = await app.inject({ method: 'POST', url: '/signup', ...form({ csrf, email: 'nocookie@example.com' }) });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('role="alert"');
    expect(await findSubscriberByEmail(ctx.db, 'nocookie@example.com')).toBeUndefined();
  });

  it('puts errors next to the field, in plain words, and keeps what was typed', async () => {
    const response = await signUp({ email: 'not-an-address', name: 'Ada' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('id="email-error" role="alert"');
    expect(response.body).toMatch(/aria-describedby="email-error" aria-invalid="true"/);
    expect(response.body).toContain('should look like name@example.com');
    expect(response.body).toContain('value="Ada"');
    expect((await signUp({ email: '' })).body).toContain('Enter your email address.');
  });

  it('creates a pending subscriber in the browser’s time zone and queues one confirmation', async () => {
    const response = await signUp({ email: 'New.Person@Example.com', name: 'Nia', time_zone: 'europe/paris' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Check your inbox');
    const subscriber = (await findSubscriberByEmail(ctx.db, 'new.person@example.com'))!;
    expect(subscriber).toMatchObject({ status: 'pending', name: 'Nia', time_zone: 'Europe/Paris', confirmed_at: null });
    const [mail] = await confirmOutbox('new.person@example.com');
    expect(mail).toMatchObject({ subject: 'Confirm your Rapport subscription', status: 'pending' });
    expect(await ctx.queues.byName.email.getJob(`email-${mail!.id}`)).toBeTruthy();

    await signUp({ email: 'zone@example.com', time_zone: 'Mars/Olympus_Mons' });
    expect((await findSubscriberByEmail(ctx.db, 'zone@example.com'))!.time_zone).toBe('UTC');
  });

  it.each(SIGN_UP_SPAM_NAMES)('puts nothing typed into the form in the confirmation email: %s', async (name) => {
    const email = `spam-target-${SIGN_UP_SPAM_NAMES.indexOf(name)}@example.com`;
    // From an address of its own: the sign-up limit per client address is not what is tested here.
    expect((await signUp({ email, name }, '10.20.0.1')).statusCode).toBe(200);
    // The name is kept for the subscriber's own pages…
    expect((await findSubscriberByEmail(ctx.db, email))!.name).toBe(name);
    // …but the stranger at this address, who has not opted in, reads only our words.
    const [mail] = await confirmOutbox(email);
    for (const part of [mail!.subject, mail!.html, mail!.text]) {
      expect(part).not.toContain('evil.example');
      expect(part).not.toContain(name);
    }
    expect(mail!.text).toContain('Hi,');
  });

  it('answers every address the same, re-sends only to a pending one and at most once per window', async () => {
    await findOrCreateSubscriber(ctx.db, { email: 'member@example.com' });
    const fresh = await signUp({ email: 'someone-new@example.com' });
    const member = await signUp({ email: 'member@example.com' });
    const again = await signUp({ email: 'new.person@example.com' });
    expect(withoutCsrf(member.body).replace('member@example.com', 'X')).toBe(withoutCsrf(fresh.body).replace('someone-new@example.com', 'X'));
    expect(withoutCsrf(again.body).replace('new.person@example.com', 'X')).toBe(withoutCsrf(fresh.body).replace('someone-new@example.com', 'X'));
    expect(await confirmOutbox('member@example.com')).toHaveLength(0);
    expect(await confirmOutbox('new.person@example.com')).toHaveLength(1);
    expect((await findSubscriberByEmail(ctx.db, 'member@example.com'))!.status).toBe('active');
  });

  it('confirms only on the button’s POST, then opens the questionnaire signed in and sends the upload link', async () => {
    const [mail] = await confirmOutbox('new.person@example.com');
    const token = confirmToken(mail!.html);
    const url = `/confirm/${token}`;
    for (const method of ['GET', 'HEAD', 'GET'] as const) expect((await app.inject({ method, url, headers: scannerHeaders })).statusCode).toBe(200);
    expect((await findSubscriberByEmail(ctx.db, 'new.person@example.com'))!.status).toBe('pending');

    expect((await app.inject({ method: 'POST', url, ...form({ csrf: 'x'.repeat(32) }) })).statusCode).toBe(403);
    expect((await findSubscriberByEmail(ctx.db, 'new.person@example.com'))!.status).toBe('pending');

    const csrf = csrfFor(ctx.config.tokenSecrets, token);
    const [first, second] = await Promise.all([
      app.inject({ method: 'POST', url, ...form({ csrf }) }),
      app.inject({ method: 'POST', url, ...form({ csrf }) }),
    ]);
    const statuses = [first!.statusCode, second!.statusCode].sort();
    expect(statuses).toEqual([303, 410]);
    const location = [first!, second!].find((r) => r.statusCode === 303)!.headers.location as string;
    expect(location).toBe('/start');
    const session = [first!, second!].find((r) => r.statusCode === 303)!.cookies.find((c) => c.name === 'rapport_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const subscriber = (await findSubscriberByEmail(ctx.db, 'new.person@example.com'))!;
    expect(subscriber.status).toBe('active');
    expect(subscriber.confirmed_at).toBeInstanceOf(Date);
    const questionnaire = await app.inject({ method: 'GET', url: '/start/questions', headers: { cookie: `rapport_session=${session.value}` } });
    expect(questionnaire.statusCode).toBe(200);
    expect(questionnaire.body).toContain('Why are you on LinkedIn?');
    const upload = await ctx.db.selectFrom('outbox').select('subject').where('subscriber_id', '=', subscriber.id).where('kind', '=', 'upload_link').execute();
    expect(upload).toHaveLength(1);
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(410);
  });

  describe('change of address', () => {
    let browser: Awaited<ReturnType<typeof signedIn>>;
    let subscriberId: string;

    beforeAll(async () => {
      const subscriber = await findOrCreateSubscriber(ctx.db, { email: 'mover@example.com', name: 'Mo' });
      subscriberId = subscriber.id;
      browser = await signedIn(ctx, subscriberId);
    });

    const requestChange = (newEmail: string, remoteAddress = '127.0.0.1') =>
      app.inject({ method: 'POST', url: '/settings/email', remoteAddress, ...form({ csrf: browser.csrf, new_email: newEmail }, browser.cookie) });

    it('explains a bad or unchanged address next to the field', async () => {
      const bad = await requestChange('mover-at-example');
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('id="new_email-error" role="alert"');
      const same = await requestChange('MOVER@example.com');
      expect(same.statusCode).toBe(400);
      expect(same.body).toContain('That is already your address.');
    });

    it('changes nothing until the link sent to the new address is confirmed', async () => {
      const response = await requestChange('moved@example.com');
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('We sent a link to moved@example.com');
      const subscriber = (await findSubscriberByEmail(ctx.db, 'mover@example.com'))!;
      expect(subscriber.pending_email).toBe('moved@example.com');
      const [mail] = await confirmOutbox('moved@example.com');
      const token = confirmToken(mail!.html);

      const page = await app.inject({ method: 'GET', url: `/confirm/${token}` });
      expect(page.body).toContain('Confirm your new address');
      expect(page.body).toContain('moved@example.com');
      expect((await findSubscriberByEmail(ctx.db, 'mover@example.com'))!.email).toBe('mover@example.com');

      const done = await app.inject({ method: 'POST', url: `/confirm/${token}`, ...form({ csrf: csrfFor(ctx.config.tokenSecrets, token) }) });
      expect(done.statusCode).toBe(200);
      expect(done.body).toContain('Your address is changed');
      const moved = (await findSubscriberByEmail(ctx.db, 'moved@example.com'))!;
      expect(moved).toMatchObject({ id: subscriberId, pending_email: null, status: 'active' });
      // The change ended every session (account-access.test.ts has the rest); this browser signs in again.
      expect((await app.inject({ method: 'GET', url: '/settings', headers: { cookie: browser.cookie } })).statusCode).toBe(303);
      browser = await signedIn(ctx, subscriberId);
    });

    it('a newer request or a sign-up link never approves another address', async () => {
      await requestChange('first-choice@example.com');
      const [first] = await confirmOutbox('first-choice@example.com');
      await requestChange('second-choice@example.com');
      const firstToken = confirmToken(first!.html);
      expect(await resolveToken(ctx.db, ctx.config.tokenSecrets, firstToken, ['confirm'])).toBeNull();
      expect((await app.inject({ method: 'GET', url: `/confirm/${firstToken}` })).statusCode).toBe(404);
      expect((await findSubscriberByEmail(ctx.db, 'moved@example.com'))!.pending_email).toBe('second-choice@example.com');
    });

    it('sends at most five change requests an hour from one client address', async () => {
      expect((await requestChange('sixth@example.com')).statusCode).toBe(429);
    });

    it('an address already subscribed gets no email, and the page looks the same', async () => {
      const taken = await requestChange('member@example.com', '10.4.4.4');
      const free = await requestChange('free@example.com', '10.4.4.4');
      expect(taken.statusCode).toBe(200);
      expect(withoutCsrf(taken.body).replaceAll('member@example.com', 'X')).toBe(withoutCsrf(free.body).replaceAll('free@example.com', 'X'));
      expect(await confirmOutbox('member@example.com')).toHaveLength(0);
    });
  });

  it('rate-limits sign-ups from one address', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 11; i++) {
      last = await signUp({ email: `burst${i}@example.com` }, '10.9.9.9');
      statuses.push(last.statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect(last!.headers['content-type']).toContain('text/html');
    expect(last!.body).toContain('Please wait a moment');
    expect(last!.headers['retry-after']).toBeTruthy();
  });
});
