import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Db, DbOrTx } from '../../db/client.ts';
import { findLiveExportOfFile, insertExport, insertExportChunk } from '../../db/queries/exports.ts';
import { ExportError } from '../../domain/linkedin-export/types.ts';

const CHUNK_BYTES = 1024 * 1024;

async function sha256File(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The link that carried the upload was spent (or revoked) by another request first: nothing was kept. */
export class UploadLinkSpentError extends Error {
  override name = 'UploadLinkSpentError';
}

export interface StoredUpload {
  exportId: string;
  /** True when this exact file was already uploaded for this subscriber: it imports once. */
  duplicate: boolean;
}

/**
 * Keeps an upload in Postgres (in 1 MiB chunks, so memory stays flat) until the import job parses
 * it. The same file twice for one subscriber is recognised by its sha256 and stored once.
 */
export async function storeUpload(
  db: Db,
  input: { subscriberId: string; filePath: string; fileName: string; source: 'cli' | 'web' | 'email'; maxBytes: number },
  /**
   * Spends the single-use link that carried the upload in the same transaction, so two posts of
   * one link keep one file: false (already spent, revoked, expired) rolls the upload back.
   */
  claimLink?: (trx: DbOrTx) => Promise<boolean>,
): Promise<StoredUpload> {
  const { size } = await stat(input.filePath);
  if (size > input.maxBytes) {
    throw new ExportError(
      'too_large',
      `This file is ${Math.ceil(size / 1024 / 1024)} MB; the most Rapport accepts is ${Math.floor(input.maxBytes / 1024 / 1024)} MB.`,
    );
  }
  const sha256 = await sha256File(input.filePath);
  return db.transaction().execute(async (trx) => {
    if (claimLink && !(await claimLink(trx))) throw new UploadLinkSpentError('upload link already used');
    const exportId = await insertExport(trx, { subscriberId: input.subscriberId, sha256, fileName: input.fileName.slice(0, 255), byteSize: size, source: input.source });
    if (!exportId) return { exportId: await findLiveExportOfFile(trx, input.subscriberId, sha256), duplicate: true };
    let seq = 0;
    for await (const chunk of createReadStream(input.filePath, { highWaterMark: CHUNK_BYTES })) {
      await insertExportChunk(trx, exportId, seq++, chunk as Buffer);
    }
    return { exportId, duplicate: false };
  });
}
