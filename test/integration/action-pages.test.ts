import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAnswers } from '../../services/actions/apply-answers.ts';
import { revokeTokens } from '../../services/actions/tokens.ts';
import { buildWebApp } from '../../processes/web/app.ts';
import { csrfFor } from '../../processes/web/kit/csrf.ts';
import { launchBrowser } from '../../dev/browser.ts';
import { builtDigest, importedSubscriber, type DigestLinksFound } from '../support/fixtures.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';

const scannerHeaders = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0 Safari/537.36' };

describe('action links from the digest', () => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let links: DigestLinksFound;
  let subscriberId: string;
  let reviewItem: number;
  let introItem: number | undefined;

  const form = (fields: Record<string, string>) => ({
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
  const state = async () => ({
    ties: await ctx.db.selectFrom('ties').selectAll().where('subscriber_id', '=', subscriberId).execute(),
    events: await ctx.db.selectFrom('tie_events').selectAll().where('subscriber_id', '=', subscriberId).execute(),
    intros: await ctx.db.selectFrom('intro_requests').selectAll().where('subscriber_id', '=', subscriberId).execute(),
    status: (await ctx.db.selectFrom('subscribers').select('status').where('id', '=', subscriberId).executeTakeFirstOrThrow()).status,
  });

  beforeAll(async () => {
    ctx = await createTestContext();
    const { subscriber } = await importedSubscriber(ctx, 'actions@example.com', { targetCompanies: ['Initech'] });
    subscriberId = subscriber.id;
    // Known ties and a target make the digest include an introduction as well as reviews.
    await ctx.db.insertInto('strategy_answers').values({ subscriber_id: subscriberId, purposes: ['job_search'], gain: null, targets: JSON.stringify([{ kind: 'company', value: 'Initech' }]), profile_confidence: 'yes', numbers_focus: false }).execute();
    await sql`INSERT INTO ties (connection_id, subscriber_id, tie) SELECT id, subscriber_id, 'close' FROM connections WHERE subscriber_id = ${subscriberId} AND company = 'Initech'`.execute(ctx.db);
    links = await builtDigest(ctx, subscriberId);
    const items = await ctx.db.selectFrom('digest_items').select(['number', 'kind']).where('digest_id', '=', links.digestId).orderBy('number').execute();
    reviewItem = items.find((i) => i.kind === 'review')!.number;
    introItem = items.find((i) => i.kind === 'intro')?.number;
    await ctx.db.deleteFrom('ties').where('subscriber_id', '=', subscriberId).where('tie', '=', 'close').execute();
    await sql`INSERT INTO ties (connection_id, subscriber_id, tie) SELECT id, subscriber_id, 'close' FROM connections WHERE subscriber_id = ${subscriberId} AND company = 'Initech'`.execute(ctx.db);
    app = await buildWebApp(ctx);
  });

  afterAll(async () => {
    await app?.close();
    await ctx?.cleanup();
  });

  it('GET, HEAD and GET again change nothing and show the answer preselected', async () => {
    const before = await state();
    const url = `/a/${links.actionToken}?item=${reviewItem}&answer=known`;
    const first = await app.inject({ method: 'GET', url, headers: scannerHeaders });
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain(`name="item_${reviewItem}" checked="" value="known"`);
    expect((await app.inject({ method: 'HEAD', url, headers: scannerHeaders })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `${url}&follow=true`, headers: scannerHeaders })).statusCode).toBe(200);
    expect(await state()).toEqual(before);
  });

  it('a visit by a real browser that runs scripts changes nothing either', async () => {
    const before = await state();
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const { context, close } = await launchBrowser();
    try {
      const page = await context.newPage();
      for (const answer of ['known', 'close', 'unknown', 'intro']) {
        await page.goto(`${address}/a/${links.actionToken}?item=${reviewItem}&answer=${answer}`);
        await page.waitForLoadState('networkidle');
      }
      await page.goto(`${address}/u/${links.unsubscribeToken}`);
      await page.goto(`${address}/upload/${links.uploadToken}`);
      expect(await page.title()).toBeTruthy();
    } finally {
      await close();
    }
    expect(await state()).toEqual(before);
  });

  it('opens with the tapped answer as one button whose form saves exactly that answer', async () => {
    const page = await app.inject({ method: 'GET', url: `/a/${links.actionToken}?item=${reviewItem}&answer=close` });
    const tapped = /<form[^>]*class="tapped"[^>]*>([\s\S]*?)<\/form>/.exec(page.body)?.[1];
    expect(tapped).toBeDefined();
    // First thing on the page, before the heading and the week's other items.
    expect(page.body.indexOf('class="tapped"')).toBeLessThan(page.body.indexOf('<h1>'));
    const item = await ctx.db.selectFrom('digest_items').select('payload').where('digest_id', '=', links.digestId).where('number', '=', reviewItem).executeTakeFirstOrThrow();
    expect(tapped).toContain(`Yes, I know ${(item.payload as { title: string }).title} well`);
    const fields = [...tapped!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]);
    expect(fields.map(([name]) => name)).toEqual(['csrf', `item_${reviewItem}`]);
    expect(fields[1]![1]).toBe('close');
    // Two answers in the link, or none: no single confirm button.
    for (const url of [`/a/${links.actionToken}?pick=${reviewItem}:known,${introItem}:intro`, `/a/${links.actionToken}`]) {
      expect((await app.inject({ method: 'GET', url })).body).not.toContain('class="tapped"');
    }
  });

  it('a POST without the form token is refused and changes nothing', async () => {
    const before = await state();
    const response = await app.inject({ method: 'POST', url: `/a/${links.actionToken}`, ...form({ [`item_${reviewItem}`]: 'known' }) });
    expect(response.statusCode).toBe(403);
    expect(await state()).toEqual(before);
  });

  it('the same POST twice, or twice in parallel, changes state once; undo takes it back', async () => {
    const csrf = csrfFor(ctx.config.tokenSecrets, links.actionToken);
    const post = () => app.inject({ method: 'POST', url: `/a/${links.actionToken}`, ...form({ csrf, [`item_${reviewItem}`]: 'known' }) });
    const responses = [...(await Promise.all([post(), post()])), await post()];
    for (const r of responses) expect(r.statusCode).toBe(200);
    const after = await state();
    const item = await ctx.db.selectFrom('digest_items').selectAll().where('digest_id', '=', links.digestId).where('number', '=', reviewItem).executeTakeFirstOrThrow();
    expect(after.ties.filter((t) => t.connection_id === item.connection_id).map((t) => t.tie)).toEqual(['known']);
    expect(after.events.filter((e) => e.connection_id === item.connection_id)).toHaveLength(1);
    expect(responses[2]!.body).toContain('Undo');

    const undo = await app.inject({ method: 'POST', url: `/a/${links.actionToken}/undo`, ...form({ csrf, item: String(reviewItem) }) });
    expect(undo.statusCode).toBe(200);
    const undone = await state();
    expect(undone.ties.find((t) => t.connection_id === item.connection_id)).toBeUndefined();
  });

  it('two concurrent "request introduction" posts create one request and show the draft', async () => {
    expect(introItem).toBeDefined();
    const csrf = csrfFor(ctx.config.tokenSecrets, links.actionToken);
    const post = () => app.inject({ method: 'POST', url: `/a/${links.actionToken}`, ...form({ csrf, [`item_${introItem}`]: 'intro' }) });
    const [a, b] = await Promise.all([post(), post()]);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect((await state()).intros).toHaveLength(1);
    expect(a.body).toContain('<textarea');
    // It says what happened: a draft, not a request sent; and where to send it from.
    expect(a.body).toContain('Draft ready');
    expect(a.body).not.toMatch(/introduction request/i);
    expect(a.body).toContain('href="https://www.linkedin.com/messaging/"');
    expect(a.body).toMatch(/<button type="button" class="secondary" data-copy="draft-body-\d+" hidden="">Copy message<\/button>/);
  });

  it('copies the draft in a real browser, from a button only scripts show', async () => {
    const address = await app.listen({ host: '127.0.0.1', port: 0 }).catch(() => `http://127.0.0.1:${(app.server.address() as { port: number }).port}`);
    const { context, close } = await launchBrowser({ viewport: { width: 390, height: 844 } });
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: address });
      const page = await context.newPage();
      await page.goto(`${address}/a/${links.actionToken}?item=${introItem}&answer=intro`);
      await page.locator('.tapped button').click();
      await page.getByRole('heading', { name: /^Draft ready/ }).waitFor();
      const copy = page.getByRole('button', { name: 'Copy message' });
      await copy.click();
      await page.getByText('Copied.').waitFor();
      const body = await page.locator('textarea').inputValue();
      expect(await page.evaluate('navigator.clipboard.readText()')).toBe(body);
    } finally {
      await close();
    }
  });

  it('every bad link gets the same generic page', async () => {
    const token = links.actionToken;
    const flipped = token.slice(0, 10) + (token[10] === 'a' ? 'b' : 'a') + token.slice(11);
    const bodies: string[] = [];
    for (const url of [`/a/${flipped}`, `/a/${token.slice(0, -2)}`, `/a/${'a'.repeat(token.length)}`, `/a/${links.unsubscribeToken}`, `/u/${token}`, `/a/../../etc/passwd`]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      bodies.push(response.body);
    }
    expect(new Set(bodies.slice(0, 5)).size).toBe(1);
    await ctx.db.updateTable('action_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('scope', '=', 'upload').execute();
    expect((await app.inject({ method: 'GET', url: `/upload/${links.uploadToken}` })).statusCode).toBe(404);
  });

  it('a revoked link gets the generic page, while other scopes keep working', async () => {
    expect((await app.inject({ method: 'GET', url: `/upload/${links.uploadToken}` })).statusCode).toBe(404); // expired above
    const before = (await app.inject({ method: 'GET', url: `/u/${links.unsubscribeToken}` })).statusCode;
    expect(await revokeTokens(ctx.db, subscriberId, ['unsubscribe'])).toBe(1);
    expect(before).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/u/${links.unsubscribeToken}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/a/${links.actionToken}` })).statusCode).toBe(200);
    await ctx.db.updateTable('action_tokens').set({ revoked_at: null }).where('scope', '=', 'unsubscribe').execute();
  });

  it('keeps old links working after a secret rotation, until the old secret is dropped', async () => {
    const rotated = await buildWebApp({ ...ctx, config: { ...ctx.config, tokenSecrets: ['n'.repeat(40), ...ctx.config.tokenSecrets] } });
    const dropped = await buildWebApp({ ...ctx, config: { ...ctx.config, tokenSecrets: ['n'.repeat(40)] } });
    try {
      expect((await rotated.inject({ method: 'GET', url: `/a/${links.actionToken}` })).statusCode).toBe(200);
      expect((await dropped.inject({ method: 'GET', url: `/a/${links.actionToken}` })).statusCode).toBe(404);
    } finally {
      await rotated.close();
      await dropped.close();
    }
  });

  it.each([
    ['urlencoded', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' }],
    [
      'multipart',
      {
        headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
        payload: '--XyZ\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--XyZ--\r\n',
      },
    ],
  ])('RFC 8058 one-click unsubscribe (%s): 200, no redirect, effective at once, repeatable', async (_kind, request) => {
    await ctx.db.updateTable('subscribers').set({ status: 'active' }).where('id', '=', subscriberId).execute();
    const get = await app.inject({ method: 'GET', url: `/u/${links.unsubscribeToken}` });
    expect(get.statusCode).toBe(200);
    expect((await state()).status).toBe('active');
    for (let i = 0; i < 2; i++) {
      const response = await app.inject({ method: 'POST', url: `/u/${links.unsubscribeToken}`, ...request });
      expect(response.statusCode).toBe(200);
      expect(response.headers.location).toBeUndefined();
      expect((await state()).status).toBe('unsubscribed');
    }
  });

  it('an unsubscribe POST with a wrong body or a tampered token changes nothing', async () => {
    await ctx.db.updateTable('subscribers').set({ status: 'active' }).where('id', '=', subscriberId).execute();
    const wrongBody = await app.inject({ method: 'POST', url: `/u/${links.unsubscribeToken}`, ...form({ 'List-Unsubscribe': 'yes' }) });
    expect(wrongBody.statusCode).toBe(400);
    const tampered = await app.inject({ method: 'POST', url: `/u/${links.unsubscribeToken.replace(/.$/, 'a')}x`, ...form({ 'List-Unsubscribe': 'One-Click' }) });
    expect(tampered.statusCode).toBe(404);
    expect((await state()).status).toBe('active');
  });

  it('one form answering several people records the tie each had; a second item about one person sees the first answer', async () => {
    const reviews = await ctx.db.selectFrom('digest_items').select(['number', 'connection_id']).where('digest_id', '=', links.digestId).where('kind', '=', 'review').orderBy('number').execute();
    const [a, b] = reviews as [{ number: number; connection_id: string }, { number: number; connection_id: string }];
    await sql`INSERT INTO ties (connection_id, subscriber_id, tie) VALUES (${b.connection_id}, ${subscriberId}, 'unknown')
      ON CONFLICT (connection_id) DO UPDATE SET tie = 'unknown'`.execute(ctx.db);
    const tieOf = async (connectionId: string) =>
      (await ctx.db.selectFrom('ties').select('tie').where('connection_id', '=', connectionId).executeTakeFirst())?.tie ?? null;
    const aBefore = await tieOf(a.connection_id);
    // A second item about a's person, as "do you know them well?" could ask in the same digest.
    await ctx.db.insertInto('digest_items').values({ digest_id: links.digestId, number: 90, kind: 'close', connection_id: a.connection_id, payload: JSON.stringify({ title: 'Do you know them well?', name: 'A', detail: '' }) }).execute();
    const lastEvent = (await ctx.db.selectFrom('tie_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0;

    const result = await applyAnswers(ctx.db, {
      subscriberId,
      digestId: links.digestId,
      answers: [
        { item: a.number, answer: 'unknown' },
        { item: b.number, answer: 'close' },
        { item: 90, answer: 'close' },
      ],
      source: 'web',
    });
    expect(result.rejected).toEqual([]);
    expect(result.applied.map(({ item, answer, changed }) => ({ item, answer, changed }))).toEqual([
      { item: a.number, answer: 'unknown', changed: true },
      { item: b.number, answer: 'close', changed: true },
      { item: 90, answer: 'close', changed: true },
    ]);
    // Each answer names what its item showed, so pages and receipts need not read the items again.
    expect(result.applied[0]!.shown.title).toMatch(/\S/);
    expect(result.applied[2]!.shown).toEqual({ name: 'A', title: 'Do you know them well?' });
    const events = await ctx.db.selectFrom('tie_events').select(['connection_id', 'tie', 'previous_tie']).where('id', '>', lastEvent).orderBy('id').execute();
    expect(events).toEqual([
      { connection_id: a.connection_id, tie: 'unknown', previous_tie: aBefore },
      { connection_id: b.connection_id, tie: 'close', previous_tie: 'unknown' },
      { connection_id: a.connection_id, tie: 'close', previous_tie: 'unknown' },
    ]);
    expect([await tieOf(a.connection_id), await tieOf(b.connection_id)]).toEqual(['close', 'close']);
    const answered = await ctx.db.selectFrom('digest_items').select(['number', 'answer']).where('digest_id', '=', links.digestId).where('number', 'in', [a.number, b.number, 90]).orderBy('number').execute();
    expect(answered.map((i) => i.answer)).toEqual(['unknown', 'close', 'close']);
  });
});
