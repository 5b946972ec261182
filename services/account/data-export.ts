import type { Db, DbOrTx } from '../../db/client.ts';
import { findConnectionsForCsv, readSubscriberRecords } from '../../db/queries/data-export.ts';
import { findSubscriber } from '../../db/queries/subscribers.ts';
import { toCsv, type CsvValue } from './csv.ts';

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
      const subscriber = await findSubscriber(trx, subscriberId);
      if (!subscriber) return null;
      const { id: _id, ...profile } = subscriber;
      const bySubscriber = <T extends { subscriber_id: string }>(rows: T[]) => rows.map(({ subscriber_id: _s, ...rest }) => rest);

      const { strategy, exports, connections, evidence, ties, changes, tieEvents, answerBatches, digests, items, intros, emails, inbound, addressChanges, sessions } =
        await readSubscriberRecords(trx, subscriber);

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
        answers_given: answerBatches,
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
  const rows = await findConnectionsForCsv(db, subscriberId);
  return toCsv(csvColumns, rows.map((row) => csvColumns.map((column) => row[column] as CsvValue)));
}
