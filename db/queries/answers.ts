import { sql } from 'kysely';
import type { DbOrTx } from '../client.ts';
import type { ItemAnswer, TieAnswer } from '../../domain/digest-items/index.ts';
import type { TieValue } from '../types.ts';

/*
 * Answers to digest items: the items themselves, the ties they set, the events undo goes back
 * through, and the intro requests an answer drafts. The use case (services/actions/apply-answers.ts)
 * holds the transaction and the lock; these take its trx.
 */

/** The digest's items, locked until the transaction ends, so answers to one digest queue up. */
export function lockDigestItems(trx: DbOrTx, input: { subscriberId: string; digestId: string }) {
  return trx
    .selectFrom('digest_items as i')
    .innerJoin('digests as d', 'd.id', 'i.digest_id')
    .select(['i.number', 'i.kind', 'i.connection_id', 'i.via_connection_id', 'i.answer', 'i.payload'])
    .where('i.digest_id', '=', input.digestId)
    .where('d.subscriber_id', '=', input.subscriberId)
    .orderBy('i.number')
    .forUpdate()
    .execute();
}

/** One item of the subscriber's digest, locked. */
export function lockDigestItem(trx: DbOrTx, input: { subscriberId: string; digestId: string; item: number }) {
  return trx
    .selectFrom('digest_items as i')
    .innerJoin('digests as d', 'd.id', 'i.digest_id')
    .select(['i.kind', 'i.connection_id', 'i.answer', 'i.payload'])
    .where('i.digest_id', '=', input.digestId)
    .where('i.number', '=', input.item)
    .where('d.subscriber_id', '=', input.subscriberId)
    .forUpdate()
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

export async function deleteIntroRequest(trx: DbOrTx, input: { digestId: string; item: number }): Promise<void> {
  await trx.deleteFrom('intro_requests').where('digest_id', '=', input.digestId).where('item_number', '=', input.item).execute();
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
    INSERT INTO tie_events (subscriber_id, connection_id, digest_id, tie, previous_tie, source)
    SELECT ${input.subscriberId}, a.connection_id, ${input.digestId}, a.answer, p.tie, ${input.source}
    FROM answers a LEFT JOIN previous p ON p.connection_id = a.connection_id
    ORDER BY a.position
  `.execute(trx);
}

/**
 * Puts a tie back as it stood before the first answer given through this digest (or removes it),
 * records the undo as an event, and forgets this digest's skips of the person, which would
 * otherwise keep them out of the next digests.
 */
export async function restoreTieBeforeDigest(
  trx: DbOrTx,
  input: { subscriberId: string; digestId: string; connectionId: string; undoneAnswer: ItemAnswer },
): Promise<void> {
  const first = await trx
    .selectFrom('tie_events')
    .select('previous_tie')
    .where('connection_id', '=', input.connectionId)
    .where('digest_id', '=', input.digestId)
    .where('source', '<>', 'undo')
    .orderBy('id', 'asc')
    .limit(1)
    .executeTakeFirst();
  const restore = (first?.previous_tie ?? null) as TieValue | null;
  if (restore) {
    await trx.updateTable('ties').set({ tie: restore, updated_at: new Date() }).where('connection_id', '=', input.connectionId).execute();
  } else {
    await trx.deleteFrom('ties').where('connection_id', '=', input.connectionId).execute();
  }
  await trx
    .insertInto('tie_events')
    .values({
      subscriber_id: input.subscriberId,
      connection_id: input.connectionId,
      digest_id: input.digestId,
      tie: restore,
      previous_tie: input.undoneAnswer,
      source: 'undo',
    })
    .execute();
  await trx
    .deleteFrom('tie_events')
    .where('connection_id', '=', input.connectionId)
    .where('digest_id', '=', input.digestId)
    .where('tie', '=', 'skip')
    .execute();
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
