import type { Job } from 'bullmq';
import { findExportSource } from '../../db/queries/exports.ts';
import type { AppContext } from '../../runtime/context.ts';
import { IMPORT_STOPPED, startImportAttempt } from '../../services/import/attempts.ts';
import { GENERIC_IMPORT_FAILURE, markImportFailed, runImport } from '../../services/import/run-import.ts';
import { queueImportResult } from '../../services/mail/notifications.ts';
import type { JobHandler } from './types.ts';
import { enqueueSend } from '../../services/mail/enqueue-send.ts';

export const handleImportExport: JobHandler<'import.export'> = async (ctx, { exportId }, job) => {
  const start = await startImportAttempt(ctx.db, exportId);
  if (start.kind === 'too-many') {
    // Earlier starts never reached an end (their worker died): do not offer it another.
    ctx.log.warn({ exportId, attempt: start.attempt }, 'import started too often: failed for good');
    await giveUp(ctx, exportId, 'import_stopped', IMPORT_STOPPED);
    return 'failed';
  }
  try {
    const outcome = await runImport({ ...ctx, limits: { maxUploadBytes: ctx.config.maxUploadBytes } }, exportId);
    await notifyUploader(ctx, exportId);
    return outcome.status;
  } catch (error) {
    // On the last attempt a fault of ours still has to end in a recorded, explained state.
    if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await giveUp(ctx, exportId, 'internal', GENERIC_IMPORT_FAILURE);
    throw error;
  }
};

/**
 * BullMQ failed the job for good without running it to an end: its worker died under it twice
 * ("job stalled more than allowable limit"), or the last retry threw. The row must still end
 * failed and the subscriber be told, once.
 */
export async function handleImportGaveUp(ctx: AppContext, payload: { exportId: string }, _job: Job, error: Error): Promise<void> {
  const stalled = /stalled/i.test(error.message);
  await giveUp(ctx, payload.exportId, stalled ? 'import_stopped' : 'internal', stalled ? IMPORT_STOPPED : GENERIC_IMPORT_FAILURE);
}

async function giveUp(ctx: AppContext, exportId: string, code: string, message: string) {
  await markImportFailed(ctx, exportId, code, message);
  await notifyUploader(ctx, exportId);
}

/** Uploads from the web or by email get the result by email; the CLI prints it instead. */
async function notifyUploader(ctx: AppContext, exportId: string) {
  const row = await findExportSource(ctx.db, exportId);
  if (!row || row.source === 'cli') return;
  const outboxId = await queueImportResult(ctx.db, ctx.config, exportId);
  await enqueueSend(ctx, outboxId);
}
