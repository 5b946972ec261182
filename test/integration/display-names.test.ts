/**
 * Issue #13: names from an export or the sign-up form carrying bidirectional controls, or far too
 * long, through the real path: import, digest build (React Email render), review page, My data.
 * Shown isolated and shortened; kept whole where the data is given back.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayName } from '../../emails/display-name.ts';
import { collectSubscriberData } from '../../services/account/data-export.ts';
import { buildWebApp } from '../../processes/web/app.ts';
import { builtDigest, importedSubscriber, type DigestLinksFound } from '../support/fixtures.ts';
import { BIDI_CONTROLS, BIDI_NAMES, LONG_NAME } from '../support/hostile/names.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';

const anyControl = new RegExp(`[${BIDI_CONTROLS.join('')}]`);
const [FIRST, SUBSCRIBER] = [BIDI_NAMES[0]!, BIDI_NAMES[1]!];

describe('hostile names in the digest, on pages and in My data', () => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let links: DigestLinksFound;
  let subscriberId: string;
  let outbox: { html: string; text: string; subject: string };

  beforeAll(async () => {
    ctx = await createTestContext();
    const { subscriber } = await importedSubscriber(ctx, 'bidi-names@example.com', { connections: 40 });
    subscriberId = subscriber.id;
    // Every connection gets the hostile names, so whichever the digest picks carries them.
    await ctx.db.updateTable('connections').set({ first_name: FIRST, last_name: LONG_NAME }).where('subscriber_id', '=', subscriberId).execute();
    await ctx.db.updateTable('subscribers').set({ name: SUBSCRIBER }).where('id', '=', subscriberId).execute();
    links = await builtDigest(ctx, subscriberId);
    outbox = await ctx.db.selectFrom('outbox').select(['html', 'text', 'subject']).where('id', '=', links.outboxId).executeTakeFirstOrThrow();
    app = await buildWebApp(ctx);
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.cleanup();
  });

  const shown = displayName(`${FIRST} ${LONG_NAME}`);

  it('the digest isolates each name, drops the controls from the text part and shortens long names', () => {
    expect(outbox.html).toContain(`Hi <bdi>${displayName(SUBSCRIBER)}</bdi> · `);
    expect(outbox.html).toMatch(new RegExp(`<bdi>[^<]*${shown.slice(0, 20)}`));
    expect(outbox.html).not.toContain(LONG_NAME);
    expect(outbox.text).not.toMatch(anyControl);
    expect(outbox.text).not.toContain(LONG_NAME);
    expect(outbox.text).toContain(shown);
    expect(outbox.subject).not.toMatch(anyControl);
  });

  it('the review page isolates item titles and shows the shortened name', async () => {
    const page = await app.inject({ method: 'GET', url: `/a/${links.actionToken}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(new RegExp(`<bdi>[^<]*${shown.slice(0, 20)}`));
    expect(page.body).not.toMatch(anyControl);
    expect(page.body).not.toContain(LONG_NAME);
  });

  it("My data's download keeps every name whole, exactly as imported", async () => {
    const data = JSON.stringify(await collectSubscriberData(ctx.db, subscriberId));
    expect(data).toContain(JSON.stringify(LONG_NAME).slice(1, -1));
    expect(data).toContain(JSON.stringify(FIRST).slice(1, -1));
    expect(data).toContain(JSON.stringify(SUBSCRIBER).slice(1, -1));
  });
});
