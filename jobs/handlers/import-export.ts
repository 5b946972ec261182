import { GENERIC_IMPORT_FAILURE, markImportFailed, runImport } from '../../services/import/run-import.ts';
import type { JobHandler } from './types.ts';

export const handleImportExport: JobHandler<'import.export'> = async (ctx, { exportId }, job) => {
  try {
    const outcome = await runImport({ ...ctx, limits: { maxUploadBytes: ctx.config.maxUploadBytes } }, exportId);
    return outcome.status;
  } catch (error) {
    // On the last attempt a fault of ours still has to end in a recorded, explained state.
    if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await markImportFailed(ctx, exportId, 'internal', GENERIC_IMPORT_FAILURE);
    throw error;
  }
};
