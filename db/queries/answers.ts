import { sql } from 'kysely';
import type { DbOrTx } from '../client.ts';
import type { ItemAnswer, TieAnswer } from '../../domain/digest-items/index.ts';
import type { TieValue } from '../types.ts';

/*
 * Answers to digest items: the items themselves, the ties they set, the events undo goes back
 * through, and the intro requests an answer drafts. The use case (services/actions/apply-answers.ts)
 * holds the transaction and the lock; these take its trx.
 */

/**
 * The digest's items, locked until the transaction ends, so answers to one digest queue up; with
 * each person's tie as it stands, which is what an answer changes (and a receipt says it changed).
 */
export function lockDigestItems(trx: DbOrTx, input: { subscriberId: string; digestId: string }) {
  return trx
    .selectFrom('digest_items as i')
    .innerJoin('digests as d', 'd.id', 'i.digest_id')
    .leftJoin('ties as t', 't.connection_id', 'i.connection_id')
    .select(['i.number', 'i.kind', 'i.connection_id', 'i.via_connection_id', 'i.answer', 'i.payload', 't.tie'])
    .where('i.digest_id', '=', input.digestId)
    .where('d.subscriber_id', '=', input.subscriberId)
    .orderBy('i.number')
    .forUpdate('i')
    .execute();
}

/** One item of the subscriber's digest, locked, with what undo needs to name it. */
export function lockDigestItem(trx: DbOrTx, input: { subscriberId: string; digestId: string; item: number }) {
  return trx
    .selectFrom('digest_items as i')
    .innerJoin('digests as d', 'd.id', 'i.digest_id')
    .select(['i.number', 'i.kind', 'i.connection_id', 'i.answer', 'i.payload'])
    .where('i.digest_id', '=', input.digestId)
    .where('i.number', '=', input.item)
    .where('d.subscriber_id', '=', input.subscriberId)
    .forUpdate('i')
    .executeTakeFirst();
}

export async function setItemAnswer(trx: DbOrTx, input: { digestId: string; item: number; answer: ItemAnswer | null }): Promise<void> {
  await trx
    .updateTable('digest_items')
    .set({ answer: input.answer, answered_at: input.answer ? new Date() : null })
    .where('digest_id', '=', input.digestId)
    .where('number', '=', input.item)
    .execute();
}

/** Drafted at most once per item: answering intro twice keeps the first request. */
export async function insertIntroRequest(
  trx: DbOrTx,
  input: { subscriberId: string; digestId: string; item: number; viaConnectionId: string; targetConnectionId: string | null; targetLabel: string; subject: string; body: string },
): Promise<void> {
  await trx
    .insertInto('intro_requests')
    .values({
      subscriber_id: input.subscriberId,
      digest_id: input.digestId,
      item_number: input.item,
      via_connection_id: input.viaConnectionId,
      target_connection_id: input.targetConnectionId,
      target_label: input.targetLabel,
      subject: input.subject,
      body: input.body,
    })
    .onConflict((oc) => oc.columns(['digest_id', 'item_number']).doNothing())
    .execute();
}

/**
 * Withdraws a draft, only while it is still just a draft: a request marked sent, or with an outcome,
 * has a history (its events, the quality count) that an undo must not erase. True when withdrawn
 * or never there; false when it has moved on.
 */
export async function deleteIntroRequest(trx: DbOrTx, input: { digestId: string; item: number }): Promise<boolean> {
  const request = await trx.selectFrom('intro_requests').select(['id', 'sent_at', 'outcome']).where('digest_id', '=', input.digestId).where('item_number', '=', input.item).forUpdate().executeTakeFirst();
  if (!request) return true;
  if (request.sent_at || request.outcome) return false;
  await trx.deleteFrom('intro_requests').where('id', '=', request.id).execute();
  return true;
}

/** The drafts of a digest's intro requests, for the saved page to show. */
export function introDrafts(db: DbOrTx, digestId: string) {
  return db
    .selectFrom('intro_requests as r')
    .innerJoin('connections as c', 'c.id', 'r.via_connection_id')
    .select(['r.item_number', 'r.subject', 'r.body', 'c.first_name as via_first_name', 'c.last_name as via_last_name', 'c.profile_url as via_profile_url'])
    .where('r.digest_id', '=', digestId)
    .execute();
}

export interface TieChange {
  number: number;
  connectionId: string;
  answer: TieAnswer | 'skip';
}

/**
 * One round trip for a run of tie answers that names each person once, however many: each event
 * records the tie as it was (the CTEs read the snapshot from before the upsert), the upsert sets
 * the new one (not for a skip), the items record their answers. The items are locked by the caller.
 */
