/**
 * Issue #8, bad input: hostile HTTP against the real web app (buildWebApp, app.inject, real
 * Postgres and Redis): tampered tokens on every token route, traversal paths, wrong and oversized
 * bodies, forms without their CSRF field, multiparts with too many parts, odd methods, a huge header,
 * RFC 8058 posts with a wrong body. Each gets a clear answer in words or a harmless no-op, no data
 * changes, and /healthz keeps answering.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../services/actions/tokens.ts';
import { runImport } from '../../services/import/run-import.ts';
import { buildWebApp } from '../../processes/web/app.ts';
import { csrfFor } from '../../processes/web/kit/csrf.ts';
import { builtDigest, importedSubscriber, type DigestLinksFound } from '../support/fixtures.ts';
import { assertUnchanged, leakIn, snapshot, visibleText, type Snapshot } from '../support/hostile/checks.ts';
import { connectionsCsv } from '../support/hostile/files.ts';
import { form, json, LEAKED_FILE, manyFields, multipart, tokenMutations, traversalPaths, type Part } from '../support/hostile/http.ts';
import { signedIn } from '../support/session.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';

const WEBHOOK_SECRET = 'hostile-http-webhook-secret-0123456789';
const ADMIN_TOKEN = 'hostile-admin-token-0123456789';
const INVALID_LINK = 'This link no longer works';

type Scope = 'digest' | 'unsubscribe' | 'upload' | 'confirm' | 'sign_in' | 'revert';

describe('hostile HTTP against the web app', () => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let links: DigestLinksFound;
  let subscriberId: string;
  let otherExportId: string;
  let ownExportId: string;
  let confirmToken: string;
  let signInToken: string;
  let revertToken: string;
  let reviewItem: number;
  const secrets = () => ctx.config.tokenSecrets;
  const csrf = (token: string) => csrfFor(secrets(), token);
  const freshUpload = () => issueToken(ctx.db, secrets(), { subscriberId, scope: 'upload' });

  beforeAll(async () => {
    ctx = await createTestContext({ INBOUND_WEBHOOK_SECRET: WEBHOOK_SECRET, MAX_UPLOAD_MB: '1', ADMIN_TOKEN });
    const a = await importedSubscriber(ctx, 'http-victim@example.com', { connections: 50 });
    const b = await importedSubscriber(ctx, 'http-other@example.com', { connections: 20, seed: 3 });
    subscriberId = a.subscriber.id;
    ownExportId = a.exportId;
    otherExportId = b.exportId;
    links = await builtDigest(ctx, subscriberId);
    reviewItem = (await ctx.db.selectFrom('digest_items').select(['number', 'kind']).where('digest_id', '=', links.digestId).orderBy('number').execute()).find((i) => i.kind === 'review')!.number;
    confirmToken = await issueToken(ctx.db, secrets(), { subscriberId, scope: 'confirm' });
    signInToken = await issueToken(ctx.db, secrets(), { subscriberId, scope: 'sign_in' });
    revertToken = await issueToken(ctx.db, secrets(), { subscriberId, scope: 'revert' });
    app = await buildWebApp(ctx);
  });

  afterAll(async () => {
    await app?.close();
    await ctx?.cleanup();
  });

  async function state(): Promise<Snapshot & { exports: string[] }> {
    const exports = (await ctx.db.selectFrom('exports').select(['id', 'status', 'subscriber_id']).execute()).map((r) => JSON.stringify(r)).sort();
    return { ...(await snapshot(ctx.db)), exports };
  }

  /** The words a person sees in an answer, for HTML pages and JSON errors alike. */
  function shownText(response: LightMyRequestResponse): string {
    const type = String(response.headers['content-type'] ?? '');
    return type.includes('html') ? visibleText(response.body) : response.body;
  }

  function expectClearAnswer(response: LightMyRequestResponse, what: string, options: { machine?: boolean } = {}) {
    expect(response.statusCode, `${what}: status`).toBeLessThan(500);
    expect(response.statusCode, `${what}: never a redirect into the app for a bad request`).not.toBe(302);
    const shown = shownText(response);
    expect(leakIn(shown, options), `${what}: ${shown.slice(0, 300)}`).toBeNull();
    expect(shown, what).not.toMatch(LEAKED_FILE);
  }

  async function healthy() {
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
  }

  // ---------------------------------------------------------------------------------------------
  // Tampered tokens on every token route
  // ---------------------------------------------------------------------------------------------

  const withJsonAccept = <T extends { headers?: Record<string, string> }>(request: T): T => ({ ...request, headers: { ...request.headers, accept: 'application/json' } });

  /** Every route that takes a link token, as a request builder; the CSRF field is right for the token given. */
  const tokenRoutes: Array<{ label: string; scope: Scope; request: (token: string) => InjectOptions; limit?: number }> = [
    { label: 'GET /a/:token', scope: 'digest', request: (t) => ({ method: 'GET', url: `/a/${t}?item=${reviewItem}&answer=unknown` }) },
    { label: 'HEAD /a/:token', scope: 'digest', request: (t) => ({ method: 'HEAD', url: `/a/${t}` }) },
    { label: 'POST /a/:token', scope: 'digest', request: (t) => ({ method: 'POST', url: `/a/${t}`, ...form({ csrf: csrf(t), [`item_${reviewItem}`]: 'unknown' }) }) },
    { label: 'POST /a/:token/undo', scope: 'digest', request: (t) => ({ method: 'POST', url: `/a/${t}/undo`, ...form({ csrf: csrf(t), item: String(reviewItem) }) }) },
    { label: 'GET /undo/:token', scope: 'digest', request: (t) => ({ method: 'GET', url: `/undo/${t}` }) },
    { label: 'POST /undo/:token', scope: 'digest', request: (t) => ({ method: 'POST', url: `/undo/${t}`, ...form({ csrf: csrf(t) }) }) },
    { label: 'POST /a/:token/sent', scope: 'digest', request: (t) => ({ method: 'POST', url: `/a/${t}/sent`, ...form({ csrf: csrf(t), item: String(reviewItem) }) }) },
    { label: 'GET /u/:token', scope: 'unsubscribe', request: (t) => ({ method: 'GET', url: `/u/${t}` }) },
    { label: 'POST /u/:token/pause', scope: 'unsubscribe', request: (t) => ({ method: 'POST', url: `/u/${t}/pause`, ...form({ csrf: csrf(t), weeks: '4' }) }) },
    { label: 'POST /u/:token (urlencoded one-click)', scope: 'unsubscribe', request: (t) => ({ method: 'POST', url: `/u/${t}`, ...form({ 'List-Unsubscribe': 'One-Click' }) }) },
    { label: 'POST /u/:token (multipart one-click)', scope: 'unsubscribe', request: (t) => ({ method: 'POST', url: `/u/${t}`, ...multipart([{ name: 'List-Unsubscribe', value: 'One-Click' }]) }) },
    { label: 'GET /upload/:token', scope: 'upload', request: (t) => ({ method: 'GET', url: `/upload/${t}` }) },
    {
      label: 'POST /upload/:token',
      scope: 'upload',
      request: (t) => ({ method: 'POST', url: `/upload/${t}`, ...multipart([{ name: 'csrf', value: csrf(t) }, { name: 'file', filename: 'Connections.csv', value: connectionsCsv(3, 'tampered') }], { accept: 'application/json' }) }),
    },
    { label: 'GET /upload/:token/status/:id', scope: 'upload', request: (t) => ({ method: 'GET', url: `/upload/${t}/status/${ownExportId}` }) },
    { label: 'GET /preferences/:token', scope: 'digest', request: (t) => ({ method: 'GET', url: `/preferences/${t}` }) },
    { label: 'POST /preferences/:token/sign-in', scope: 'digest', request: (t) => ({ method: 'POST', url: `/preferences/${t}/sign-in`, ...form({ csrf: csrf(t) }) }) },
    { label: 'GET /my-data/:token', scope: 'digest', request: (t) => ({ method: 'GET', url: `/my-data/${t}` }) },
    { label: 'GET /sign-in/:token', scope: 'sign_in', request: (t) => ({ method: 'GET', url: `/sign-in/${t}` }) },
    { label: 'POST /sign-in/:token', scope: 'sign_in', request: (t) => ({ method: 'POST', url: `/sign-in/${t}`, ...form({ csrf: csrf(t) }) }) },
    { label: 'GET /revert/:token', scope: 'revert', request: (t) => ({ method: 'GET', url: `/revert/${t}` }) },
    { label: 'POST /revert/:token', scope: 'revert', request: (t) => ({ method: 'POST', url: `/revert/${t}`, ...form({ csrf: csrf(t) }) }) },
    { label: 'GET /confirm/:token', scope: 'confirm', request: (t) => ({ method: 'GET', url: `/confirm/${t}` }) },
    { label: 'POST /confirm/:token', scope: 'confirm', request: (t) => ({ method: 'POST', url: `/confirm/${t}`, ...form({ csrf: csrf(t) }) }) },
    // The review page's script (review.js): the same posts, asking for JSON.
    { label: 'POST /a/:token (JSON)', scope: 'digest', request: (t) => ({ method: 'POST', url: `/a/${t}`, ...withJsonAccept(form({ csrf: csrf(t), [`item_${reviewItem}`]: 'unknown' })) }) },
    { label: 'POST /a/:token/undo (JSON)', scope: 'digest', request: (t) => ({ method: 'POST', url: `/a/${t}/undo`, ...withJsonAccept(form({ csrf: csrf(t), item: String(reviewItem) })) }) },
  ];

  const validToken = (scope: Scope): string =>
    ({ digest: links.actionToken, unsubscribe: links.unsubscribeToken, upload: links.uploadToken, confirm: confirmToken, sign_in: signInToken, revert: revertToken })[scope];
  const otherKind = (scope: Scope): string => (scope === 'digest' ? links.unsubscribeToken : links.actionToken);

  /** Forgeries sent per route: they all count against one bucket for this client (see linkRateKey). */
  const forgeriesSent = new Map<string, number>();
  it.each(tokenMutations('x'.repeat(49), 'y').map(([label], index) => [label, index] as const))(
    'tampered token on every token route: %s',
    async (_label, index) => {
      const before = await state();
      for (const route of tokenRoutes) {
        const [, token] = tokenMutations(validToken(route.scope), otherKind(route.scope))[index]!;
        const response = await app.inject(route.request(token));
        const what = `${route.label} with ${_label}`;
        const routed = decodeURIComponent(token).length <= 100;
        const forged = routed && token !== otherKind(route.scope);
        const forgeries = (forgeriesSent.get(route.label) ?? 0) + (forged ? 1 : 0);
        forgeriesSent.set(route.label, forgeries);
        // 414: a parameter longer than the router takes is refused before any route runs. 429: a
        // route with a small limit has spent this client's one bucket for forged tokens.
        const limited = forged && forgeries > (route.limit ?? 120);
        expect(!routed ? [404, 414] : limited ? [429] : [404], `${what}: ${response.statusCode}`).toContain(response.statusCode);
        expectClearAnswer(response, what);
        // Tokens of link length reach the route and get its one generic page; longer ones are not routed.
        if (route.request(token).method !== 'HEAD' && routed && !limited) expect(visibleText(response.body), what).toContain(INVALID_LINK);
      }
      assertUnchanged(before, await state(), `tampered token (${_label})`);
      expect((await state()).exports).toEqual(before.exports);
      await healthy();
    },
  );

  // ---------------------------------------------------------------------------------------------
  // Path traversal in routes
  // ---------------------------------------------------------------------------------------------

  it('path traversal in route parameters and static paths reads no file and changes nothing', async () => {
    const before = await state();
    for (const url of traversalPaths({ action: links.actionToken, upload: links.uploadToken, digest: links.actionToken })) {
      const response = await app.inject({ method: 'GET', url });
      expect([400, 401, 404], url).toContain(response.statusCode);
      expectClearAnswer(response, url);
    }
    assertUnchanged(before, await state(), 'path traversal');
    await healthy();
  });

  // ---------------------------------------------------------------------------------------------
  // Forms posted without, or with the wrong, CSRF field
  // ---------------------------------------------------------------------------------------------

  const answer = () => ({ [`item_${reviewItem}`]: 'unknown' });
  /** A POST from a signed-in browser (a fresh session each, so no session's last-seen moves under the snapshot). */
  const signedInForm = async (url: string, fields: Record<string, string>): Promise<InjectOptions> => {
    const { cookie } = await signedIn(ctx, subscriberId);
    const body = form(fields);
    return { method: 'POST', url, ...body, headers: { ...body.headers, cookie } };
  };
  const csrfCases: Array<[string, () => Promise<InjectOptions> | InjectOptions, number]> = [
    ['POST /a/:token without a csrf field', () => ({ method: 'POST', url: `/a/${links.actionToken}`, ...form(answer()) }), 403],
    ['POST /a/:token with the csrf of another link', () => ({ method: 'POST', url: `/a/${links.actionToken}`, ...form({ ...answer(), csrf: csrf(links.unsubscribeToken) }) }), 403],
    ['POST /a/:token with a forged 32-character csrf', () => ({ method: 'POST', url: `/a/${links.actionToken}`, ...form({ ...answer(), csrf: 'A'.repeat(32) }) }), 403],
    ['POST /a/:token with the right csrf twice (an array)', () => ({ method: 'POST', url: `/a/${links.actionToken}`, ...form({ ...answer(), csrf: [csrf(links.actionToken), csrf(links.actionToken)] }) }), 403],
    ['POST /a/:token with the right csrf cut by one character', () => ({ method: 'POST', url: `/a/${links.actionToken}`, ...form({ ...answer(), csrf: csrf(links.actionToken).slice(0, 31) }) }), 403],
    ['POST /a/:token/undo without a csrf field', () => ({ method: 'POST', url: `/a/${links.actionToken}/undo`, ...form({ item: String(reviewItem) }) }), 403],
    ['POST /a/:token/sent without a csrf field', () => ({ method: 'POST', url: `/a/${links.actionToken}/sent`, ...form({ item: String(reviewItem) }) }), 403],
    ['POST /a/:token/sent with the csrf of another link', () => ({ method: 'POST', url: `/a/${links.actionToken}/sent`, ...form({ item: String(reviewItem), csrf: csrf(links.unsubscribeToken) }) }), 403],
    ['POST /u/:token without one-click body or csrf', () => ({ method: 'POST', url: `/u/${links.unsubscribeToken}`, ...form({}) }), 400],
    ['POST /u/:token with the csrf of the digest link', () => ({ method: 'POST', url: `/u/${links.unsubscribeToken}`, ...form({ csrf: csrf(links.actionToken) }) }), 400],
    ['POST /settings signed in, without a csrf field', async () => signedInForm('/settings', { gain: 'x', review_size: '5' }), 403],
    ['POST /settings/pause signed in, without a csrf field', async () => signedInForm('/settings/pause', { weeks: '52' }), 403],
    ['POST /settings/email signed in, without a csrf field', async () => signedInForm('/settings/email', { new_email: 'attacker@example.org' }), 403],
    ['POST /settings/subscription signed in, without a csrf field', async () => signedInForm('/settings/subscription', { action: 'unsubscribe' }), 403],
    ['POST /settings/subscription signed in, with another session’s csrf', async () => signedInForm('/settings/subscription', { action: 'unsubscribe', csrf: (await signedIn(ctx, subscriberId)).csrf }), 403],
    ['POST /settings/subscription signed in, with the digest link’s csrf', async () => signedInForm('/settings/subscription', { action: 'unsubscribe', csrf: csrf(links.actionToken) }), 403],
    ['POST /my-data/erase signed in, without a csrf field', async () => signedInForm('/my-data/erase', { confirm: 'erase' }), 403],
    ['POST /sign-out signed in, without a csrf field', async () => signedInForm('/sign-out', { everywhere: 'yes' }), 403],
    ['POST /preferences/:token/sign-in without a csrf field', () => ({ method: 'POST', url: `/preferences/${links.actionToken}/sign-in`, ...form({}) }), 403],
    ['POST /sign-in without the form cookie', () => ({ method: 'POST', url: '/sign-in', ...form({ email: 'http-victim@example.com', csrf: csrf('form:whatever') }) }), 403],
    ['POST /sign-in/:token without a csrf field', () => ({ method: 'POST', url: `/sign-in/${signInToken}`, ...form({}) }), 403],
    ['POST /revert/:token with the csrf of another link', () => ({ method: 'POST', url: `/revert/${revertToken}`, ...form({ csrf: csrf(signInToken) }) }), 403],
    ['POST /confirm/:token without a csrf field', () => ({ method: 'POST', url: `/confirm/${confirmToken}`, ...form({}) }), 403],
    [
      'POST /upload/:token without a csrf field',
      async () => ({ method: 'POST', url: `/upload/${await freshUpload()}`, ...multipart([{ name: 'file', filename: 'Connections.csv', value: connectionsCsv(3, 'nocsrf') }]) }),
      403,
    ],
    [
      'POST /upload/:token with the csrf of another upload link',
      async () => {
        const [token, other] = [await freshUpload(), await freshUpload()];
        return { method: 'POST', url: `/upload/${token}`, ...multipart([{ name: 'csrf', value: csrf(other) }, { name: 'file', filename: 'Connections.csv', value: connectionsCsv(3, 'other') }]) };
      },
      403,
    ],
    ['POST /signup without the form cookie or csrf', () => ({ method: 'POST', url: '/signup', ...form({ email: 'csrf-less@example.org' }) }), 403],
    ['POST /signup with a csrf but no cookie', () => ({ method: 'POST', url: '/signup', ...form({ email: 'cookie-less@example.org', csrf: csrf('form:whatever') }) }), 403],
    ['POST /admin/sign-in with the right token but no csrf', () => ({ method: 'POST', url: '/admin/sign-in', ...form({ token: ADMIN_TOKEN }) }), 403],
  ];

  it.each(csrfCases)('%s', async (what, build, status) => {
    const request = await build();
    const before = await state();
    const response = await app.inject(request);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(status);
    expectClearAnswer(response, what);
    expect(shownText(response)).toMatch(/try again|did not come from/i);
    assertUnchanged(before, await state(), what);
    expect((await state()).exports).toEqual(before.exports);
  });

  // ---------------------------------------------------------------------------------------------
  // Wrong, oversized and malformed bodies
  // ---------------------------------------------------------------------------------------------

  const big = 'x'.repeat(100 * 1024);
  const bodyCases: Array<[string, () => Promise<InjectOptions> | InjectOptions, number[]]> = [
    ['oversized form body (100 KB) to POST /a/:token', () => ({ method: 'POST', url: `/a/${links.actionToken}`, ...form({ csrf: csrf(links.actionToken), filler: big }) }), [413]],
    ['oversized form body (100 KB) to POST /settings', async () => signedInForm('/settings', { gain: big }), [413]],
    ['oversized form body (100 KB) to POST /signup', () => ({ method: 'POST', url: '/signup', ...form({ email: 'big@example.org', name: big }) }), [413]],
    ['JSON to the answers form, no csrf', () => ({ method: 'POST', url: `/a/${links.actionToken}`, ...json({ [`item_${reviewItem}`]: 'unknown' }) }), [403]],
    ['JSON with nested objects and arrays in the fields', () => ({ method: 'POST', url: `/a/${links.actionToken}`, ...json({ csrf: { $ne: '' }, [`item_${reviewItem}`]: ['unknown', 'close'] }) }), [403]],
    [
      'JSON with __proto__ to the settings form',
      async () => {
        const { cookie } = await signedIn(ctx, subscriberId);
        const body = json('{"__proto__":{"csrf":"x"},"constructor":{"prototype":{"admin":true}}}');
        return { method: 'POST', url: '/settings', ...body, headers: { ...body.headers, cookie } };
      },
      [400, 403],
    ],
    ['malformed JSON', () => ({ method: 'POST', url: `/a/${links.actionToken}`, ...json('{"csrf": "abc", ') }), [400]],
    ['text/plain body to the answers form', () => ({ method: 'POST', url: `/a/${links.actionToken}`, headers: { 'content-type': 'text/plain' }, payload: `csrf=${csrf(links.actionToken)}&item_${reviewItem}=unknown` }), [403, 415]],
    ['XML body to the unsubscribe URL', () => ({ method: 'POST', url: `/u/${links.unsubscribeToken}`, headers: { 'content-type': 'application/xml' }, payload: '<List-Unsubscribe>One-Click</List-Unsubscribe>' }), [415]],
    ['urlencoded body to the upload URL', async () => ({ method: 'POST', url: `/upload/${await freshUpload()}`, ...form({ file: 'First Name,Last Name' }) }), [400]],
    ['JSON body to the upload URL', async () => ({ method: 'POST', url: `/upload/${await freshUpload()}`, ...json({ file: 'x' }) }), [400]],
    [
      'multipart without a boundary parameter to the upload URL',
      async () => {
        const token = await freshUpload();
        return { method: 'POST', url: `/upload/${token}`, ...multipart([{ name: 'csrf', value: csrf(token) }, { name: 'file', filename: 'c.csv', value: 'a,b' }], { omitBoundaryParam: true }) };
      },
      [400, 415],
    ],
    ['multipart with only the csrf field, no file', async () => { const token = await freshUpload(); return { method: 'POST', url: `/upload/${token}`, ...multipart([{ name: 'csrf', value: csrf(token) }]) }; }, [400]],
    [
      'multipart with 1000 parts to the upload URL',
      async () => {
        const token = await freshUpload();
        return { method: 'POST', url: `/upload/${token}`, ...multipart([{ name: 'csrf', value: csrf(token) }, ...manyFields(1000), { name: 'file', filename: 'c.csv', value: connectionsCsv(3, 'parts') }]) };
      },
      [400, 413],
    ],
    ['multipart with 1000 parts to the unsubscribe URL', () => ({ method: 'POST', url: `/u/${links.unsubscribeToken}`, ...multipart([...manyFields(1000), { name: 'List-Unsubscribe', value: 'One-Click' }]) }), [400, 413]],
    [
      'upload over MAX_UPLOAD_MB (2 MB against 1 MB)',
      async () => {
        const token = await freshUpload();
        return { method: 'POST', url: `/upload/${token}`, ...multipart([{ name: 'csrf', value: csrf(token) }, { name: 'file', filename: 'Connections.csv', value: Buffer.alloc(2 * 1024 * 1024, 0x61) }], { accept: 'text/html' }) };
      },
      [413],
    ],
    ['webhook without credentials', () => ({ method: 'POST', url: '/inbound/webhook', headers: { 'content-type': 'message/rfc822' }, payload: 'From: a@b\r\n\r\nstop' }), [401, 403]],
    ['webhook with a wrong bearer secret', () => ({ method: 'POST', url: '/inbound/webhook', headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${WEBHOOK_SECRET.slice(0, -1)}x` }, payload: 'From: a@b\r\n\r\nstop' }), [403]],
    ['webhook with the right secret and a JSON body', () => ({ method: 'POST', url: '/inbound/webhook', headers: { 'content-type': 'application/json', authorization: `Bearer ${WEBHOOK_SECRET}` }, payload: '{"raw":"x"}' }), [400, 415]],
    ['webhook with the right secret and an empty body', () => ({ method: 'POST', url: '/inbound/webhook', headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${WEBHOOK_SECRET}` }, payload: '' }), [400]],
    ['webhook with the right secret and a 26 MB body', () => ({ method: 'POST', url: '/inbound/webhook', headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${WEBHOOK_SECRET}` }, payload: Buffer.alloc(26 * 1024 * 1024, 0x61) }), [413]],
  ];

  it.each(bodyCases)('%s', async (what, build, statuses) => {
    const request = await build();
    const before = await state();
    const response = await app.inject(request);
    expect(statuses, `${what}: got ${response.statusCode} ${response.body.slice(0, 300)}`).toContain(response.statusCode);
    expectClearAnswer(response, what, { machine: what.startsWith('webhook') });
    assertUnchanged(before, await state(), what);
    expect((await state()).exports).toEqual(before.exports);
    await healthy();
  });

  it('multipart with 1000 files to the upload URL stores one file at most, and that one fails to import in words', async () => {
    const token = await freshUpload();
    const files: Part[] = Array.from({ length: 1000 }, (_, i) => ({ name: 'file', filename: `f${i}.csv`, value: `a,b\n${i},${i}\n` }));
    const request = { method: 'POST' as const, url: `/upload/${token}`, ...multipart([{ name: 'csrf', value: csrf(token) }, ...files], { accept: 'application/json' }) };
    const before = await state();
    const response = await app.inject(request);
    expect([202, 400, 413], response.body.slice(0, 200)).toContain(response.statusCode);
    if (response.statusCode === 202) {
      // Accepted: the page's script gets the message to show and the status URL to poll.
      expect(leakIn((response.json() as { message: string }).message)).toBeNull();
    } else {
      expectClearAnswer(response, '1000 files');
    }
    const after = await state();
    const added = after.exports.filter((row) => !before.exports.includes(row)).map((row) => JSON.parse(row) as { id: string });
    expect(added.length).toBeLessThanOrEqual(1);
    for (const { id } of added) {
      expect(await runImport(ctx, id)).toMatchObject({ status: 'failed', code: 'no_header' });
    }
    // Only the link (spent by an accepted upload) may have moved; nobody's data did.
    const { action_tokens: _tokens, ...rest } = after;
    const { action_tokens: _before, ...restBefore } = before;
    expect({ ...rest, exports: [] }).toEqual({ ...restBefore, exports: [] });
  });

  it('an upload link refused for a bad body is still usable afterwards', async () => {
    const token = await freshUpload();
    await app.inject({ method: 'POST', url: `/upload/${token}`, ...multipart([{ name: 'csrf', value: csrf(token) }, ...manyFields(1000)]) });
    await app.inject({ method: 'POST', url: `/upload/${token}`, ...json({}) });
    expect((await app.inject({ method: 'GET', url: `/upload/${token}` })).statusCode).toBe(200);
  });

  // ---------------------------------------------------------------------------------------------
  // RFC 8058 one-click POSTs with a wrong body
  // ---------------------------------------------------------------------------------------------

  const oneClickCases: Array<[string, () => InjectOptions]> = [
    ['List-Unsubscribe=One-Click-Now', () => ({ method: 'POST', url: `/u/${links.unsubscribeToken}`, ...form({ 'List-Unsubscribe': 'One-Click-Now' }) })],
    ['List-Unsubscribe=one-click (wrong case)', () => ({ method: 'POST', url: `/u/${links.unsubscribeToken}`, ...form({ 'List-Unsubscribe': 'one-click' }) })],
    ['Unsubscribe=One-Click (wrong key)', () => ({ method: 'POST', url: `/u/${links.unsubscribeToken}`, ...form({ Unsubscribe: 'One-Click' }) })],
    ['an empty body', () => ({ method: 'POST', url: `/u/${links.unsubscribeToken}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' })],
    ['no body and no content type', () => ({ method: 'POST', url: `/u/${links.unsubscribeToken}` })],
    ['multipart with the wrong value', () => ({ method: 'POST', url: `/u/${links.unsubscribeToken}`, ...multipart([{ name: 'List-Unsubscribe', value: 'Yes' }]) })],
    ['the right key as a file part', () => ({ method: 'POST', url: `/u/${links.unsubscribeToken}`, ...multipart([{ name: 'List-Unsubscribe', value: 'One-Click', filename: 'x.txt' }]) })],
  ];

  it.each(oneClickCases)('RFC 8058 POST with a wrong body: %s', async (what, build) => {
    const before = await state();
    const response = await app.inject(build());
    expect([400, 413, 415], `${what}: ${response.statusCode} ${response.body.slice(0, 200)}`).toContain(response.statusCode);
    expect(response.headers.location).toBeUndefined();
    expectClearAnswer(response, what);
    assertUnchanged(before, await state(), what);
    const status = await ctx.db.selectFrom('subscribers').select('status').where('id', '=', subscriberId).executeTakeFirstOrThrow();
    expect(status.status).toBe('active');
  });

  // ---------------------------------------------------------------------------------------------
  // Methods other than GET and POST on action routes
  // ---------------------------------------------------------------------------------------------

  it('HEAD on action, unsubscribe and upload links answers without spending or changing anything', async () => {
    const before = await state();
    const upload = await freshUpload();
    const beforeToken = await state();
    for (const url of [`/a/${links.actionToken}?item=${reviewItem}&answer=unknown`, `/u/${links.unsubscribeToken}`, `/upload/${upload}`, `/preferences/${links.actionToken}`, `/confirm/${confirmToken}`, `/sign-in/${signInToken}`]) {
      const response = await app.inject({ method: 'HEAD', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toBe('');
    }
    assertUnchanged(beforeToken, await state(), 'HEAD requests');
    expect((await app.inject({ method: 'GET', url: `/upload/${upload}` })).statusCode).toBe(200);
    expect(before.subscribers).toEqual((await state()).subscribers);
  });

  it.each(['OPTIONS', 'PUT', 'DELETE', 'PATCH'] as const)('%s on action, unsubscribe, upload and settings links changes nothing', async (method) => {
    const before = await state();
    for (const url of [`/a/${links.actionToken}`, `/u/${links.unsubscribeToken}`, `/upload/${links.uploadToken}`, `/preferences/${links.actionToken}`, `/my-data/${links.actionToken}`]) {
      const response = await app.inject({ method, url, ...form({ csrf: csrf(url.split('/')[2]!), 'List-Unsubscribe': 'One-Click', [`item_${reviewItem}`]: 'unknown', confirm: 'erase' }) });
      expect([404, 405], `${method} ${url}: ${response.statusCode}`).toContain(response.statusCode);
      expectClearAnswer(response, `${method} ${url}`);
    }
    assertUnchanged(before, await state(), method);
  });

  // ---------------------------------------------------------------------------------------------
  // Hostile values inside otherwise valid requests
  // ---------------------------------------------------------------------------------------------

  it('valid CSRF with nonsense answers (unknown items, bad words, injection strings) saves nothing', async () => {
    const before = await state();
    const response = await app.inject({
      method: 'POST',
      url: `/a/${links.actionToken}`,
      ...form({
        csrf: csrf(links.actionToken),
        item_999: 'known',
        item_0: 'known',
        [`item_${reviewItem}`]: "known'; DROP TABLE ties; --",
        'item_-1': 'close',
        item_1e3: 'close',
        [`item_${reviewItem}[]`]: 'unknown',
        item_: 'intro',
      }),
    });
    expect(response.statusCode).toBe(200);
    expectClearAnswer(response, 'nonsense answers');
    assertUnchanged(before, await state(), 'nonsense answers');
  });

  it('undo with a script for an item number answers in words and shows it escaped', async () => {
    const before = await state();
    const response = await app.inject({ method: 'POST', url: `/a/${links.actionToken}/undo`, ...form({ csrf: csrf(links.actionToken), item: '<script>alert(1)</script>' }) });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('<script>alert(1)</script>');
    expect(visibleText(response.body)).toContain('Nothing to undo');
    expectClearAnswer(response, 'undo with a script');
    assertUnchanged(before, await state(), 'undo with a script');
  });

  it('a review link with 1000 repeated item parameters and a 50 KB pick list still only shows the page', async () => {
    const before = await state();
    const query = `${Array.from({ length: 1000 }, (_, i) => `item=${i}&answer=unknown`).join('&')}&pick=${Array.from({ length: 5000 }, (_, i) => `${i}:intro`).join(',')}`;
    const response = await app.inject({ method: 'GET', url: `/a/${links.actionToken}?${query}` });
    expect(response.statusCode).toBe(200);
    expectClearAnswer(response, 'many query parameters');
    assertUnchanged(before, await state(), 'many query parameters');
  });

  it("another subscriber's export is not shown through an upload link's status page", async () => {
    const response = await app.inject({ method: 'GET', url: `/upload/${links.uploadToken}/status/${otherExportId}`, headers: { accept: 'application/json' } });
    expect(response.statusCode).toBe(404);
    expectClearAnswer(response, 'status of another subscriber export');
  });

  it('sign-up with header injection in the address or an overlong name is refused in words and sends nothing', async () => {
    const page = await app.inject({ method: 'GET', url: '/', headers: { cookie: `x=${'y'.repeat(8000)}; rapport_form=${'z'.repeat(5000)}` } });
    expect(page.statusCode).toBe(200);
    const cookie = page.cookies.find((c) => c.name === 'rapport_form')!;
    const token = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const hostileFields: Array<Record<string, string>> = [
      { email: 'victim@example.org\r\nBcc: everyone@example.org' },
      { email: 'victim@example.org%0d%0aBcc:everyone@example.org' },
      { email: `${'a'.repeat(10_000)}@example.org` },
      { email: 'name@example.org', name: 'n'.repeat(5000) },
    ];
    for (const fields of hostileFields) {
      const before = await state();
      const response = await app.inject({ method: 'POST', url: '/signup', ...form({ csrf: token, ...fields }, `rapport_form=${cookie.value}`) });
      expect(response.statusCode, JSON.stringify(fields).slice(0, 80)).toBe(400);
      expectClearAnswer(response, 'sign-up with hostile fields');
      assertUnchanged(before, await state(), 'sign-up with hostile fields');
    }
  });

  it('admin pages refuse forged, expired and malformed sessions and wrong bearer tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const headers of [
      { cookie: `rapport_admin=${now + 3600}.${'A'.repeat(43)}` },
      { cookie: `rapport_admin=${now - 10}.${'A'.repeat(43)}` },
      { cookie: `rapport_admin=${'9'.repeat(5000)}` },
      { authorization: `Bearer ${ADMIN_TOKEN}x` },
      { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` },
    ]) {
      for (const url of ['/admin/subscribers?email=http-victim%40example.com', '/admin/queues/api/queues']) {
        const response = await app.inject({ method: 'GET', url, headers });
        expect(response.statusCode, `${url} ${JSON.stringify(headers).slice(0, 60)}`).toBe(401);
        expect(response.body).not.toContain('http-victim@example.com');
        expectClearAnswer(response, url);
      }
    }
  });

  it('a 100 KB request header is refused by the server (431) and the next request is served', async () => {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request({ host: '127.0.0.1', port, path: `/a/${links.actionToken}`, method: 'GET', headers: { 'x-huge': 'h'.repeat(100 * 1024) } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(431);
    const health = await fetch(`${address}/healthz`);
    expect(health.status).toBe(200);
  });

  it('after the whole corpus the app still serves health, pages and a real answer', async () => {
    await healthy();
    expect((await app.inject({ method: 'GET', url: `/a/${links.actionToken}` })).statusCode).toBe(200);
    const saved = await app.inject({ method: 'POST', url: `/a/${links.actionToken}`, ...form({ csrf: csrf(links.actionToken), [`item_${reviewItem}`]: 'known' }) });
    expect(saved.statusCode).toBe(200);
    const item = await ctx.db.selectFrom('digest_items').select('answer').where('digest_id', '=', links.digestId).where('number', '=', reviewItem).executeTakeFirstOrThrow();
    expect(item.answer).toBe('known');
  });
});
