/**
 * Streams CSV records out of raw bytes: encoding and delimiter are settled on the first
 * chunk, then Papa Parse does the RFC 4180 work (quoted commas, doubled quotes, line breaks
 * inside quotes, no final newline) one decoded chunk at a time. Memory stays bounded by
 * `maxFieldBytes`: only the record still being read is carried from one chunk to the next.
 */
import { TextDecoder } from 'node:util';
import Papa from 'papaparse';
import { detectEncoding, MixedTextDecoder, sniffDelimiter, type TextEncoding } from './decode.ts';
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

/** Returning false stops reading; the source is then left unread. */
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
  for await (const chunk of source) {
    if (feed === null) {
      head.push(chunk);
      headLength += chunk.length;
      if (headLength < HEAD_BYTES) continue;
      feed = new CsvFeed(Buffer.concat(head), options, onRecord);
    } else {
      feed.write(chunk);
    }
    if (feed.stopped) break;
  }
  feed ??= new CsvFeed(Buffer.concat(head), options, onRecord);
  return { encoding: feed.encoding, unclosedQuote: feed.stopped ? false : feed.end() };
}

/** One Papa Parse parser plus the decoder feeding it. */
class CsvFeed {
  readonly encoding: TextEncoding;
  stopped = false;
  private readonly parser: Papa.Parser;
  private readonly decoder: TextDecoder | MixedTextDecoder;
  /** The start of a record that the chunks so far have not finished. */
  private pending = '';
  /** Text that came after `pending` and is not parsed yet. */
  private unparsed: string[] = [];
  private unparsedLength = 0;
  /** The last chunk ended in CR: a LF opening the next one belongs to the same line break. */
  private endedInCr = false;

  constructor(
    head: Buffer,
    private readonly options: CsvReadOptions,
    private readonly onRecord: RecordHandler,
  ) {
    const detected = detectEncoding(head);
    this.encoding = detected.encoding;
    // Decoding with stream:true keeps a character that is split across chunks intact. Files that
    // are not UTF-16 may mix UTF-8 and the Windows code page field by field.
    this.decoder = this.encoding === 'utf-16le' ? new TextDecoder(this.encoding, { ignoreBOM: true }) : new MixedTextDecoder();
    const text = this.decoder.decode(head.subarray(detected.bomLength), { stream: true });
    this.parser = new Papa.Parser({ delimiter: sniffDelimiter(text), newline: '\n', quoteChar: '"' });
    this.feed(text);
  }

  write(chunk: Buffer): void {
    this.feed(this.decoder.decode(chunk, { stream: true }));
  }

  /** Parses what is left; true when the file ended inside a quoted field. */
  end(): boolean {
    this.feed(this.decoder.decode());
    const result = this.parser.parse(this.takeInput(), 0, false);
    const unclosed = result.errors.find((error: Papa.ParseError) => error.code === 'MissingQuotes');
    // The record that opened the quote swallowed the rest of the file: it is no record at all.
    const records: string[][] = unclosed ? result.data.slice(0, unclosed.row) : result.data;
    this.emit(records);
    return unclosed !== undefined;
  }

  private feed(decoded: string): void {
    if (this.stopped || decoded === '') return;
    // Excel and hand edits mix CRLF, LF and lone CR in one file; one kind of break (also inside
    // quoted fields, where nobody sees the difference) lets the parser split on all of them.
    const text = (this.endedInCr && decoded.startsWith('\n') ? decoded.slice(1) : decoded).replace(/\r\n?/g, '\n');
    this.endedInCr = decoded.endsWith('\r');
    this.unparsed.push(text);
    this.unparsedLength += text.length;
    // An unfinished record is parsed again from its start with each attempt, so a long one (a
    // message of megabytes) would cost time quadratic in its length if every chunk were an
    // attempt. Waiting until as much new text has come as the record already holds keeps the
    // total linear; past maxFieldBytes there is an attempt regardless, to tell long from runaway.
    if (this.unparsedLength < this.pending.length && this.pending.length + this.unparsedLength <= this.options.maxFieldBytes) return;
    const input = this.takeInput();
    // ignoreLastRow: the last record may continue in the next chunk; the cursor marks its start.
    const result = this.parser.parse(input, 0, true);
    this.emit(result.data);
    this.pending = input.slice(result.meta.cursor);
    if (this.pending.length > this.options.maxFieldBytes) {
      throw new ExportError(
        'field_too_large',
        `${this.options.fileLabel} has a cell larger than ${formatBytes(this.options.maxFieldBytes)}. This usually means a quote mark is never closed, so the rest of the file runs together. Download a fresh copy of your data from LinkedIn and upload it unchanged.`,
      );
    }
  }

  private takeInput(): string {
    const input = this.pending + this.unparsed.join('');
    this.pending = '';
    this.unparsed = [];
    this.unparsedLength = 0;
    return input;
  }

  private emit(records: string[][]): void {
    for (const cells of records) {
      if (this.stopped) return;
      // An empty line parses as one empty cell: it is no record.
      if (cells.length === 1 && cells[0] === '') continue;
      if (this.onRecord(cells) === false) this.stopped = true;
    }
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
