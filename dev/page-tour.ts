/**
 * A tour of every web page, at phone and desktop width and at phone width in dark mode, in the order
 * a subscriber meets them: `npm run screenshots` photographs each stop, the accessibility test runs
 * axe-core on each. It runs against a throwaway database (created, migrated, dropped), its own Redis
 * key prefix and a temporary dev mailbox, so it leaves nothing behind and never touches the demo's
 * data. Postgres and Redis come from DATABASE_URL and REDIS_URL as usual.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { migrateToLatest } from '../db/migrate.ts';
import { saveStrategy } from '../db/queries/strategy.ts';
import { findOrCreateSubscriber } from '../db/queries/subscribers.ts';
import { confirmLink } from '../services/account/confirm-link.ts';
import { requestEmailChange } from '../services/account/email-change.ts';
import { startSession } from '../services/account/sessions.ts';
import { signUp } from '../services/account/sign-up.ts';
import { claimLink, issueToken, resolveToken } from '../services/actions/tokens.ts';
import { createContext, type AppContext } from '../runtime/context.ts';
import { loadConfig, parseConfig } from '../runtime/config.ts';
import { buildDigest } from '../services/digest/build-digest.ts';
import { planDigestNow } from '../services/digest/plan.ts';
import { runImport } from '../services/import/run-import.ts';
import { storeUpload } from '../services/import/store-upload.ts';
import { writeFakeExport } from '../fake-export/generate.ts';
import { listMailbox } from '../services/mail/dev-mailbox.ts';
import { sendFromOutbox } from '../services/mail/outbox.ts';
import { mailboxDir } from '../services/mail/transport.ts';
import { buildWebApp } from '../processes/web/app.ts';
import { launchBrowser } from '../dev/browser.ts';

const ADMIN_TOKEN = 'screenshots-admin-token-0123456789';
export const viewports = [
  { label: 'phone', width: 390, height: 844, colorScheme: 'light' },
  { label: 'desktop', width: 1280, height: 900, colorScheme: 'light' },
  { label: 'phone-dark', width: 390, height: 844, colorScheme: 'dark' },
] as const;

async function withServer<T>(databaseUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Sends whatever the pages queued, as the worker would, so the mailbox pages have mail to show. */
async function deliverOutbox(ctx: AppContext) {
  const pending = await ctx.db.selectFrom('outbox').select('id').where('status', '=', 'pending').orderBy('created_at').execute();
  for (const { id } of pending) await sendFromOutbox(ctx.db, ctx.mail, { outboxId: id, config: ctx.config });
}

const tokenIn = async (ctx: AppContext, kind: 'confirm' | 'address_changed', recipient: string, route: string) => {
  const row = await ctx.db.selectFrom('outbox').select('html').where('kind', '=', kind).where('recipient', '=', recipient).executeTakeFirstOrThrow();
  return new RegExp(`/${route}/([a-z2-7]+)`).exec(row.html)![1]!;
};
const confirmTokenIn = (ctx: AppContext, recipient: string) => tokenIn(ctx, 'confirm', recipient, 'confirm');

