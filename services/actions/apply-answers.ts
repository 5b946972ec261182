import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { DigestItemKind, TieValue } from '../../db/types.ts';

export type ItemAnswer = 'known' | 'close' | 'unknown' | 'intro' | 'skip';

export const answersByKind: Record<DigestItemKind, readonly ItemAnswer[]> = {
  review: ['known', 'close', 'unknown', 'skip'],
  close: ['close', 'known', 'unknown', 'skip'],
  intro: ['intro', 'skip'],
  gap: ['skip'],
};

export interface AnswerRequest {
  item: number;
  answer: ItemAnswer;
}

export interface AppliedAnswer {
  item: number;
  answer: ItemAnswer;
  /** False when the item already had this answer: applying is idempotent. */
  changed: boolean;
}

export interface RejectedAnswer {
  item: number;
  answer: ItemAnswer;
  reason: string;
}

export interface ApplyResult {
  applied: AppliedAnswer[];
  rejected: RejectedAnswer[];
}

const isTie = (answer: ItemAnswer): answer is TieValue => answer === 'known' || answer === 'close' || answer === 'unknown';

/**
 * Applies a digest's answers in one transaction. The digest's items are locked first, so the same
 * POST twice, or two in parallel, change state once: the second sees the answer already there.
 * Every tie change is also an event, which is what undo goes back through.
 */
export async function applyAnswers(
  db: Db,
  input: { subscriberId: string; digestId: string; answers: AnswerRequest[]; source: 'web' | 'reply' },
): Promise<ApplyResult> {
  // Last answer per item wins, as when someone changes their mind within one form or reply.
  const wanted = new Map<number, ItemAnswer>();
  for (const a of input.answers) wanted.set(a.item, a.answer);

  return db.transaction().execute(async (trx) => {
    const items = await trx
      .selectFrom('digest_items as i')
      .innerJoin('digests as d', 'd.id', 'i.digest_id')
      .select(['i.number', 'i.kind', 'i.connection_id', 'i.via_connection_id', 'i.answer', 'i.payload'])
      .where('i.digest_id', '=', input.digestId)
      .where('d.subscriber_id', '=', input.subscriberId)
      .orderBy('i.number')
      .forUpdate()
      .execute();
    const byNumber = new Map(items.map((i) => [i.number, i]));
    const result: ApplyResult = { applied: [], rejected: [] };

    for (const [number, answer] of wanted) {
      const item = byNumber.get(number);
      if (!item) {
        result.rejected.push({ item: number, answer, reason: `there is no item ${number} in this digest` });
        continue;
      }
      if (!answersByKind[item.kind].includes(answer)) {
        result.rejected.push({ item: number, answer, reason: `item ${number} cannot be answered "${answer}"` });
        continue;
      }
      if (item.answer === answer) {
        result.applied.push({ item: number, answer, changed: false });
        continue;
      }
      if (item.connection_id && (isTie(answer) || answer === 'skip') && item.kind !== 'intro') {
        // One round trip: the event records the tie as it was (the CTE reads the snapshot from
        // before the upsert), the upsert sets the new one (not for a skip), the item records the answer.
        await sql`
          WITH previous AS (SELECT tie FROM ties WHERE connection_id = ${item.connection_id}),
          upserted AS (
            INSERT INTO ties (connection_id, subscriber_id, tie)
            SELECT ${item.connection_id}, ${input.subscriberId}, ${answer} WHERE ${isTie(answer)}
            ON CONFLICT (connection_id) DO UPDATE SET tie = excluded.tie, updated_at = now()),
          answered AS (
            UPDATE digest_items SET answer = ${answer}, answered_at = now()
            WHERE digest_id = ${input.digestId} AND number = ${number})
          INSERT INTO tie_events (subscriber_id, connection_id, digest_id, tie, previous_tie, source)
          SELECT ${input.subscriberId}, ${item.connection_id}, ${input.digestId}, ${answer}, (SELECT tie FROM previous), ${input.source}
        `.execute(trx);
        result.applied.push({ item: number, answer, changed: true });
        continue;
      }
      if (answer === 'intro' && item.via_connection_id) {
        const payload = item.payload as { targetLabel?: string; draft?: { subject: string; body: string } };
        await trx
          .insertInto('intro_requests')
          .values({
            subscriber_id: input.subscriberId,
            digest_id: input.digestId,
            item_number: number,
            via_connection_id: item.via_connection_id,
            target_connection_id: item.connection_id,
            target_label: payload.targetLabel ?? '',
            subject: payload.draft?.subject ?? '',
            body: payload.draft?.body ?? '',
          })
          .onConflict((oc) => oc.columns(['digest_id', 'item_number']).doNothing())
          .execute();
      }
      await trx
        .updateTable('digest_items')
        .set({ answer, answered_at: new Date() })
        .where('digest_id', '=', input.digestId)
        .where('number', '=', number)
        .execute();
      result.applied.push({ item: number, answer, changed: true });
    }
    return result;
  });
}

/**
 * Takes back the answer to one item: the tie returns to what it was before this digest's answer
 * (or to unreviewed), an intro request is withdrawn. Undoing twice is harmless.
 */
export async function undoAnswer(db: Db, input: { subscriberId: string; digestId: string; item: number }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom('digest_items as i')
      .innerJoin('digests as d', 'd.id', 'i.digest_id')
      .select(['i.kind', 'i.connection_id', 'i.answer'])
      .where('i.digest_id', '=', input.digestId)
      .where('i.number', '=', input.item)
      .where('d.subscriber_id', '=', input.subscriberId)
      .forUpdate()
      .executeTakeFirst();
    if (!item?.answer) return false;
    if (item.answer === 'intro') {
      await trx.deleteFrom('intro_requests').where('digest_id', '=', input.digestId).where('item_number', '=', input.item).execute();
    } else if (item.connection_id) {
      // The tie as it stood before the first answer given through this digest.
      const first = await trx
        .selectFrom('tie_events')
        .select('previous_tie')
        .where('connection_id', '=', item.connection_id)
        .where('digest_id', '=', input.digestId)
        .where('source', '<>', 'undo')
        .orderBy('id', 'asc')
        .limit(1)
        .executeTakeFirst();
      const restore = (first?.previous_tie ?? null) as TieValue | null;
      if (restore) {
        await trx.updateTable('ties').set({ tie: restore, updated_at: new Date() }).where('connection_id', '=', item.connection_id).execute();
      } else {
        await trx.deleteFrom('ties').where('connection_id', '=', item.connection_id).execute();
      }
      await trx
        .insertInto('tie_events')
        .values({
          subscriber_id: input.subscriberId,
          connection_id: item.connection_id,
          digest_id: input.digestId,
          tie: restore,
          previous_tie: item.answer,
          source: 'undo',
        })
        .execute();
      // A skip that was undone should not keep the person out of the next digests.
      await trx
        .deleteFrom('tie_events')
        .where('connection_id', '=', item.connection_id)
        .where('digest_id', '=', input.digestId)
        .where('tie', '=', 'skip')
        .execute();
    }
    await trx
      .updateTable('digest_items')
      .set({ answer: null, answered_at: null })
      .where('digest_id', '=', input.digestId)
      .where('number', '=', input.item)
      .execute();
    return true;
  });
}

/** The digest's items with their current answers, for the review page. */
export function digestItems(db: Db, digestId: string) {
  return db
    .selectFrom('digest_items')
    .select(['number', 'kind', 'answer', 'payload', sql<boolean>`connection_id IS NOT NULL`.as('has_person')])
    .where('digest_id', '=', digestId)
    .orderBy('number')
    .execute();
}
