/**
 * Issue #13, Medium 3: a digest link is not an account credential. A forwarded digest still answers
 * its own items with one tap, but the account (settings, address, My data, erase) needs a browser
 * signed in by a single-use link emailed to the current address; an address change tells the old
 * address, with a revert, and retires every earlier link and session. Real web app, workers,
 * Postgres, Redis and an SMTP sink; mail is read as delivered.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { simpleParser } from 'mailparser';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrCreateSubscriber, findSubscriber } from '../../db/queries/subscribers.ts';
import { schedules } from '../../jobs/registry.ts';
import { revertAddressChange } from '../../services/account/address-change.ts';
import { setPendingEmail } from '../../services/account/confirmation.ts';
import { confirmLink } from '../../services/account/confirm-link.ts';
import { ENDED_SESSION_KEPT_MS, SESSION_IDLE_MS, SESSION_TTL_MS } from '../../services/account/sessions.ts';
import { requestSignIn, signInWithLink, SIGN_IN_RESEND_WINDOW_MS } from '../../services/account/sign-in.ts';
import { issueToken, resolveToken, revokeTokens } from '../../services/actions/tokens.ts';
import { csrfFor } from '../../processes/web/kit/csrf.ts';
import { sessionCookieHeader } from '../../processes/web/kit/session.ts';
import { launchBrowser } from '../../dev/browser.ts';
import { builtDigest, importedSubscriber, type DigestLinksFound } from '../support/fixtures.ts';
import { otherSiteHeaders, ownSiteHeaders } from '../support/hostile/http.ts';
import { serveApp, type ServedApp } from '../support/served-app.ts';
import { signedIn } from '../support/session.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';
import { waitFor } from '../support/wait.ts';

const scannerHeaders = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0 Safari/537.36' };

describe('a digest link is not an account credential', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let ctx: TestContext;
  let served: ServedApp;
  let ownerId: string;
  let links: DigestLinksFound;
  let reviewItem: number;

  const inject = (options: InjectOptions) => served.app.inject(options);
  const form = (fields: Record<string, string>, cookie?: string) => ({
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    payload: new URLSearchParams(fields).toString(),
  });
  const csrf = (token: string) => csrfFor(ctx.config.tokenSecrets, token);
  const sessionCookieOf = (response: LightMyRequestResponse) => response.cookies.find((c) => c.name === 'rapport_session');

  /** The delivered mail to an address with this subject, parsed; waits for the worker to send it. */
  async function mailTo(address: string, subject: string, count = 1) {
    const raws = await waitFor(`${count} × "${subject}" to ${address}`, async () => {
      const parsed = await Promise.all(sink.messages.filter((m) => m.to.includes(address)).map((m) => simpleParser(m.raw)));
      const matching = parsed.filter((m) => m.subject === subject);
      return matching.length >= count ? matching : null;
    });
    return raws[count - 1]!;
  }
  const linkIn = (html: unknown, path: string) => new RegExp(`${ctx.config.publicUrl}(/${path}/[a-z2-7]+)`).exec(String(html))![1]!;

  beforeAll(async () => {
    sink = await startSmtpSink();
    ctx = await createTestContext({ SMTP_URL: sink.url });
    ownerId = (await importedSubscriber(ctx, 'owner@example.com', { connections: 40 })).subscriber.id;
    links = await builtDigest(ctx, ownerId);
    reviewItem = (await ctx.db.selectFrom('digest_items').select(['number', 'kind']).where('digest_id', '=', links.digestId).orderBy('number').execute()).find((i) => i.kind === 'review')!.number;
    served = await serveApp(ctx);
  });

  afterAll(async () => {
    await served?.close();
    await ctx?.cleanup();
    await sink?.close();
  });

  it('answers its own items with one tap, as before', async () => {
    const page = await inject({ method: 'GET', url: `/a/${links.actionToken}?item=${reviewItem}&answer=known` });
    expect(page.statusCode).toBe(200);
    const saved = await inject({ method: 'POST', url: `/a/${links.actionToken}`, ...form({ csrf: csrf(links.actionToken), [`item_${reviewItem}`]: 'known' }) });
    expect(saved.statusCode).toBe(200);
    const item = await ctx.db.selectFrom('digest_items').select('answer').where('digest_id', '=', links.digestId).where('number', '=', reviewItem).executeTakeFirstOrThrow();
    expect(item.answer).toBe('known');
  });

  it('reaches neither the download, nor the erase, nor the address change, nor the settings', async () => {
    const t = links.actionToken;
    for (const url of [`/preferences/${t}`, `/my-data/${t}`]) {
      const gate = await inject({ method: 'GET', url });
      expect(gate.statusCode, url).toBe(200);
      expect(gate.body).toContain('Sign in to continue');
      expect(gate.body).toContain(`action="/preferences/${t}/sign-in"`);
      // Nothing of the account shows: not the address, not the data, not a form that changes it.
      expect(gate.body).not.toContain('owner@example.com');
      expect(gate.body).not.toMatch(/rapport-data\.json|connections\.csv|name="new_email"|name="confirm"/);
    }
    // The routes that took a digest token for the whole account are gone.
    const tokenRequests: InjectOptions[] = [
      { method: 'GET', url: `/my-data/${t}/rapport-data.json` },
      { method: 'GET', url: `/my-data/${t}/connections.csv` },
      { method: 'POST', url: `/my-data/${t}/erase`, ...form({ csrf: csrf(t), confirm: 'erase' }) },
      { method: 'POST', url: `/preferences/${t}/email`, ...form({ csrf: csrf(t), new_email: 'thief@example.org' }) },
      { method: 'POST', url: `/preferences/${t}`, ...form({ csrf: csrf(t), gain: 'stolen' }) },
      { method: 'POST', url: `/preferences/${t}/subscription`, ...form({ csrf: csrf(t), action: 'unsubscribe' }) },
    ];
    for (const request of tokenRequests) expect((await inject(request)).statusCode, `${request.method} ${request.url}`).toBe(404);
    // And the session routes, given the token's CSRF value but no session, send to the sign-in.
    const sessionRequests: InjectOptions[] = [
      { method: 'GET', url: '/settings' },
      { method: 'GET', url: '/my-data' },
      { method: 'GET', url: '/my-data/rapport-data.json' },
      { method: 'GET', url: '/my-data/connections.csv' },
      { method: 'POST', url: '/my-data/erase', ...form({ csrf: csrf(t), confirm: 'erase' }) },
      { method: 'POST', url: '/settings/email', ...form({ csrf: csrf(t), new_email: 'thief@example.org' }) },
      { method: 'POST', url: '/settings/subscription', ...form({ csrf: csrf(t), action: 'unsubscribe' }) },
    ];
    for (const request of sessionRequests) {
      const response = await inject(request);
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(303);
      expect(response.headers.location).toBe('/sign-in');
    }
    const owner = (await findSubscriber(ctx.db, ownerId))!;
    expect(owner).toMatchObject({ email: 'owner@example.com', pending_email: null, status: 'active' });
    expect(await ctx.db.selectFrom('outbox').select('id').where('recipient', '=', 'thief@example.org').execute()).toHaveLength(0);
  });

  let sessionCookie: string;

  it('signs in end to end: a link emailed to the current address, a scanner-safe page, one POST, a Lax HttpOnly cookie', async () => {
    const asked = await inject({ method: 'POST', url: `/preferences/${links.actionToken}/sign-in`, ...form({ csrf: csrf(links.actionToken) }) });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('A sign-in link is on its way');
    expect(asked.body).not.toContain('owner@example.com');
    const mail = await mailTo('owner@example.com', 'Your link to sign in to Rapport');
    expect(mail.text).toContain('works once, for 15 minutes');
    const url = linkIn(mail.html, 'sign-in');
    const token = url.split('/')[2]!;

    // Scanners open the link, with and without scripts: nothing is spent, nobody is signed in.
    for (const method of ['GET', 'HEAD', 'GET'] as const) expect((await inject({ method, url, headers: scannerHeaders })).statusCode).toBe(200);
    expect((await inject({ method: 'GET', url: `${url}?follow=true` })).body).toContain('<button type="submit">Sign in</button>');
    expect(await ctx.db.selectFrom('account_sessions').select('id').where('subscriber_id', '=', ownerId).execute()).toHaveLength(0);
    expect((await resolveToken(ctx.db, ctx.config.tokenSecrets, token, ['sign_in']))!.usedAt).toBeNull();
    expect((await inject({ method: 'POST', url, ...form({ csrf: 'x'.repeat(32) }) })).statusCode).toBe(403);

    const [first, second] = await Promise.all([inject({ method: 'POST', url, ...form({ csrf: csrf(token) }) }), inject({ method: 'POST', url, ...form({ csrf: csrf(token) }) })]);
    expect([first!.statusCode, second!.statusCode].sort()).toEqual([303, 410]);
    const signedInResponse = [first!, second!].find((r) => r.statusCode === 303)!;
    expect(signedInResponse.headers.location).toBe('/settings');
    const cookie = sessionCookieOf(signedInResponse)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: SESSION_TTL_MS / 1000 });
    expect(cookie.secure).toBeFalsy(); // the test's public URL is http (the https case is the next test)
    sessionCookie = `rapport_session=${cookie.value}`;

    // Postgres holds only the hash of the cookie's value.
    const rows = await ctx.db.selectFrom('account_sessions').selectAll().where('subscriber_id', '=', ownerId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash.equals(createHash('sha256').update(cookie.value).digest())).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(cookie.value);
    expect((await inject({ method: 'GET', url })).statusCode).toBe(410);

    const settings = await inject({ method: 'GET', url: '/settings', headers: { cookie: sessionCookie } });
    expect(settings.statusCode).toBe(200);
    expect(settings.body).toContain('owner@example.com');
    expect(settings.body).toContain('Sign out everywhere');
    // A digest's settings link, in a signed-in browser, goes straight there.
    const viaDigest = await inject({ method: 'GET', url: `/preferences/${links.actionToken}`, headers: { cookie: sessionCookie } });
    expect([viaDigest.statusCode, viaDigest.headers.location]).toEqual([303, '/settings']);
    const data = await inject({ method: 'GET', url: '/my-data/rapport-data.json', headers: { cookie: sessionCookie } });
    expect(data.statusCode).toBe(200);
    expect(JSON.parse(data.body).subscriber.email).toBe('owner@example.com');
  });

  it('marks the session cookie Secure where the public URL is https', () => {
    expect(sessionCookieHeader({ publicUrl: 'https://rapport.example' }, 'v')).toBe(`rapport_session=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_TTL_MS / 1000}; Secure`);
    expect(sessionCookieHeader({ publicUrl: 'http://127.0.0.1:3000' }, 'v')).not.toContain('Secure');
  });

  it('the sign-in form answers the same for every address, mails only a confirmed subscriber, once per window, and is rate limited', async () => {
    const member = await findOrCreateSubscriber(ctx.db, { email: 'member@example.com' });
    await ctx.db.updateTable('subscribers').set({ status: 'active' }).where('id', '=', member.id).execute();
    const pending = await findOrCreateSubscriber(ctx.db, { email: 'not-confirmed@example.com' });
    await ctx.db.updateTable('subscribers').set({ status: 'pending' }).where('id', '=', pending.id).execute();
    const open = async () => {
      const page = await inject({ method: 'GET', url: '/sign-in' });
      expect(page.statusCode).toBe(200);
      return { cookie: `rapport_form=${page.cookies.find((c) => c.name === 'rapport_form')!.value}`, csrf: /name="csrf" value="([^"]+)"/.exec(page.body)![1]! };
    };
    const ask = async (email: string, remoteAddress = '10.1.1.1') => {
      const { cookie, csrf: field } = await open();
      return inject({ method: 'POST', url: '/sign-in', remoteAddress, ...form({ csrf: field, email }, cookie) });
    };
    const answers = [await ask('member@example.com'), await ask('nobody@example.com'), await ask('not-confirmed@example.com'), await ask('Member@Example.com')];
    const shown = answers.map((r, i) => r.body.replace(['member@example.com', 'nobody@example.com', 'not-confirmed@example.com', 'member@example.com'][i]!, 'X'));
    for (const [i, answer] of answers.entries()) expect(answer.statusCode, String(i)).toBe(200);
    expect(new Set(shown).size).toBe(1);
    const signInMail = (recipient: string) => ctx.db.selectFrom('outbox').select('id').where('kind', '=', 'sign_in').where('recipient', '=', recipient).execute();
    // The page is sent before the address is looked up; the email follows.
    await waitFor('the sign-in email to member@', async () => (await signInMail('member@example.com')).length > 0);
    await mailTo('member@example.com', 'Your link to sign in to Rapport');
    expect(await signInMail('member@example.com')).toHaveLength(1);
    expect(await signInMail('not-confirmed@example.com')).toHaveLength(0);
    expect(await ctx.db.selectFrom('outbox').select('id').where('recipient', '=', 'nobody@example.com').execute()).toHaveLength(0);

    // What the form did behind its one answer (the outcomes go to the log only).
    expect(await requestSignIn(ctx, 'nobody@example.com')).toBe('unknown');
    expect(await requestSignIn(ctx, 'not-confirmed@example.com')).toBe('not-confirmed');
    expect(await requestSignIn(ctx, 'member@example.com')).toBe('already-sent');
    expect(await requestSignIn(ctx, 'member@example.com', new Date(Date.now() + SIGN_IN_RESEND_WINDOW_MS))).toBe('sent');

    // Without the form cookie the post is refused; after ten posts from one address, the eleventh waits.
    expect((await inject({ method: 'POST', url: '/sign-in', ...form({ csrf: 'x'.repeat(32), email: 'member@example.com' }) })).statusCode).toBe(403);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await ask(`flood-${i}@example.com`, '10.9.9.9')).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('ends sessions at their expiry and after a week idle; every signed-in form needs its session’s CSRF value', async () => {
    const old = await signedIn(ctx, ownerId, new Date(Date.now() - SESSION_TTL_MS - 1000));
    const idle = await signedIn(ctx, ownerId);
    await ctx.db.updateTable('account_sessions').set({ last_seen_at: new Date(Date.now() - SESSION_IDLE_MS - 1000) }).where('id', '=', idle.id).execute();
    for (const cookie of [old.cookie, idle.cookie, 'rapport_session=not-a-session', `rapport_session=${'A'.repeat(43)}`]) {
      const response = await inject({ method: 'GET', url: '/settings', headers: { cookie } });
      expect([response.statusCode, response.headers.location], cookie).toEqual([303, '/sign-in']);
    }

    const live = await signedIn(ctx, ownerId);
    const other = await signedIn(ctx, ownerId);
    for (const [url, fields] of [
      ['/settings/pause', { weeks: '8' }],
      ['/settings/email', { new_email: 'thief@example.org' }],
      ['/settings/subscription', { action: 'unsubscribe' }],
      ['/my-data/erase', { confirm: 'erase' }],
      ['/sign-out', { everywhere: 'yes' }],
    ] as const) {
      for (const given of [undefined, other.csrf, csrf(links.actionToken)]) {
        const response = await inject({ method: 'POST', url, ...form({ ...fields, ...(given ? { csrf: given } : {}) }, live.cookie) });
        expect(response.statusCode, `${url} with csrf ${given}`).toBe(403);
      }
    }
    expect((await findSubscriber(ctx.db, ownerId))!).toMatchObject({ status: 'active', paused_until: null, pending_email: null });
    expect((await inject({ method: 'GET', url: '/settings', headers: { cookie: live.cookie } })).statusCode).toBe(200);
  });

  it('signs out this browser, or every browser', async () => {
    const a = await signedIn(ctx, ownerId);
    const b = await signedIn(ctx, ownerId);
    const c = await signedIn(ctx, ownerId);
    const out = await inject({ method: 'POST', url: '/sign-out', ...form({ csrf: a.csrf }, a.cookie) });
    expect(out.statusCode).toBe(200);
    expect(sessionCookieOf(out)).toMatchObject({ value: '', maxAge: 0 });
    expect((await inject({ method: 'GET', url: '/settings', headers: { cookie: a.cookie } })).statusCode).toBe(303);
    expect((await inject({ method: 'GET', url: '/settings', headers: { cookie: b.cookie } })).statusCode).toBe(200);

    const everywhere = await inject({ method: 'POST', url: '/sign-out', ...form({ csrf: b.csrf, everywhere: 'yes' }, b.cookie) });
    expect(everywhere.statusCode).toBe(200);
    expect(everywhere.body).toContain('Every browser that was signed in to your account is signed out.');
    for (const cookie of [b.cookie, c.cookie, sessionCookie]) expect((await inject({ method: 'GET', url: '/settings', headers: { cookie } })).statusCode).toBe(303);
    const { rows } = await sql<{ live: number }>`SELECT count(*)::int AS live FROM account_sessions WHERE subscriber_id = ${ownerId} AND revoked_at IS NULL`.execute(ctx.db);
    expect(rows[0]!.live).toBe(0);
  });

  it('an address change tells the old address, retires every earlier link and session, and the revert puts it back', async () => {
    const browser = await signedIn(ctx, ownerId);
    const bystander = await signedIn(ctx, ownerId);
    const asked = await inject({ method: 'POST', url: '/settings/email', remoteAddress: '10.2.0.1', ...form({ csrf: browser.csrf, new_email: 'new.home@example.net' }, browser.cookie) });
    expect(asked.statusCode).toBe(200);
    const confirmMail = await mailTo('new.home@example.net', 'Confirm your Rapport subscription');
    const confirmUrl = linkIn(confirmMail.html, 'confirm');
    const confirmed = await inject({ method: 'POST', url: confirmUrl, ...form({ csrf: csrf(confirmUrl.split('/')[2]!) }) });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain('Your address is changed');
    const newBrowser = `rapport_session=${sessionCookieOf(confirmed)!.value}`;
    expect((await findSubscriber(ctx.db, ownerId))!.email).toBe('new.home@example.net');

    // Every earlier way in is dead: sessions, the digest's links, its reply address, unsubscribe and upload links.
    for (const cookie of [browser.cookie, bystander.cookie]) expect((await inject({ method: 'GET', url: '/settings', headers: { cookie } })).statusCode).toBe(303);
    for (const url of [`/a/${links.actionToken}`, `/preferences/${links.actionToken}`, `/u/${links.unsubscribeToken}`, `/upload/${links.uploadToken}`]) {
      const response = await inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.body).toContain('This link no longer works');
    }
    expect(await resolveToken(ctx.db, ctx.config.tokenSecrets, links.replyToken, ['reply'])).toBeNull();
    expect((await inject({ method: 'GET', url: '/settings', headers: { cookie: newBrowser } })).statusCode).toBe(200);

    // The old address is told, with a revert link that scanners cannot spend.
    const notice = await mailTo('owner@example.com', 'Your Rapport address was changed');
    expect(notice.text).toContain('n•••@example.net');
    expect(notice.text).not.toContain('new.home@example.net');
    const revertUrl = linkIn(notice.html, 'revert');
    for (const method of ['GET', 'HEAD', 'GET'] as const) expect((await inject({ method, url: revertUrl, headers: scannerHeaders })).statusCode).toBe(200);
    expect((await findSubscriber(ctx.db, ownerId))!.email).toBe('new.home@example.net');
    expect((await inject({ method: 'POST', url: revertUrl, ...form({}) })).statusCode).toBe(403);

    const reverted = await inject({ method: 'POST', url: revertUrl, ...form({ csrf: csrf(revertUrl.split('/')[2]!) }) });
    expect(reverted.statusCode).toBe(200);
    expect(reverted.body).toContain('Your address is back');
    expect((await findSubscriber(ctx.db, ownerId))!).toMatchObject({ email: 'owner@example.com', pending_email: null });
    // Whoever made the change is out; the old address's browser is in.
    expect((await inject({ method: 'GET', url: '/settings', headers: { cookie: newBrowser } })).statusCode).toBe(303);
    const back = `rapport_session=${sessionCookieOf(reverted)!.value}`;
    expect((await inject({ method: 'GET', url: '/settings', headers: { cookie: back } })).body).toContain('owner@example.com');
    // My data lists the change and the signed-in browsers, without any session's secret.
    const data = await inject({ method: 'GET', url: '/my-data/rapport-data.json', headers: { cookie: back } });
    const exported = JSON.parse(data.body);
    expect(exported.address_changes).toEqual([expect.objectContaining({ old_email: 'owner@example.com', new_email: 'new.home@example.net', reverted_at: expect.any(String) })]);
    expect(exported.signed_in_browsers.length).toBeGreaterThan(3);
    expect(data.body).not.toContain('token_hash');
    expect(data.body).not.toContain(back.split('=')[1]!);
    // The revert retired every link, its own too.
    const again = await inject({ method: 'POST', url: revertUrl, ...form({ csrf: csrf(revertUrl.split('/')[2]!) }) });
    expect([again.statusCode, again.body.includes('This link no longer works')]).toEqual([404, true]);
  });

  it('a revert link outlives a second change, so changing twice cannot shut the owner out', async () => {
    const thief = await signedIn(ctx, ownerId);
    const change = async (to: string, cookie: string, csrfValue: string) => {
      // Address changes are limited per client address; each hop here comes from its own.
      const asked = await inject({ method: 'POST', url: '/settings/email', remoteAddress: `10.3.0.${to.length}`, ...form({ csrf: csrfValue, new_email: to }, cookie) });
      expect(asked.statusCode).toBe(200);
      const mail = await mailTo(to, 'Confirm your Rapport subscription');
      const url = linkIn(mail.html, 'confirm');
      const done = await inject({ method: 'POST', url, ...form({ csrf: csrf(url.split('/')[2]!) }) });
      expect(done.statusCode).toBe(200);
      const value = sessionCookieOf(done)!.value;
      const session = await ctx.db.selectFrom('account_sessions').select('id').where('token_hash', '=', createHash('sha256').update(value).digest()).executeTakeFirstOrThrow();
      return { cookie: `rapport_session=${value}`, csrf: csrfFor(ctx.config.tokenSecrets, `session:${session.id}`) };
    };
    const first = await change('first.hop@example.org', thief.cookie, thief.csrf);
    await change('second.hop@example.org', first.cookie, first.csrf);
    const notices = await mailTo('owner@example.com', 'Your Rapport address was changed', 2);
    const revertUrl = linkIn(notices.html, 'revert');
    const reverted = await inject({ method: 'POST', url: revertUrl, ...form({ csrf: csrf(revertUrl.split('/')[2]!) }) });
    expect(reverted.statusCode).toBe(200);
    expect((await findSubscriber(ctx.db, ownerId))!.email).toBe('owner@example.com');
  });
});