/** One subscriber with an imported export, answers and a built digest; others for the edge pages. */
async function seed(ctx: AppContext) {
  const file = path.join(ctx.config.varDir, 'Complete_LinkedInDataExport_11-20-2026.zip');
  await writeFakeExport(file, { seed: 7, connections: 300, targetCompanies: ['Northwind Traders'], ownerFirstName: 'Alex' });
  const alex = await findOrCreateSubscriber(ctx.db, { email: 'alex@example.com', name: 'Alex' });
  await saveStrategy(ctx.db, alex.id, {
    purposes: ['job_search', 'learning'],
    gain: 'A product role in logistics',
    targets: [{ kind: 'company', value: 'Northwind Traders' }, { kind: 'role', value: 'Product manager' }],
    profileConfidence: 'partly',
    numbersFocus: false,
  });
  const stored = await storeUpload(ctx.db, { subscriberId: alex.id, filePath: file, fileName: path.basename(file), source: 'web', maxBytes: ctx.config.maxUploadBytes });
  await runImport(ctx, stored.exportId);
  const planned = (await planDigestNow(ctx.db, alex.id, new Date(), ctx.config.suppressionSecret))!;
  await buildDigest(ctx.db, ctx.config, planned.digestId);

  const secrets = ctx.config.tokenSecrets;
  const settings = await issueToken(ctx.db, secrets, { subscriberId: alex.id, scope: 'digest' });
  const review = await issueToken(ctx.db, secrets, { subscriberId: alex.id, scope: 'digest', digestId: planned.digestId });
  const upload = await issueToken(ctx.db, secrets, { subscriberId: alex.id, scope: 'upload' });
  const spentUpload = await issueToken(ctx.db, secrets, { subscriberId: alex.id, scope: 'upload' });
  await claimLink(ctx.db, (await resolveToken(ctx.db, secrets, spentUpload, ['upload']))!);
  const unsubscribe = await issueToken(ctx.db, secrets, { subscriberId: alex.id, scope: 'unsubscribe' });

  await signUp(ctx, { email: 'sam@example.com', name: 'Sam', timeZone: 'Europe/Paris' });
  const mover = await findOrCreateSubscriber(ctx.db, { email: 'robin@example.com', name: 'Robin' });
  await requestEmailChange(ctx, mover.id, 'robin.new@example.com');
  // A confirmed change of address, for the old address's revert page.
  const changed = await findOrCreateSubscriber(ctx.db, { email: 'casey@example.com', name: 'Casey' });
  await requestEmailChange(ctx, changed.id, 'casey.new@example.com');
  const caseyConfirm = (await resolveToken(ctx.db, secrets, await confirmTokenIn(ctx, 'casey.new@example.com'), ['confirm']))!;
  await confirmLink(ctx.db, ctx.config, caseyConfirm);
  // Signed-in browsers (a sign-in link's POST would start these): Alex's, and one leaver per width to erase.
  const leavers = await Promise.all(
    viewports.map(async ({ label }) => {
      const leaver = await findOrCreateSubscriber(ctx.db, { email: `leaving-${label}@example.com` });
      return (await startSession(ctx.db, leaver.id)).value;
    }),
  );
  const signIns = await Promise.all(viewports.map(() => issueToken(ctx.db, secrets, { subscriberId: alex.id, scope: 'sign_in' })));
  await deliverOutbox(ctx);
  // Review items other than item 1 (the plain review page's tapped answer), for the pages that save answers.
  const reviewItems = (await ctx.db.selectFrom('digest_items').select('number').where('digest_id', '=', planned.digestId).where('kind', '=', 'review').where('number', '!=', 1).orderBy('number').execute()).map((i) => i.number);
  if (reviewItems.length < 3) throw new Error(`the screenshots' digest has ${reviewItems.length + 1} review items; the saved pages need 4`);
  return {
    reviewItems,
    exportId: stored.exportId,
    settings,
    review,
    upload,
    spentUpload,
    unsubscribe,
    confirmSubscription: await confirmTokenIn(ctx, 'sam@example.com'),
    confirmNewAddress: await confirmTokenIn(ctx, 'robin.new@example.com'),
    revert: await tokenIn(ctx, 'address_changed', 'casey@example.com', 'revert'),
    alexSession: (await startSession(ctx.db, alex.id)).value,
    signIns,
    leavers,
    mailFile: (await listMailbox(mailboxDir(ctx.config.varDir))).find((m) => m.file.includes('digest-'))!.file,
  };
}

type Seeded = Awaited<ReturnType<typeof seed>>;
type Shot = { name: string; open(page: Page, viewport: number): Promise<void>; admin?: boolean; session?: (viewport: number) => string };

