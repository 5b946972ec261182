/**
 * Reads a LinkedIn export zip with yauzl, defensively: the upload is untrusted. Entry names are
 * checked for zip-slip, only the entries Rapport uses are inflated, and inflated bytes are
 * counted as they stream (declared sizes are attacker-controlled) against a total and a
 * per-entry ratio cap. Nothing is ever written to disk.
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { posix } from 'node:path';
import { pipeline, Transform, type Readable } from 'node:stream';
import yauzl from 'yauzl';
import { formatBytes } from './csv-records.ts';
import { kindFromFileName } from './file-kinds.ts';
import { ExportError, type ExportLimits, type FileKind } from './types.ts';

export interface ExportEntry {
  /** Path inside the zip. */
  name: string;
  /** The kind its name announces. */
  kind: FileKind;
  /** The entry's inflated bytes, guarded by the limits. */
  open(): AsyncIterable<Buffer>;
}

export interface ExportZip {
  /** The entries Rapport reads, in the order they must be read. */
  entries: ExportEntry[];
  close(): void;
}

/**
 * Connections first: it decides how people are keyed (URL or name) and feeds the name join of
 * Recommendations. Owner files and Invitations before messages, which need the owner.
 */
const READ_ORDER: readonly FileKind[] = [
  'profile',
  'positions',
  'connections',
  'invitations',
  'messages',
  'endorsements_received',
  'endorsements_given',
  'recommendations_received',
  'recommendations_given',
];

const DEFLATE = 8;
const STORED = 0;

export async function openExportZip(
  path: string,
  size: number,
  limits: ExportLimits,
  onRead: (bytes: number) => void,
): Promise<ExportZip> {
  const file = await open(path, 'r');
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromRandomAccessReaderPromise(new UploadReader(file, onRead), size, {
      lazyEntries: true,
      autoClose: false,
      // Names are decoded and checked below, so an unsafe one becomes an 'unsafe_path' error.
      decodeStrings: false,
      validateEntrySizes: true,
    });
  } catch (error) {
    await file.close();
    throw asZipError(error);
  }
  try {
    const entries = await selectEntries(zip, limits);
    const inflated = { total: 0 };
    return {
      entries: entries.map(({ entry, name, kind }) => ({ name, kind, open: () => inflate(zip, entry, limits, inflated) })),
      close: () => zip.close(),
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}

interface Candidate {
  entry: yauzl.Entry;
  name: string;
  kind: FileKind;
  id: string;
}

async function selectEntries(zip: yauzl.ZipFile, limits: ExportLimits): Promise<Candidate[]> {
  if (zip.entryCount > limits.maxEntries) {
    throw new ExportError(
      'too_many_entries',
      `This zip holds ${zip.entryCount.toLocaleString('en')} files; a LinkedIn export has far fewer (Rapport accepts up to ${limits.maxEntries.toLocaleString('en')}). Upload the .zip exactly as LinkedIn sent it.`,
    );
  }
  const listed: Array<{ entry: yauzl.Entry; name: string }> = [];
  try {
    for await (const entry of zip.eachEntry()) {
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
      assertSafePath(name);
      if (!name.endsWith('/')) listed.push({ entry, name });
    }
  } catch (error) {
    throw asZipError(error);
  }

  const folder = exportFolder(listed.map(({ name }) => name));
  const candidates: Candidate[] = [];
  for (const { entry, name } of listed) {
    const named = name.startsWith(folder) && !name.slice(folder.length).includes('/') ? kindFromFileName(name) : null;
    // '._Connections.csv' is macOS resource-fork metadata, not the file.
    if (!named || posix.basename(name).startsWith('._')) continue;
    if (entry.isEncrypted()) {
      throw new ExportError(
        'encrypted',
        `${name} in this zip is password-protected, so Rapport can't read it. Upload the .zip exactly as LinkedIn sent it, without adding a password.`,
      );
    }
    if (entry.compressionMethod !== DEFLATE && entry.compressionMethod !== STORED) {
      throw new ExportError(
        'corrupt_zip',
        `${name} in this zip uses a compression method Rapport can't read. Upload the .zip exactly as LinkedIn sent it rather than a re-packed copy.`,
      );
    }
    candidates.push({ entry, name, ...named });
  }
  if (candidates.length === 0) throw noUsableFiles();

  const chosen: Candidate[] = [];
  for (const copies of groupBy(candidates, (candidate) => candidate.id).values()) {
    chosen.push(copies.length === 1 ? copies[0]! : await preferUtf8(zip, copies));
  }
  return chosen.sort((a, b) => READ_ORDER.indexOf(a.kind) - READ_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name));
}

export function noUsableFiles(): ExportError {
  return new ExportError(
    'no_usable_files',
    "This zip doesn't contain the LinkedIn files Rapport reads (Connections.csv, messages.csv, Invitations.csv…). Download your data from LinkedIn (Settings → Data privacy → Get a copy of your data) and upload the .zip it sends you, unchanged.",
  );
}

