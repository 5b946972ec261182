/** Entry point: one uploaded file (zip or CSV) in, one ParsedExport out. Pure: no database, no writes. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { formatBytes } from './csv-records.ts';
import { EntryBudget } from './entry-budget.ts';
import { ExportState } from './export-state.ts';
import { isLookalikeMessagesName, kindFromFileName } from './file-kinds.ts';
import { readExportFile, UNRECOGNISED_ERA } from './file-reader.ts';
import { sniffUpload } from './sniff.ts';
import { ExportError, resolveLimits, type ExportLimits, type ParsedExport } from './types.ts';
import { noUsableFiles, openExportZip } from './zip-reader.ts';

export interface ParseExportOptions {
  limits?: Partial<ExportLimits>;
  /** The name the subscriber gave the file; used in messages only. */
  fileName?: string;
  /** Bytes of the upload read so far, and its size. Called once more with (size, size) at the end. */
  onProgress?: (doneBytes: number, totalBytes: number) => void;
}

export async function parseExport(path: string, options: ParseExportOptions = {}): Promise<ParsedExport> {
  const limits: ExportLimits = resolveLimits(options.limits);
  const uploadName = options.fileName ?? basename(path);
  const { size } = await stat(path);
  if (size > limits.maxUploadBytes) {
    throw new ExportError(
      'too_large',
      `${uploadName} is ${formatBytes(size)}; Rapport accepts uploads up to ${formatBytes(limits.maxUploadBytes)}. LinkedIn exports are usually far smaller: upload the .zip exactly as LinkedIn sent it.`,
    );
  }
  const format = await sniffUpload(path);
  const state = new ExportState(new EntryBudget(limits.maxTrackedEntries));
  let done = 0;
  const onRead = (bytes: number): void => {
    done += bytes;
    // yauzl reads the zip's tail twice (end record, then central directory): never report past 100%.
    options.onProgress?.(Math.min(done, size), size);
  };

  if (format === 'zip') {
    const zip = await openExportZip(path, size, limits, onRead);
    try {
      for (const entry of zip.entries) {
        await readExportFile({ name: entry.name, named: entry.kind, bytes: entry.open() }, state, limits);
      }
    } finally {
      zip.close();
    }
    if (state.files.every((file) => file.era === UNRECOGNISED_ERA)) throw noUsableFiles();
  } else {
    if (isLookalikeMessagesName(uploadName)) {
      throw new ExportError(
        'not_person_messages',
        `${uploadName} holds LinkedIn's messages with its learning coach or guides, not with people in your network. Upload messages.csv, or the whole export .zip.`,
      );
    }
    // A lone file keeps the kind its LinkedIn name says (Recommendations_Given.csv is no received one).
    const named = kindFromFileName(uploadName)?.kind ?? null;
    const recognised = await readExportFile({ name: uploadName, named, bytes: countBytes(createReadStream(path), onRead) }, state, limits);
    if (!recognised) {
      throw new ExportError(
        'no_header',
        `Rapport couldn't find the column headings in ${uploadName} (for Connections.csv: First Name, Last Name, … Connected On). Upload the file exactly as LinkedIn sent it, or the whole export .zip.`,
      );
    }
  }
  options.onProgress?.(size, size);
  return state.finish(format);
}

async function* countBytes(source: AsyncIterable<Buffer>, onRead: (bytes: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    onRead(chunk.length);
    yield chunk;
  }
}
