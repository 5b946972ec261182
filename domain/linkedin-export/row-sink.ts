import type { DateRange } from './dates.ts';
import type { Row } from './header-row.ts';

/** Takes the data rows of one file, once its header is known. */
export interface RowSink {
  /** Uses one row; returns why it cannot be used at all, or null when it was taken (or rightly ignored). */
  accept(row: Row, dates: DateRange): string | null;
  /** Called once every row was seen, before era(): for what only the whole file can settle. */
  finish?(dates: DateRange): void;
  /** The file's era (FileSummary.era), known once every row was seen. */
  era(): string;
}
