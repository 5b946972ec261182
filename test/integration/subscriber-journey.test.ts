import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAnalysisInput } from '../../db/queries/analysis-input.ts';
import { findSubscriberByEmail } from '../../db/queries/subscribers.ts';
import type { OutboxKind } from '../../db/types.ts';
import { writeFakeExport } from '../../fake-export/generate.ts';
import { analyseNetwork } from '../../domain/network/index.ts';
import { launchBrowser } from '../../dev/browser.ts';
import { serveApp, type ServedApp } from '../support/served-app.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';
import { waitFor } from '../support/wait.ts';

interface BrowserGlobals {
  document: {
    documentElement: { lang: string; scrollWidth: number };
    activeElement: { id: string } | null;
    querySelectorAll(selector: string): ArrayLike<{ labels: { length: number } | null; getAttribute(name: string): string | null; outerHTML: string }>;
  };
  window: { innerWidth: number };
}

/**
 * What "done" means for the subscriber's web pages: one person, one phone-sized browser, from the
 * landing page to erasing everything, with every email read from the dev mailbox page and every
 * page checked for a heading, labelled fields and no sideways scrolling.
 */
describe('a new subscriber’s whole journey in a real browser', () => {
  let ctx: TestContext;
  let served: ServedApp;
  let address: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    served = await serveApp(ctx);
    ({ address } = served);
  });

  afterAll(async () => {
    await served?.close();
    await ctx?.cleanup();
  });

  /** Links in emails point at PUBLIC_URL; the app under test listens on a random port. */
  const local = (href: string) => {
    const url = new URL(href);
    return `${address}${url.pathname}${url.search}`;
  };

  const sent = (subscriberId: string, kind: OutboxKind) =>
    waitFor(`${kind} email`, () =>
      ctx.db.selectFrom('outbox').select(['id', 'message_id']).where('subscriber_id', '=', subscriberId).where('kind', '=', kind).where('status', '=', 'sent').executeTakeFirst(),
    );

  /**
   * Opens an email from the dev mailbox list, as a person would, and returns a link's target from
   * its HTML part. Email buttons pad their text with invisible spacing characters, hence the pattern.
   */
  async function linkInMail(page: Page, messageId: string, linkText: string): Promise<string> {
    await page.goto(`${address}/dev/mailbox`);
    const fileStem = messageId.replace(/[^a-zA-Z0-9-]/g, '_').slice(0, 80);
    await page.locator(`a[href*="${fileStem}"]`).click();
    const name = new RegExp(`^[^\\w]*${linkText}[^\\w]*$`);
    const link = page.frameLocator('iframe[title="HTML part"]').getByRole('link', { name }).first();
    return local((await link.getAttribute('href'))!);
  }

  /** A heading, a label for every field, a language, and nothing wider than the phone. */
  async function checkPage(page: Page) {
    const report = await page.evaluate(() => {
      // Runs in the page; the project's types know Node, not the DOM.
      const { document, window } = globalThis as unknown as BrowserGlobals;
      return {
        lang: document.documentElement.lang,
        headings: document.querySelectorAll('h1').length,
        unlabelled: Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
          .filter((field) => !field.labels?.length && !field.getAttribute('aria-label'))
          .map((field) => field.outerHTML.slice(0, 80)),
        overflows: document.documentElement.scrollWidth > window.innerWidth,
      };
    });
    expect(report, page.url()).toEqual({ lang: 'en', headings: 1, unlabelled: [], overflows: false });
  }

  const focusedId = (page: Page) => page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.activeElement?.id);

  it('signs up, confirms, answers, uploads, reviews, downloads and erases', async () => {
    const exportFile = path.join(ctx.config.varDir, 'Complete_LinkedInDataExport_11-20-2026.zip');
    const fake = await writeFakeExport(exportFile, { seed: 42, connections: 120, targetCompanies: ['Initech'] });
    const { context, close } = await launchBrowser({ viewport: { width: 390, height: 844 } });
    const pageErrors: string[] = [];
    try {
      const page = await context.newPage();
      // Script errors and content-policy refusals; error statuses are part of the journey (400, 404).
      page.on('console', (message) => {
        const text = message.text();
        if (message.type() === 'error' && !text.startsWith('Failed to load resource')) pageErrors.push(`${page.url()}: ${text}`);
      });
      page.on('pageerror', (error) => pageErrors.push(error.message));

      // Landing page, by keyboard: a wrong address first, then a right one.
      await page.goto(`${address}/`);
      await checkPage(page);
      const browserZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
      expect(await page.inputValue('#time_zone')).toBe(browserZone);
      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe('email');
      await page.keyboard.type('nia@');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Nia');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.getByRole('alert').filter({ hasText: 'name@example.com' }).waitFor();
      expect(await page.getAttribute('#email', 'aria-describedby')).toBe('email-error');
      await checkPage(page);
      await page.fill('#email', 'nia@example.com');
      await page.press('#email', 'Enter');
      await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
      const subscriber = (await findSubscriberByEmail(ctx.db, 'nia@example.com'))!;
      expect(subscriber).toMatchObject({ status: 'pending', name: 'Nia' });

      // Confirm from the dev mailbox: opening the link changes nothing, the button does.
      const confirmMail = await sent(subscriber.id, 'confirm');
      await page.goto(await linkInMail(page, confirmMail.message_id, 'Confirm my subscription'));
      await checkPage(page);
      expect((await findSubscriberByEmail(ctx.db, 'nia@example.com'))!.status).toBe('pending');
      await page.getByRole('button', { name: 'Confirm my subscription' }).click();
      // The confirmation signs this browser in and opens the guided start.
      await page.waitForURL(/\/start$/);
      expect((await findSubscriberByEmail(ctx.db, 'nia@example.com'))!.status).toBe('active');
      await checkPage(page);
      await page.getByRole('link', { name: 'Start with your strategy' }).click();

      // The questions, with a step indicator.
      await page.waitForURL(/\/start\/questions$/);
      await checkPage(page);
      expect(await page.getAttribute('nav[aria-label="Getting started"] [aria-current="step"]', 'aria-current')).toBe('step');
      await page.getByLabel('Finding a job').check();
      await page.fill('#gain', 'A product role at a company I admire');
      await page.fill('#targets_company', 'Initech');
      await page.getByLabel('Partly').check();
      await page.locator('input[name=numbers_focus][value=no]').check();
      await page.getByRole('button', { name: 'Save and continue' }).click();

      // The upload step: LinkedIn's own steps, then the file; once it is read the page moves on by itself.
      await page.waitForURL(/\/start\/upload$/);
      await checkPage(page);
      await page.setInputFiles('#file', exportFile);
      await page.getByRole('button', { name: 'Upload' }).click();
      await page.waitForURL(/\/start\/ready$/, { timeout: 30_000 });
      await page.getByRole('heading', { name: 'Your network is in' }).waitFor();
      expect(await page.textContent('main')).toContain(`We read ${fake.truth.connections.toLocaleString('en-GB')} connections`);
      await checkPage(page);
      await sent(subscriber.id, 'import_result');
      // The confirmation's email carried an upload link too, for an export that arrives later.
      await sent(subscriber.id, 'upload_link');

      // The schedule, on the settings page. Monday 00:00 makes this week's digest due at once.
      await page.goto(`${address}/settings`);
      await checkPage(page);
      await page.selectOption('#weekday', '1');
      await page.selectOption('#hour', '0');
      await page.fill('#time_zone', 'Paris');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

      // This week's digest arrives; "Known" on an item opens the review page with it preselected.
      await ctx.queues.enqueue('digest.plan', {});
      const digestMail = await sent(subscriber.id, 'digest');
      const knownUrl = await linkInMail(page, digestMail.message_id, 'Known');
      const item = Number(new URL(knownUrl).searchParams.get('item'));
      await page.goto(knownUrl);
      await checkPage(page);
      expect(await page.isChecked(`input[type=radio][name=item_${item}][value=known]`)).toBe(true);
      // The tapped answer is the first thing on the page, at phone width: one tap, no scrolling.
      const confirm = page.getByRole('button', { name: /^Yes, I know / });
      const box = (await confirm.boundingBox())!;
      expect(await page.evaluate("window.scrollY")).toBe(0);
      expect(box.y + box.height).toBeLessThanOrEqual(844);
      await confirm.click();
      await page.getByRole('heading', { name: 'Saved' }).waitFor();
      expect(await page.textContent('main')).toContain('known');

      // The next digest's analysis sees the answer: a known tie, no longer up for review.
      const { connection_id: connectionId } = await ctx.db
        .selectFrom('digest_items as i')
        .innerJoin('digests as d', 'd.id', 'i.digest_id')
        .select('i.connection_id')
        .where('d.subscriber_id', '=', subscriber.id)
        .where('i.number', '=', item)
        .executeTakeFirstOrThrow();
      const input = (await loadAnalysisInput(ctx.db, subscriber.id, { now: new Date() }))!;
      expect(input.connections.find((c) => c.id === connectionId)?.tie).toBe('known');
      const next = analyseNetwork(input);
      expect(next.review.map((r) => r.person.id)).not.toContain(connectionId);
      expect(next.quality.knownShare).toBeGreaterThan(0);

      // Signed out, the digest's settings link asks for a sign-in by email; the emailed link's button signs in.
      await page.goto(`${address}/settings`);
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.getByRole('heading', { name: 'Signed out' }).waitFor();
      const settingsUrl = await linkInMail(page, digestMail.message_id, 'Preferences');
      await page.goto(settingsUrl);
      await page.getByRole('heading', { name: 'Sign in to continue' }).waitFor();
      await checkPage(page);
      await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
      await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
      await checkPage(page);
      const signInMail = await sent(subscriber.id, 'sign_in');
      await page.goto(await linkInMail(page, signInMail.message_id, 'Sign in'));
      await checkPage(page);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/settings$/);

      // My data, from the settings page: both downloads.
      await page.getByRole('link', { name: /Download or erase everything/ }).click();
      await page.getByRole('heading', { name: 'Your data' }).waitFor();
      await checkPage(page);
      const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Everything (JSON)' }).click()]);
      const data = JSON.parse(await readFile((await json.path())!, 'utf8'));
      expect(data.subscriber.email).toBe('nia@example.com');
      expect(data.connections.find((c: { id: string }) => c.id === connectionId).tie.tie).toBe('known');
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Your connections (CSV)' }).click()]);
      const rows = parse(await readFile((await csv.path())!, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
      expect(rows).toHaveLength(data.connections.length);
      expect(rows.filter((r) => r.your_answer === 'known')).toHaveLength(1);

      // Erase: refused without the tick, done with it; every old link is then the generic page.
      await page.getByRole('button', { name: 'Erase my data' }).click();
      await page.getByRole('alert').filter({ hasText: 'Tick the box' }).waitFor();
      await checkPage(page);
      await page.getByLabel(/erase all my data now/).check();
      await page.getByRole('button', { name: 'Erase my data' }).click();
      await page.getByRole('heading', { name: 'Your data is erased' }).waitFor();
      for (const oldLink of [settingsUrl, knownUrl]) {
        await page.goto(oldLink);
        await page.getByRole('heading', { name: 'This link no longer works' }).waitFor();
      }
      expect(pageErrors).toEqual([]);
    } finally {
      await close();
    }

    expect(await findSubscriberByEmail(ctx.db, 'nia@example.com')).toBeUndefined();
    for (const table of ['exports', 'connections', 'digests', 'outbox', 'action_tokens'] as const) {
      expect(await ctx.db.selectFrom(table).select('subscriber_id').execute(), table).toHaveLength(0);
    }
    const jobs = await Promise.all(Object.values(ctx.queues.byName).map((q) => q.getJobs(['completed', 'failed', 'waiting', 'delayed'])));
    const left = jobs.flat().filter((job) => job && /^(import|digest-build|email|inbound)-/.test(job.id ?? ''));
    expect(left.map((job) => job.id)).toEqual([]);
  });
});