export async function applyTieChanges(
  trx: DbOrTx,
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
    INSERT INTO tie_events (subscriber_id, connection_id, digest_id, item_number, tie, previous_tie, source)
    SELECT ${input.subscriberId}, a.connection_id, ${input.digestId}, a.number, a.answer, p.tie, ${input.source}
    FROM answers a LEFT JOIN previous p ON p.connection_id = a.connection_id
    ORDER BY a.position
  `.execute(trx);
}

export interface AnswerEvent {
  item: number;
  connectionId: string | null;
  answer: ItemAnswer;
  previousAnswer: ItemAnswer | null;
  previousTie: TieValue | null;
}

/**
 * Records the answers one form post or reply changed, as one batch, in one round trip; returns the
 * batch's id, which a receipt's undo names.
 */
export async function recordAnswerBatch(
  trx: DbOrTx,
  input: { subscriberId: string; digestId: string; source: 'web' | 'reply' },
  events: AnswerEvent[],
): Promise<string> {
  const result = await sql<{ id: string }>`
    WITH batch AS (
      INSERT INTO answer_batches (subscriber_id, digest_id, source) VALUES (${input.subscriberId}, ${input.digestId}, ${input.source}) RETURNING id),
    events AS (
      INSERT INTO answer_events (batch_id, subscriber_id, digest_id, item_number, connection_id, answer, previous_answer, previous_tie)
      SELECT batch.id, ${input.subscriberId}, ${input.digestId}, e.item, e.connection_id, e.answer, e.previous_answer, e.previous_tie
      FROM batch, unnest(${events.map((e) => e.item)}::int[], ${events.map((e) => e.connectionId)}::uuid[], ${events.map((e) => e.answer)}::text[],
        ${events.map((e) => e.previousAnswer)}::text[], ${events.map((e) => e.previousTie)}::text[]) WITH ORDINALITY
        AS e(item, connection_id, answer, previous_answer, previous_tie, position)
      ORDER BY e.position)
    SELECT id FROM batch
  `.execute(trx);
  return result.rows[0]!.id;
}

/** The answer an item has now, as its latest event that was not taken back, or undefined. */
export function latestAnswerEvent(trx: DbOrTx, input: { digestId: string; item: number }) {
  return trx
    .selectFrom('answer_events')
    .select(['id', 'batch_id', 'connection_id', 'answer', 'previous_answer', 'previous_tie'])
    .where('digest_id', '=', input.digestId)
    .where('item_number', '=', input.item)
    .where('undone_at', 'is', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Whether the person was answered about again after this event, other than through the same item
 * (its own later answers and undos are its history): by another digest, a reply, or by person on
 * the review page. Compared in SQL: timestamps read into JavaScript lose their microseconds.
 */
export async function answeredSince(trx: DbOrTx, input: { eventId: string; connectionId: string; digestId: string; item: number }): Promise<boolean> {
  const row = await sql<{ since: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM tie_events t
      WHERE t.connection_id = ${input.connectionId}
        AND t.created_at > (SELECT created_at FROM answer_events WHERE id = ${input.eventId})
        AND (t.digest_id, t.item_number) IS DISTINCT FROM (${input.digestId}::uuid, ${input.item}::smallint)
    ) AS since
  `.execute(trx);
  return row.rows[0]!.since;
}

/**
 * Puts a person's tie back to what an answer replaced (or removes it) and records the undo as a tie
 * event of the same item.
 */
export async function restoreTie(
  trx: DbOrTx,
  input: { subscriberId: string; digestId: string; item: number | null; connectionId: string; restore: TieValue | null; undone: ItemAnswer },
): Promise<void> {
  if (input.restore) {
    await trx
      .insertInto('ties')
      .values({ connection_id: input.connectionId, subscriber_id: input.subscriberId, tie: input.restore })
      .onConflict((oc) => oc.column('connection_id').doUpdateSet({ tie: input.restore!, updated_at: new Date() }))
      .execute();
  } else {
    await trx.deleteFrom('ties').where('connection_id', '=', input.connectionId).execute();
  }
  await trx
    .insertInto('tie_events')
    .values({
      subscriber_id: input.subscriberId,
      connection_id: input.connectionId,
      digest_id: input.digestId,
      item_number: input.item,
      tie: input.restore,
      previous_tie: input.undone,
      source: 'undo',
    })
    .execute();
}

