/**
 * Issue #17, one tap and still scanner-safe: the digest's button opens the review page, whose
 * first control saves the tapped answer in place (review.js) and offers Undo; the week's other
 * items save as they are chosen. Real Chromium at phone width, the real web app, real Postgres.
 * Without scripts the page is the form it always was. The page's script posts JSON with the form
 * token: the same checks refuse what the form post refuses.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Page } from 'playwright-core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerPeople } from '../../services/actions/apply-answers.ts';
import { buildWebApp } from '../../processes/web/app.ts';
import { csrfFor } from '../../processes/web/kit/csrf.ts';
import { launchBrowser } from '../../dev/browser.ts';
import { builtDigest, importedSubscriber, type DigestLinksFound } from '../support/fixtures.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';

const PHONE = { width: 390, height: 844 };

describe('one tap from the email, autosave and undo in place', () => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let address: string;
  let links: DigestLinksFound;
  let subscriberId: string;
  let reviews: Array<{ number: number; connection_id: string }>;

  const item = (number: number) =>
    ctx.db.selectFrom('digest_items').select(['answer', 'connection_id']).where('digest_id', '=', links.digestId).where('number', '=', number).executeTakeFirstOrThrow();
  const tieOf = async (connectionId: string) => (await ctx.db.selectFrom('ties').select('tie').where('connection_id', '=', connectionId).executeTakeFirst())?.tie ?? null;
  const state = async () => ({
    items: await ctx.db.selectFrom('digest_items').select(['number', 'answer']).where('digest_id', '=', links.digestId).orderBy('number').execute(),
    ties: await ctx.db.selectFrom('ties').select(['connection_id', 'tie']).where('subscriber_id', '=', subscriberId).orderBy('connection_id').execute(),
    tieEvents: (await ctx.db.selectFrom('tie_events').select((eb) => eb.fn.countAll<string>().as('n')).where('subscriber_id', '=', subscriberId).executeTakeFirstOrThrow()).n,
    answerEvents: (await sql<{ n: string }>`SELECT count(*) AS n FROM answer_events e JOIN answer_batches b ON b.id = e.batch_id WHERE b.subscriber_id = ${subscriberId}`.execute(ctx.db)).rows[0]!.n,
    intros: await ctx.db.selectFrom('intro_requests').select('id').where('subscriber_id', '=', subscriberId).execute(),
  });
  /** The answer a link's button gives for an item, as the email has it, pointed at the test server. */
  const emailLink = (answer: string, number?: number) => {
    const pattern = new RegExp(`href="https?://[^"/]+(/a/[a-z2-7]+\\?item=(\\d+)&amp;answer=${answer})"`, 'g');
    const found = [...links.html.matchAll(pattern)].map((m) => ({ url: `${address}${m[1]!.replace(/&amp;/g, '&')}`, item: Number(m[2]) }));
    const link = number === undefined ? found[0] : found.find((f) => f.item === number);
    if (!link) throw new Error(`no ${answer} link${number === undefined ? '' : ` for item ${number}`} in the digest`);
    return link;
  };
  const withPhone = async (run: (page: Page) => Promise<void>, options: { scripts?: boolean } = {}) => {
    const { context, close } = await launchBrowser({ viewport: PHONE });
    try {
      const page = await context.newPage();
      // What a context with javaScriptEnabled: false does (Playwright sends the same command).
      if (options.scripts === false) await (await context.newCDPSession(page)).send('Emulation.setScriptExecutionDisabled', { value: true });
      await run(page);
    } finally {
      await close();
    }
  };
  const statusOf = (page: Page, number: number) => page.locator(`fieldset[data-item="${number}"] [role=status]`);

  beforeAll(async () => {
    ctx = await createTestContext();
    const { subscriber } = await importedSubscriber(ctx, 'one-tap@example.com', { targetCompanies: ['Initech'] });
    subscriberId = subscriber.id;
    await ctx.db
      .insertInto('strategy_answers')
      .values({ subscriber_id: subscriberId, purposes: ['job_search'], gain: null, targets: JSON.stringify([{ kind: 'company', value: 'Initech' }]), profile_confidence: 'yes', numbers_focus: false })
      .execute();
    links = await builtDigest(ctx, subscriberId);
    reviews = (await ctx.db.selectFrom('digest_items').select(['number', 'connection_id']).where('digest_id', '=', links.digestId).where('kind', '=', 'review').orderBy('number').execute()) as typeof reviews;
    expect(reviews.length).toBeGreaterThanOrEqual(3);
    app = await buildWebApp(ctx);
    address = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await app?.close();
    await ctx?.cleanup();
  });

  it('at 390x844 the confirm is in the first screen; one tap saves in place, Undo takes it back', async () => {
    const link = emailLink('known');
    const connectionId = (await item(link.item)).connection_id!;
    expect(await tieOf(connectionId)).toBeNull();
    await withPhone(async (page) => {
      await page.goto(link.url);
      await page.waitForLoadState('networkidle');
      // Opening it saved nothing, with the script running.
      expect((await item(link.item)).answer).toBeNull();
      const confirm = page.getByRole('button', { name: /^Yes, I know / });
      const box = (await confirm.boundingBox())!;
      const scrollY = await page.evaluate('window.scrollY');
      // The scroll distance to the control: how far its bottom edge lies below the first screen.
      const scrollDistance = Math.max(0, box.y + box.height - PHONE.height);
      console.log(`one-tap: confirm at y=${box.y.toFixed(1)}..${(box.y + box.height).toFixed(1)} of ${PHONE.height}, scroll distance ${scrollDistance}`);
      expect(scrollY).toBe(0);
      expect(scrollDistance).toBe(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);

      const url = page.url();
      const chartBefore = await page.locator('.progress').innerText();
      await confirm.click();
      const tapped = page.locator('form.tapped [role=status]');
      await tapped.getByRole('heading', { name: 'Saved' }).waitFor();
      expect(page.url()).toBe(url); // in place: no new page
      expect(await confirm.isHidden()).toBe(true);
      expect((await item(link.item)).answer).toBe('known');
      expect(await tieOf(connectionId)).toBe('known');
      // The list below agrees, and the chart counts the answer.
      expect(await statusOf(page, link.item).textContent()).toContain('Saved: known.');
      await expect.poll(() => page.locator('.progress').innerText()).not.toBe(chartBefore);

      await tapped.getByRole('button', { name: `Undo the answer to item ${link.item}` }).click();
      await confirm.waitFor({ state: 'visible' });
      expect(await tapped.textContent()).toContain(`Item ${link.item} is unanswered again.`);
      expect((await item(link.item)).answer).toBeNull();
      expect(await tieOf(connectionId)).toBeNull();
      expect(await page.isChecked(`input[name=item_${link.item}][value=""]`)).toBe(true);
      await expect.poll(() => page.locator('.progress').innerText()).toBe(chartBefore);
    });
  });

  it('the other items save as they are chosen, each saying so with an Undo', async () => {
    const link = emailLink('known', reviews[0]!.number);
    const other = reviews[1]!;
    await withPhone(async (page) => {
      await page.goto(link.url);
      await expect.poll(() => page.getByText('Answers save as you choose them').isVisible()).toBe(true);
      expect(await page.getByText('Nothing is saved until you press Save answers').isVisible()).toBe(false);
      // The link's answer is preselected below, and says it is not saved yet.
      expect(await statusOf(page, link.item).textContent()).toContain('Not saved yet.');

      await page.locator(`fieldset[data-item="${other.number}"] label`, { hasText: 'Know well' }).click();
      await statusOf(page, other.number).getByText('Saved: known well.').waitFor();
      expect((await item(other.number)).answer).toBe('close');
      expect(await tieOf(other.connection_id)).toBe('close');
      // A second choice replaces the first; Undo goes back one answer at a time.
      await page.locator(`fieldset[data-item="${other.number}"] label`, { hasText: "Don't know" }).click();
      await statusOf(page, other.number).getByText("Saved: don't know.").waitFor();
      expect(await tieOf(other.connection_id)).toBe('unknown');
      await statusOf(page, other.number).getByRole('button', { name: `Undo the answer to item ${other.number}` }).click();
      await statusOf(page, other.number).getByText('is back to "known well"').waitFor();
      expect(await tieOf(other.connection_id)).toBe('close');
      expect(await page.isChecked(`input[name=item_${other.number}][value=close]`)).toBe(true);
      // The item the link was for is untouched: only the tap saves it.
      expect((await item(link.item)).answer).toBeNull();
    });
  });

  it('arrowing through a radio group saves the choice it rests on, once', async () => {
    const target = reviews[4] ?? reviews[1]!;
    await ctx.db.updateTable('digest_items').set({ answer: null }).where('digest_id', '=', links.digestId).where('number', '=', target.number).execute();
    await withPhone(async (page) => {
      await page.goto(`${address}/a/${links.actionToken}`);
      const before = (await state()).answerEvents;
      await page.locator(`input[name=item_${target.number}][value=known]`).focus();
      // Known, then Know well, then Don't know, as fast as keys go: each is a change event.
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      expect(await page.isChecked(`input[name=item_${target.number}][value=unknown]`)).toBe(true);
      await statusOf(page, target.number).getByText("Saved: don't know.").waitFor();
      expect((await item(target.number)).answer).toBe('unknown');
      expect(Number((await state()).answerEvents) - Number(before)).toBe(1);
    });
  });

  it('a save that fails says so in words, with a Try again that saves it', async () => {
    const target = reviews[1]!;
    await withPhone(async (page) => {
      await page.goto(`${address}/a/${links.actionToken}`);
      const answerBefore = (await item(target.number)).answer;
      const choose = async (label: string) => page.locator(`fieldset[data-item="${target.number}"] label`, { hasText: label }).first().click();
      // The network drops the post.
      await page.route('**/a/*', (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue()));
      await choose('Ask me later');
      await statusOf(page, target.number).getByText('Not saved: the page could not reach Rapport.').waitFor();
      expect((await item(target.number)).answer).toBe(answerBefore);
      await page.unroute('**/a/*');
      await statusOf(page, target.number).getByRole('button', { name: 'Try again' }).click();
      await statusOf(page, target.number).getByText('Saved: later.').waitFor();
      expect((await item(target.number)).answer).toBe('skip');
      // A form token that does not check out (the post altered on its way): the server's words, nothing saved.
      await page.route('**/a/*', (route) =>
        route.request().method() === 'POST' ? route.continue({ postData: route.request().postData()!.replace(/csrf=[^&]+/, `csrf=${'x'.repeat(32)}`) }) : route.continue(),
      );
      await choose('Know well');
      await statusOf(page, target.number).getByText('Not saved: this page was open for too long').waitFor();
      expect((await item(target.number)).answer).toBe('skip');
      // Trying the same token again cannot help: a fresh page brings a fresh one.
      await page.unroute('**/a/*');
      await statusOf(page, target.number).getByRole('button', { name: 'Reload the page' }).click();
      await page.waitForLoadState('load');
      await page.locator(`fieldset[data-item="${target.number}"]`).waitFor();
      expect(await page.isChecked(`input[name=item_${target.number}][value=skip]`)).toBe(true);
    });
  });

  it('undo of an answer given again since by another path says that the newer answer stays', async () => {
    const link = emailLink('known', reviews[2]!.number);
    const connectionId = reviews[2]!.connection_id;
    await withPhone(async (page) => {
      await page.goto(link.url);
      await page.getByRole('button', { name: /^Yes, I know / }).click();
      const tapped = page.locator('form.tapped [role=status]');
      await tapped.getByRole('heading', { name: 'Saved' }).waitFor();
      expect(await tieOf(connectionId)).toBe('known');
      // Meanwhile the same person is answered elsewhere (the people at a target, a reply).
      await new Promise((resolve) => setTimeout(resolve, 20));
      await answerPeople(ctx.db, { subscriberId, digestId: links.digestId, answers: [{ connectionId, tie: 'close' }] });
      await tapped.getByRole('button', { name: 'Undo' }).click();
      await tapped.getByText('again since, so that newer answer stays.').waitFor();
      expect(await tapped.getByRole('button').count()).toBe(0);
      expect(await statusOf(page, link.item).textContent()).toContain('again since, so that newer answer stays.');
      expect(await tieOf(connectionId)).toBe('close');
      expect((await item(link.item)).answer).toBe('known');
    });
  });

  it('the people at a target save as they are chosen, and each answer can be undone', async () => {
    await withPhone(async (page) => {
      await page.goto(`${address}/a/${links.actionToken}?target=Initech`);
      const person = page.locator('fieldset[data-person]').first();
      await person.waitFor();
      const id = (await person.getAttribute('data-person'))!;
      expect(await tieOf(id)).toBeNull();
      await person.locator('label', { hasText: 'Known' }).first().click();
      await person.getByRole('status').getByText('Saved: known.').waitFor();
      expect(await tieOf(id)).toBe('known');
      await person.getByRole('button', { name: 'Undo the answer about this person' }).click();
      await person.getByRole('status').getByText('Unanswered again.').waitFor();
      expect(await tieOf(id)).toBeNull();
      expect(await person.locator('input[type=radio][value=""]').isChecked()).toBe(true);
      // Undone already: a second undo (from another tab, say) changes nothing.
      await person.locator('label', { hasText: 'Known' }).first().click();
      await person.getByRole('status').getByText('Saved: known.').waitFor();
      await ctx.db.insertInto('tie_events').values({ subscriber_id: subscriberId, connection_id: id, digest_id: null, tie: 'close', previous_tie: 'known', source: 'reply' }).execute();
      await ctx.db.updateTable('ties').set({ tie: 'close' }).where('connection_id', '=', id).execute();
      await person.getByRole('button', { name: 'Undo the answer about this person' }).click();
      await person.getByRole('status').getByText('again since, so that newer answer stays', { exact: false }).waitFor();
      expect(await tieOf(id)).toBe('close');
    });
  });

  it('without scripts the confirm posts and shows the saved page; Save at the top and at the bottom both work', async () => {
    const first = reviews[3] ?? reviews[0]!;
    const link = emailLink('known', first.number);
    await ctx.db.updateTable('digest_items').set({ answer: null }).where('digest_id', '=', links.digestId).where('number', '=', first.number).execute();
    await withPhone(
      async (page) => {
        await page.goto(link.url);
        expect(await page.getByText('Nothing is saved until you press Save answers').isVisible()).toBe(true);
        expect(await page.getByText('Answers save as you choose them').isVisible()).toBe(false);
        const saveButtons = page.getByRole('button', { name: 'Save answers', exact: true });
        expect(await saveButtons.count()).toBe(2);
        await Promise.all([page.waitForURL(link.url.split('?')[0]!), page.getByRole('button', { name: /^Yes, I know / }).click()]);
        await page.getByRole('heading', { name: 'Saved', level: 1 }).waitFor();
        expect((await item(first.number)).answer).toBe('known');

        // Top Save.
        const [a, b] = [reviews[0]!, reviews[1]!];
        await page.goto(`${address}/a/${links.actionToken}`);
        await page.locator(`fieldset[data-item="${a.number}"] label`, { hasText: "Don't know" }).click();
        await Promise.all([page.waitForLoadState('load'), saveButtons.first().click()]);
        await page.getByRole('heading', { name: 'Saved', level: 1 }).waitFor();
        expect((await item(a.number)).answer).toBe('unknown');
        // Choosing without saving saves nothing; the bottom Save does.
        await page.goto(`${address}/a/${links.actionToken}`);
        await page.locator(`fieldset[data-item="${b.number}"] label`, { hasText: 'Known' }).first().click();
        expect((await item(b.number)).answer).not.toBe('known');
        await Promise.all([page.waitForLoadState('load'), saveButtons.last().click()]);
        await page.getByRole('heading', { name: 'Saved', level: 1 }).waitFor();
        expect((await item(b.number)).answer).toBe('known');
      },
      { scripts: false },
    );
  });

  // ---------------------------------------------------------------------------------------------
  // The script's JSON posts, refused as the form's are
  // ---------------------------------------------------------------------------------------------

  const jsonPost = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}): InjectOptions => ({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
    payload: new URLSearchParams(fields).toString(),
  });
  const words = (body: string) => {
    const parsed = JSON.parse(body) as { error?: string };
    expect(parsed.error, body).toMatch(/^[A-Z][^{}<>]{20,}$/);
    return parsed.error!;
  };

  it('a JSON post without, or with a wrong, form token is a 403 in JSON words and changes nothing', async () => {
    const before = await state();
    const number = reviews[4]?.number ?? reviews[0]!.number;
    const otherCsrf = csrfFor(ctx.config.tokenSecrets, links.uploadToken);
    for (const [what, fields] of [
      ['no token', { [`item_${number}`]: 'close' }],
      ['another link\'s token', { csrf: otherCsrf, [`item_${number}`]: 'close' }],
      ['a token of the wrong length', { csrf: 'x', [`item_${number}`]: 'close' }],
    ] as const) {
      for (const url of [`/a/${links.actionToken}`, `/a/${links.actionToken}/undo`]) {
        const response = await app.inject(jsonPost(url, url.endsWith('/undo') ? { ...fields, item: String(number) } : fields));
        expect(response.statusCode, `${what} ${url}`).toBe(403);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(words(response.body)).toMatch(/Not saved/);
      }
    }
    expect(await state()).toEqual(before);
  });

  it('a JSON post from another origin is refused like the form post, whatever token it carries', async () => {
    const before = await state();
    const csrf = csrfFor(ctx.config.tokenSecrets, links.actionToken);
    const number = reviews[0]!.number;
    const otherSites: Array<Record<string, string>> = [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'https://evil.example' }, { origin: 'null' }];
    for (const headers of otherSites) {
      for (const url of [`/a/${links.actionToken}`, `/a/${links.actionToken}/undo`]) {
        const response = await app.inject(jsonPost(url, { csrf, [`item_${number}`]: 'intro', item: String(number) }, headers));
        expect(response.statusCode, JSON.stringify(headers)).toBe(403);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(words(response.body)).toContain('another site');
      }
    }
    // The page's own script: same origin, accepted.
    const own = await app.inject(jsonPost(`/a/${links.actionToken}`, { csrf, [`item_${number}`]: 'skip' }, { 'sec-fetch-site': 'same-origin' }));
    expect(own.statusCode).toBe(200);
    expect(JSON.parse(own.body).saved).toEqual([expect.objectContaining({ item: number, answer: 'skip', outcome: 'later', changed: true })]);
    const undo = await app.inject(jsonPost(`/a/${links.actionToken}/undo`, { csrf, item: String(number) }, { 'sec-fetch-site': 'same-origin' }));
    expect(JSON.parse(undo.body)).toMatchObject({ status: 'undone', item: number });
    expect(await state()).toMatchObject({ items: before.items, ties: before.ties });
  });

  it('items and answers that are not valid are rejected in words and save nothing', async () => {
    const before = await state();
    const csrf = csrfFor(ctx.config.tokenSecrets, links.actionToken);
    const number = reviews[0]!.number;
    const cases: Array<[string, Record<string, string>, RegExp]> = [
      ['no item 999', { item_999: 'known' }, /there is no item 999/],
      ['an answer no item takes', { [`item_${number}`]: 'maybe' }, /not one of the answers/],
      ['an answer this kind does not take', { [`item_${number}`]: 'intro' }, /cannot be answered "intro"/],
      ['an injection string', { [`item_${number}`]: "known'; DROP TABLE ties; --" }, /not one of the answers/],
      ['an item name that is no number', { item_1e3: 'known', 'item_-1': 'close' }, /not on this page/],
      ['a person who is not a uuid', { 'person_1 OR 1=1': 'known' }, /not on this page/],
    ];
    for (const [what, fields, expected] of cases) {
      const response = await app.inject(jsonPost(`/a/${links.actionToken}`, { csrf, ...fields }));
      expect(response.statusCode, what).toBe(422);
      const body = JSON.parse(response.body) as { saved: unknown[]; rejected: Array<{ message: string }> };
      expect(body.saved, what).toEqual([]);
      expect(body.rejected.map((r) => r.message).join(' '), what).toMatch(expected);
      expect(response.body, what).not.toContain('DROP TABLE');
    }
    const empty = await app.inject(jsonPost(`/a/${links.actionToken}`, { csrf }));
    expect(empty.statusCode).toBe(400);
    words(empty.body);
    for (const bad of ['<script>alert(1)</script>', '0', '1000', '-1', '1.5', '']) {
      const undo = await app.inject(jsonPost(`/a/${links.actionToken}/undo`, { csrf, item: bad }));
      expect(undo.statusCode, bad).toBe(400);
      expect(words(undo.body)).toContain('not an item number');
      expect(undo.body).not.toContain('<script>');
    }
    // An item with no answer: nothing to undo, said so.
    const unanswered = (await state()).items.find((i) => i.answer === null)!.number;
    const nothing = await app.inject(jsonPost(`/a/${links.actionToken}/undo`, { csrf, item: String(unanswered) }));
    expect(JSON.parse(nothing.body)).toMatchObject({ status: 'nothing', message: `Item ${unanswered} had no answer to undo.` });
    expect(await state()).toEqual(before);
  });

  it('a JSON post over the body limit is refused before it is read, in JSON', async () => {
    const before = await state();
    const csrf = csrfFor(ctx.config.tokenSecrets, links.actionToken);
    const response = await app.inject(jsonPost(`/a/${links.actionToken}`, { csrf, [`item_${reviews[0]!.number}`]: 'known', padding: 'x'.repeat(70 * 1024) }));
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(response.body).error).toBe('That was too much');
    expect(await state()).toEqual(before);
  });

  it('a bad link answers the script in JSON words too', async () => {
    const response = await app.inject(jsonPost(`/a/${'a'.repeat(49)}`, { csrf: 'x'.repeat(32), item_1: 'known' }));
    expect(response.statusCode).toBe(404);
    expect(words(response.body)).toContain('no longer works');
  });
});
