/** Connections.csv: the people in the owner's network, one row each. */
import { parseConnectedOn, SlashDates, slashDateParts, type ConnectionDateFormat, type DateRange } from './dates.ts';
import type { EntryBudget } from './entry-budget.ts';
import type { ExportState } from './export-state.ts';
import type { Columns, Row } from './header-row.ts';
import { keptText, TEXT_CAPS } from './kept-text.ts';
import { normaliseProfileUrl } from './profile-url.ts';
import type { RowSink } from './row-sink.ts';
import type { ConnectionRecord } from './types.ts';

/** Connections deduplicated by profile key, the last row winning; URL-less rows are all kept. */
export class ConnectionStore {
  private readonly records: ConnectionRecord[] = [];
  private readonly indexByKey = new Map<string, number>();

  constructor(private readonly budget: EntryBudget) {}

  add(record: ConnectionRecord): void {
    const existing = record.profileKey === null ? undefined : this.indexByKey.get(record.profileKey);
    if (existing !== undefined) {
      this.records[existing] = record;
      return;
    }
    this.budget.take();
    if (record.profileKey !== null) this.indexByKey.set(record.profileKey, this.records.length);
    this.records.push(record);
  }

  all(): ConnectionRecord[] {
    return this.records;
  }
}

// Deliberately plain: it only has to drop junk such as `urn:li:member:123456`.
const EMAIL = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[^\s@"<>(),;:.]{2,}$/;

function validEmail(value: string): string | null {
  return value.length <= TEXT_CAPS.email && EMAIL.test(value) ? keptText(value, TEXT_CAPS.email) : null;
}

export class ConnectionsSink implements RowSink {
  private dateFormat: ConnectionDateFormat | null = null;
  /** Rows whose `16/9/2021` waits for the whole file to say which part is the day. */
  private readonly slashDates = new SlashDates<ConnectionRecord>();
  private readonly hasUrl: boolean;

  constructor(
    private readonly state: ExportState,
    columns: Columns,
    /** The header sat below a `Notes:` preamble (2022 onward). */
    private readonly hadPreamble: boolean,
  ) {
    this.hasUrl = columns.has('url');
    // Any Connections file with URLs makes URLs the key for the whole export.
    state.keyMode = this.hasUrl || state.keyMode === 'url' ? 'url' : 'name';
  }

  accept(row: Row, dates: DateRange): string | null {
    const firstName = row.get('first name');
    const lastName = row.get('last name');
    const url = row.get('url');
    const profileKey = url === '' ? null : normaliseProfileUrl(url);
    const connectedOnRaw = row.get('connected on');
    const connectedOn = parseConnectedOn(connectedOnRaw);
    if (connectedOn) {
      dates.add(connectedOn.date);
      this.dateFormat ??= connectedOn.format;
    }
    // `,,,,,09 Sep 2022`: a deactivated or hidden member, counted but not stored.
    if (firstName === '' && lastName === '' && profileKey === null) {
      this.state.anonymousConnections += 1;
      return null;
    }
    // Kept until the import is written: capped and copied, so a row holds only its own short text.
    const record: ConnectionRecord = {
      profileKey: profileKey === null ? null : keptText(profileKey, TEXT_CAPS.url),
      profileUrl: url === '' ? null : keptText(url, TEXT_CAPS.url),
      firstName: keptText(firstName, TEXT_CAPS.name),
      lastName: keptText(lastName, TEXT_CAPS.name),
      email: validEmail(row.get('email address')),
      company: keptText(row.get('company'), TEXT_CAPS.company),
      position: keptText(row.get('position'), TEXT_CAPS.position),
      connectedOn: connectedOn?.date ?? null,
      connectedOnRaw: keptText(connectedOnRaw, TEXT_CAPS.date),
    };
    this.state.connections.add(record);
    if (!connectedOn && connectedOnRaw !== '') {
      const parts = slashDateParts(connectedOnRaw);
      if (parts) this.slashDates.add(parts, record);
      else dates.unreadable += 1;
    }
    return null;
  }

  /** Slash dates are read once the file has said, anywhere, which part is the day. */
  finish(dates: DateRange): void {
    this.slashDates.resolve((record, date) => {
      if (date === null) {
        dates.unreadable += 1;
        return;
      }
      record.connectedOn = date;
      dates.add(date);
      this.dateFormat ??= 'locale';
    });
  }

  era(): string {
    if (this.dateFormat === 'excel') return 'connections-excel';
    // Re-saved by a spreadsheet in another locale: neither LinkedIn's 2018 nor 2021 shape.
    if (this.dateFormat === 'locale') return 'connections-locale';
    if (this.hasUrl) return 'connections-2024';
    if (this.hadPreamble) return 'connections-2022';
    return this.dateFormat === 'day-month-year' ? 'connections-2021' : 'connections-2018';
  }
}
