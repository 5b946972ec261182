/**
 * messages.csv: who wrote to whom, never what. Messages are folded into one small summary per
 * conversation as they stream past; direction can only be settled at the end, once the owner
 * is known (modern files have no Direction column).
 */
import { parseMessageTimestamp, parseUsDateTime, type DateRange } from './dates.ts';
import type { EntryBudget } from './entry-budget.ts';
import { later, personKey, type EvidenceBook, type KeyMode } from './evidence.ts';
import type { ExportState } from './export-state.ts';
import type { Columns, Row } from './header-row.ts';
import { collapseSpaces, isLinkedInMember, LINKEDIN_MEMBER } from './names.ts';
import { normaliseProfileUrl, splitProfileUrls } from './profile-url.ts';
import type { RowSink } from './row-sink.ts';

/**
 * Participants are identified as `u:<profile key>` where the file names recipients by URL
 * (2024+), else as `n:<lowercased name>` (2018, 2022).
 */
const byUrl = (profileKey: string): string => `u:${profileKey}`;
function byName(name: string): string | null {
  const folded = collapseSpaces(name).toLowerCase();
  return folded === '' || folded === LINKEDIN_MEMBER ? null : `n:${folded}`;
}

interface Tally {
  count: number;
  lastAt: string | null;
}

interface Thread {
  /** SUBJECT or CONVERSATION TITLE set: InMail, recruiter or job threads. */
  titled: boolean;
  sponsored: boolean;
  senders: Map<string, Tally>;
  participants: Set<string>;
  maxRecipients: number;
}

export interface MessageOwner {
  profileKey: string | null;
  /** The owner's name from Profile.csv, to spot them among name-only recipients. */
  name: string;
}

export class MessageThreads {
  private readonly threads = new Map<string, Thread>();
  /** Messages per sender profile key: the most frequent sender is taken as the owner. */
  private readonly sentByProfile = new Map<string, number>();
  /** Profile key behind each `n:` identity, learnt from rows that name a sender and give a URL. */
  private readonly profileKeyByName = new Map<string, string>();
  /**
   * The name written beside each profile URL (FROM with SENDER PROFILE URL, TO on a one-to-one
   * row): where Connections.csv has no URL column, people are keyed by name, and a message whose
   * participants are known by URL only would otherwise join nobody.
   */
  private readonly nameByProfileKey = new Map<string, string>();
  /** Senders of the 2018 file's OUTGOING rows: the owner, however their name is written. */
  private readonly ownerNames = new Set<string>();

  constructor(private readonly budget: EntryBudget) {}

  thread(id: string): Thread {
    let thread = this.threads.get(id);
    if (!thread) {
      this.budget.take();
      thread = { titled: false, sponsored: false, senders: new Map(), participants: new Set(), maxRecipients: 0 };
      this.threads.set(id, thread);
    }
    return thread;
  }

  addMessage(thread: Thread, sender: string, recipients: readonly string[], at: string | null): void {
    const tally = thread.senders.get(sender);
    if (tally) {
      tally.count += 1;
      tally.lastAt = later(tally.lastAt, at);
    } else {
      this.budget.take();
      thread.senders.set(sender, { count: 1, lastAt: at });
    }
    const members = thread.participants.size;
    thread.participants.add(sender);
    for (const recipient of recipients) thread.participants.add(recipient);
    this.budget.take(thread.participants.size - members);
    thread.maxRecipients = Math.max(thread.maxRecipients, recipients.length);
  }

  noteSender(profileKey: string, identity: string): void {
    const sent = this.sentByProfile.get(profileKey);
    if (sent === undefined) this.budget.take();
    this.sentByProfile.set(profileKey, (sent ?? 0) + 1);
    if (identity.startsWith('n:')) {
      if (!this.profileKeyByName.has(identity)) this.budget.take();
      this.profileKeyByName.set(identity, profileKey);
    }
  }

  noteName(profileKey: string, name: string): void {
    const written = collapseSpaces(name);
    if (written === '' || isLinkedInMember(written) || this.nameByProfileKey.has(profileKey)) return;
    this.budget.take();
    this.nameByProfileKey.set(profileKey, written);
  }

  noteOwnerName(identity: string): void {
    if (!this.ownerNames.has(identity)) this.budget.take();
    this.ownerNames.add(identity);
  }

  mostFrequentSender(): string | null {
    let best: string | null = null;
    let bestCount = 0;
    for (const [profileKey, count] of this.sentByProfile) {
      if (count > bestCount) [best, bestCount] = [profileKey, count];
    }
    return best;
  }

  /**
   * Turns conversation summaries into evidence. Sponsored threads never count; an InMail or
   * recruiter thread counts only if it got a reply; group threads add messages but never a
   * two-way 1:1 thread.
   */
  addEvidence(book: EvidenceBook, owner: MessageOwner, mode: KeyMode): void {
    const ownerIds = this.ownerIdentities(owner);
    for (const thread of this.threads.values()) {
      if (thread.sponsored) continue;
      const others = [...thread.participants].filter((id) => !ownerIds.has(id));
      const sent = sumTallies([...ownerIds].map((id) => thread.senders.get(id)));
      const replied = others.some((id) => thread.senders.has(id));
      if (thread.titled && !(sent.count > 0 && replied)) continue;
      const group = others.length > 1 || thread.maxRecipients > 1;
      for (const id of others) {
        const received = thread.senders.get(id);
        const key = this.keyOf(id, mode);
        if (key === null || (received === undefined && sent.count === 0)) continue;
        const evidence = book.for(key);
        evidence.messagesIn += received?.count ?? 0;
        evidence.messagesOut += sent.count;
        evidence.lastMessageAt = later(evidence.lastMessageAt, later(received?.lastAt ?? null, sent.lastAt));
        if (!group && received !== undefined && sent.count > 0) evidence.twoWayThreads += 1;
      }
    }
  }

