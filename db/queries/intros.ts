import { sql } from 'kysely';
import type { IntroOutcome } from '../../domain/digest-items/index.ts';
import type { DbOrTx } from '../client.ts';

/*
 * What became of intro requests: marked sent, the outcomes follow-ups were answered with, and the
 * events every change writes (intro_events). Each change is scoped to the subscriber who owns the
 * request, and writes an event only when it changes something, so the same answer twice is one event.
 */

export type IntroSource = 'web' | 'reply';

/**
 * "I sent it" for the request drafted from item `item` of a digest of this subscriber: sets sent_at
 * once and records it. 'missing' when the subscriber's digest has no such request.
 */
export async function markIntroSent(
  db: DbOrTx,
  input: { subscriberId: string; digestId: string; item: number; source: IntroSource },
): Promise<'sent' | 'already-sent' | 'missing'> {
  const result = await sql<{ found: number; sent: number }>`
    WITH request AS (
      SELECT id FROM intro_requests
      WHERE digest_id = ${input.digestId} AND item_number = ${input.item} AND subscriber_id = ${input.subscriberId}),
    sent AS (
      UPDATE intro_requests r SET sent_at = now() FROM request
      WHERE r.id = request.id AND r.sent_at IS NULL
      RETURNING r.id),
    recorded AS (
      INSERT INTO intro_events (subscriber_id, intro_request_id, digest_id, event, source)
      SELECT ${input.subscriberId}, id, ${input.digestId}, 'sent', ${input.source} FROM sent)
    SELECT (SELECT count(*) FROM request)::int AS found, (SELECT count(*) FROM sent)::int AS sent
  `.execute(db);
  const row = result.rows[0]!;
  return row.found === 0 ? 'missing' : row.sent > 0 ? 'sent' : 'already-sent';
}

/**
 * A follow-up's answer: the request's outcome becomes `outcome`, with an event recording the one
 * before, unless it already was that outcome. Returns whether it changed.
 */
export async function setIntroOutcome(
  trx: DbOrTx,
  input: { subscriberId: string; digestId: string; introRequestId: string; outcome: IntroOutcome; source: IntroSource },
): Promise<boolean> {
  const result = await sql<{ id: string }>`
    WITH request AS (
      SELECT id, outcome, outcome_at FROM intro_requests
      WHERE id = ${input.introRequestId} AND subscriber_id = ${input.subscriberId}
      FOR UPDATE),
    changed AS (
      UPDATE intro_requests r SET outcome = ${input.outcome}, outcome_at = now() FROM request
      WHERE r.id = request.id AND request.outcome IS DISTINCT FROM ${input.outcome}
      RETURNING r.id, request.outcome AS previous_outcome, request.outcome_at AS previous_outcome_at)
    INSERT INTO intro_events (subscriber_id, intro_request_id, digest_id, event, outcome, previous_outcome, previous_outcome_at, source)
    SELECT ${input.subscriberId}, id, ${input.digestId}, 'outcome', ${input.outcome}, previous_outcome, previous_outcome_at, ${input.source} FROM changed
    RETURNING id
  `.execute(trx);
  return result.rows.length > 0;
}

/**
 * Undoes what a digest's follow-up answer did to a request: its outcome returns to what it was
 * before that digest's first answer (since that digest's last undo), recorded as an undo event.
 * 'nothing' when the answer changed nothing; 'answered-since' when another digest's answer (or
 * undo) changed the outcome after it, which is then left alone.
 */
export async function restoreIntroOutcome(
  trx: DbOrTx,
  input: { subscriberId: string; digestId: string; introRequestId: string },
): Promise<'restored' | 'nothing' | 'answered-since'> {
  const request = await trx
    .selectFrom('intro_requests')
    .select(['id', 'outcome', 'outcome_at'])
    .where('id', '=', input.introRequestId)
    .where('subscriber_id', '=', input.subscriberId)
    .forUpdate()
    .executeTakeFirst();
  if (!request) return 'nothing';
  const events = await trx
    .selectFrom('intro_events')
    .select(['id', 'digest_id', 'previous_outcome', 'previous_outcome_at', 'source'])
    .where('intro_request_id', '=', request.id)
    .where('event', '=', 'outcome')
    .orderBy('id')
    .execute();
  const fromDigest = (e: (typeof events)[number]) => e.digest_id === input.digestId;
  const lastUndo = events.filter((e) => fromDigest(e) && e.source === 'undo').at(-1);
  const first = events.find((e) => fromDigest(e) && e.source !== 'undo' && (!lastUndo || Number(e.id) > Number(lastUndo.id)));
  if (!first) return 'nothing';
  if (events.some((e) => Number(e.id) > Number(first.id) && !fromDigest(e))) return 'answered-since';
  await trx
    .updateTable('intro_requests')
    .set({ outcome: first.previous_outcome, outcome_at: first.previous_outcome_at })
    .where('id', '=', request.id)
    .execute();
  await trx
    .insertInto('intro_events')
    .values({
      subscriber_id: input.subscriberId,
      intro_request_id: request.id,
      digest_id: input.digestId,
      event: 'outcome',
      outcome: first.previous_outcome,
      previous_outcome: request.outcome,
      previous_outcome_at: request.outcome_at,
      source: 'undo',
    })
    .execute();
  return 'restored';
}

/** Records the follow-ups a digest asks (stage 1 or 2), in the digest build's transaction; a stage is asked once. */
export async function markFollowupsAsked(
  trx: DbOrTx,
  input: { subscriberId: string; digestId: string },
  asked: ReadonlyArray<{ introRequestId: string; stage: 1 | 2 }>,
): Promise<void> {
  if (asked.length === 0) return;
  await sql`
    UPDATE intro_requests r SET
      followup_1_digest_id = CASE WHEN a.stage = 1 THEN coalesce(r.followup_1_digest_id, ${input.digestId}::uuid) ELSE r.followup_1_digest_id END,
      followup_2_digest_id = CASE WHEN a.stage = 2 THEN coalesce(r.followup_2_digest_id, ${input.digestId}::uuid) ELSE r.followup_2_digest_id END
    FROM unnest(${asked.map((a) => a.introRequestId)}::uuid[], ${asked.map((a) => a.stage)}::int[]) AS a(id, stage)
    WHERE r.id = a.id AND r.subscriber_id = ${input.subscriberId}
  `.execute(trx);
}
