/**
 * The answer queries (db/queries/answers.ts) and the database's side of the digest item contract,
 * on a real database: the CHECK lists exactly the contract's answers, and items are read and
 * locked only through their subscriber's digest.
 */
import { describe, expect, it } from 'vitest';
import { digestItems, lockDigestItems, setItemAnswer } from '../../db/queries/answers.ts';
import { findOrCreateSubscriber } from '../../db/queries/subscribers.ts';
import { ITEM_ANSWERS } from '../../domain/digest-items/index.ts';
import { useTestContext } from '../support/test-context.ts';

describe('query layer: answers', () => {
  const ctx = useTestContext();

  async function digestWithGaps(email: string, count: number) {
    const subscriber = await findOrCreateSubscriber(ctx.db, { email });
    const digest = await ctx.db.insertInto('digests').values({ subscriber_id: subscriber.id, iso_week: '2026-W49', status: 'built' }).returning('id').executeTakeFirstOrThrow();
    for (let number = 1; number <= count; number++) {
      await ctx.db
        .insertInto('digest_items')
        .values({ digest_id: digest.id, number, kind: 'gap', payload: JSON.stringify({ title: `Gap ${number}`, detail: 'Why. Next step: act.', gap: 'stale_export' }) })
        .execute();
    }
    return { subscriberId: subscriber.id, digestId: digest.id };
  }

  it('stores every answer of the contract and refuses any other word', async () => {
    const { digestId } = await digestWithGaps('answers.check@example.com', 1);
    for (const answer of ITEM_ANSWERS) {
      await setItemAnswer(ctx.db, { digestId, item: 1, answer });
      expect((await digestItems(ctx.db, digestId))[0]!.answer).toBe(answer);
    }
    await expect(
      ctx.db.updateTable('digest_items').set({ answer: 'maybe' as never }).where('digest_id', '=', digestId).execute(),
    ).rejects.toThrow(/digest_items_answer_known/);
    await setItemAnswer(ctx.db, { digestId, item: 1, answer: null });
    const [item] = await digestItems(ctx.db, digestId);
    expect(item).toMatchObject({ answer: null });
  });

  it('reads and locks only the items of the digest asked for, and only for its subscriber', async () => {
    const mine = await digestWithGaps('answers.mine@example.com', 3);
    const theirs = await digestWithGaps('answers.theirs@example.com', 2);
    expect((await digestItems(ctx.db, mine.digestId)).map((i) => i.number)).toEqual([1, 2, 3]);
    expect((await digestItems(ctx.db, theirs.digestId)).map((i) => i.number)).toEqual([1, 2]);
    const locked = await ctx.db.transaction().execute((trx) => lockDigestItems(trx, mine));
    expect(locked.map((i) => i.number)).toEqual([1, 2, 3]);
    // Another subscriber's id with my digest's id finds nothing to answer.
    const crossed = await ctx.db.transaction().execute((trx) => lockDigestItems(trx, { subscriberId: theirs.subscriberId, digestId: mine.digestId }));
    expect(crossed).toEqual([]);
  });
});
