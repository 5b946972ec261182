import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../db/client.ts';
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
    const inserted = await trx
      .insertInto('exports')
      .values({ subscriber_id: input.subscriberId, sha256, file_name: input.fileName.slice(0, 255), byte_size: size, source: input.source })
      .onConflict((oc) => oc.columns(['subscriber_id', 'sha256']).where(sql.ref('status'), '<>', 'failed').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const existing = await trx
        .selectFrom('exports')
        .select('id')
        .where('subscriber_id', '=', input.subscriberId)
        .where('sha256', '=', sha256)
        .where('status', '<>', 'failed')
        .executeTakeFirstOrThrow();
      return { exportId: existing.id, duplicate: true };
    }
    let seq = 0;
    for await (const chunk of createReadStream(input.filePath, { highWaterMark: CHUNK_BYTES })) {
      await trx.insertInto('export_chunks').values({ export_id: inserted.id, seq: seq++, data: chunk as Buffer }).execute();
    }
    return { exportId: inserted.id, duplicate: false };
  });
}