/**
 * Issue #13, second round (an attacker's review of the first): the revert chain, links claimed after
 * they were revoked, and link forms posted from other sites. Real web app, workers, Postgres and
 * Redis; links are read from the outbox rows the app wrote, as they would be mailed.
 */
describe('the account’s links hold against someone who already holds one', () => {
  let ctx: TestContext;
  let served: ServedApp;
  let hop = 0;

  const inject = (options: InjectOptions) => served.app.inject(options);
  const form = (fields: Record<string, string>, cookie?: string, headers: Record<string, string> = {}) => ({
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}), ...headers },
    payload: new URLSearchParams(fields).toString(),
  });
  const csrf = (token: string) => csrfFor(ctx.config.tokenSecrets, token);
  const tokenOf = (url: string) => url.split('/')[2]!;
  const sessionCookieOf = (response: LightMyRequestResponse) => {
    const value = response.cookies.find((c) => c.name === 'rapport_session')?.value;
    return value ? `rapport_session=${value}` : null;
  };
  const emailOf = async (id: string) => (await findSubscriber(ctx.db, id))!.email;

  /** The link of this kind in the newest email of that kind to `recipient`. */
  async function linkMailedTo(recipient: string, kind: 'confirm' | 'address_changed' | 'sign_in', path: string): Promise<string> {
    const row = await ctx.db.selectFrom('outbox').select('html').where('recipient', '=', recipient).where('kind', '=', kind).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    return new RegExp(`${ctx.config.publicUrl}(/${path}/[a-z2-7]+)`).exec(row.html)![1]!;
  }

  /** A signed-in browser changes the address to `to`, and the new address confirms: the new browser's session. */
  async function changeAddress(browser: { cookie: string; csrf: string }, to: string) {
    const asked = await inject({ method: 'POST', url: '/settings/email', remoteAddress: `10.40.0.${++hop}`, ...form({ csrf: browser.csrf, new_email: to }, browser.cookie) });
    expect(asked.statusCode, `change to ${to}`).toBe(200);
    const confirmUrl = await linkMailedTo(to, 'confirm', 'confirm');
    const done = await inject({ method: 'POST', url: confirmUrl, ...form({ csrf: csrf(tokenOf(confirmUrl)) }) });
    expect(done.body).toContain('Your address is changed');
    return browserSignedInBy(done);
  }

  /** The browser an answer signed in: its cookie header and its forms' CSRF value. */
  async function browserSignedInBy(response: LightMyRequestResponse) {
    const cookie = sessionCookieOf(response)!;
    const session = await ctx.db.selectFrom('account_sessions').select('id').where('token_hash', '=', createHash('sha256').update(cookie.split('=')[1]!).digest()).executeTakeFirstOrThrow();
    return { cookie, csrf: csrfFor(ctx.config.tokenSecrets, `session:${session.id}`) };
  }

  const pressRevert = (url: string) => inject({ method: 'POST', url, ...form({ csrf: csrf(tokenOf(url)) }) });

  async function subscriber(email: string) {
    return (await findOrCreateSubscriber(ctx.db, { email })).id;
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    served = await serveApp(ctx);
  });

  afterAll(async () => {
    await served?.close();
    await ctx?.cleanup();
  });

  it('revert chain: the attacker’s own revert link undoes only their change; the owner’s earlier one still puts the address back', async () => {
    const ownerId = await subscriber('chain.owner@example.com');
    // Whoever took a session changes the address twice: owner → attacker1 → attacker2.
    const first = await changeAddress(await signedIn(ctx, ownerId), 'attacker1@evil.example');
    await changeAddress(first, 'attacker2@evil.example');
    const ownersRevert = await linkMailedTo('chain.owner@example.com', 'address_changed', 'revert');
    const attackersRevert = await linkMailedTo('attacker1@evil.example', 'address_changed', 'revert');

    // attacker1 presses the revert link of the second change: the address goes back to attacker1 only.
    const attackerPress = await pressRevert(attackersRevert);
    expect(attackerPress.statusCode).toBe(200);
    expect(await emailOf(ownerId)).toBe('attacker1@evil.example');
    // ...and, signed in again by that revert, changes it once more: attacker1 → attacker3.
    await changeAddress(await browserSignedInBy(attackerPress), 'attacker3@evil.example');
    expect(await emailOf(ownerId)).toBe('attacker3@evil.example');

    // The owner's link, from the first change, still works and puts back the address from before it.
    const ownerPress = await pressRevert(ownersRevert);
    expect(ownerPress.statusCode).toBe(200);
    expect(ownerPress.body).toContain('Your address is back');
    expect(await emailOf(ownerId)).toBe('chain.owner@example.com');
    const changes = await ctx.db.selectFrom('email_changes').select(['new_email', 'reverted_at']).where('subscriber_id', '=', ownerId).orderBy('seq').execute();
    expect(changes.map((c) => [c.new_email, c.reverted_at !== null])).toEqual([
      ['attacker1@evil.example', true],
      ['attacker2@evil.example', true],
      ['attacker3@evil.example', true],
    ]);
    // Every other way in is gone: the attacker's revert links, sessions, everything but the owner's new browser.
    const latestAttackerRevert = await linkMailedTo('attacker1@evil.example', 'address_changed', 'revert');
    for (const url of [attackersRevert, latestAttackerRevert]) expect((await pressRevert(url)).statusCode, url).toBe(404);
    const { rows } = await sql<{ live: number }>`SELECT count(*)::int AS live FROM account_sessions WHERE subscriber_id = ${ownerId} AND revoked_at IS NULL`.execute(ctx.db);
    expect(rows[0]!.live).toBe(1);
    const liveTokens = await ctx.db.selectFrom('action_tokens').select('scope').where('subscriber_id', '=', ownerId).where('revoked_at', 'is', null).where('used_at', 'is', null).execute();
    expect(liveTokens).toEqual([]);
    expect(await emailOf(ownerId)).toBe('chain.owner@example.com');
  });

  it('revert chain, the other order: the owner presses first, and the attacker’s later revert link is dead', async () => {
    const ownerId = await subscriber('chain.first@example.com');
    const first = await changeAddress(await signedIn(ctx, ownerId), 'attacker4@evil.example');
    await changeAddress(first, 'attacker5@evil.example');
    const ownersRevert = await linkMailedTo('chain.first@example.com', 'address_changed', 'revert');
    const attackersRevert = await linkMailedTo('attacker4@evil.example', 'address_changed', 'revert');

    expect((await pressRevert(ownersRevert)).statusCode).toBe(200);
    expect(await emailOf(ownerId)).toBe('chain.first@example.com');
    const late = await pressRevert(attackersRevert);
    expect([late.statusCode, late.body.includes('This link no longer works')]).toEqual([404, true]);
    expect(await emailOf(ownerId)).toBe('chain.first@example.com');
    // Pressing the owner's link again changes nothing: the revert retired it with the rest.
    expect((await pressRevert(ownersRevert)).statusCode).toBe(404);
    expect(await emailOf(ownerId)).toBe('chain.first@example.com');
  });

  it('a link revoked or expired after its page was opened is refused when claimed: sign-in, confirm, revert', async () => {
    const id = await subscriber('claims@example.com');
    const secrets = ctx.config.tokenSecrets;
    const sessions = async () => (await ctx.db.selectFrom('account_sessions').select('id').where('subscriber_id', '=', id).execute()).length;
    const usedAt = async (tokenId: string) => (await ctx.db.selectFrom('action_tokens').select('used_at').where('id', '=', tokenId).executeTakeFirstOrThrow()).used_at;

    // Sign-in: resolved (its page shown), then revoked (an address change elsewhere), then pressed.
    const signIn = await resolveToken(ctx.db, secrets, await issueToken(ctx.db, secrets, { subscriberId: id, scope: 'sign_in' }), ['sign_in']);
    expect(signIn).not.toBeNull();
    await revokeTokens(ctx.db, id, ['sign_in']);
    expect(await signInWithLink(ctx.db, signIn!)).toBeNull();
    // Resolved, then run out before the press.
    const late = await resolveToken(ctx.db, secrets, await issueToken(ctx.db, secrets, { subscriberId: id, scope: 'sign_in' }), ['sign_in']);
    expect(await signInWithLink(ctx.db, late!, new Date(Date.now() + 16 * 60_000))).toBeNull();
    expect(await sessions()).toBe(0);
    for (const link of [signIn!, late!]) expect(await usedAt(link.id)).toBeNull();

    // Confirm (of a change of address): resolved, revoked, pressed: the address stays.
    await setPendingEmail(ctx.db, id, 'claims.new@example.com', new Date());
    const confirm = await resolveToken(ctx.db, secrets, await issueToken(ctx.db, secrets, { subscriberId: id, scope: 'confirm' }), ['confirm']);
    await revokeTokens(ctx.db, id, ['confirm']);
    expect((await confirmLink(ctx.db, ctx.config, confirm!)).kind).toBe('missing');
    const expiring = await resolveToken(ctx.db, secrets, await issueToken(ctx.db, secrets, { subscriberId: id, scope: 'confirm' }), ['confirm']);
    expect((await confirmLink(ctx.db, ctx.config, expiring!, new Date(Date.now() + 8 * 86_400_000))).kind).toBe('missing');
    expect(await emailOf(id)).toBe('claims@example.com');
    for (const link of [confirm!, expiring!]) expect(await usedAt(link.id)).toBeNull();

    // Revert: a real change, its revert link resolved, then revoked (or run out), then pressed.
    await changeAddress(await signedIn(ctx, id), 'claims.moved@example.com');
    const revertUrl = await linkMailedTo('claims@example.com', 'address_changed', 'revert');
    const revert = await resolveToken(ctx.db, secrets, tokenOf(revertUrl), ['revert']);
    expect((await revertAddressChange(ctx.db, revert!, new Date(Date.now() + 15 * 86_400_000))).kind).toBe('missing');
    await revokeTokens(ctx.db, id, ['revert']);
    expect((await revertAddressChange(ctx.db, revert!)).kind).toBe('missing');
    expect(await emailOf(id)).toBe('claims.moved@example.com');
    expect(await usedAt(revert!.id)).toBeNull();
  });

  it('a link’s form posted from another site is refused, whatever it carries (login CSRF); our own pages and mail servers still get through', async () => {
    // The attacker's own account and sign-in link, which their page would auto-submit in the victim's browser.
    const attackerId = await subscriber('csrf.attacker@evil.example');
    const signInLink = () => issueToken(ctx.db, ctx.config.tokenSecrets, { subscriberId: attackerId, scope: 'sign_in' });
    for (const [what, headers] of otherSiteHeaders(ctx.config.publicUrl)) {
      const token = await signInLink();
      const response = await inject({ method: 'POST', url: `/sign-in/${token}`, ...form({ csrf: csrf(token) }, undefined, headers) });
      expect(response.statusCode, what).toBe(403);
      expect(response.body, what).toContain('This form came from another site');
      expect(sessionCookieOf(response), what).toBeNull();
      expect((await resolveToken(ctx.db, ctx.config.tokenSecrets, token, ['sign_in']))!.usedAt, what).toBeNull();
    }
    expect(await ctx.db.selectFrom('account_sessions').select('id').where('subscriber_id', '=', attackerId).execute()).toEqual([]);
    for (const [what, headers] of ownSiteHeaders(ctx.config.publicUrl)) {
      const token = await signInLink();
      const response = await inject({ method: 'POST', url: `/sign-in/${token}`, ...form({ csrf: csrf(token) }, undefined, headers) });
      expect([response.statusCode, response.headers.location], what).toEqual([303, '/settings']);
    }

    // The same rule on every other form: confirm and revert links, sign-up, sign-in, settings, sign-out.
    const crossSite = otherSiteHeaders(ctx.config.publicUrl)[0]![1];
    const victimId = await subscriber('csrf.victim@example.com');
    const victim = await signedIn(ctx, victimId);
    await setPendingEmail(ctx.db, victimId, 'csrf.elsewhere@example.com', new Date());
    const confirmToken = await issueToken(ctx.db, ctx.config.tokenSecrets, { subscriberId: victimId, scope: 'confirm' });
    const revertToken = await issueToken(ctx.db, ctx.config.tokenSecrets, { subscriberId: victimId, scope: 'revert' });
    const requests: InjectOptions[] = [
      { method: 'POST', url: `/confirm/${confirmToken}`, ...form({ csrf: csrf(confirmToken) }, undefined, crossSite) },
      { method: 'POST', url: `/revert/${revertToken}`, ...form({ csrf: csrf(revertToken) }, undefined, crossSite) },
      { method: 'POST', url: '/signup', ...form({ email: 'csrf.signup@example.com' }, undefined, crossSite) },
      { method: 'POST', url: '/sign-in', ...form({ email: 'csrf.victim@example.com' }, undefined, crossSite) },
      { method: 'POST', url: '/settings/pause', ...form({ csrf: victim.csrf, weeks: '8' }, victim.cookie, crossSite) },
      { method: 'POST', url: '/settings/email', ...form({ csrf: victim.csrf, new_email: 'thief@evil.example' }, victim.cookie, crossSite) },
      { method: 'POST', url: '/my-data/erase', ...form({ csrf: victim.csrf, confirm: 'erase' }, victim.cookie, crossSite) },
      { method: 'POST', url: '/sign-out', ...form({ csrf: victim.csrf, everywhere: 'yes' }, victim.cookie, crossSite) },
      { method: 'POST', url: '/admin/sign-in', ...form({ token: 'x' }, undefined, crossSite) },
      { method: 'POST', url: '/no-such-page', ...form({}, undefined, crossSite) },
    ];
    for (const request of requests) expect((await inject(request)).statusCode, String(request.url)).toBe(403);
    expect((await findSubscriber(ctx.db, victimId))!).toMatchObject({ email: 'csrf.victim@example.com', pending_email: 'csrf.elsewhere@example.com', paused_until: null, status: 'active' });
    expect((await inject({ method: 'GET', url: '/settings', headers: { cookie: victim.cookie } })).statusCode).toBe(200);
    expect(await ctx.db.selectFrom('subscribers').select('id').where('email', '=', 'csrf.signup@example.com').execute()).toEqual([]);

    // RFC 8058: the one-click body comes from mail providers' servers (no headers) or their webmail
    // (another site) and must work either way; the footer's button is a form like any other.
    const unsubscribeToken = await issueToken(ctx.db, ctx.config.tokenSecrets, { subscriberId: victimId, scope: 'unsubscribe' });
    const button = await inject({ method: 'POST', url: `/u/${unsubscribeToken}`, ...form({ csrf: csrf(unsubscribeToken) }, undefined, crossSite) });
    expect(button.statusCode).toBe(403);
    expect(button.body).toContain('Nothing was changed: Rapport takes its forms only from its own pages.');
    expect((await findSubscriber(ctx.db, victimId))!.status).toBe('active');
    for (const headers of [{}, crossSite]) {
      const oneClick = await inject({ method: 'POST', url: `/u/${unsubscribeToken}`, ...form({ 'List-Unsubscribe': 'One-Click' }, undefined, headers) });
      expect(oneClick.statusCode).toBe(200);
    }
    expect((await findSubscriber(ctx.db, victimId))!.status).toBe('unsubscribed');
  });

  it('in a real browser: another site’s page that auto-submits the attacker’s sign-in link signs nobody in', async () => {
    const attackerId = await subscriber('csrf.browser@evil.example');
    const token = await issueToken(ctx.db, ctx.config.tokenSecrets, { subscriberId: attackerId, scope: 'sign_in' });
    const target = `${served.address}/sign-in/${token}`;
    // The attacker's page, on another site: "localhost" is not the site of the app's 127.0.0.1.
    const evil = http.createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><form id="f" method="post" action="${target}"><input type="hidden" name="csrf" value="${csrf(token)}"></form><script>document.getElementById('f').submit()</script>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      const answer = page.waitForResponse((r) => r.url() === target);
      await page.goto(`http://localhost:${(evil.address() as AddressInfo).port}/`);
      expect((await answer).status()).toBe(403);
      await expect.poll(() => page.textContent('h1')).toContain('This form came from another site');
      expect((await browser.context.cookies()).filter((c) => c.name === 'rapport_session')).toEqual([]);
      expect(await ctx.db.selectFrom('account_sessions').select('id').where('subscriber_id', '=', attackerId).execute()).toEqual([]);

      // The link's own page, opened in that browser, still signs in with its button.
      await page.goto(target);
      await page.click('button[type="submit"]');
      await page.waitForURL(`${served.address}/settings`);
      expect((await browser.context.cookies()).filter((c) => c.name === 'rapport_session')).toHaveLength(1);
    } finally {
      await browser.close();
      await new Promise((resolve) => evil.close(resolve));
    }
  });

  it('ended sessions are purged by the maintenance queue after 30 days; live and recently ended ones stay', async () => {
    const id = await subscriber('purge@example.com');
    const day = 86_400_000;
    const ago = (days: number) => new Date(Date.now() - days * day);
    const live = await signedIn(ctx, id);
    const expiredLongAgo = await signedIn(ctx, id, ago(61));
    const expiredLately = await signedIn(ctx, id, ago(31));
    const idleLongAgo = await signedIn(ctx, id, ago(45));
    const signedOutLongAgo = await signedIn(ctx, id, ago(40));
    const signedOutLately = await signedIn(ctx, id, ago(3));
    await ctx.db.updateTable('account_sessions').set({ last_seen_at: ago(40) }).where('id', '=', idleLongAgo.id).execute();
    await ctx.db.updateTable('account_sessions').set({ revoked_at: ago(31) }).where('id', '=', signedOutLongAgo.id).execute();
    await ctx.db.updateTable('account_sessions').set({ revoked_at: ago(2) }).where('id', '=', signedOutLately.id).execute();
    const remaining = async () => new Set((await ctx.db.selectFrom('account_sessions').select('id').where('subscriber_id', '=', id).execute()).map((r) => r.id));

    // The job runs on the real workers, scheduled like the sweeper, with an empty payload.
    expect(schedules).toContainEqual({ id: 'sessions-purge', job: 'sessions.purge', everyMs: 3_600_000 });
    await ctx.queues.enqueue('sessions.purge', {});
    await waitFor('the purge', async () => !(await remaining()).has(expiredLongAgo.id));
    expect(await remaining()).toEqual(new Set([live.id, expiredLately.id, signedOutLately.id]));
    expect(ENDED_SESSION_KEPT_MS).toBe(30 * day);
    expect((await inject({ method: 'GET', url: '/settings', headers: { cookie: live.cookie } })).statusCode).toBe(200);
  });
});
