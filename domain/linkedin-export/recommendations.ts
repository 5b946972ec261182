/**
 * Recommendations_Received.csv / Recommendations_Given.csv. They carry no profile URL, so they
 * are the one place a name joins a connection, and the match is marked as the weaker 'name'.
 */
import { parseUsDateTime, type DateRange } from './dates.ts';
import type { ExportState } from './export-state.ts';
import type { Row } from './header-row.ts';
import { fullName, nameKey } from './names.ts';
import type { RowSink } from './row-sink.ts';

export class RecommendationsSink implements RowSink {
  constructor(
    private readonly state: ExportState,
    private readonly direction: 'received' | 'given',
  ) {}

  accept(row: Row, dates: DateRange): string | null {
    dates.add(parseUsDateTime(row.get('creation date')));
    const name = fullName(row.get('first name'), row.get('last name'));
    // A name matching no single connection still keeps its own `name:` key.
    const key = this.state.connectionKeyByName(name) ?? nameKey(name);
    if (key === null) return 'no name';
    const evidence = this.state.evidence.for(key);
    if (this.direction === 'received') evidence.recommendationsReceived += 1;
    else evidence.recommendationsGiven += 1;
    evidence.recommendationMatch ??= 'name';
    return null;
  }

  era(): string {
    return `recommendations-${this.direction}`;
  }
}