/** Every page, in the order a subscriber meets them; pages after a form post the form first. */
function shots(address: string, s: Seeded): Shot[] {
  const go = (url: string) => async (page: Page) => {
    await page.goto(`${address}${url}`, { waitUntil: 'networkidle' });
  };
  const submit = async (page: Page, button: string) => {
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: button, exact: true }).click()]);
  };
  return [
    { name: 'landing', open: go('/') },
    {
      name: 'landing-errors',
      open: async (page) => {
        await go('/')(page);
        await page.fill('#email', 'alex@');
        await submit(page, 'Sign up');
      },
    },
    {
      name: 'check-inbox',
      open: async (page, viewport) => {
        await go('/')(page);
        await page.fill('#email', `newcomer-${viewport}@example.com`);
        await submit(page, 'Sign up');
      },
    },
    { name: 'confirm-subscription', open: go(`/confirm/${s.confirmSubscription}`) },
    { name: 'confirm-new-address', open: go(`/confirm/${s.confirmNewAddress}`) },
    { name: 'sign-in-needed', open: go(`/preferences/${s.settings}`) },
    {
      name: 'sign-in-needed-sent',
      open: async (page) => {
        await go(`/preferences/${s.settings}`)(page);
        await submit(page, 'Email me a sign-in link');
      },
    },
    { name: 'sign-in', open: go('/sign-in') },
    {
      name: 'sign-in-errors',
      open: async (page) => {
        await go('/sign-in')(page);
        await page.fill('#email', 'alex@');
        await submit(page, 'Email me a sign-in link');
      },
    },
    {
      name: 'sign-in-sent',
      open: async (page) => {
        await go('/sign-in')(page);
        await page.fill('#email', 'alex@example.com');
        await submit(page, 'Email me a sign-in link');
      },
    },
    { name: 'sign-in-link', open: async (page, viewport) => go(`/sign-in/${s.signIns[viewport]}`)(page) },
    { name: 'start-welcome', open: go('/start'), session: () => s.alexSession },
    { name: 'start-questions', open: go('/start/questions'), session: () => s.alexSession },
    { name: 'start-upload', open: go('/start/upload'), session: () => s.alexSession },
    { name: 'start-ready', open: go('/start/ready'), session: () => s.alexSession },
    { name: 'strategy', open: go('/strategy'), session: () => s.alexSession },
    {
      name: 'strategy-errors',
      session: () => s.alexSession,
      open: async (page) => {
        await go('/strategy')(page);
        await page.fill('#targets_role', 'x'.repeat(101));
        await submit(page, 'Save my strategy');
      },
    },
    { name: 'settings', open: go('/settings'), session: () => s.alexSession },
    {
      name: 'settings-errors',
      session: () => s.alexSession,
      open: async (page) => {
        await go('/settings')(page);
        await page.fill('#review_size', 'lots');
        await submit(page, 'Save');
      },
    },
    { name: 'upload', open: go(`/upload/${s.upload}`) },
    { name: 'upload-status', open: go(`/upload/${s.upload}/status/${s.exportId}`) },
    { name: 'upload-link-used', open: go(`/upload/${s.spentUpload}`) },
    { name: 'upload-link-dead', open: go(`/upload/${'a'.repeat(49)}`) },
    { name: 'review', open: go(`/a/${s.review}?item=1&answer=known`) },
    // A target gap's button: the unreviewed people at that target, under the week's items.
    { name: 'review-target', open: go(`/a/${s.review}?target=${encodeURIComponent('Northwind Traders')}`) },
    {
      // The tapped answer's one button, as a reader would press it: saved in place (review.js), and
      // another item saved as it was chosen. Each width chooses another answer, so each one saves.
      name: 'review-saved-in-place',
      open: async (page, viewport) => {
        const [tapped, chosen] = s.reviewItems as [number, number];
        await go(`/a/${s.review}?item=${tapped}&answer=known`)(page);
        const confirm = page.locator('.tapped button.confirm');
        if (await confirm.isVisible()) await confirm.click();
        await page.locator('.tapped').getByRole('heading', { name: 'Saved' }).waitFor();
        const item = page.locator(`fieldset[data-item="${chosen}"]`);
        await item.locator('.choices label').nth(viewport % 3).click();
        await item.getByRole('status').getByText('Saved:').waitFor();
        await page.evaluate('window.scrollTo(0, 0)');
      },
    },
    {
      // The page the form's Save answers leads to (and the tapped button, without scripts).
      name: 'review-saved',
      open: async (page) => {
        await go(`/a/${s.review}?item=${s.reviewItems[2]}&answer=known`)(page);
        await page.getByRole('button', { name: 'Save answers', exact: true }).first().click();
        await page.getByRole('heading', { name: 'Saved', level: 1 }).waitFor();
      },
    },
    { name: 'my-data', open: go('/my-data'), session: () => s.alexSession },
    {
      name: 'my-data-errors',
      session: () => s.alexSession,
      open: async (page) => {
        await go('/my-data')(page);
        await submit(page, 'Erase my data');
      },
    },
    {
      name: 'erased',
      session: (viewport) => s.leavers[viewport]!,
      open: async (page) => {
        await go('/my-data')(page);
        await page.check('#confirm');
        await submit(page, 'Erase my data');
      },
    },
    { name: 'revert', open: go(`/revert/${s.revert}`) },
    { name: 'invalid-link', open: go(`/preferences/${'a'.repeat(49)}`) },
    { name: 'unsubscribe', open: go(`/u/${s.unsubscribe}`) },
    { name: 'dev-mailbox', open: go('/dev/mailbox') },
    { name: 'dev-mailbox-message', open: go(`/dev/mailbox/${s.mailFile}`) },
    { name: 'dev-mailbox-reply', open: go(`/dev/mailbox/${s.mailFile}/reply`) },
    { name: 'admin-sign-in', open: go('/admin') },
    { name: 'admin-home', open: go('/admin'), admin: true },
    { name: 'admin-subscriber', open: go('/admin/subscribers?email=alex@example.com'), admin: true },
    {
      name: 'admin-queues',
      admin: true,
      open: async (page) => {
        await go('/admin/queues')(page);
        await page.getByText('email', { exact: true }).first().waitFor({ timeout: 10_000 });
      },
    },
  ];
}

