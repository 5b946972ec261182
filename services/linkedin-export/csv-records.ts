/**
 * Streams CSV records out of raw bytes: encoding and delimiter are settled on the first
 * chunk, then csv-parse does the RFC 4180 work (quoted commas, doubled quotes, line breaks
 * inside quotes, CRLF or LF, no final newline). Memory stays bounded by `maxFieldBytes`.
 */
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { TextDecoder } from 'node:util';
import { parse, type Parser } from 'csv-parse';
import { detectEncoding, sniffDelimiter, type TextEncoding } from './decode.ts';
import { ExportError } from './types.ts';

/** Enough bytes to see a BOM and the first line of any LinkedIn file. */
const HEAD_BYTES = 64 * 1024;

export interface CsvReadOptions {
  maxFieldBytes: number;
  /** The file's name as the subscriber knows it, for error messages. */
  fileLabel: string;
}

export interface CsvReadResult {
  encoding: TextEncoding;
  /** The file ended inside a quoted field: everything after its opening quote was lost. */
  unclosedQuote: boolean;
}

/** Returning false stops reading; the source is then destroyed. */
export type RecordHandler = (cells: string[]) => boolean | void;

/** Calls `onRecord` with each record's cells, in file order. */
export async function readCsvRecords(
  source: AsyncIterable<Buffer>,
  options: CsvReadOptions,
  onRecord: RecordHandler,
): Promise<CsvReadResult> {
  const head: Buffer[] = [];
  let headLength = 0;
  let feed: CsvFeed | null = null;
  try {
    for await (const chunk of source) {
      if (feed === null) {
        head.push(chunk);
        headLength += chunk.length;
        if (headLength < HEAD_BYTES) continue;
        feed = new CsvFeed(Buffer.concat(head), options.maxFieldBytes, onRecord);
      } else {
        await feed.write(chunk);
      }
      if (feed.stopped) break;
      feed.throwIfFailed();
    }
    feed ??= new CsvFeed(Buffer.concat(head), options.maxFieldBytes, onRecord);
    if (!feed.stopped) await feed.end();
    return { encoding: feed.encoding, unclosedQuote: false };
  } catch (error) {
    if (feed && csvErrorCode(error) === 'CSV_QUOTE_NOT_CLOSED') return { encoding: feed.encoding, unclosedQuote: true };
    if (csvErrorCode(error) === 'CSV_MAX_RECORD_SIZE') {
      throw new ExportError(
        'field_too_large',
        `${options.fileLabel} has a cell larger than ${formatBytes(options.maxFieldBytes)}. This usually means a quote mark is never closed, so the rest of the file runs together. Download a fresh copy of your data from LinkedIn and upload it unchanged.`,
      );
    }
    throw error;
  } finally {
    feed?.destroy();
  }
}

/** One csv-parse stream plus the decoder feeding it. */
class CsvFeed {
  readonly encoding: TextEncoding;
  stopped = false;
  private readonly parser: Parser;
  /** Null for UTF-8, which csv-parse reads as bytes directly. */
  private readonly decoder: TextDecoder | null;

  constructor(head: Buffer, maxFieldBytes: number, onRecord: RecordHandler) {
    const detected = detectEncoding(head);
    this.encoding = detected.encoding;
    const body = head.subarray(detected.bomLength);
    // Decoding with stream:true keeps a character that is split across chunks intact.
    this.decoder = this.encoding === 'utf-8' ? null : new TextDecoder(this.encoding, { ignoreBOM: true });
    const text = this.decoder ? this.decoder.decode(body, { stream: true }) : body.toString('utf8');
    this.parser = parse({
      delimiter: sniffDelimiter(text),
      // Explicit list, so a file mixing CRLF and LF still splits on both.
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: maxFieldBytes,
    });
    // csv-parse builds, then discards under relax_column_count, an error object for every record
    // whose width differs from the first record's. Behind the one-cell `Notes:` preamble that is
    // every row of Connections.csv, and it triples parse time; so the expected width follows the
    // latest record. Its internal state is not typed; were it to move, only speed would suffer.
    const state = (this.parser as unknown as { state?: { expectedRecordLength?: number } }).state;
    this.parser.on('data', (cells: string[]) => {
      if (state && state.expectedRecordLength !== cells.length) state.expectedRecordLength = cells.length;
      if (!this.stopped && onRecord(cells) === false) this.stopped = true;
    });
    // Errors are picked up by throwIfFailed, 'drain' and finished(); this listener only keeps
    // one raised between two chunks from counting as unhandled.
    this.parser.on('error', () => {});
    this.push(this.decoder ? text : body);
  }

  async write(chunk: Buffer): Promise<void> {
    const more = this.push(this.decoder ? this.decoder.decode(chunk, { stream: true }) : chunk);
    if (!more && !this.stopped) await once(this.parser, 'drain');
  }

  async end(): Promise<void> {
    if (this.decoder) this.push(this.decoder.decode());
    this.parser.end();
    await finished(this.parser);
  }

  throwIfFailed(): void {
    if (this.parser.errored) throw this.parser.errored;
  }

  destroy(): void {
    this.parser.destroy();
  }

  private push(chunk: Buffer | string): boolean {
    return chunk.length === 0 || this.parser.write(chunk);
  }
}

function csvErrorCode(error: unknown): string | undefined {
  return error instanceof Error ? (error as Error & { code?: string }).code : undefined;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
