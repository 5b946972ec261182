/**
 * The hand-written reply corpus (test/support/reply-corpus.ts), each reply a real signed message
 * answering a real sent digest whose items are the corpus's people: the worker's processing and
 * `rapport inbound parse` must say the same of every one, and what they apply must be what the
 * word reader promises, less what an item's kind refuses (reported instead).
 */
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrCreateSubscriber } from '../../db/queries/subscribers.ts';
import { dkimSigned, stubResolver } from '../../dev/mail-auth.ts';
import { answerProblem, type DigestItemContent } from '../../domain/digest-items/index.ts';
import { issueToken } from '../../services/actions/tokens.ts';
import { processInbound } from '../../services/inbound/process-inbound.ts';
import { appliedLine, rejectedLine, type InboundOutcome } from '../../services/inbound/plan.ts';
import { checkOnArrival } from '../../services/inbound/sender-check.ts';
import { storeInbound } from '../../services/mail/inbound-store.ts';
import { dryRun, expectDryRunAgrees } from '../support/dry-run.ts';
import { CORPUS_ITEMS, englishReplies, germanReplies, mixedReplies, unsureReplies, type ReplyCase } from '../support/reply-corpus.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';

const SUBSCRIBER = 'corpus@example.com';

/** The stored form of a corpus item, as the digest build would have written it. */
function contentOf(item: (typeof CORPUS_ITEMS)[number]): DigestItemContent {
  const detail = 'Connected in 2019, no messages since.';
  switch (item.kind) {
    case 'review':
    case 'close':
      return { kind: item.kind, payload: { title: `Do you know ${item.shown}?`, name: item.shown, detail } };
    case 'intro':
      return {
        kind: 'intro',
        payload: { title: item.shown, detail, targetLabel: item.labels[0]!, viaName: item.people[0]!, toName: item.people[1] ?? null, draft: { subject: 'An introduction?', body: 'Hi, would you introduce me?' } },
      };
    case 'gap':
      return { kind: 'gap', payload: { title: item.shown, detail, gap: 'stale_export' } };
    case 'followup':
      throw new Error('the corpus asks no follow-ups: their replies are tested in followup-replies.test.ts');
  }
}

describe('the reply corpus through the worker and the dry run', () => {
  let ctx: TestContext;
  let replyAddress: string;
  let digestMessageId: string;
  let sent = 0;
  const contents = new Map(CORPUS_ITEMS.map((item) => [item.number, contentOf(item)]));

  beforeAll(async () => {
    ctx = await createTestContext();
    const subscriber = await findOrCreateSubscriber(ctx.db, { email: SUBSCRIBER });
    const digest = await ctx.db.insertInto('digests').values({ subscriber_id: subscriber.id, iso_week: '2026-W49', status: 'sent' }).returning('id').executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('digest_items')
      .values(CORPUS_ITEMS.map((item) => ({ digest_id: digest.id, number: item.number, kind: item.kind, payload: JSON.stringify(contents.get(item.number)!.payload) })))
      .execute();
    digestMessageId = '<corpus-digest@rapport.localhost>';
    await ctx.db
      .insertInto('outbox')
      .values({ subscriber_id: subscriber.id, kind: 'digest', dedup_key: 'corpus-digest', digest_id: digest.id, recipient: SUBSCRIBER, subject: 'Your week', html: '<p>x</p>', text: 'x', message_id: digestMessageId, status: 'sent', sent_at: new Date() })
      .execute();
    replyAddress = `reply+${await issueToken(ctx.db, ctx.config.tokenSecrets, { subscriberId: subscriber.id, scope: 'reply', digestId: digest.id })}@${ctx.config.inboundDomain}`;
  });

  afterAll(async () => {
    await ctx?.cleanup();
  });

  /** A reply as a mail client sends it, signed by the subscriber's provider, checked on arrival as the mx does. */
  async function arrive(text: string): Promise<string> {
    const message = new MailComposer({
      from: SUBSCRIBER,
      to: replyAddress,
      subject: 'Re: Your week',
      text,
      messageId: `<corpus-${++sent}@mail.example.com>`,
      inReplyTo: digestMessageId,
      references: [digestMessageId],
    });
    const raw = await dkimSigned(await message.compile().build());
    const senderCheck = await checkOnArrival(raw, { ip: '127.0.0.1', helo: 'mail.example.com', mailFrom: SUBSCRIBER, mta: ctx.config.inboundDomain, resolver: stubResolver });
    return (await storeInbound(ctx.db, { raw, via: 'mx', envelopeFrom: SUBSCRIBER, envelopeTo: [replyAddress], senderCheck })).id;
  }

  /** What the worker must report for a case: each promised answer applied, or refused in words when the item's kind cannot take it. */
  function expected({ applied }: ReplyCase) {
    const lines = { applied: [] as string[], rejected: [] as string[] };
    for (const [item, answer] of Object.entries(applied).map(([n, a]) => [Number(n), a] as const)) {
      const content = contents.get(item)!;
      const problem = answerProblem(content.kind, item, answer);
      if (problem) lines.rejected.push(rejectedLine({ item, answer, reason: problem }));
      else lines.applied.push(appliedLine({ item, answer, shown: { name: content.kind === 'review' || content.kind === 'close' ? content.payload.name : null, title: content.payload.title } }));
    }
    return lines;
  }

  const corpus = [...englishReplies, ...germanReplies, ...unsureReplies, ...mixedReplies];

  it('holds at least 60 hand-written replies', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
  });

  it.each(corpus)('%s', async (_name, written) => {
    const c = { ...written, ...written.byMail };
    const id = await arrive(c.text);
    const dry = await dryRun(ctx, id);
    const outcome = (await processInbound(ctx, id)) as InboundOutcome;
    expectDryRunAgrees(dry, outcome, c.text);
    expect(outcome.status).toBe('processed');
    const want = expected(c);
    expect([...outcome.applied].sort()).toEqual([...want.applied].sort());
    const unsure = c.unsure ?? [];
    expect(outcome.notUnderstood, JSON.stringify(outcome.notUnderstood)).toHaveLength(unsure.length + want.rejected.length);
    unsure.forEach((pattern, index) => expect(outcome.notUnderstood[index]).toMatch(pattern));
    expect(outcome.notUnderstood.slice(unsure.length)).toEqual(want.rejected);
  });
});
