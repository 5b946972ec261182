import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import type { Logger } from 'pino';
import type { Database } from '../../db/client.ts';
import {
  deleteExportChunks,
  findExport,
  findImportedSummary,
  markExportFailed,
  markExportImporting,
  readExportChunk,
} from '../../db/queries/exports.ts';
import type { ImportSummary } from '../../db/types.ts';
import { parseExport } from '../../domain/linkedin-export/index.ts';
import { ExportError, type ExportLimits } from '../../domain/linkedin-export/types.ts';
import { makeSpoolDir } from './spool.ts';
import { hasConnectionsFile, writeImport } from './write-import.ts';

export type ImportOutcome =
  | { status: 'imported'; summary: ImportSummary }
  | { status: 'failed'; code: string; message: string }
  | { status: 'missing' };

export interface ImportDeps extends Database {
  log: Logger;
  limits?: Partial<ExportLimits>;
  /** Where the upload is spooled while it is read (VAR_DIR/spool); a context passes its config. */
  config?: { varDir: string };
}

/** Copies the stored upload to a private temp file: the zip reader needs random access. */
async function spoolToFile(deps: ImportDeps, exportId: string, file: string): Promise<void> {
  const out = createWriteStream(file, { mode: 0o600 });
  try {
    for (let seq = 0; ; seq++) {
      // Base64 crosses the wire and decodes about twice as fast as bytea's hex text form.
      const base64 = await readExportChunk(deps.db, exportId, seq);
      if (base64 === undefined) break;
      if (!out.write(Buffer.from(base64, 'base64'))) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
}

export const NO_CONNECTIONS =
  'We found no connections in this export: its Connections.csv is empty or could not be read. Nothing was changed. ' +
  'Download a fresh copy from LinkedIn and upload the .zip as it comes.';

export const GENERIC_IMPORT_FAILURE =
  'Something went wrong on our side while reading this export. Nothing was changed; please try uploading it again later.';

export async function markImportFailed(deps: ImportDeps, exportId: string, code: string, message: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await markExportFailed(trx, exportId, code, message);
    await deleteExportChunks(trx, exportId);
  });
}

/**
 * Imports one stored upload. Idempotent: an export already imported or failed is reported as it
 * stands. A problem with the file itself is recorded on the exports row in the subscriber's words
 * and leaves their previous data untouched; anything else is thrown so the job retries.
 */
export async function runImport(
  deps: ImportDeps,
  exportId: string,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportOutcome> {
  const row = await findExport(deps.db, exportId);
  if (!row) return { status: 'missing' };
  if (row.status === 'imported' && row.summary) return { status: 'imported', summary: row.summary };
  if (row.status === 'failed') return { status: 'failed', code: row.error_code ?? 'unknown', message: row.error_message ?? GENERIC_IMPORT_FAILURE };

  await markExportImporting(deps.db, exportId);
  const dir = await makeSpoolDir(deps.config?.varDir ?? 'var', 'import');
  let parsed;
  try {
    const file = path.join(dir, 'upload');
    await spoolToFile(deps, exportId, file);
    try {
      parsed = await parseExport(file, { limits: deps.limits, fileName: row.file_name, onProgress });
    } catch (error) {
      if (!(error instanceof ExportError)) throw error;
      await markImportFailed(deps, exportId, error.code, error.message);
      deps.log.info({ exportId, code: error.code }, 'export rejected');
      return { status: 'failed', code: error.code, message: error.message };
    }
  } finally {
    // Parsed, the raw upload is of no more use: it goes before the write, not after it, so no copy
    // outlives the parse (and the import's status never says done while the copy is still on disk).
    await rm(dir, { recursive: true, force: true });
  }
  // An empty or unreadable Connections.csv would otherwise "remove" everyone the subscriber has.
  if (hasConnectionsFile(parsed) && parsed.connections.length === 0) {
    await markImportFailed(deps, exportId, 'no_connections', NO_CONNECTIONS);
    return { status: 'failed', code: 'no_connections', message: NO_CONNECTIONS };
  }
  const client = await deps.pool.connect();
  try {
    await writeImport(client, { subscriberId: row.subscriber_id, exportId, parsed });
  } finally {
    client.release();
  }
  const done = await findImportedSummary(deps.db, exportId);
  deps.log.info({ exportId, connections: done.summary?.connections }, 'export imported');
  return { status: 'imported', summary: done.summary! };
}