/** The latest tie event about one of the subscriber's people, locked with its tie: what an undo by person looks at. */
export async function latestTieEvent(trx: DbOrTx, input: { subscriberId: string; connectionId: string }) {
  await trx.selectFrom('ties').select('connection_id').where('connection_id', '=', input.connectionId).where('subscriber_id', '=', input.subscriberId).forUpdate().execute();
  return trx
    .selectFrom('tie_events')
    .select(['id', 'digest_id', 'item_number', 'tie', 'previous_tie', 'source'])
    .where('connection_id', '=', input.connectionId)
    .where('subscriber_id', '=', input.subscriberId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Forgets an item's skips of its person, which would otherwise keep them out of the next digests. */
export async function forgetSkips(trx: DbOrTx, input: { digestId: string; item: number; connectionId: string }): Promise<void> {
  await trx
    .deleteFrom('tie_events')
    .where('connection_id', '=', input.connectionId)
    .where('digest_id', '=', input.digestId)
    .where('item_number', '=', input.item)
    .where('tie', '=', 'skip')
    .execute();
}

export async function markAnswerEventUndone(trx: DbOrTx, eventId: string): Promise<void> {
  await trx.updateTable('answer_events').set({ undone_at: new Date() }).where('id', '=', eventId).execute();
}

/** A batch of the subscriber's, with its events still standing, latest first; locked. */
export async function lockAnswerBatch(trx: DbOrTx, input: { subscriberId: string; batchId: string }) {
  const batch = await trx
    .selectFrom('answer_batches')
    .select(['id', 'digest_id', 'undone_at', 'created_at'])
    .where('id', '=', input.batchId)
    .where('subscriber_id', '=', input.subscriberId)
    .forUpdate()
    .executeTakeFirst();
  if (!batch) return null;
  const events = await trx
    .selectFrom('answer_events')
    .select(['id', 'item_number', 'answer'])
    .where('batch_id', '=', input.batchId)
    .where('undone_at', 'is', null)
    .orderBy('id', 'desc')
    .execute();
  return { ...batch, events };
}

export async function markBatchUndone(trx: DbOrTx, batchId: string): Promise<void> {
  await trx.updateTable('answer_batches').set({ undone_at: new Date() }).where('id', '=', batchId).execute();
}

/** The digest's items with their current answers, for the review page. */
export function digestItems(db: DbOrTx, digestId: string) {
  return db
    .selectFrom('digest_items')
    .select(['number', 'kind', 'answer', 'payload'])
    .where('digest_id', '=', digestId)
    .orderBy('number')
    .execute();
}

export interface UnreviewedPerson {
  id: string;
  first_name: string;
  last_name: string;
  company: string;
  position: string;
  profile_url: string | null;
}

/** The subscriber's current connections they have not answered about yet. */
export function unreviewedConnections(db: DbOrTx, subscriberId: string): Promise<UnreviewedPerson[]> {
  return db
    .selectFrom('connections as c')
    .leftJoin('ties as t', 't.connection_id', 'c.id')
    .select(['c.id', 'c.first_name', 'c.last_name', 'c.company', 'c.position', 'c.profile_url'])
    .where('c.subscriber_id', '=', subscriberId)
    .where('c.removed_at', 'is', null)
    .where('t.connection_id', 'is', null)
    .execute();
}

/**
 * Ties answered about people by id rather than through a digest's items (the review page's list of
 * people at a target), in one round trip. Only the subscriber's own current connections change,
 * whatever ids a form sends; an unchanged tie writes nothing. Returns the ids that changed.
 */
export async function setTiesByConnection(
  trx: DbOrTx,
  input: { subscriberId: string; digestId: string; source: 'web' },
  changes: Array<{ connectionId: string; tie: TieAnswer }>,
): Promise<string[]> {
  if (changes.length === 0) return [];
  const result = await sql<{ connection_id: string }>`
    WITH answers AS (
      SELECT * FROM unnest(${changes.map((c) => c.connectionId)}::uuid[], ${changes.map((c) => c.tie)}::text[]) AS a(connection_id, tie)),
    owned AS (
      SELECT a.connection_id, a.tie FROM answers a
      JOIN connections c ON c.id = a.connection_id AND c.subscriber_id = ${input.subscriberId} AND c.removed_at IS NULL),
    previous AS (SELECT t.connection_id, t.tie FROM ties t JOIN owned o ON o.connection_id = t.connection_id),
    changed AS (
      SELECT o.connection_id, o.tie, p.tie AS previous_tie FROM owned o LEFT JOIN previous p ON p.connection_id = o.connection_id
      WHERE p.tie IS DISTINCT FROM o.tie),
    upserted AS (
      INSERT INTO ties (connection_id, subscriber_id, tie)
      SELECT connection_id, ${input.subscriberId}, tie FROM changed
      ON CONFLICT (connection_id) DO UPDATE SET tie = excluded.tie, updated_at = now())
    INSERT INTO tie_events (subscriber_id, connection_id, digest_id, tie, previous_tie, source)
    SELECT ${input.subscriberId}, connection_id, ${input.digestId}, tie, previous_tie, ${input.source} FROM changed
    RETURNING connection_id
  `.execute(trx);
  return result.rows.map((r) => r.connection_id);
}

/** One of the subscriber's batches, with each answer it gave and the item it went to, for its undo page. */
export async function answerBatch(db: DbOrTx, input: { subscriberId: string; batchId: string }) {
  const batch = await db
    .selectFrom('answer_batches')
    .select(['id', 'digest_id', 'source', 'undone_at', 'created_at'])
    .where('id', '=', input.batchId)
    .where('subscriber_id', '=', input.subscriberId)
    .executeTakeFirst();
  if (!batch) return null;
  const answers = await db
    .selectFrom('answer_events as e')
    .innerJoin('digest_items as i', (join) => join.onRef('i.digest_id', '=', 'e.digest_id').onRef('i.number', '=', 'e.item_number'))
    .select(['e.item_number', 'e.answer', 'e.undone_at', 'i.kind', 'i.payload'])
    .where('e.batch_id', '=', input.batchId)
    .orderBy('e.id')
    .execute();
  return { ...batch, answers };
}
