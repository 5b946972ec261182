/** The owner's own files: Profile.csv (who they are) and Positions.csv (where they worked). */
import { parseMonthYear, type DateRange } from './dates.ts';
import type { ExportState } from './export-state.ts';
import type { Row } from './header-row.ts';
import { keptText, TEXT_CAPS } from './kept-text.ts';
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
    this.state.budget.take();
    this.state.positions.push({ company: keptText(company, TEXT_CAPS.company), title: keptText(title, TEXT_CAPS.position), startedOn, finishedOn });
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
      firstName: keptText(row.get('first name'), TEXT_CAPS.name),
      lastName: keptText(row.get('last name'), TEXT_CAPS.name),
      headline: keptText(row.get('headline'), TEXT_CAPS.profile),
      summary: keptText(row.get('summary'), TEXT_CAPS.profile),
      industry: keptText(row.get('industry'), TEXT_CAPS.company),
    };
    return null;
  }

  era(): string {
    return 'profile';
  }
}
