/**
 * The digest as a subscriber reads it, built through the real import, analysis, composer and
 * renderer on Postgres: faces link to the right profiles, the progress chart is the database's
 * history, the footer's reply example answers this digest's own items, and a target gap's button
 * opens the people at that target, who can be answered there.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveStrategy } from '../../db/queries/strategy.ts';
import { answerProblem, type DigestItemKind } from '../../domain/digest-items/index.ts';
import { parseCommands } from '../../domain/replies/index.ts';
import { profileLink } from '../../emails/profile-link.ts';
import { applyAnswers } from '../../services/actions/apply-answers.ts';
import { sendFromOutbox } from '../../services/mail/outbox.ts';
import { buildWebApp } from '../../processes/web/app.ts';
import { builtDigest, importedSubscriber, type DigestLinksFound } from '../support/fixtures.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';

const WEEK_MS = 7 * 86_400_000;
const TARGET = 'Northwind Traders';

describe('the weekly digest, read as a subscriber', () => {
  let ctx: TestContext;
  let subscriberId: string;
  let latest: DigestLinksFound;
  const sent: DigestLinksFound[] = [];

  beforeAll(async () => {
    ctx = await createTestContext();
    const { subscriber } = await importedSubscriber(ctx, 'reader@example.com', { connections: 120, targetCompanies: [TARGET] });
    subscriberId = subscriber.id;
    await saveStrategy(ctx.db, subscriberId, {
      purposes: ['job_search'],
      gain: 'A role in logistics',
      targets: [{ kind: 'company', value: TARGET }],
      profileConfidence: 'yes',
      numbersFocus: false,
    });
    // Three weeks: built, sent and partly answered, as a reader would from the buttons.
    const start = Date.now() - 3 * WEEK_MS;
    for (let week = 0; week < 3; week++) {
      const digest = await builtDigest(ctx, subscriberId, new Date(start + week * WEEK_MS));
      await sendFromOutbox(ctx.db, ctx.mail, { outboxId: digest.outboxId, config: ctx.config });
      const items = await ctx.db.selectFrom('digest_items').select(['number', 'kind']).where('digest_id', '=', digest.digestId).execute();
      const answers = items.filter((i) => i.kind === 'review').slice(0, 3).map((i) => ({ item: i.number, answer: 'known' as const }));
      await applyAnswers(ctx.db, { subscriberId, digestId: digest.digestId, answers, source: 'web' });
      sent.push(digest);
    }
    latest = await builtDigest(ctx, subscriberId);
  }, 120_000);

  afterAll(async () => {
    await ctx?.cleanup();
  });

  const textOf = async (digest: DigestLinksFound) =>
    (await ctx.db.selectFrom('outbox').select('text').where('id', '=', digest.outboxId).executeTakeFirstOrThrow()).text;

  it('links each person to the LinkedIn profile the export gave, and only that', async () => {
    const items = await ctx.db
      .selectFrom('digest_items as i')
      .innerJoin('connections as c', 'c.id', 'i.connection_id')
      .select(['i.number', 'i.kind', 'c.profile_url'])
      .where('i.digest_id', '=', latest.digestId)
      .where('i.kind', 'in', ['review', 'close'])
      .execute();
    expect(items.length).toBeGreaterThan(0);
    const shown = items.filter((i) => latest.html.includes(`data-item="${i.number}"`));
    expect(shown.length).toBeGreaterThan(0);
    for (const item of shown) {
      const block = latest.html.slice(latest.html.indexOf(`data-item="${item.number}"`)).split('data-item=')[1]!;
      const expected = profileLink(item.profile_url);
      if (expected) expect(block).toContain(`href="${expected}"`);
      else expect(block).not.toContain('linkedin.com/in/');
    }
    // Every profile link in the email is one of these people's, rebuilt on www.linkedin.com.
    const linked = [...latest.html.matchAll(/href="(https:\/\/[^"]*linkedin\.com\/in\/[^"]*)"/g)].map((m) => m[1]);
    expect(linked.length).toBeGreaterThan(0);
    for (const url of linked) expect(url).toMatch(/^https:\/\/www\.linkedin\.com\/in\/[^/?#]+$/);
  });

  it('draws the progress chart from the counts the database holds', async () => {
    const past = await ctx.db
      .selectFrom('digests')
      .select(['id', 'analysis'])
      .where('subscriber_id', '=', subscriberId)
      .where('status', '=', 'sent')
      .orderBy('created_at')
      .execute();
    expect(past.map((d) => d.id)).toEqual(sent.map((d) => d.digestId));
    const ties = await ctx.db.selectFrom('ties').select(['tie']).where('subscriber_id', '=', subscriberId).execute();
    const knownNow = ties.filter((t) => t.tie === 'known' || t.tie === 'close').length;
    expect(knownNow).toBeGreaterThan(0);
    const built = await ctx.db.selectFrom('digests').select('analysis').where('id', '=', latest.digestId).executeTakeFirstOrThrow();
    const quality = (built.analysis as { quality: { known: number; close: number } }).quality;
    // This week's bar is the tie table as it stood when the digest was built.
    expect(quality.known + quality.close).toBe(knownNow);
    // One bar per sent digest, and this week's.
    const bars = latest.html.match(/<td valign="bottom"/g) ?? [];
    expect(bars).toHaveLength(past.length + 1);
    const lastWeek = (past.at(-1)!.analysis as { quality: { known: number; close: number } }).quality;
    const change = knownNow - lastWeek.known - lastWeek.close;
    const text = await textOf(latest);
    expect(text).toContain(`${knownNow} you know · ${change === 0 ? 'no change this week' : `+${change} this week`}`);
  });

  it('builds the reply example from this digest: every command in it answers one of its items', async () => {
    const text = await textOf(latest);
    const example = /Reply with item numbers, like (.+?), or in your own words/.exec(text)?.[1];
    expect(example).toBeDefined();
    const items = await ctx.db.selectFrom('digest_items').select(['number', 'kind']).where('digest_id', '=', latest.digestId).execute();
    const kindOf = new Map<number, DigestItemKind>(items.map((i) => [i.number, i.kind]));
    const { commands, notUnderstood } = parseCommands(example!, items.length);
    expect(notUnderstood).toEqual([]);
    expect(commands.length).toBeGreaterThanOrEqual(2);
    for (const command of commands) {
      if (command.kind !== 'answer') throw new Error(`not an answer: ${JSON.stringify(command)}`);
      expect(answerProblem(kindOf.get(command.item), command.item, command.answer)).toBeNull();
      // Only items the email shows: a reader cannot answer what they cannot see.
      expect(latest.html).toContain(`data-item="${command.item}"`);
    }
  });

  describe('a target gap', () => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await buildWebApp(ctx);
    });
    afterAll(async () => {
      await app?.close();
    });

    it('opens the unreviewed people at that target, and saves answers about them', async () => {
      const url = new URL(`http://x/a/${latest.actionToken}`);
      url.searchParams.set('target', TARGET);
      const page = await app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`People at <bdi>${TARGET}</bdi> you have not reviewed`);
      const ids = [...page.body.matchAll(/name="person_([0-9a-f-]{36})"/g)].map((m) => m[1]!);
      const distinct = [...new Set(ids)];
      expect(distinct.length).toBeGreaterThan(0);
      const atTarget = await ctx.db
        .selectFrom('connections as c')
        .leftJoin('ties as t', 't.connection_id', 'c.id')
        .select(['c.id', 'c.company'])
        .where('c.subscriber_id', '=', subscriberId)
        .where('t.connection_id', 'is', null)
        .execute();
      const expected = atTarget.filter((c) => c.company.includes(TARGET)).map((c) => c.id).sort();
      expect([...distinct].sort()).toEqual(expected);

      // Another subscriber's connection sent in the same form changes nothing.
      const { subscriber: other } = await importedSubscriber(ctx, 'other@example.com', { connections: 5, seed: 9 });
      const foreign = await ctx.db.selectFrom('connections').select('id').where('subscriber_id', '=', other.id).executeTakeFirstOrThrow();
      const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const saved = await app.inject({
        method: 'POST',
        url: `/a/${latest.actionToken}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ csrf, [`person_${distinct[0]}`]: 'close', [`person_${foreign.id}`]: 'known' }).toString(),
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.body).toContain('Your answer about 1 more person is saved.');
      const tie = await ctx.db.selectFrom('ties').select('tie').where('connection_id', '=', distinct[0]!).executeTakeFirstOrThrow();
      expect(tie.tie).toBe('close');
      expect(await ctx.db.selectFrom('ties').select('tie').where('connection_id', '=', foreign.id).executeTakeFirst()).toBeUndefined();
      const event = await ctx.db.selectFrom('tie_events').select(['digest_id', 'source', 'previous_tie']).where('connection_id', '=', distinct[0]!).executeTakeFirstOrThrow();
      expect(event).toEqual({ digest_id: latest.digestId, source: 'web', previous_tie: null });
    });

    it('lists nobody for a value that is not one of the subscriber’s targets', async () => {
      const page = await app.inject({ method: 'GET', url: `/a/${latest.actionToken}?target=Globex` });
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('you have not reviewed');
    });
  });
});
