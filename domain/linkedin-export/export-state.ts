/**
 * Everything gathered while the files of one upload stream past, and the final assembly into
 * a ParsedExport. Holds per-person and per-conversation summaries only, never file text.
 */
import { ConnectionStore } from './connections.ts';
import { DateRange } from './dates.ts';
import { EntryBudget } from './entry-budget.ts';
import { EvidenceBook, evidenceKey, type KeyMode } from './evidence.ts';
import { MessageThreads } from './messages.ts';
import { foldName, fullName, normaliseCompany } from './names.ts';
import type { FileSummary, OwnerProfile, ParsedExport, Position, RejectedRow } from './types.ts';

/** ParsedExport.rejected keeps this many examples; FileSummary.rejected has the full counts. */
const REJECTED_EXAMPLES = 50;

export class ExportState {
  keyMode: KeyMode = null;
  readonly connections: ConnectionStore;
  anonymousConnections = 0;
  readonly evidence: EvidenceBook;
  readonly threads: MessageThreads;
  readonly positions: Position[] = [];
  profile: Omit<OwnerProfile, 'profileKey'> | null = null;
  /** inviterProfileUrl of an OUTGOING invitation: certainly the owner. */
  ownerFromOutgoingInvitation: string | null = null;
  /** inviteeProfileUrl of an INCOMING invitation: the owner too. */
  ownerFromIncomingInvitation: string | null = null;
  readonly files: FileSummary[] = [];
  readonly rejected: RejectedRow[] = [];
  private connectionKeysByName: Map<string, string | null> | null = null;

  /** Every structure below that grows with the rows draws on one budget. */
  constructor(readonly budget: EntryBudget = new EntryBudget(Number.POSITIVE_INFINITY)) {
    this.connections = new ConnectionStore(budget);
    this.evidence = new EvidenceBook(budget);
    this.threads = new MessageThreads(budget);
  }

  reject(file: string, record: number, reason: string): void {
    if (this.rejected.length < REJECTED_EXAMPLES) this.rejected.push({ file, record, reason });
  }

  /**
   * The evidence key of the one connection with this name (case and accents ignored), or null
   * when none or several have it. Only Recommendations, which carry no URL, join this way.
   */
  connectionKeyByName(name: string): string | null {
    if (this.connectionKeysByName === null) {
      const index = new Map<string, string | null>();
      for (const connection of this.connections.all()) {
        const folded = foldName(fullName(connection.firstName, connection.lastName));
        if (folded === '') continue;
        index.set(folded, index.has(folded) ? null : evidenceKey(connection));
      }
      this.connectionKeysByName = index;
    }
    return this.connectionKeysByName.get(foldName(name)) ?? null;
  }

  finish(format: 'zip' | 'csv'): ParsedExport {
    const ownerKey = this.ownerFromOutgoingInvitation ?? this.ownerFromIncomingInvitation ?? this.threads.mostFrequentSender();
    const ownerName = this.profile ? fullName(this.profile.firstName, this.profile.lastName) : '';
    this.threads.addEvidence(this.evidence, { profileKey: ownerKey, name: ownerName }, this.keyMode);
    this.addSharedEmployers();
    const dateRange = new DateRange();
    for (const file of this.files) {
      dateRange.add(file.dateRange.from);
      dateRange.add(file.dateRange.to);
    }
    return {
      format,
      files: this.files,
      rejected: this.rejected,
      connections: this.connections.all(),
      anonymousConnections: this.anonymousConnections,
      evidence: this.evidence.byKey,
      owner: this.profile || ownerKey ? { profileKey: ownerKey, ...(this.profile ?? emptyProfile()) } : null,
      positions: this.positions,
      dateRange: dateRange.toRange(),
    };
  }

  /** Connections whose current company is one the owner worked at (any of their Positions). */
  private addSharedEmployers(): void {
    const ownerCompanies = new Map<string, string>();
    for (const position of this.positions) {
      const normalised = normaliseCompany(position.company);
      if (normalised !== '' && !ownerCompanies.has(normalised)) ownerCompanies.set(normalised, position.company);
    }
    if (ownerCompanies.size === 0) return;
    // Many connections share an employer: normalise each company name once.
    const sharedByCompany = new Map<string, string | undefined>();
    for (const connection of this.connections.all()) {
      if (connection.company === '') continue;
      let shared = sharedByCompany.get(connection.company);
      if (!sharedByCompany.has(connection.company)) {
        shared = ownerCompanies.get(normaliseCompany(connection.company));
        sharedByCompany.set(connection.company, shared);
      }
      const key = evidenceKey(connection);
      if (shared !== undefined && key !== null) this.evidence.for(key).sharedEmployer = shared;
    }
  }
}

function emptyProfile(): Omit<OwnerProfile, 'profileKey'> {
  return { firstName: '', lastName: '', headline: '', summary: '', industry: '' };
}