export type Viewport = (typeof viewports)[number];

/** Opens every page at every width in turn and hands each to `visit`, once it has loaded. */
export async function tourPages(visit: (page: Page, stop: { name: string; viewport: Viewport }) => Promise<void>): Promise<void> {
  const base = loadConfig();
  const varDir = await mkdtemp(path.join(os.tmpdir(), 'rapport-page-tour-'));
  const databaseUrl = new URL(base.databaseUrl);
  const database = `rapport_page_tour_${process.pid}`;
  databaseUrl.pathname = `/${database}`;
  const config = parseConfig({
    ...process.env,
    DATABASE_URL: databaseUrl.toString(),
    QUEUE_PREFIX: `page-tour-${process.pid}`,
    VAR_DIR: varDir,
    SMTP_URL: '',
    ADMIN_TOKEN,
    LOG_LEVEL: 'warn',
    // The mailbox pages are on the tour too, and they are served only in development.
    NODE_ENV: 'development',
  });
  await migrateToLatest(config.databaseUrl);
  const ctx = createContext(config, 'page-tour', 'worker');
  const app = await buildWebApp(ctx);
  const browser = await launchBrowser({ viewport: { width: viewports[0].width, height: viewports[0].height } });
  try {
    const seeded = await seed(ctx);
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const page = await browser.context.newPage();
    for (const [index, viewport] of viewports.entries()) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.emulateMedia({ colorScheme: viewport.colorScheme });
      for (const shot of shots(address, seeded)) {
        await page.setExtraHTTPHeaders(shot.admin ? { authorization: `Bearer ${ADMIN_TOKEN}` } : {});
        await page.context().clearCookies();
        if (shot.session) await page.context().addCookies([{ name: 'rapport_session', value: shot.session(index), url: address }]);
        await shot.open(page, index);
        await visit(page, { name: shot.name, viewport });
      }
    }
  } finally {
    await browser.close();
    await app.close();
    await ctx.queues.obliterateAll().catch(() => {});
    await ctx.close();
    await withServer(config.databaseUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
    await rm(varDir, { recursive: true, force: true });
  }
}
