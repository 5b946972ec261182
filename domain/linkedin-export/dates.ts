/**
 * Each LinkedIn file writes dates its own way (reference section 4). Every parser here accepts
 * exactly one pattern; nothing is ever guessed with Date.parse. Values without a zone are read
 * as UTC. Date-only results are 'YYYY-MM-DD'; timestamps are full ISO 8601 in UTC.
 */

const MONTHS: Readonly<Record<string, number>> = {
  Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12,
};

/** Two-digit years: 00–69 are 20xx, 70–99 are 19xx. */
function fullYear(twoDigits: number): number {
  return twoDigits <= 69 ? 2000 + twoDigits : 1900 + twoDigits;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * 'YYYY-MM-DD', or null when the parts name no real day (31 Feb). Assembled as text rather than
 * through Date: there is one date per row, and rows come by the tens of thousands.
 */
function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Full ISO 8601 in UTC, or null when the parts name no real moment. */
function isoTimestamp(year: number, month: number, day: number, hour: number, minute: number, second: number): string | null {
  const date = isoDate(year, month, day);
  if (date === null || hour > 23 || minute > 59 || second > 59) return null;
  return `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}.000Z`;
}

/** Connections 2021+: `09 Sep 2022`. */
export function parseDayMonthYear(value: string): string | null {
  const match = /^(\d{2}) ([A-Z][a-z]{2}) (\d{4})$/.exec(value);
  const month = match && MONTHS[match[2]!];
  if (!match || !month) return null;
  return isoDate(Number(match[3]), month, Number(match[1]));
}

/** Connections after an Excel round-trip: `9-Sep-22`. */
export function parseExcelDate(value: string): string | null {
  const match = /^(\d{1,2})-([A-Z][a-z]{2})-(\d{2})$/.exec(value);
  const month = match && MONTHS[match[2]!];
  if (!match || !month) return null;
  return isoDate(fullYear(Number(match[3])), month, Number(match[1]));
}

/**
 * Invitations, Recommendations, 2018 Connections and Messages: `1/8/18, 6:14 PM`, padded or not,
 * no zone. Some locales' formatters put U+202F or U+00A0 before AM/PM.
 */
export function parseUsDateTime(value: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{2}), (\d{1,2}):(\d{2})[ \u202F\u00A0]([AP]M)$/.exec(value);
  if (!match) return null;
  const hour12 = Number(match[4]);
  if (hour12 < 1 || hour12 > 12) return null;
  const hour = (hour12 % 12) + (match[6] === 'PM' ? 12 : 0);
  return isoTimestamp(fullYear(Number(match[3])), Number(match[1]), Number(match[2]), hour, Number(match[5]), 0);
}

/** messages.csv 2022+: `2022-09-09 01:41:08 UTC`. */
export function parseMessageTimestamp(value: string): string | null {
  return parseUtcTimestamp(value, /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) UTC$/);
}

/** Endorsements: `2022/09/09 01:41:08 UTC`. */
export function parseEndorsementTimestamp(value: string): string | null {
  return parseUtcTimestamp(value, /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2}) UTC$/);
}

function parseUtcTimestamp(value: string, pattern: RegExp): string | null {
  const match = pattern.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  return isoTimestamp(year, month, day, hour, minute, second);
}

/** Positions: `Sep 2022` or `2022`, stored as the first day of that month or year. */
export function parseMonthYear(value: string): string | null {
  const monthYear = /^([A-Z][a-z]{2}) (\d{4})$/.exec(value);
  if (monthYear) {
    const month = MONTHS[monthYear[1]!];
    return month ? isoDate(Number(monthYear[2]), month, 1) : null;
  }
  return /^\d{4}$/.test(value) ? isoDate(Number(value), 1, 1) : null;
}

