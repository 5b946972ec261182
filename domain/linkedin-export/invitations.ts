/** Invitations.csv: who invited whom, with the optional note. A recent window only (months). */
import { parseUsDateTime, type DateRange } from './dates.ts';
import { personKey } from './evidence.ts';
import type { ExportState } from './export-state.ts';
import type { Columns, Row } from './header-row.ts';
import { collapseSpaces } from './names.ts';
import { keptText, TEXT_CAPS } from './kept-text.ts';
import { normaliseProfileUrl } from './profile-url.ts';
import type { RowSink } from './row-sink.ts';

export class InvitationsSink implements RowSink {
  private readonly hasUrls: boolean;

  constructor(
    private readonly state: ExportState,
    columns: Columns,
  ) {
    this.hasUrls = columns.has('inviterprofileurl');
  }

  accept(row: Row, dates: DateRange): string | null {
    const sentAt = parseUsDateTime(row.get('sent at'));
    dates.add(sentAt);
    const direction = row.get('direction').toUpperCase();
    if (direction !== 'INCOMING' && direction !== 'OUTGOING') return `Direction is "${row.get('direction')}", not INCOMING or OUTGOING`;
    const inviter = profileKeyOf(row.get('inviterprofileurl'));
    const invitee = profileKeyOf(row.get('inviteeprofileurl'));
    const outgoing = direction === 'OUTGOING';
    // The owner is the inviter of what they sent, and the invitee of what they received.
    if (outgoing) this.state.ownerFromOutgoingInvitation ??= inviter;
    else this.state.ownerFromIncomingInvitation ??= invitee;

    const otherName = collapseSpaces(row.get(outgoing ? 'to' : 'from'));
    const otherKey = outgoing ? invitee : inviter;
    if (otherName === '' && otherKey === null) return 'no name or profile URL for the other person';
    const key = personKey(this.state.keyMode, otherKey, otherName);
    if (key === null) return null;
    const evidence = this.state.evidence.for(key);
    // Several invitations with one person: the latest tells how the connection came about.
    if (evidence.invitationDirection === null || (sentAt !== null && (evidence.invitationSentAt === null || sentAt > evidence.invitationSentAt))) {
      evidence.invitationDirection = outgoing ? 'outgoing' : 'incoming';
      evidence.invitationNote = keptText(row.get('message'), TEXT_CAPS.note) || null;
      evidence.invitationSentAt = sentAt;
    }
    return null;
  }

  era(): string {
    return this.hasUrls ? 'invitations-2024' : 'invitations-2018';
  }
}

function profileKeyOf(url: string): string | null {
  return url === '' ? null : normaliseProfileUrl(url);
}
