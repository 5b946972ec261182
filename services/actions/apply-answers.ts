import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { DB, DigestItemKind, TieValue } from '../../db/types.ts';

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
  /** Who or what the item is about, as the digest showed it, for pages and receipts to name. */
  shown: { name: string | null; title: string | null };
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
    const tieChanges: TieChange[] = [];

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
        result.applied.push({ item: number, answer, changed: false, shown: shownOf(item.payload) });
        continue;
      }
      result.applied.push({ item: number, answer, changed: true, shown: shownOf(item.payload) });
      if (item.connection_id && (isTie(answer) || answer === 'skip') && item.kind !== 'intro') {
        tieChanges.push({ number, connectionId: item.connection_id, answer });
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
    }
    for (const batch of onePerConnection(tieChanges)) await applyTieChanges(trx, input, batch);
    return result;
  });
}

function shownOf(payload: unknown): AppliedAnswer['shown'] {
  const { name, title } = (payload ?? {}) as { name?: string; title?: string };
  return { name: name ?? null, title: title ?? null };
}

interface TieChange {
  number: number;
  connectionId: string;
  answer: ItemAnswer;
}

/**
 * Splits tie changes, in order, into runs that name each person once: one statement cannot
 * upsert a tie twice, and a second answer about the same person must see the first as its
 * previous tie. A form names each person once, so this is nearly always a single run.
 */
function onePerConnection(changes: TieChange[]): TieChange[][] {
  const batches: TieChange[][] = [];
  let seen = new Set<string>();
  for (const change of changes) {
    if (batches.length === 0 || seen.has(change.connectionId)) {
      batches.push([]);
      seen = new Set();
    }
    batches.at(-1)!.push(change);
    seen.add(change.connectionId);
  }
  return batches;
}

/**
 * One round trip for a run of tie answers, however many: each event records the tie as it was
 * (the CTEs read the snapshot from before the upsert), the upsert sets the new one (not for a
 * skip), the items record their answers. The items are locked by the caller.
 */
async function applyTieChanges(
  trx: Transaction<DB>,
  input: { subscriberId: string; digestId: string; source: 'web' | 'reply' },
  changes: TieChange[],
): Promise<void> {
  const numbers = changes.map((c) => c.number);
  const connectionIds = changes.map((c) => c.connectionId);
  const answers = changes.map((c) => c.answer);
  await sql`
    WITH answers AS (
      SELECT * FROM unnest(${numbers}::int[], ${connectionIds}::uuid[], ${answers}::text[]) WITH ORDINALITY
        AS a(number, connection_id, answer, position)),
    previous AS (SELECT t.connection_id, t.tie FROM ties t JOIN answers a ON a.connection_id = t.connection_id),
    upserted AS (
      INSERT INTO ties (connection_id, subscriber_id, tie)
      SELECT connection_id, ${input.subscriberId}, answer FROM answers WHERE answer <> 'skip'
      ON CONFLICT (connection_id) DO UPDATE SET tie = excluded.tie, updated_at = now()),
    answered AS (
      UPDATE digest_items i SET answer = a.answer, answered_at = now() FROM answers a
      WHERE i.digest_id = ${input.digestId} AND i.number = a.number)
    INSERT INTO tie_events (subscriber_id, connection_id, digest_id, tie, previous_tie, source)
    SELECT ${input.subscriberId}, a.connection_id, ${input.digestId}, a.answer, p.tie, ${input.source}
    FROM answers a LEFT JOIN previous p ON p.connection_id = a.connection_id
    ORDER BY a.position
  `.execute(trx);
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
