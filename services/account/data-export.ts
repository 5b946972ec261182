import type { Db, DbOrTx } from '../../db/client.ts';
import { toCsv, type CsvValue } from './csv.ts';
import { inboundMessagesOf } from './inbound-of.ts';

/**
 * Everything Rapport holds about a subscriber, for their right of access (GDPR Art. 15), read in
 * one repeatable-read transaction so the parts agree with each other. Left out on purpose:
 * - email bodies and headers (outbox) and raw inbound messages: they hold working link and reply
 *   tokens, which a downloaded file must not carry, and they only restate what is below (digest
 *   items and analysis) or what the subscriber wrote and still has in their own mailbox;
 * - token rows and session hashes, which say nothing (the sessions' times are included);
 * - the raw uploads, which are deleted once parsed and are the subscriber's own files anyway.
 */
export async function collectSubscriberData(db: Db, subscriberId: string, now: Date = new Date()) {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const subscriber = await trx.selectFrom('subscribers').selectAll().where('id', '=', subscriberId).executeTakeFirst();
      if (!subscriber) return null;
      const { id: _id, ...profile } = subscriber;
      const bySubscriber = <T extends { subscriber_id: string }>(rows: T[]) => rows.map(({ subscriber_id: _s, ...rest }) => rest);

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
      const intros = await trx.selectFrom('intro_requests').selectAll().where('subscriber_id', '=', subscriberId).orderBy('created_at').execute();
      const emails = await trx
        .selectFrom('outbox')
        .select(['kind', 'recipient', 'subject', 'status', 'attempts', 'last_error', 'message_id', 'digest_id', 'created_at', 'sent_at'])
        .where('subscriber_id', '=', subscriberId)
        .orderBy('created_at')
        .execute();
      const inbound = await inboundMessagesOf(trx, subscriber)
        .select(['id', 'message_id', 'via', 'envelope_from', 'status', 'result', 'created_at', 'processed_at'])
        .orderBy('created_at')
        .execute();
      // Addresses this subscription had, and when each browser signed in: both are about the subscriber.
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

      const evidenceOf = new Map(evidence.map(({ connection_id, ...rest }) => [connection_id, rest]));
      const tieOf = new Map(ties.map(({ connection_id, ...rest }) => [connection_id, rest]));
      return {
        format: 'rapport-data-export',
        version: 1,
        exported_at: now.toISOString(),
        subscriber: profile,
        strategy_answers: bySubscriber(strategy),
        exports,
        connections: connections.map((c) => ({ ...c, tie: tieOf.get(c.id) ?? null, evidence: evidenceOf.get(c.id) ?? null })),
        connection_changes: bySubscriber(changes),
        tie_events: bySubscriber(tieEvents),
        digests: digests.map((d) => ({ ...d, items: items.filter((i) => i.digest_id === d.id).map(({ digest_id: _d, ...rest }) => rest) })),
        intro_requests: bySubscriber(intros),
        emails_sent: emails,
        inbound_messages: inbound,
        address_changes: addressChanges,
        signed_in_browsers: sessions,
      };
    });
}

export type SubscriberData = NonNullable<Awaited<ReturnType<typeof collectSubscriberData>>>;

const csvColumns = [
  'first_name', 'last_name', 'company', 'position', 'email', 'profile_url', 'connected_on', 'removed_at', 'your_answer', 'answered_at',
  'messages_in', 'messages_out', 'two_way_threads', 'last_message_at', 'invitation_direction', 'invitation_note', 'invitation_sent_at',
  'recommendations_received', 'recommendations_given', 'endorsements_received', 'endorsements_given', 'shared_employer',
] as const;

/** One row per connection with the subscriber's answer and the export's evidence, for a spreadsheet. */
export async function connectionsCsv(db: DbOrTx, subscriberId: string): Promise<string> {
  const rows = await db
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
  return toCsv(csvColumns, rows.map((row) => csvColumns.map((column) => row[column] as CsvValue)));
}
