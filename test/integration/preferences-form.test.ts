/**
 * The questionnaire as a form a person trusts: a wrong field keeps everything typed, the errors
 * are summarised at the top (focused, linked to their fields, "Error:" in the title) and each field
 * says it is invalid; an empty questionnaire saves, with a nudge.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestStrategy } from '../../db/queries/strategy.ts';
import { findOrCreateSubscriber } from '../../db/queries/subscribers.ts';
import { buildWebApp } from '../../processes/web/app.ts';
import { signedIn } from '../support/session.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';

describe('the questionnaire form', () => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let subscriberId: string;
  let browser: Awaited<ReturnType<typeof signedIn>>;

  beforeAll(async () => {
    ctx = await createTestContext();
    ({ id: subscriberId } = await findOrCreateSubscriber(ctx.db, { email: 'form.trust@example.com' }));
    browser = await signedIn(ctx, subscriberId);
    app = await buildWebApp(ctx);
  });

  afterAll(async () => {
    await app?.close();
    await ctx?.cleanup();
  });

  const post = (url: '/strategy' | '/settings', fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries({ csrf: browser.csrf, ...fields })) for (const v of [value].flat()) body.append(key, v);
    return app.inject({ method: 'POST', url, headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
  };

  it('keeps every typed strategy answer when one is wrong, and says so at the top', async () => {
    const response = await post('/strategy', {
      purposes: ['job_search', 'hiring'],
      gain: 'A product role <at> a company I admire',
      targets_company: 'Initech, Globex',
      targets_role: 'x'.repeat(101),
      profile_confidence: 'partly',
      numbers_focus: 'no',
    });
    expect(response.statusCode).toBe(400);
    const html = response.body;
    expect(html).toMatch(/<title>Error: Your strategy/);
    expect(html).toMatch(/<div class="error-summary" role="alert" tabindex="-1" autofocus=""/);
    expect(html).toContain('One answer needs a look');
    expect(html).toContain('href="#targets_role"');
    // What was typed, every field of it, escaped.
    expect(html).toContain('A product role &lt;at&gt; a company I admire</textarea>');
    expect(html).toContain('value="Initech, Globex"');
    expect(html).toMatch(/checked="" value="job_search"/);
    expect(html).toMatch(/checked="" value="hiring"/);
    expect(html).toMatch(/checked="" value="partly"/);
    expect(html).toMatch(/name="numbers_focus" checked="" value="no"/);
    expect(html).toMatch(/id="targets_role"[^>]*aria-describedby="targets-hint targets_role-error" aria-invalid="true"/);
    expect(await latestStrategy(ctx.db, subscriberId)).toBeNull();
  });

  it('keeps every typed setting when one is wrong, and says so at the top', async () => {
    const response = await post('/settings', { review_size: 'lots', weekday: '3', hour: '7', time_zone: 'Atlantis' });
    expect(response.statusCode).toBe(400);
    const html = response.body;
    expect(html).toMatch(/<title>Error: Your settings/);
    expect(html).toContain('2 answers need a look');
    expect(html).toContain('href="#review_size"');
    expect(html).toContain('href="#time_zone"');
    expect(html).toContain('value="lots"');
    expect(html).toContain('value="Atlantis"');
    expect(html).toMatch(/<option value="3" selected="">Wednesday/);
    // Each wrong field is marked and tied to its message.
    expect(html).toMatch(/id="review_size"[^>]*aria-describedby="reviewSize-error" aria-invalid="true"/);
    expect(html).toMatch(/id="time_zone"[^>]*aria-describedby="time-zone-hint timeZone-error" aria-invalid="true"/);
  });

  it('saves an empty questionnaire, with a nudge rather than a refusal', async () => {
    const response = await post('/strategy', {});
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('your strategy is still empty');
    expect(response.body).not.toContain('Error:');
    expect(await latestStrategy(ctx.db, subscriberId)).toMatchObject({ purposes: [], targets: [] });
  });

  it('stores a zone typed as a city by its current name', async () => {
    const response = await post('/settings', { review_size: '5', weekday: '1', hour: '8', time_zone: 'Kiev' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Saved. Your next digest comes at this time.');
    const row = await ctx.db.selectFrom('subscribers').select('time_zone').where('id', '=', subscriberId).executeTakeFirstOrThrow();
    expect(row.time_zone).toBe('Europe/Kyiv');
    expect(response.body).toContain('value="Europe/Kyiv"');
  });
});
