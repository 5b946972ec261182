/**
 * An introduction from suggestion to outcome, across weekly digests on Postgres: digest 1 suggests
 * it, the answer drafts it, "I sent it" marks it sent, digest 2 (a week on) asks what came of it,
 * "no answer yet" by reply keeps the question, digest 3 (three weeks on) asks again, "introduced"
 * by the email's button and the review page settles it, and the quality line counts it. My data
 * holds it, erasure removes it; the "I sent it" route refuses whatever is not the subscriber's own.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAnalysisInput } from '../../db/queries/analysis-input.ts';
import { saveStrategy } from '../../db/queries/strategy.ts';
import { readItemContent } from '../../domain/digest-items/index.ts';
import { analyseNetwork } from '../../domain/network/index.ts';
import { buildWebApp } from '../../processes/web/app.ts';
import { csrfFor } from '../../processes/web/kit/csrf.ts';
import { collectSubscriberData } from '../../services/account/data-export.ts';
import { eraseSubscriber } from '../../services/account/erase.ts';
import { applyAnswers } from '../../services/actions/apply-answers.ts';
import { processInbound } from '../../services/inbound/process-inbound.ts';
import { sendFromOutbox } from '../../services/mail/outbox.ts';
import { builtDigest, importedSubscriber, type DigestLinksFound } from '../support/fixtures.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;
const TARGET = 'Initech';
const EMAIL = 'intro-walk@example.com';
const WEBHOOK_SECRET = 'w'.repeat(32);
const PROVIDER = 'mx.provider.example';

describe('an introduction, from suggestion to "introduced"', () => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let subscriberId: string;
  let otherId: string;
  let first: DigestLinksFound;
  let otherLinks: DigestLinksFound;
  let introItem: number;
  // Four weeks ago: the digests of the walk are built a week apart up to now.
  const start = Date.now() - 4 * WEEK_MS;
  const at = (weeks: number, hours = 0) => new Date(start + weeks * WEEK_MS + hours * HOUR_MS);

  const form = (fields: Record<string, string>) => ({
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
  const csrf = (token: string) => csrfFor(ctx.config.tokenSecrets, token);
  const requestsOf = (id: string) => ctx.db.selectFrom('intro_requests').selectAll().where('subscriber_id', '=', id).orderBy('created_at').execute();
  const eventsOf = (id: string) => ctx.db.selectFrom('intro_events').selectAll().where('subscriber_id', '=', id).orderBy('id').execute();
  const itemsOf = (digestId: string) =>
    ctx.db.selectFrom('digest_items').select(['number', 'kind', 'payload', 'answer', 'via_connection_id']).where('digest_id', '=', digestId).orderBy('number').execute();
  const textOf = async (digest: DigestLinksFound) => (await ctx.db.selectFrom('outbox').select('text').where('id', '=', digest.outboxId).executeTakeFirstOrThrow()).text;

  /** A digest built and sent as of `now`, its row dated then, as the weekly plan would have made it. */
  async function weeklyDigest(now: Date) {
    const digest = await builtDigest(ctx, subscriberId, now);
    await sendFromOutbox(ctx.db, ctx.mail, { outboxId: digest.outboxId, config: ctx.config });
    await ctx.db.updateTable('digests').set({ created_at: now }).where('id', '=', digest.digestId).execute();
    return digest;
  }

  /** What the database stamped just now (drafts, sent, outcomes, events) belongs to the simulated week. */
  async function stamp(when: Date) {
    await sql`UPDATE intro_requests SET created_at = ${when} WHERE subscriber_id = ${subscriberId} AND created_at > ${when}`.execute(ctx.db);
    await sql`UPDATE intro_requests SET sent_at = ${when} WHERE subscriber_id = ${subscriberId} AND sent_at > ${when}`.execute(ctx.db);
    await sql`UPDATE intro_requests SET outcome_at = ${when} WHERE subscriber_id = ${subscriberId} AND outcome_at > ${when}`.execute(ctx.db);
    await sql`UPDATE intro_events SET created_at = ${when} WHERE subscriber_id = ${subscriberId} AND created_at > ${when}`.execute(ctx.db);
  }

  /** A reply to a digest, as the trusted provider hands it to the webhook, processed as the worker would. */
  async function reply(digest: DigestLinksFound, text: string, id: string) {
    const { message_id: digestMessageId } = await ctx.db.selectFrom('outbox').select('message_id').where('id', '=', digest.outboxId).executeTakeFirstOrThrow();
    const raw =
      `Authentication-Results: ${PROVIDER}; dkim=pass header.d=example.com; spf=pass smtp.mailfrom=example.com; dmarc=pass header.from=example.com\r\n` +
      `From: ${EMAIL}\r\nTo: reply+${digest.replyToken}@${ctx.config.inboundDomain}\r\nSubject: Re: your digest\r\nMessage-ID: <${id}@mail.example.com>\r\n` +
      `In-Reply-To: ${digestMessageId}\r\n\r\n${text}\r\n`;
    const response = await app.inject({ method: 'POST', url: '/inbound/webhook', headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${WEBHOOK_SECRET}` }, payload: raw });
    expect(response.statusCode).toBe(202);
    return processInbound(ctx, response.json().id);
  }

  /** A subscriber whose close ties work at the target, so a digest suggests asking one of them. */
  async function withIntroPath(email: string) {
    const { subscriber } = await importedSubscriber(ctx, email, { targetCompanies: [TARGET] });
    await saveStrategy(ctx.db, subscriber.id, { purposes: ['job_search'], gain: null, targets: [{ kind: 'company', value: TARGET }], profileConfidence: 'yes', numbersFocus: false });
    await sql`INSERT INTO ties (connection_id, subscriber_id, tie) SELECT id, subscriber_id, 'close' FROM connections WHERE subscriber_id = ${subscriber.id} AND company = ${TARGET}`.execute(ctx.db);
    return subscriber.id;
  }

  beforeAll(async () => {
    ctx = await createTestContext({ INBOUND_WEBHOOK_SECRET: WEBHOOK_SECRET, INBOUND_TRUSTED_AUTHSERV_ID: PROVIDER });
    subscriberId = await withIntroPath(EMAIL);
    otherId = await withIntroPath('intro-other@example.com');
    app = await buildWebApp(ctx);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await ctx?.cleanup();
  });

  it('goes from a suggestion to a draft, to sent, to two follow-ups, to an introduction counted in the quality line', async () => {
    // Digest 1 suggests the introduction; the button's answer drafts it.
    first = await weeklyDigest(at(0));
    const intro = (await itemsOf(first.digestId)).find((i) => i.kind === 'intro');
    expect(intro, 'digest 1 suggests an introduction').toBeDefined();
    introItem = intro!.number;
    expect(first.html).toContain(`data-item="${introItem}"`);
    const token = first.actionToken;
    const saved = await app.inject({ method: 'POST', url: `/a/${token}`, ...form({ csrf: csrf(token), [`item_${introItem}`]: 'intro' }) });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('Draft ready');
    expect(saved.body).toContain('Open LinkedIn messaging');
    // "I sent it" is a form posting to its own route with the page's form token, not a link.
    expect(saved.body).toContain(`action="/a/${token}/sent"`);
    expect(saved.body).toMatch(new RegExp(`name="item" value="${introItem}"`));
    expect(saved.body).toContain('I sent it');

    const sent = await app.inject({ method: 'POST', url: `/a/${token}/sent`, ...form({ csrf: csrf(token), item: String(introItem) }) });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('Marked as sent');
    const again = await app.inject({ method: 'POST', url: `/a/${token}/sent`, ...form({ csrf: csrf(token), item: String(introItem) }) });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('already marked as sent');
    const [request] = await requestsOf(subscriberId);
    expect(request!.sent_at).not.toBeNull();
    expect((await eventsOf(subscriberId)).map((e) => [e.event, e.source])).toEqual([['sent', 'web']]);
    // Sent, the request has a history: undoing the draft now keeps it, and says so.
    const undoDraft = await app.inject({ method: 'POST', url: `/a/${token}/undo`, ...form({ csrf: csrf(token), item: String(introItem) }) });
    expect(undoDraft.body).toContain('again since, so that newer answer stays');
    expect(await requestsOf(subscriberId)).toHaveLength(1);
    await stamp(at(0, 1));

    // Digest 2, a week on, asks what came of it, in the email.
    const second = await weeklyDigest(at(1));
    const followup = (await itemsOf(second.digestId)).find((i) => i.kind === 'followup');
    expect(followup, 'digest 2 asks for the outcome').toBeDefined();
    const content = readItemContent(followup!);
    expect(content.kind === 'followup' && content.payload.introRequestId).toBe(request!.id);
    expect(content.kind === 'followup' && content.payload.stage).toBe(1);
    expect(second.html).toContain(`data-item="${followup!.number}"`);
    expect(second.html).toContain(`/a/${second.actionToken}?item=${followup!.number}&amp;answer=introduced`);
    expect(await textOf(second)).toMatch(/How did your introduction go\?|Your introductions/i);
    expect((await requestsOf(subscriberId))[0]).toMatchObject({ followup_1_digest_id: second.digestId, followup_2_digest_id: null });

    // "No answer yet" by reply; the same reply twice is one event.
    const replied = await reply(second, `no answer ${followup!.number}`, 'walk-1');
    expect(replied).toMatchObject({ status: 'processed' });
    await reply(second, `waiting ${followup!.number}`, 'walk-2');
    expect((await requestsOf(subscriberId))[0]!.outcome).toBe('waiting');
    expect((await eventsOf(subscriberId)).map((e) => [e.event, e.outcome, e.source])).toEqual([
      ['sent', null, 'web'],
      ['outcome', 'waiting', 'reply'],
    ]);
    await stamp(at(1, 1));

    // Two weeks on, nothing is asked; three weeks on, the last follow-up.
    const between = await weeklyDigest(at(2));
    expect((await itemsOf(between.digestId)).some((i) => i.kind === 'followup')).toBe(false);
    const third = await weeklyDigest(at(3));
    const last = (await itemsOf(third.digestId)).find((i) => i.kind === 'followup');
    expect(last, 'digest 3 asks again').toBeDefined();
    const lastContent = readItemContent(last!);
    expect(lastContent.kind === 'followup' && lastContent.payload.stage).toBe(2);
    expect((await requestsOf(subscriberId))[0]).toMatchObject({ followup_1_digest_id: second.digestId, followup_2_digest_id: third.digestId });
    // Read as the digest that asked it, as a rebuild or a preview reads it, the question is still due.
    const asBuilt = analyseNetwork((await loadAnalysisInput(ctx.db, subscriberId, { now: at(3), excludeDigestId: third.digestId }))!);
    expect(asBuilt.followups.map((f) => f.stage)).toEqual([2]);
    expect(analyseNetwork((await loadAnalysisInput(ctx.db, subscriberId, { now: at(3) }))!).followups).toEqual([]);

    // The email's button opens the review page with the answer preselected; the GET changes nothing.
    const button = `/a/${third.actionToken}?item=${last!.number}&answer=introduced`;
    expect(third.html).toContain(button.replace('&', '&amp;'));
    const page = await app.inject({ method: 'GET', url: button });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`name="item_${last!.number}" checked="" value="introduced"`);
    expect(page.body).toContain('Yes, the introduction happened');
    expect((await requestsOf(subscriberId))[0]!.outcome).toBe('waiting');
    const introduced = () => app.inject({ method: 'POST', url: `/a/${third.actionToken}`, ...form({ csrf: csrf(third.actionToken), [`item_${last!.number}`]: 'introduced' }) });
    expect((await introduced()).statusCode).toBe(200);
    expect((await introduced()).statusCode).toBe(200);
    expect((await requestsOf(subscriberId))[0]!.outcome).toBe('introduced');
    expect((await eventsOf(subscriberId)).filter((e) => e.outcome === 'introduced')).toHaveLength(1);

    // Undo brings back "no answer yet"; answered again, it is introduced.
    const undo = await app.inject({ method: 'POST', url: `/a/${third.actionToken}/undo`, ...form({ csrf: csrf(third.actionToken), item: String(last!.number) }) });
    expect(undo.statusCode).toBe(200);
    expect((await requestsOf(subscriberId))[0]!.outcome).toBe('waiting');
    expect((await eventsOf(subscriberId)).at(-1)).toMatchObject({ event: 'outcome', outcome: 'waiting', previous_outcome: 'introduced', source: 'undo' });
    expect((await introduced()).statusCode).toBe(200);
    expect((await requestsOf(subscriberId))[0]!.outcome).toBe('introduced');
    // Undoing digest 2's "no answer yet" now would undo what digest 3 said since: nothing changes.
    const eventsBefore = await eventsOf(subscriberId);
    const stale = await app.inject({ method: 'POST', url: `/a/${second.actionToken}/undo`, ...form({ csrf: csrf(second.actionToken), item: String(followup!.number) }) });
    expect(stale.statusCode).toBe(200);
    expect((await requestsOf(subscriberId))[0]!.outcome).toBe('introduced');
    expect(await eventsOf(subscriberId)).toEqual(eventsBefore);
    expect((await itemsOf(second.digestId)).find((i) => i.number === followup!.number)!.answer).toBe('waiting');
    await stamp(at(3, 1));

    // Settled: nothing more is asked, and the quality line counts it.
    const fourth = await weeklyDigest(at(4));
    expect((await itemsOf(fourth.digestId)).some((i) => i.kind === 'followup')).toBe(false);
    expect(await textOf(fourth)).toContain('1 introduction made this quarter.');
    expect(fourth.html).toContain('1 introduction made this quarter.');
    const analysis = analyseNetwork((await loadAnalysisInput(ctx.db, subscriberId, { now: at(4) }))!);
    expect(analysis.quality.introductionsMade).toBe(1);
    // Fourteen weeks on it no longer counts as this quarter's.
    expect(analyseNetwork((await loadAnalysisInput(ctx.db, subscriberId, { now: at(3 + 14) }))!).quality.introductionsMade).toBe(0);
  }, 120_000);

  it('"I sent it" changes only the link subscriber\'s own request, only by a POST with the page\'s form token', async () => {
    otherLinks = await builtDigest(ctx, otherId);
    const otherIntro = (await itemsOf(otherLinks.digestId)).find((i) => i.kind === 'intro');
    expect(otherIntro).toBeDefined();
    await applyAnswers(ctx.db, { subscriberId: otherId, digestId: otherLinks.digestId, answers: [{ item: otherIntro!.number, answer: 'intro' }], source: 'web' });
    const state = async () => ({ requests: await requestsOf(otherId), events: await eventsOf(otherId), mine: await requestsOf(subscriberId), myEvents: await eventsOf(subscriberId) });
    const before = await state();
    expect(before.requests[0]!.sent_at).toBeNull();
    const own = otherLinks.actionToken;
    const item = String(otherIntro!.number);
    const tampered = `${own.slice(0, -1)}${own.endsWith('a') ? 'b' : 'a'}`;
    const cases: Array<[string, InjectOptions, number]> = [
      ['GET changes nothing', { method: 'GET', url: `/a/${own}/sent?item=${item}&csrf=${csrf(own)}` }, 404],
      ['HEAD changes nothing', { method: 'HEAD', url: `/a/${own}/sent` }, 404],
      ['no csrf field', { method: 'POST', url: `/a/${own}/sent`, ...form({ item }) }, 403],
      ['the csrf of another link', { method: 'POST', url: `/a/${own}/sent`, ...form({ item, csrf: csrf(first.actionToken) }) }, 403],
      ['a tampered token', { method: 'POST', url: `/a/${tampered}/sent`, ...form({ item, csrf: csrf(tampered) }) }, 404],
      ['a token of another kind', { method: 'POST', url: `/a/${otherLinks.unsubscribeToken}/sent`, ...form({ item, csrf: csrf(otherLinks.unsubscribeToken) }) }, 404],
      ['an item with no draft', { method: 'POST', url: `/a/${own}/sent`, ...form({ item: '99', csrf: csrf(own) }) }, 404],
      ['an item that is no number', { method: 'POST', url: `/a/${own}/sent`, ...form({ item: `${item} OR 1=1`, csrf: csrf(own) }) }, 404],
    ];
    for (const [label, request, status] of cases) {
      const response = await app.inject(request);
      expect(response.statusCode, label).toBe(status);
      expect(await state(), label).toEqual(before);
    }
    // Another subscriber's link, whatever item it names, reaches only that subscriber's own requests.
    for (let n = 1; n <= 12; n++) {
      await app.inject({ method: 'POST', url: `/a/${first.actionToken}/sent`, ...form({ item: String(n), csrf: csrf(first.actionToken) }) });
    }
    const after = await state();
    expect(after.requests).toEqual(before.requests);
    expect(after.events).toEqual(before.events);
    // Its own link marks it.
    expect((await app.inject({ method: 'POST', url: `/a/${own}/sent`, ...form({ item, csrf: csrf(own) }) })).statusCode).toBe(200);
    expect((await requestsOf(otherId))[0]!.sent_at).not.toBeNull();
  }, 60_000);

  it('"My data" holds the request with its outcome and every event; erasure removes them', async () => {
    const data = await collectSubscriberData(ctx.db, subscriberId);
    const [request] = data!.intro_requests;
    expect(request).toMatchObject({ outcome: 'introduced' });
    expect(request!.followup_2_digest_id).not.toBeNull();
    expect(request!.sent_at).not.toBeNull();
    expect(request!.events.map((e) => [e.event, e.outcome, e.source])).toEqual([
      ['sent', null, 'web'],
      ['outcome', 'waiting', 'reply'],
      ['outcome', 'introduced', 'web'],
      ['outcome', 'waiting', 'undo'],
      ['outcome', 'introduced', 'web'],
    ]);
    expect(request).not.toHaveProperty('subscriber_id');
    for (const event of request!.events) expect(event).not.toHaveProperty('subscriber_id');

    expect(await eraseSubscriber(ctx, subscriberId)).not.toBeNull();
    expect(await requestsOf(subscriberId)).toEqual([]);
    expect(await eventsOf(subscriberId)).toEqual([]);
    // The other subscriber's are untouched.
    expect(await requestsOf(otherId)).toHaveLength(1);
    expect(await eventsOf(otherId)).toHaveLength(1);
  });
});
