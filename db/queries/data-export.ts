import { sql } from 'kysely';
import type { DbOrTx } from '../client.ts';
import { findInboundMessagesForExport } from './inbound.ts';
import type { Subscriber } from '../types.ts';

/** The reads behind "My data": counts for the page, and every record for the download (GDPR Art. 15). */

export interface DataCounts {
  strategyAnswers: number;
  exports: number;
  connections: number;
  answers: number;
  digests: number;
  emails: number;
  inboundMessages: number;
}

/** How much there is of each kind, for the "My data" page; one round trip. */
export async function countSubscriberData(db: DbOrTx, subscriberId: string): Promise<DataCounts> {
  const count = (table: string) => sql<number>`(SELECT count(*)::int FROM ${sql.table(table)} WHERE subscriber_id = ${subscriberId})`;
  const result = await sql<DataCounts>`
    SELECT ${count('strategy_answers')} AS "strategyAnswers", ${count('exports')} AS "exports", ${count('connections')} AS "connections",
      ${count('ties')} AS "answers", ${count('digests')} AS "digests", ${count('outbox')} AS "emails",
      ${count('inbound_messages')} AS "inboundMessages"`.execute(db);
  return result.rows[0]!;
}

/**
 * Every record the data export shows, one statement after another on `trx`: the caller runs this in a
 * repeatable-read transaction so the parts agree. Email bodies, token rows and session hashes are not read.
 */
export async function readSubscriberRecords(trx: DbOrTx, subscriber: Subscriber) {
  const subscriberId = subscriber.id;
  const strategy = await trx.selectFrom('strategy_answers').selectAll().where('subscriber_id', '=', subscriberId).orderBy('id').execute();
  const exports = await trx
    .selectFrom('exports')
    .select(['id', 'file_name', 'byte_size', 'source', 'status', 'error_code', 'error_message', 'summary', 'created_at', 'started_at', 'finished_at'])
    .where('subscriber_id', '=', subscriberId)
    .orderBy('created_at')
    .execute();
  const connections = await trx
    .selectFrom('connections')
    .select(['id', 'first_name', 'last_name', 'email', 'company', 'position', 'profile_url', 'connected_on', 'connected_on_raw', 'first_export_id', 'removed_at', 'created_at', 'updated_at'])
    .where('subscriber_id', '=', subscriberId)
    .orderBy('last_name')
    .orderBy('first_name')
    .execute();
  const evidence = await trx
    .selectFrom('evidence as e')
    .innerJoin('connections as c', 'c.id', 'e.connection_id')
    .selectAll('e')
    .where('c.subscriber_id', '=', subscriberId)
    .execute();
  const ties = await trx.selectFrom('ties').select(['connection_id', 'tie', 'updated_at']).where('subscriber_id', '=', subscriberId).execute();
  const changes = await trx.selectFrom('connection_changes').selectAll().where('subscriber_id', '=', subscriberId).orderBy('id').execute();
  const tieEvents = await trx.selectFrom('tie_events').selectAll().where('subscriber_id', '=', subscriberId).orderBy('id').execute();
  const digests = await trx
    .selectFrom('digests')
    .select(['id', 'iso_week', 'status', 'subject', 'analysis', 'created_at', 'built_at'])
    .where('subscriber_id', '=', subscriberId)
    .orderBy('created_at')
    .execute();
  const items = await trx
    .selectFrom('digest_items as i')
    .innerJoin('digests as d', 'd.id', 'i.digest_id')
    .selectAll('i')
    .where('d.subscriber_id', '=', subscriberId)
    .orderBy('i.number')
    .execute();
  // Every answer that changed an item, with what it replaced, grouped by the reply or page post that gave it.
  const batches = await trx.selectFrom('answer_batches').select(['id', 'digest_id', 'source', 'undone_at', 'created_at']).where('subscriber_id', '=', subscriberId).orderBy('created_at').execute();
  const answerEvents = await trx
    .selectFrom('answer_events')
    .select(['batch_id', 'digest_id', 'item_number', 'answer', 'previous_answer', 'previous_tie', 'undone_at', 'created_at'])
    .where('subscriber_id', '=', subscriberId)
    .orderBy('id')
    .execute();
  const answerBatches = batches.map((b) => ({ ...b, answers: answerEvents.filter((e) => e.batch_id === b.id).map(({ batch_id: _b, ...answer }) => answer) }));
  const requests = await trx.selectFrom('intro_requests').selectAll().where('subscriber_id', '=', subscriberId).orderBy('created_at').execute();
  // Every change of each request (sent, outcomes, undos), in order, under the request it changed.
  const introEvents = await trx
    .selectFrom('intro_events')
    .select(['id', 'intro_request_id', 'digest_id', 'event', 'outcome', 'previous_outcome', 'previous_outcome_at', 'source', 'created_at'])
    .where('subscriber_id', '=', subscriberId)
    .orderBy('id')
    .execute();
  const intros = requests.map((r) => ({
    ...r,
    events: introEvents.filter((e) => e.intro_request_id === r.id).map(({ intro_request_id: _r, ...event }) => event),
  }));
  const emails = await trx
    .selectFrom('outbox')
    .select(['kind', 'recipient', 'subject', 'status', 'attempts', 'last_error', 'message_id', 'digest_id', 'created_at', 'sent_at'])
    .where('subscriber_id', '=', subscriberId)
    .orderBy('created_at')
    .execute();
  const inbound = await findInboundMessagesForExport(trx, subscriber);
  const addressChanges = await trx
    .selectFrom('email_changes')
    .select(['old_email', 'new_email', 'created_at', 'reverted_at'])
    .where('subscriber_id', '=', subscriberId)
    .orderBy('created_at')
    .execute();
  const sessions = await trx
    .selectFrom('account_sessions')
    .select(['created_at', 'last_seen_at', 'expires_at', 'revoked_at'])
    .where('subscriber_id', '=', subscriberId)
    .orderBy('created_at')
    .execute();
  return { strategy, exports, connections, evidence, ties, changes, tieEvents, answerBatches, digests, items, intros, emails, inbound, addressChanges, sessions };
}

/** One row per connection with the subscriber's answer and the export's evidence, ordered by name. */
export function findConnectionsForCsv(db: DbOrTx, subscriberId: string) {
  return db
    .selectFrom('connections as c')
    .leftJoin('ties as t', 't.connection_id', 'c.id')
    .leftJoin('evidence as e', 'e.connection_id', 'c.id')
    .select([
      'c.first_name', 'c.last_name', 'c.company', 'c.position', 'c.email', 'c.profile_url', 'c.connected_on', 'c.removed_at',
      't.tie as your_answer', 't.updated_at as answered_at',
      'e.messages_in', 'e.messages_out', 'e.two_way_threads', 'e.last_message_at', 'e.invitation_direction', 'e.invitation_note',
      'e.invitation_sent_at', 'e.recommendations_received', 'e.recommendations_given', 'e.endorsements_received', 'e.endorsements_given',
      'e.shared_employer',
    ])
    .where('c.subscriber_id', '=', subscriberId)
    .orderBy('c.last_name')
    .orderBy('c.first_name')
    .execute();
}

/** Ids of a subscriber's rows in a table whose jobs are named by row id (for erasure). */
export async function findRowIdsOf(db: DbOrTx, table: 'exports' | 'digests' | 'outbox', subscriberId: string): Promise<string[]> {
  return (await db.selectFrom(table).select('id').where('subscriber_id', '=', subscriberId).execute()).map((r) => r.id);
}
