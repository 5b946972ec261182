/**
 * The unsubscribe page offers a break first: its GET changes nothing, its pause form pauses the
 * digests (and says until when, on the subscriber's calendar), its unsubscribe form still stops them.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp } from '../../processes/web/app.ts';
import { csrfFor } from '../../processes/web/kit/csrf.ts';
import { readableDate } from '../../domain/time-zones.ts';
import { builtDigest, importedSubscriber, type DigestLinksFound } from '../support/fixtures.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';

describe('unsubscribe offers a pause first', () => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let links: DigestLinksFound;
  let subscriberId: string;
  const form = (fields: Record<string, string>) => ({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
  const subscriber = () => ctx.db.selectFrom('subscribers').select(['status', 'paused_until', 'time_zone']).where('id', '=', subscriberId).executeTakeFirstOrThrow();

  beforeAll(async () => {
    ctx = await createTestContext();
    ({ subscriber: { id: subscriberId } } = await importedSubscriber(ctx, 'pause.first@example.com'));
    await ctx.db.updateTable('subscribers').set({ time_zone: 'Europe/Kyiv' }).where('id', '=', subscriberId).execute();
    links = await builtDigest(ctx, subscriberId);
    app = await buildWebApp(ctx);
  });

  afterAll(async () => {
    await app?.close();
    await ctx?.cleanup();
  });

  it('shows the pause above the unsubscribe button, changing nothing', async () => {
    const page = await app.inject({ method: 'GET', url: `/u/${links.unsubscribeToken}` });
    expect(page.statusCode).toBe(200);
    expect(page.body.indexOf('Pause the digests')).toBeGreaterThan(0);
    expect(page.body.indexOf('Pause the digests')).toBeLessThan(page.body.indexOf('Unsubscribe</button>'));
    expect(await subscriber()).toMatchObject({ status: 'active', paused_until: null });
  });

  it('pauses for the weeks chosen and says until when, in words', async () => {
    const started = Date.now();
    const response = await app.inject({ method: 'POST', url: `/u/${links.unsubscribeToken}/pause`, ...form({ csrf: csrfFor(ctx.config.tokenSecrets, links.unsubscribeToken), weeks: '4' }) });
    expect(response.statusCode).toBe(200);
    const after = await subscriber();
    expect(after.status).toBe('active');
    const until = after.paused_until!.getTime() - started;
    expect(until).toBeGreaterThanOrEqual(28 * 86_400_000 - 5_000);
    expect(until).toBeLessThanOrEqual(28 * 86_400_000 + 60_000);
    expect(response.body).toContain(`Paused until ${readableDate(after.paused_until!, 'Europe/Kyiv')}`);
    expect(response.body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('changes nothing without the form token or with a length it does not offer', async () => {
    const before = await subscriber();
    for (const fields of [{ weeks: '4' } as Record<string, string>, { csrf: 'forged', weeks: '4' }, { csrf: csrfFor(ctx.config.tokenSecrets, links.unsubscribeToken), weeks: '9999' }, { csrf: csrfFor(ctx.config.tokenSecrets, links.unsubscribeToken), weeks: '<script>' }]) {
      const response = await app.inject({ method: 'POST', url: `/u/${links.unsubscribeToken}/pause`, ...form(fields) });
      expect(response.statusCode).toBe(400);
      expect(response.body).not.toContain('<script>');
    }
    const tampered = await app.inject({ method: 'POST', url: `/u/${links.actionToken}/pause`, ...form({ csrf: csrfFor(ctx.config.tokenSecrets, links.actionToken), weeks: '4' }) });
    expect(tampered.statusCode).toBe(404);
    expect(await subscriber()).toEqual(before);
  });
});
