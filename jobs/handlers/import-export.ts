import { GENERIC_IMPORT_FAILURE, markImportFailed, runImport } from '../../services/import/run-import.ts';
import { queueImportResult } from '../../services/mail/notifications.ts';
import type { JobHandler } from './types.ts';

export const handleImportExport: JobHandler<'import.export'> = async (ctx, { exportId }, job) => {
  try {
    const outcome = await runImport({ ...ctx, limits: { maxUploadBytes: ctx.config.maxUploadBytes } }, exportId);
    await notifyUploader(ctx, exportId);
    return outcome.status;
  } catch (error) {
    // On the last attempt a fault of ours still has to end in a recorded, explained state.
    if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
      await markImportFailed(ctx, exportId, 'internal', GENERIC_IMPORT_FAILURE);
      await notifyUploader(ctx, exportId);
    }
    throw error;
  }
};

/** Uploads from the web or by email get the result by email; the CLI prints it instead. */
async function notifyUploader(ctx: Parameters<typeof handleImportExport>[0], exportId: string) {
  const row = await ctx.db.selectFrom('exports').select('source').where('id', '=', exportId).executeTakeFirst();
  if (!row || row.source === 'cli') return;
  const outboxId = await queueImportResult(ctx.db, ctx.config, exportId);
  if (outboxId) await ctx.queues.enqueue('email.send', { outboxId });
}