/** Zip-slip: absolute paths, drive letters, backslashes and `..` segments are refused outright. */
function assertSafePath(name: string): void {
  const unsafe =
    name.includes('\\') || name.includes('\0') || name.startsWith('/') || /^[a-zA-Z]:/.test(name) || name.split('/').includes('..');
  if (unsafe) {
    throw new ExportError(
      'unsafe_path',
      `This zip contains a file with an unsafe location (${JSON.stringify(name)}), so Rapport won't open it. Upload the .zip exactly as LinkedIn sent it.`,
    );
  }
}

/**
 * The folder holding the export's CSVs: the zip root, or its single top-level folder when
 * someone re-zipped the extracted export. macOS `__MACOSX/` metadata is ignored.
 */
function exportFolder(names: readonly string[]): string {
  const relevant = names.filter((name) => !name.startsWith('__MACOSX/'));
  const tops = new Set(relevant.map((name) => name.split('/')[0]));
  const onlyTop = [...tops][0];
  return tops.size === 1 && relevant.every((name) => name.includes('/')) ? `${onlyTop}/` : '';
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/**
 * Two entries that fold to one name (a 2022 export had both `Endorsement Received Info.csv`,
 * UTF-16LE, and `Endorsement_Received_Info.csv`, UTF-8) are copies: read one, the UTF-8 one.
 */
async function preferUtf8(zip: yauzl.ZipFile, copies: readonly Candidate[]): Promise<Candidate> {
  for (const copy of copies) {
    if (!(await startsWithUtf16Bom(zip, copy.entry))) return copy;
  }
  return copies[0]!;
}

async function startsWithUtf16Bom(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<boolean> {
  try {
    const stream = await zip.openReadStreamPromise(entry);
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) return chunk[0] === 0xff && chunk[1] === 0xfe;
      return false;
    } finally {
      stream.destroy();
    }
  } catch (error) {
    throw asZipError(error);
  }
}

async function* inflate(zip: yauzl.ZipFile, entry: yauzl.Entry, limits: ExportLimits, inflated: { total: number }): AsyncGenerator<Buffer> {
  let stream: Readable;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch (error) {
    throw asZipError(error);
  }
  // A legitimate CSV deflates 1:3 or so; stop a bomb as soon as it passes the ratio, not at its end.
  const entryCap = limits.maxCompressionRatio * entry.compressedSize;
  let entryBytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      entryBytes += chunk.length;
      inflated.total += chunk.length;
      if (entryBytes > entryCap) {
        throw new ExportError(
          'compression_ratio',
          `A file in this zip expands more than ${limits.maxCompressionRatio} times its packed size, which LinkedIn exports never do. Rapport stopped reading it for safety. Upload the .zip exactly as LinkedIn sent it.`,
        );
      }
      if (inflated.total > limits.maxUncompressedBytes) {
        throw new ExportError(
          'uncompressed_too_large',
          `The files Rapport reads in this zip unpack to more than ${formatBytes(limits.maxUncompressedBytes)}, more than any LinkedIn export. Rapport stopped reading it for safety. Upload the .zip exactly as LinkedIn sent it.`,
        );
      }
      yield chunk;
    }
  } catch (error) {
    throw asZipError(error);
  } finally {
    stream.destroy();
  }
}

/** yauzl and zlib failures (bad signatures, size mismatches, truncated data) all mean a damaged zip. */
function asZipError(error: unknown): ExportError {
  if (error instanceof ExportError) return error;
  if (error instanceof Error && /encrypt/i.test(error.message)) {
    return new ExportError(
      'encrypted',
      "This zip is encrypted, so Rapport can't read it. Upload the .zip exactly as LinkedIn sent it, without adding a password.",
    );
  }
  return new ExportError(
    'corrupt_zip',
    'This zip file is damaged or incomplete, so Rapport can’t read it. Download your data from LinkedIn again and upload the new .zip.',
  );
}

/** Serves yauzl's reads from one file handle and counts every byte read, for progress. */
class UploadReader extends yauzl.RandomAccessReader {
  constructor(
    private readonly file: FileHandle,
    private readonly onRead: (bytes: number) => void,
  ) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const counter = new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        this.onRead(chunk.length);
        callback(null, chunk);
      },
    });
    return pipeline(createReadStream('', { fd: this.file.fd, start, end: end - 1, autoClose: false }), counter, () => {});
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null) => void): void {
    // yauzl's callback also takes the byte count, which its typings omit; it detects EOF with it.
    const done = callback as (err: Error | null, bytesRead?: number) => void;
    this.file.read(buffer, offset, length, position).then(
      ({ bytesRead }) => {
        this.onRead(bytesRead);
        done(null, bytesRead);
      },
      (error: Error) => done(error),
    );
  }

  override close(callback: (err: Error | null) => void): void {
    this.file.close().then(() => callback(null), callback);
  }
}
