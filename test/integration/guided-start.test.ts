/**
 * The guided start, step by step: signed-in only, a questionnaire that asks for a target without
 * forcing one, an upload step with a fresh link of its own, and a last step that says how the
 * upload went.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestStrategy } from '../../db/queries/strategy.ts';
import { findOrCreateSubscriber } from '../../db/queries/subscribers.ts';
import { buildWebApp } from '../../processes/web/app.ts';
import { signedIn } from '../support/session.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';

describe('the guided start', () => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let subscriberId: string;
  let browser: Awaited<ReturnType<typeof signedIn>>;

  beforeAll(async () => {
    ctx = await createTestContext();
    ({ id: subscriberId } = await findOrCreateSubscriber(ctx.db, { email: 'guided.start@example.com' }));
    browser = await signedIn(ctx, subscriberId);
    app = await buildWebApp(ctx);
  });

  afterAll(async () => {
    await app?.close();
    await ctx?.cleanup();
  });

  const get = (url: string, cookie = browser.cookie) => app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const answer = (fields: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/start/questions',
      headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ csrf: browser.csrf, ...fields }).toString(),
    });

  it('opens only in a signed-in browser', async () => {
    for (const url of ['/start', '/start/questions', '/start/upload', '/start/ready']) {
      const response = await get(url, '');
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location, url).toMatch(/^\/sign-in/);
    }
  });

  it('welcomes, with the steps ahead and where this one is', async () => {
    const html = (await get('/start')).body;
    expect(html).toContain('Welcome to Rapport');
    expect(html).toMatch(/aria-current="step"[^>]*>Welcome/);
    expect(html).toContain('href="/start/questions"');
  });

  it('saves answers without a target, and asks once more for one', async () => {
    const response = await answer({ purposes: 'job_search', gain: 'A new role' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Add one target company when you can');
    expect(response.body).toContain('Continue without a target');
    expect(await latestStrategy(ctx.db, subscriberId)).toMatchObject({ purposes: ['job_search'], targets: [] });
  });

  it('goes on to the upload once a target is named, and refuses a form from elsewhere', async () => {
    const response = await answer({ purposes: 'job_search', targets_company: 'Initech' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/start/upload');
    expect((await latestStrategy(ctx.db, subscriberId))!.targets).toEqual([{ kind: 'company', value: 'Initech' }]);
    const forged = await app.inject({
      method: 'POST',
      url: '/start/questions',
      headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ csrf: 'x'.repeat(40), targets_company: 'Evil' }).toString(),
    });
    expect(forged.statusCode).toBe(403);
    expect((await latestStrategy(ctx.db, subscriberId))!.targets).toEqual([{ kind: 'company', value: 'Initech' }]);
  });

  it('uploads with a link of its own that is never cached, and says when nothing is uploaded yet', async () => {
    const upload = await get('/start/upload');
    expect(upload.headers['cache-control']).toBe('no-store');
    expect(upload.body).toMatch(/action="\/upload\/[^"?]+\?next=start"/);
    expect(upload.body).toContain('data-next="/start/ready"');
    const ready = await get('/start/ready');
    expect(ready.body).toContain('Your digest starts with your export');
  });

  it('reports a failed upload in its own words, with another try', async () => {
    await ctx.db
      .insertInto('exports')
      .values({ subscriber_id: subscriberId, sha256: 'f'.repeat(64), file_name: 'export.zip', byte_size: 1000, source: 'web', status: 'failed', error_message: 'This zip has no Connections.csv in it.' })
      .execute();
    const html = (await get('/start/ready')).body;
    expect(html).toContain('We could not read that file');
    expect(html).toContain('This zip has no Connections.csv in it.');
    expect(html).toContain('Try another file');
  });
});