/**
 * Connections re-saved by a spreadsheet in another locale: `16.09.2021` (day first, as every
 * locale that writes dots does), `2021-09-16`, or the bare serial number of a cell formatted as a
 * number (days since 1899-12-30; only values from 1990 to 2069 are taken, LinkedIn's lifetime and some).
 */
export function parseDottedDate(value: string): string | null {
  const match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  return match ? isoDate(Number(match[3]), Number(match[2]), Number(match[1])) : null;
}

export function parseIsoDate(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? isoDate(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
export function parseSpreadsheetSerial(value: string): string | null {
  if (!/^\d{5}$/.test(value)) return null;
  const serial = Number(value);
  // 32874 is 1 January 1990, 62868 is 31 December 2069.
  if (serial < 32874 || serial > 62868) return null;
  return new Date(SERIAL_EPOCH_MS + serial * 86_400_000).toISOString().slice(0, 10);
}

/**
 * `16/9/2021` or `9/16/2021`: which part is the day only the file as a whole can tell. The parts
 * are kept until then (see SlashDates); a value no order can read is null.
 */
export function slashDateParts(value: string): { first: number; second: number; year: number } | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  return match ? { first: Number(match[1]), second: Number(match[2]), year: Number(match[3]) } : null;
}

/**
 * Slash dates of one file, read once every row is in: day first when some first part is over 12
 * (and no second part is), month first in the opposite case, and unreadable when nothing tells
 * (every part 12 or under) or the file contradicts itself. Nothing is ever guessed.
 */
export class SlashDates<T> {
  private readonly pending: Array<{ parts: { first: number; second: number; year: number }; item: T }> = [];
  private dayFirstSeen = false;
  private monthFirstSeen = false;

  add(parts: { first: number; second: number; year: number }, item: T): void {
    if (parts.first > 12) this.dayFirstSeen = true;
    if (parts.second > 12) this.monthFirstSeen = true;
    this.pending.push({ parts, item });
  }

  /** Calls `read` for each kept value with its date, or null when it cannot be read. */
  resolve(read: (item: T, date: string | null) => void): void {
    const order = this.dayFirstSeen === this.monthFirstSeen ? null : this.dayFirstSeen ? 'day-first' : 'month-first';
    for (const { parts, item } of this.pending) {
      const date =
        order === null ? null : order === 'day-first' ? isoDate(parts.year, parts.second, parts.first) : isoDate(parts.year, parts.first, parts.second);
      read(item, date);
    }
    this.pending.length = 0;
  }
}

export type ConnectionDateFormat = 'day-month-year' | 'excel' | 'us-date-time' | 'locale';

/**
 * The shapes `Connected On` has had, LinkedIn's own three and a spreadsheet's re-saves in other
 * locales; the match also tells the file's era apart. Slash dates are read file-wide (SlashDates).
 */
export function parseConnectedOn(value: string): { date: string; format: ConnectionDateFormat } | null {
  const dayMonthYear = parseDayMonthYear(value);
  if (dayMonthYear) return { date: dayMonthYear, format: 'day-month-year' };
  const excel = parseExcelDate(value);
  if (excel) return { date: excel, format: 'excel' };
  const usDateTime = parseUsDateTime(value);
  if (usDateTime) return { date: usDateTime.slice(0, 10), format: 'us-date-time' };
  const locale = parseDottedDate(value) ?? parseIsoDate(value) ?? parseSpreadsheetSerial(value);
  return locale ? { date: locale, format: 'locale' } : null;
}

/** Earliest and latest day seen; accepts dates and timestamps alike. */
export class DateRange {
  from: string | null = null;
  to: string | null = null;
  /** Values written in a cell that no pattern could read: reported, never silently dropped. */
  unreadable = 0;

  add(value: string | null): void {
    if (value === null) return;
    const day = value.slice(0, 10);
    if (this.from === null || day < this.from) this.from = day;
    if (this.to === null || day > this.to) this.to = day;
  }

  toRange(): { from: string | null; to: string | null } {
    return { from: this.from, to: this.to };
  }
}
