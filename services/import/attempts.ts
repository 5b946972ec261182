/**
 * Import attempts, counted in Postgres. BullMQ fails a job whose worker died under it twice
 * (maxStalledCount 1), but its count lives in Redis, which can forget it (FLUSHALL, job history
 * trimmed, the sweeper re-adding a row still marked 'importing'). The row's own count cannot be
 * forgotten: an upload that keeps killing its worker is failed for good, with a message.
 */
import type { Db } from '../../db/client.ts';
import { countImportStart } from '../../db/queries/exports.ts';

/** Starts allowed per upload: BullMQ's own attempts for the job (3) and never one more. */
const MAX_IMPORT_STARTS = 3;

export const IMPORT_STOPPED =
  'Reading this file stopped our importer twice before it could finish, so we have set it aside to keep Rapport running ' +
  'for everyone. Nothing was changed. A file exactly as LinkedIn sent it should not do this: download a fresh copy of your ' +
  'data from LinkedIn and upload the .zip unchanged.';

export type AttemptStart = { kind: 'go'; attempt: number } | { kind: 'too-many'; attempt: number } | { kind: 'finished' };

/**
 * Counts one more start of an import that is still to do, before any work; 'finished' when the
 * row is gone, imported or failed already (nothing to count, nothing to do).
 */
export async function startImportAttempt(db: Db, exportId: string): Promise<AttemptStart> {
  const attempt = await countImportStart(db, exportId);
  if (attempt === undefined) return { kind: 'finished' };
  return attempt > MAX_IMPORT_STARTS ? { kind: 'too-many', attempt } : { kind: 'go', attempt };
}
