/** Endorsement_Received_Info.csv / Endorsement_Given_Info.csv: skills endorsed, each way. */
import { parseEndorsementTimestamp, type DateRange } from './dates.ts';
import { personKey } from './evidence.ts';
import type { ExportState } from './export-state.ts';
import type { Columns, Row } from './header-row.ts';
import { fullName } from './names.ts';
import { normaliseProfileUrl } from './profile-url.ts';
import type { RowSink } from './row-sink.ts';

export class EndorsementsSink implements RowSink {
  /** Column prefix for the other person: `Endorser …` in Received, `Endorsee …` in Given. */
  private readonly role: 'endorser' | 'endorsee';
  private readonly hasUrl: boolean;

  constructor(
    private readonly state: ExportState,
    columns: Columns,
    private readonly direction: 'received' | 'given',
  ) {
    this.role = direction === 'received' ? 'endorser' : 'endorsee';
    this.hasUrl = columns.has(`${this.role} public url`);
  }

  accept(row: Row, dates: DateRange): string | null {
    dates.add(parseEndorsementTimestamp(row.get('endorsement date')));
    const name = fullName(row.get(`${this.role} first name`), row.get(`${this.role} last name`));
    const url = row.get(`${this.role} public url`);
    const profileKey = url === '' ? null : normaliseProfileUrl(url);
    if (name === '' && profileKey === null) return 'no name or profile URL for the other person';
    // ACCEPTED (or no status in older files) counts; PENDING, HIDDEN, Redacted do not.
    const status = row.get('endorsement status').toUpperCase();
    if (status !== '' && status !== 'ACCEPTED') return null;
    const key = personKey(this.state.keyMode, profileKey, name);
    if (key === null) return null;
    const evidence = this.state.evidence.for(key);
    if (this.direction === 'received') evidence.endorsementsReceived += 1;
    else evidence.endorsementsGiven += 1;
    return null;
  }

  era(): string {
    return `endorsements-${this.direction}-${this.hasUrl ? '2024' : '2022'}`;
  }
}
