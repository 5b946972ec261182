/**
 * Reads one CSV of the export: finds its header row, checks each record against it, and hands
 * the rows to the sink for its kind. Records are processed as they stream; none are kept.
 */
import { ConnectionsSink } from './connections.ts';
import { readCsvRecords } from './csv-records.ts';
import { DateRange } from './dates.ts';
import { EndorsementsSink } from './endorsements.ts';
import type { ExportState } from './export-state.ts';
import { detectHeader, headerScanLimit } from './file-kinds.ts';
import { Columns, isBlankRecord, normaliseHeaderKey, Row } from './header-row.ts';
import { InvitationsSink } from './invitations.ts';
import { Messages2018Sink, MessagesSink } from './messages.ts';
import { PositionsSink, ProfileSink } from './owner-files.ts';
import { RecommendationsSink } from './recommendations.ts';
import type { RowSink } from './row-sink.ts';
import { defaultRowLimits, ExportError, type ExportLimits, type FileKind } from './types.ts';

export interface ExportFile {
  /** Path inside the zip, or the uploaded file's name. */
  name: string;
  /** The kind its file name announces; null for a lone CSV upload, known by its header only. */
  named: FileKind | null;
  bytes: AsyncIterable<Buffer>;
}

/** Era of a zip entry whose name Rapport knows but whose header it does not (a localised export, say). */
export const UNRECOGNISED_ERA = 'unrecognised';

/**
 * Reads the file into `state`; false when no header Rapport knows was found. Such a file from a
 * zip is still listed, as era 'unrecognised', so the subscriber can be told what was skipped.
 */
export async function readExportFile(file: ExportFile, state: ExportState, limits: ExportLimits): Promise<boolean> {
  const dates = new DateRange();
  const scanLimit = headerScanLimit(file.named);
  let scanned = 0;
  let found: { kind: FileKind; sink: RowSink; row: Row; keys: string; firstKey: string } | null = null;
  let record = 0;
  let rows = 0;
  let rejected = 0;
  /** Data rows seen (rejected ones too, blank ones not), against the limit for the file's kind. */
  let counted = 0;
  let maxRows = Number.POSITIVE_INFINITY;
  const reject = (reason: string): void => {
    rejected += 1;
    state.reject(file.name, record, reason);
  };

  const result = await readCsvRecords(file.bytes, { maxFieldBytes: limits.maxFieldBytes, fileLabel: file.name }, (cells) => {
    if (found === null) {
      // Blank padding rows (Excel) and the `Notes:` preamble sit above the Connections header.
      if (isBlankRecord(cells)) return true;
      const keys = cells.map(normaliseHeaderKey);
      const kind = detectHeader(new Set(keys), scanned, file.named);
      scanned += 1;
      if (kind !== null) {
        const columns = new Columns(keys);
        found = { kind, sink: createSink(kind, state, columns, scanned > 1), row: new Row(columns), keys: keys.join('\u0000'), firstKey: keys[0]! };
        maxRows = limits.maxRows[kind] ?? defaultRowLimits[kind];
        return true;
      }
      return scanned < scanLimit;
    }
    record += 1;
    if (isBlankRecord(cells)) return true;
    // Counted before anything is kept: past the limit the file is no LinkedIn file, and reading on
    // would only cost memory and time.
    if ((counted += 1) > maxRows) throw tooManyRows(file.name, found.kind, maxRows);
    const { sink, row } = found;
    const width = row.columns.size;
    // Extra cells shift values under the wrong names, missing ones mean a cut-off row: unusable
    // either way. Empty trailing cells (Excel pads rows) are harmless.
    if (cells.length < width || (cells.length > width && cells.slice(width).some((cell) => cell.trim() !== ''))) {
      reject(`${cells.length} cells where the header has ${width}`);
      return true;
    }
    // Two exports pasted into one file repeat the header mid-way: that row is not a person. The
    // first cell decides cheaply whether the whole row needs comparing.
    if (normaliseHeaderKey(cells[0]!) === found.firstKey && cells.map(normaliseHeaderKey).join('\u0000') === found.keys) {
      reject('a repeated header row');
      return true;
    }
    row.cells = cells;
    const reason = sink.accept(row, dates);
    if (reason === null) rows += 1;
    else reject(reason);
    return true;
  });

  const header = found as { kind: FileKind; sink: RowSink } | null;
  if (header === null) {
    if (file.named !== null) {
      state.files.push({ name: file.name, kind: file.named, era: UNRECOGNISED_ERA, rows: 0, rejected: 0, unreadableDates: 0, dateRange: { from: null, to: null } });
    }
    return false;
  }
  if (result.unclosedQuote) {
    record += 1;
    reject('a quote mark is never closed, so the rest of the file could not be read');
  }
  header.sink.finish?.(dates);
  const isEndorsements = header.kind === 'endorsements_received' || header.kind === 'endorsements_given';
  state.files.push({
    name: file.name,
    kind: header.kind,
    era: isEndorsements && result.encoding === 'utf-16le' ? 'endorsements-utf16' : header.sink.era(),
    rows,
    rejected,
    unreadableDates: dates.unreadable,
    dateRange: dates.toRange(),
  });
  return true;
}

function tooManyRows(fileName: string, kind: FileKind, maxRows: number): ExportError {
  const limit = maxRows.toLocaleString('en');
  const why =
    kind === 'connections'
      ? `LinkedIn allows at most 30,000 connections, so this is not a file LinkedIn made`
      : `far more than a LinkedIn export holds`;
  return new ExportError(
    'too_many_rows',
    `${fileName} has more than ${limit} rows, ${why}. Rapport stopped reading it and nothing was changed. Download your data from LinkedIn again and upload the .zip exactly as it comes.`,
  );
}

function createSink(kind: FileKind, state: ExportState, columns: Columns, hadPreamble: boolean): RowSink {
  switch (kind) {
    case 'connections':
      return new ConnectionsSink(state, columns, hadPreamble);
    case 'messages':
      return columns.has('conversation id') ? new MessagesSink(state, columns) : new Messages2018Sink(state);
    case 'invitations':
      return new InvitationsSink(state, columns);
    case 'recommendations_received':
      return new RecommendationsSink(state, 'received');
    case 'recommendations_given':
      return new RecommendationsSink(state, 'given');
    case 'endorsements_received':
      return new EndorsementsSink(state, columns, 'received');
    case 'endorsements_given':
      return new EndorsementsSink(state, columns, 'given');
    case 'positions':
      return new PositionsSink(state);
    case 'profile':
      return new ProfileSink(state);
  }
}
