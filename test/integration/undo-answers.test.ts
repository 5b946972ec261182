/**
 * Undo on a real database (services/actions/apply-answers.ts): each undo puts back exactly what
 * one answer replaced, one answer further back each time; it never overwrites a newer answer about
 * the same person given another way; a batch's undo takes back its own answers only.
 */
import { describe, expect, it } from 'vitest';
import { answerPeople, applyAnswers, undoAnswer, undoBatch, undoPersonAnswer } from '../../services/actions/apply-answers.ts';
import { builtDigest, importedSubscriber } from '../support/fixtures.ts';
import { useTestContext } from '../support/test-context.ts';

describe('undo', () => {
  const ctx = useTestContext();

  async function digestWithPeople(email: string) {
    const { subscriber } = await importedSubscriber(ctx, email);
    const { digestId } = await builtDigest(ctx, subscriber.id);
    const people = await ctx.db
      .selectFrom('digest_items')
      .select(['number', 'connection_id'])
      .where('digest_id', '=', digestId)
      .where('kind', '=', 'review')
      .orderBy('number')
      .execute();
    expect(people.length).toBeGreaterThanOrEqual(2);
    const state = async (number: number) => {
      const connectionId = people.find((p) => p.number === number)!.connection_id!;
      const item = await ctx.db.selectFrom('digest_items').select('answer').where('digest_id', '=', digestId).where('number', '=', number).executeTakeFirstOrThrow();
      const tie = await ctx.db.selectFrom('ties').select('tie').where('connection_id', '=', connectionId).executeTakeFirst();
      return { answer: item.answer, tie: tie?.tie ?? null };
    };
    return { subscriberId: subscriber.id, digestId, people, state };
  }

  it('goes back one answer at a time, to what each replaced, then has nothing left', async () => {
    const { subscriberId, digestId, people, state } = await digestWithPeople('undo.stack@example.com');
    const item = people[0]!.number;
    const answer = (a: 'known' | 'close' | 'skip') => applyAnswers(ctx.db, { subscriberId, digestId, answers: [{ item, answer: a }], source: 'web' });

    const first = await answer('known');
    expect(first.applied[0]).toMatchObject({ before: null, changed: true });
    const second = await answer('close');
    expect(second.applied[0]).toMatchObject({ before: 'known', changed: true });
    // The same answer again writes nothing and is not a change.
    const same = await answer('close');
    expect(same).toMatchObject({ batchId: null, applied: [{ changed: false }] });
    expect(await state(item)).toEqual({ answer: 'close', tie: 'close' });

    expect(await undoAnswer(ctx.db, { subscriberId, digestId, item })).toMatchObject({ status: 'undone', restored: 'known' });
    expect(await state(item)).toEqual({ answer: 'known', tie: 'known' });
    expect(await undoAnswer(ctx.db, { subscriberId, digestId, item })).toMatchObject({ status: 'undone', restored: null });
    expect(await state(item)).toEqual({ answer: null, tie: null });
    expect(await undoAnswer(ctx.db, { subscriberId, digestId, item })).toEqual({ status: 'nothing' });

    // A skip taken back is forgotten, so it does not keep the person out of the next digests.
    await answer('skip');
    await undoAnswer(ctx.db, { subscriberId, digestId, item });
    const skips = await ctx.db.selectFrom('tie_events').select('id').where('digest_id', '=', digestId).where('tie', '=', 'skip').execute();
    expect(skips).toEqual([]);
    // Every change and every undo is an event.
    const events = await ctx.db.selectFrom('answer_events').select(['answer', 'undone_at']).where('digest_id', '=', digestId).orderBy('id').execute();
    expect(events.map((e) => [e.answer, e.undone_at !== null])).toEqual([
      ['known', true],
      ['close', true],
      ['skip', true],
    ]);
  });

  it('keeps a newer answer about the same person, and says so', async () => {
    const { subscriberId, digestId, people, state } = await digestWithPeople('undo.since@example.com');
    const [a, b] = people as [(typeof people)[number], (typeof people)[number]];
    const batch = await applyAnswers(ctx.db, { subscriberId, digestId, answers: [{ item: a.number, answer: 'known' }, { item: b.number, answer: 'unknown' }], source: 'reply' });
    await answerPeople(ctx.db, { subscriberId, digestId, answers: [{ connectionId: a.connection_id!, tie: 'close' }] });

    expect(await undoAnswer(ctx.db, { subscriberId, digestId, item: a.number })).toMatchObject({ status: 'answered-since' });
    expect(await state(a.number)).toEqual({ answer: 'known', tie: 'close' });

    const undone = await undoBatch(ctx.db, { subscriberId, batchId: batch.batchId! });
    expect(undone.undone.map((u) => u.item)).toEqual([b.number]);
    expect(undone.kept.map((k) => k.item)).toEqual([a.number]);
    expect(await state(b.number)).toEqual({ answer: null, tie: null });
    expect(await undoBatch(ctx.db, { subscriberId, batchId: batch.batchId! })).toMatchObject({ found: false });
  });

  it("takes back a batch's own answers only: a later answer to the same item stands", async () => {
    const { subscriberId, digestId, people, state } = await digestWithPeople('undo.batch@example.com');
    const item = people[0]!.number;
    const first = await applyAnswers(ctx.db, { subscriberId, digestId, answers: [{ item, answer: 'known' }], source: 'reply' });
    await applyAnswers(ctx.db, { subscriberId, digestId, answers: [{ item, answer: 'close' }], source: 'web' });
    expect(await undoBatch(ctx.db, { subscriberId, batchId: first.batchId! })).toMatchObject({ undone: [], kept: [{ item }] });
    expect(await state(item)).toEqual({ answer: 'close', tie: 'close' });
  });

  it('takes back an answer by person while it is the latest about them, and never another subscriber\'s', async () => {
    const mine = await digestWithPeople('undo.person@example.com');
    const theirs = await digestWithPeople('undo.person.theirs@example.com');
    const connectionId = mine.people[0]!.connection_id!;
    const tie = async () => (await ctx.db.selectFrom('ties').select('tie').where('connection_id', '=', connectionId).executeTakeFirst())?.tie ?? null;
    await answerPeople(ctx.db, { subscriberId: mine.subscriberId, digestId: mine.digestId, answers: [{ connectionId, tie: 'known' }] });
    await answerPeople(ctx.db, { subscriberId: mine.subscriberId, digestId: mine.digestId, answers: [{ connectionId, tie: 'close' }] });
    expect(await undoPersonAnswer(ctx.db, { subscriberId: theirs.subscriberId, digestId: theirs.digestId, connectionId })).toEqual({ status: 'nothing' });
    expect(await undoPersonAnswer(ctx.db, { subscriberId: mine.subscriberId, digestId: mine.digestId, connectionId })).toEqual({ status: 'undone', restored: 'known' });
    expect(await tie()).toBe('known');
    expect(await undoPersonAnswer(ctx.db, { subscriberId: mine.subscriberId, digestId: mine.digestId, connectionId })).toEqual({ status: 'nothing' });
    // Answered since through an item of the digest: that answer stands.
    await answerPeople(ctx.db, { subscriberId: mine.subscriberId, digestId: mine.digestId, answers: [{ connectionId, tie: 'unknown' }] });
    await applyAnswers(ctx.db, { subscriberId: mine.subscriberId, digestId: mine.digestId, answers: [{ item: mine.people[0]!.number, answer: 'close' }], source: 'web' });
    expect(await undoPersonAnswer(ctx.db, { subscriberId: mine.subscriberId, digestId: mine.digestId, connectionId })).toEqual({ status: 'answered-since' });
    expect(await tie()).toBe('close');
  });

  it("cannot take back another subscriber's answers", async () => {
    const mine = await digestWithPeople('undo.mine@example.com');
    const theirs = await digestWithPeople('undo.theirs@example.com');
    const batch = await applyAnswers(ctx.db, { subscriberId: mine.subscriberId, digestId: mine.digestId, answers: [{ item: mine.people[0]!.number, answer: 'known' }], source: 'web' });
    expect(await undoBatch(ctx.db, { subscriberId: theirs.subscriberId, batchId: batch.batchId! })).toMatchObject({ found: false });
    expect(await undoAnswer(ctx.db, { subscriberId: theirs.subscriberId, digestId: mine.digestId, item: mine.people[0]!.number })).toEqual({ status: 'nothing' });
    expect(await mine.state(mine.people[0]!.number)).toEqual({ answer: 'known', tie: 'known' });
  });
});
