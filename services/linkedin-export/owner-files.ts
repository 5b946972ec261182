/** The owner's own files: Profile.csv (who they are) and Positions.csv (where they worked). */
import { parseMonthYear, type DateRange } from './dates.ts';
import type { ExportState } from './export-state.ts';
import type { Row } from './header-row.ts';
import type { RowSink } from './row-sink.ts';

export class PositionsSink implements RowSink {
  constructor(private readonly state: ExportState) {}

  accept(row: Row, dates: DateRange): string | null {
    const company = row.get('company name');
    const title = row.get('title');
    if (company === '' && title === '') return 'no company or title';
    const startedOn = parseMonthYear(row.get('started on'));
    // An empty Finished On means the current role.
    const finishedOn = parseMonthYear(row.get('finished on'));
    dates.add(startedOn);
    dates.add(finishedOn);
    this.state.positions.push({ company, title, startedOn, finishedOn });
    return null;
  }

  era(): string {
    return 'positions';
  }
}

export class ProfileSink implements RowSink {
  constructor(private readonly state: ExportState) {}

  accept(row: Row): string | null {
    // One row is expected; should there be more, the first describes the owner.
    this.state.profile ??= {
      firstName: row.get('first name'),
      lastName: row.get('last name'),
      headline: row.get('headline'),
      summary: row.get('summary'),
      industry: row.get('industry'),
    };
    return null;
  }

  era(): string {
    return 'profile';
  }
}
