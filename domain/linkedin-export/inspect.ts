/**
 * A JSON-serialisable summary of what an upload contains, for the inspect CLI and support:
 * counts only, no names, URLs or message details.
 */
import { evidenceKey } from './evidence.ts';
import { parseExport } from './parse-export.ts';
import type { Evidence, ExportLimits, FileSummary, RejectedRow } from './types.ts';

export interface InspectExportOptions {
  limits?: Partial<ExportLimits>;
  fileName?: string;
}

export interface ExportInspection {
  format: 'zip' | 'csv';
  /** Every file read, with its era, accepted and rejected row counts and date range. */
  files: FileSummary[];
  /** The first rejected rows, with reasons. */
  rejected: RejectedRow[];
  /** Rows kept whose date could not be read, over every file (each file's count is in files). */
  unreadableDates: number;
  connections: number;
  anonymousConnections: number;
  connectionsWithUrl: number;
  connectionsWithEmail: number;
  ownerProfileKnown: boolean;
  evidence: {
    /** People with any evidence, connections or not. */
    people: number;
    connectionsWithAnyEvidence: number;
    connectionsWithTwoWayThreads: number;
    twoWayThreads: number;
    connectionsWithMessages: number;
    connectionsWithInvitation: number;
    connectionsWithRecommendation: number;
    /** Of those, joined by name only (Recommendations carry no URL). */
    connectionsWithRecommendationByName: number;
    connectionsWithEndorsement: number;
    connectionsWithSharedEmployer: number;
  };
  dateRange: { from: string | null; to: string | null };
}

export async function inspectExport(path: string, options: InspectExportOptions = {}): Promise<ExportInspection> {
  const parsed = await parseExport(path, options);
  const connectionEvidence = new Set<Evidence>();
  for (const connection of parsed.connections) {
    const key = evidenceKey(connection);
    const evidence = key === null ? undefined : parsed.evidence.get(key);
    if (evidence) connectionEvidence.add(evidence);
  }
  const withEvidence = [...connectionEvidence];
  const count = (test: (evidence: Evidence) => boolean): number => withEvidence.filter(test).length;
  return {
    format: parsed.format,
    files: parsed.files,
    rejected: parsed.rejected,
    unreadableDates: parsed.files.reduce((n, f) => n + f.unreadableDates, 0),
    connections: parsed.connections.length,
    anonymousConnections: parsed.anonymousConnections,
    connectionsWithUrl: parsed.connections.filter((connection) => connection.profileKey !== null).length,
    connectionsWithEmail: parsed.connections.filter((connection) => connection.email !== null).length,
    ownerProfileKnown: parsed.owner?.profileKey != null,
    evidence: {
      people: parsed.evidence.size,
      connectionsWithAnyEvidence: withEvidence.length,
      connectionsWithTwoWayThreads: count((evidence) => evidence.twoWayThreads > 0),
      twoWayThreads: withEvidence.reduce((sum, evidence) => sum + evidence.twoWayThreads, 0),
      connectionsWithMessages: count((evidence) => evidence.messagesIn + evidence.messagesOut > 0),
      connectionsWithInvitation: count((evidence) => evidence.invitationDirection !== null),
      connectionsWithRecommendation: count((evidence) => evidence.recommendationsReceived + evidence.recommendationsGiven > 0),
      connectionsWithRecommendationByName: count((evidence) => evidence.recommendationMatch === 'name'),
      connectionsWithEndorsement: count((evidence) => evidence.endorsementsReceived + evidence.endorsementsGiven > 0),
      connectionsWithSharedEmployer: count((evidence) => evidence.sharedEmployer !== null),
    },
    dateRange: parsed.dateRange,
  };
}
