import { sql, type ExpressionBuilder } from 'kysely';
import type { DbOrTx } from '../client.ts';
import type { DB } from '../types.ts';
import type { DigestItemContent } from '../../domain/digest-items/index.ts';
import type { ProgressPoint } from '../../domain/network/types.ts';
import { progressHistory, sentProgressSql } from './analysis-input.ts';
import { suppressionHashSql } from './suppressions.ts';

/** digests and digest_items rows, and the subscriber selections that planning and reminders start from. */

/** Subscribers who may be written to at all: active, not paused, not suppressed. */
function reachableSubscribers(db: DbOrTx, now: Date, suppressionSecret: string) {
  return db
    .selectFrom('subscribers as s')
    .select(['s.id', 's.time_zone', 's.digest_weekday', 's.digest_hour'])
    .where('s.status', '=', 'active')
    .where((eb) => eb.or([eb('s.paused_until', 'is', null), eb('s.paused_until', '<=', now)]))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('suppressions as x').select('x.email_hash').where('x.email_hash', '=', suppressionHashSql(suppressionSecret, sql.ref<string>('s.email'))))),
    );
}

/** The subscriber `s` has an imported export: there is something to write about. */
const hasImportedExport = ({ exists, selectFrom }: ExpressionBuilder<DB & { s: DB['subscribers'] }, 's'>) =>
  exists(selectFrom('exports as e').select('e.id').whereRef('e.subscriber_id', '=', 's.id').where('e.status', '=', 'imported'));

/** Reachable subscribers with an imported export (all, or just `subscriberId`) and their digest slot. */
export function findDigestEligibleSubscribers(db: DbOrTx, now: Date, suppressionSecret: string, subscriberId?: string) {
  let query = reachableSubscribers(db, now, suppressionSecret).where(hasImportedExport);
  if (subscriberId) query = query.where('s.id', '=', subscriberId);
  return query.execute();
}

/** Reachable subscribers with nothing imported and no upload reminder since `since`, with their digest slot. */
export function findUploadReminderCandidates(db: DbOrTx, now: Date, suppressionSecret: string, since: Date) {
  return reachableSubscribers(db, now, suppressionSecret)
    .where((eb) => eb.not(hasImportedExport(eb)))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('outbox as o').select('o.id').whereRef('o.subscriber_id', '=', 's.id').where('o.kind', '=', 'reminder').where('o.created_at', '>', since),
        ),
      ),
    )
    .execute();
}

/**
 * Inserts planned digests, a thousand rows a statement; a (subscriber, ISO week) that has one
 * already is skipped. Returns the ids of the rows created.
 */
export async function insertPlannedDigests(db: DbOrTx, rows: Array<{ subscriberId: string; isoWeek: string }>): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const inserted = await db
      .insertInto('digests')
      .values(chunk.map((r) => ({ subscriber_id: r.subscriberId, iso_week: r.isoWeek })))
      .onConflict((oc) => oc.columns(['subscriber_id', 'iso_week']).doNothing())
      .returning('id')
      .execute();
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

export async function findDigestIdOfWeek(db: DbOrTx, subscriberId: string, isoWeek: string): Promise<string> {
  const row = await db
    .selectFrom('digests')
    .select('id')
    .where('subscriber_id', '=', subscriberId)
    .where('iso_week', '=', isoWeek)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A digest with what building it needs of its subscriber (unlocked: the build locks the row itself). */
export function findDigestToBuild(db: DbOrTx, digestId: string) {
  return db
    .selectFrom('digests as d')
    .innerJoin('subscribers as s', 's.id', 'd.subscriber_id')
    .select(['d.id', 'd.status', 'd.iso_week', 'd.subscriber_id', 's.email', 's.name', 's.status as subscriber_status'])
    .where('d.id', '=', digestId)
    .executeTakeFirst();
}

/** Marks a digest skipped, only while it is still planned. */
export async function skipPlannedDigest(db: DbOrTx, digestId: string): Promise<void> {
  await db.updateTable('digests').set({ status: 'skipped' }).where('id', '=', digestId).where('status', '=', 'planned').execute();
}

/** For the rest of the caller's transaction, COMMIT does not wait for the WAL to reach the disk. */
export async function skipWaitingForDiskOnCommit(trx: DbOrTx): Promise<void> {
  await sql`SET LOCAL synchronous_commit = off`.execute(trx);
}

/** The digest's status, its row locked FOR UPDATE inside the caller's transaction. */
export async function lockDigestStatus(trx: DbOrTx, digestId: string) {
  const row = await trx.selectFrom('digests').select('status').where('id', '=', digestId).forUpdate().executeTakeFirst();
  return row?.status;
}

/** An item with the payload its kind carries (the contract in domain/digest-items). */
export type NewDigestItem = DigestItemContent & {
  number: number;
  connectionId: string | null;
  viaConnectionId: string | null;
};

export async function insertDigestItems(db: DbOrTx, digestId: string, items: NewDigestItem[]): Promise<void> {
  await db
    .insertInto('digest_items')
    .values(
      items.map((item) => ({
        digest_id: digestId,
        number: item.number,
        kind: item.kind,
        connection_id: item.connectionId,
        via_connection_id: item.viaConnectionId,
        payload: JSON.stringify(item.payload),
      })),
    )
    .execute();
}

export async function markDigestBuilt(db: DbOrTx, digestId: string, built: { subject: string; analysis: unknown; now: Date }): Promise<void> {
  await db
    .updateTable('digests')
    .set({ status: 'built', subject: built.subject, analysis: JSON.stringify(built.analysis), built_at: built.now })
    .where('id', '=', digestId)
    .execute();
}

/** The digest a sent (or failed) outbox row carried follows it. */
export async function setDigestDelivery(db: DbOrTx, digestId: string, status: 'sent' | 'failed'): Promise<void> {
  await db.updateTable('digests').set({ status }).where('id', '=', digestId).execute();
}

/**
 * The progress chart on the web pages: the counts each past sent digest recorded (oldest first, at
 * most PROGRESS_WEEKS - 1), and the counts as they stand now, answers since the last digest included.
 */
export async function progressNow(db: DbOrTx, subscriberId: string): Promise<{ history: ProgressPoint[]; now: { known: number; close: number; unreviewed: number } }> {
  const result = await sql<{ history: Parameters<typeof progressHistory>[0]; known: number; close: number; unreviewed: number }>`
    SELECT ${sentProgressSql(subscriberId, null)} AS history,
      count(*) FILTER (WHERE t.tie = 'known')::int AS known,
      count(*) FILTER (WHERE t.tie = 'close')::int AS close,
      count(*) FILTER (WHERE t.tie IS NULL)::int AS unreviewed
    FROM connections c LEFT JOIN ties t ON t.connection_id = c.id
    WHERE c.subscriber_id = ${subscriberId} AND c.removed_at IS NULL`.execute(db);
  const row = result.rows[0]!;
  return { history: progressHistory(row.history), now: { known: row.known, close: row.close, unreviewed: row.unreviewed } };
}
