import { sql } from 'kysely';
import type { DbOrTx } from '../../db/client.ts';

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
export async function dataCounts(db: DbOrTx, subscriberId: string): Promise<DataCounts> {
  const count = (table: string) => sql<number>`(SELECT count(*)::int FROM ${sql.table(table)} WHERE subscriber_id = ${subscriberId})`;
  const result = await sql<DataCounts>`
    SELECT ${count('strategy_answers')} AS "strategyAnswers", ${count('exports')} AS "exports", ${count('connections')} AS "connections",
      ${count('ties')} AS "answers", ${count('digests')} AS "digests", ${count('outbox')} AS "emails",
      ${count('inbound_messages')} AS "inboundMessages"`.execute(db);
  return result.rows[0]!;
}
