import { sql } from 'kysely';
import type { DbOrTx } from '../client.ts';
import type { ExportsTable } from '../types.ts';

/**
 * Uploads and their import state: the exports row and the chunks of the stored file. The import's
 * own writes (COPY, the diff) are in import-write.ts.
 */

export function findExport(db: DbOrTx, exportId: string) {
  return db.selectFrom('exports').selectAll().where('id', '=', exportId).executeTakeFirst();
}

/** Status and result as shown to the uploader (web status page, demo). */
export function findExportStatus(db: DbOrTx, exportId: string) {
  return db.selectFrom('exports').select(['status', 'summary', 'error_message']).where('id', '=', exportId).executeTakeFirst();
}

/** The same, only when the export is this subscriber's: an upload link shows its own uploads only. */
export function findSubscriberExportStatus(db: DbOrTx, exportId: string, subscriberId: string) {
  return db
    .selectFrom('exports')
    .select(['status', 'summary', 'error_message'])
    .where('id', '=', exportId)
    .where('subscriber_id', '=', subscriberId)
    .executeTakeFirst();
}

export function findExportSource(db: DbOrTx, exportId: string) {
  return db.selectFrom('exports').select('source').where('id', '=', exportId).executeTakeFirst();
}

/** The summary a finished import wrote; throws when the row is gone. */
export function findImportedSummary(db: DbOrTx, exportId: string) {
  return db.selectFrom('exports').select('summary').where('id', '=', exportId).executeTakeFirstOrThrow();
}

/** What the import-finished or import-failed email says, and when the next digest comes. */
export function findImportResult(db: DbOrTx, exportId: string) {
  return db
    .selectFrom('exports as e')
    .innerJoin('subscribers as s', 's.id', 'e.subscriber_id')
    .select(['e.subscriber_id', 'e.status', 'e.summary', 'e.error_message', 's.digest_weekday', 's.digest_hour', 's.time_zone'])
    .where('e.id', '=', exportId)
    .executeTakeFirst();
}

/**
 * A new exports row, unless this subscriber already has this file (by sha256) in any state but
 * failed: then undefined, and nothing is written.
 */
export async function insertExport(
  db: DbOrTx,
  values: { subscriberId: string; sha256: string; fileName: string; byteSize: number; source: ExportsTable['source'] },
): Promise<string | undefined> {
  const inserted = await db
    .insertInto('exports')
    .values({ subscriber_id: values.subscriberId, sha256: values.sha256, file_name: values.fileName, byte_size: values.byteSize, source: values.source })
    .onConflict((oc) => oc.columns(['subscriber_id', 'sha256']).where(sql.ref('status'), '<>', 'failed').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

/** The live (not failed) export of this file for this subscriber; throws when there is none. */
export async function findLiveExportOfFile(db: DbOrTx, subscriberId: string, sha256: string): Promise<string> {
  const existing = await db
    .selectFrom('exports')
    .select('id')
    .where('subscriber_id', '=', subscriberId)
    .where('sha256', '=', sha256)
    .where('status', '<>', 'failed')
    .executeTakeFirstOrThrow();
  return existing.id;
}

export async function insertExportChunk(db: DbOrTx, exportId: string, seq: number, data: Buffer): Promise<void> {
  await db.insertInto('export_chunks').values({ export_id: exportId, seq, data }).execute();
}

/** One chunk of a stored upload as base64 (it crosses the wire and decodes about twice as fast as bytea's hex text form). */
export async function readExportChunk(db: DbOrTx, exportId: string, seq: number): Promise<string | undefined> {
  const chunk = await db
    .selectFrom('export_chunks')
    .select(sql<string>`encode(data, 'base64')`.as('base64'))
    .where('export_id', '=', exportId)
    .where('seq', '=', seq)
    .executeTakeFirst();
  return chunk?.base64;
}

export async function deleteExportChunks(db: DbOrTx, exportId: string): Promise<void> {
  await db.deleteFrom('export_chunks').where('export_id', '=', exportId).execute();
}

export async function markExportImporting(db: DbOrTx, exportId: string): Promise<void> {
  await db.updateTable('exports').set({ status: 'importing', started_at: new Date() }).where('id', '=', exportId).execute();
}

/** Fails an import still to do (pending or importing); one already finished is left as it is. */
export async function markExportFailed(db: DbOrTx, exportId: string, code: string, message: string): Promise<void> {
  await db
    .updateTable('exports')
    .set({ status: 'failed', error_code: code, error_message: message, finished_at: new Date() })
    .where('id', '=', exportId)
    .where('status', 'in', ['pending', 'importing'])
    .execute();
}

/**
 * Counts one more start of an import still to do; the new count, or undefined when the row is
 * gone, imported or failed already (nothing counted).
 */
export async function countImportStart(db: DbOrTx, exportId: string): Promise<number | undefined> {
  const row = await db
    .updateTable('exports')
    .set({ import_attempts: sql`import_attempts + 1` })
    .where('id', '=', exportId)
    .where('status', 'in', ['pending', 'importing'])
    .returning('import_attempts')
    .executeTakeFirst();
  return row?.import_attempts;
}

/** The subscriber's newest upload and how it went: what the guided start's last step reports. */
export function latestExportOf(db: DbOrTx, subscriberId: string) {
  return db
    .selectFrom('exports')
    .select(['id', 'status', 'summary', 'error_message'])
    .where('subscriber_id', '=', subscriberId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