  private ownerIdentities(owner: MessageOwner): Set<string> {
    const ids = new Set(this.ownerNames);
    const ownerName = byName(owner.name);
    if (ownerName) ids.add(ownerName);
    if (owner.profileKey !== null) {
      ids.add(byUrl(owner.profileKey));
      for (const [id, profileKey] of this.profileKeyByName) if (profileKey === owner.profileKey) ids.add(id);
    }
    return ids;
  }

  private keyOf(id: string, mode: KeyMode): string | null {
    if (id.startsWith('u:')) return personKey(mode, id.slice(2), this.nameByProfileKey.get(id.slice(2)) ?? '');
    return personKey(mode, this.profileKeyByName.get(id) ?? null, id.slice(2));
  }
}

function sumTallies(tallies: ReadonlyArray<Tally | undefined>): Tally {
  const sum: Tally = { count: 0, lastAt: null };
  for (const tally of tallies) {
    if (!tally) continue;
    sum.count += tally.count;
    sum.lastAt = later(sum.lastAt, tally.lastAt);
  }
  return sum;
}

/** messages.csv from 2022 on: CONVERSATION ID, FROM, SENDER PROFILE URL, optional RECIPIENT PROFILE URLS. */
export class MessagesSink implements RowSink {
  private readonly recipientsByUrl: boolean;

  constructor(
    private readonly state: ExportState,
    private readonly columns: Columns,
  ) {
    this.recipientsByUrl = columns.has('recipient profile urls');
  }

  accept(row: Row, dates: DateRange): string | null {
    const at = parseMessageTimestamp(row.get('date'));
    dates.add(at);
    if (at === null && row.get('date') !== '') dates.unreadable += 1;
    // An unsent draft is no message, and LinkedIn writes some without a CONVERSATION ID: skipped
    // before any check, so it is neither evidence nor a "rejected row".
    if (row.get('is message draft').toLowerCase() === 'yes') return null;
    const threadId = row.get('conversation id');
    if (threadId === '') return 'no CONVERSATION ID';
    const threads = this.state.threads;
    const thread = threads.thread(threadId);
    const title = row.get('conversation title');
    if (title !== '' || row.get('subject') !== '') thread.titled = true;
    if (title.toLowerCase() === 'sponsored conversation') thread.sponsored = true;
    if (row.get('folder').toUpperCase() === 'SPAM') return null;

    // Sponsored and system rows: `LinkedIn Member` with no sender URL. Never a person.
    const senderName = row.get('from');
    const senderKey = normaliseProfileUrl(row.get('sender profile url'));
    if (senderKey === null || isLinkedInMember(senderName)) return null;
    const sender = this.recipientsByUrl ? byUrl(senderKey) : (byName(senderName) ?? byUrl(senderKey));
    threads.noteSender(senderKey, sender);
    threads.noteName(senderKey, senderName);
    const recipients = this.recipients(row);
    // TO names each recipient, joined by ", " that names may contain too: only a lone recipient's is certain.
    if (this.recipientsByUrl && recipients.length === 1) threads.noteName(recipients[0]!.slice(2), row.get('to'));
    threads.addMessage(thread, sender, recipients, at);
    return null;
  }

  /** Recipient URLs are comma-joined; names may contain ", ", so the 2022 TO value stays whole. */
  private recipients(row: Row): string[] {
    if (!this.recipientsByUrl) {
      const name = byName(row.get('to'));
      return name ? [name] : [];
    }
    return splitProfileUrls(row.get('recipient profile urls'))
      .map(normaliseProfileUrl)
      .filter((profileKey): profileKey is string => profileKey !== null)
      .map(byUrl);
  }

  era(): string {
    const columns = this.columns;
    if (!this.recipientsByUrl) return 'messages-2022';
    if (columns.has('attachments') && columns.size === 11) return 'messages-2026';
    if (!columns.has('attachments') && columns.has('is conversation draft')) return 'messages-2024';
    return `messages-${columns.size}-columns`;
  }
}

/** Messages.csv of 2018: From, To, Date, Subject, Content, Direction, Folder; names only. */
export class Messages2018Sink implements RowSink {
  constructor(private readonly state: ExportState) {}

  accept(row: Row, dates: DateRange): string | null {
    const at = parseUsDateTime(row.get('date'));
    dates.add(at);
    const direction = row.get('direction').toUpperCase();
    if (direction !== 'INCOMING' && direction !== 'OUTGOING') return `Direction is "${row.get('direction')}", not INCOMING or OUTGOING`;
    const sender = byName(row.get('from'));
    // To stays whole: names may contain ", ". A group message is then addressed to a "person"
    // who is not the owner, which marks its thread as a group.
    const recipient = byName(row.get('to'));
    if (sender === null || recipient === null) return null;
    const threads = this.state.threads;
    if (direction === 'OUTGOING') threads.noteOwnerName(sender);
    // No conversation ids in 2018: a thread is the pair of sender and addressee, either way round.
    const thread = threads.thread(`2018 ${[sender, recipient].sort().join(' ')}`);
    if (row.get('subject') !== '') thread.titled = true;
    threads.addMessage(thread, sender, [recipient], at);
    return null;
  }

  era(): string {
    return 'messages-2018';
  }
}
