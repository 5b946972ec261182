import type pg from 'pg';
import {
  applyPeopleDiff,
  copyConnections,
  copyEvidence,
  deleteEvidence,
  deleteUploadChunks,
  holdSubscriber,
  importHistory,
  inImportTransaction,
  lockSubscriberImports,
  markExportImported,
  mergeStagedEvidence,
  stageEvidence,
  stagePeople,
  type WriteResult,
} from '../../db/queries/import-write.ts';
import type { ImportSummary } from '../../db/types.ts';
import { evidenceKey } from '../../domain/linkedin-export/index.ts';
import type { ConnectionRecord, Evidence, ParsedExport } from '../../domain/linkedin-export/types.ts';
import { TimeOrderedIds } from './time-ordered-ids.ts';

/**
 * Connections by the key their evidence is filed under. Two rows with one key (namesakes in
 * URL-less eras) would make one statement touch a row twice: the last one wins.
 */
function connectionsByKey(parsed: ParsedExport): Map<string, ConnectionRecord> {
  const byKey = new Map<string, ConnectionRecord>();
  for (const c of parsed.connections) {
    const key = evidenceKey(c);
    if (key) byKey.set(key, c);
  }
  return byKey;
}

/** Whether this export says who the connections are; only then can anyone be new or gone. */
export function hasConnectionsFile(parsed: ParsedExport): boolean {
  return parsed.files.some((f) => f.kind === 'connections');
}

/**
 * Applies a parsed export in one transaction with set-based statements. Holding a per-subscriber
 * advisory lock makes two imports for one subscriber run one after the other, never interleaved.
 * Either everything is written or, on any error, nothing is.
 */
export async function writeImport(
  client: pg.PoolClient,
  input: { subscriberId: string; exportId: string; parsed: ParsedExport },
): Promise<WriteResult> {
  const { subscriberId: s, exportId: e, parsed } = input;
  return inImportTransaction(client, async () => {
    await lockSubscriberImports(client, s);
    // Stands in for a foreign key on every connection row: an erasure waits for this import.
    if (!(await holdSubscriber(client, s))) throw new Error(`subscriber ${s} no longer exists`);
    const { imported: hasPrevious, known } = await importHistory(client, s);
    const full = hasConnectionsFile(parsed);

    const result =
      full && !hasPrevious && !known ? await writeFirstImport(client, s, e, parsed) : await mergeImport(client, s, e, parsed, hasPrevious);

    const summary: ImportSummary = {
      connections: parsed.connections.length,
      anonymousConnections: parsed.anonymousConnections,
      ...result,
      rejectedRows: parsed.files.reduce((n, f) => n + f.rejected, 0),
      unreadableDates: parsed.files.reduce((n, f) => n + f.unreadableDates, 0),
      files: parsed.files.map(({ name, kind, era, rows, rejected, unreadableDates }) => ({ name, kind, era, rows, rejected, unreadableDates })),
      dateRange: parsed.dateRange,
      profile: parsed.owner ? { hasHeadline: parsed.owner.headline.trim() !== '', hasSummary: parsed.owner.summary.trim() !== '' } : null,
    };
    await markExportImported(client, e, summary);
    // The raw upload holds other people's messages: it goes as soon as it has been parsed.
    await deleteUploadChunks(client, e);
    return result;
  });
}

/**
 * A subscriber's first export has nothing to diff against and nobody in it is news: its people
 * and their evidence are copied straight into place, with ids made here so evidence can point
 * at them without reading anything back.
 */
async function writeFirstImport(client: pg.PoolClient, s: string, e: string, parsed: ParsedExport): Promise<WriteResult> {
  const ids = new TimeOrderedIds();
  const idByKey = new Map<string, string>();
  function* people(): Iterable<{ id: string; key: string; person: ConnectionRecord }> {
    for (const [key, person] of connectionsByKey(parsed)) {
      const id = ids.take();
      idByKey.set(key, id);
      yield { id, key, person };
    }
  }
  function* evidence(): Iterable<{ connectionId: string; evidence: Evidence }> {
    for (const [key, found] of parsed.evidence) {
      const connectionId = idByKey.get(key);
      if (connectionId !== undefined) yield { connectionId, evidence: found };
    }
  }
  await copyConnections(client, s, e, people());
  await copyEvidence(client, s, evidence());
  return { newConnections: 0, removedConnections: 0, jobChanges: 0 };
}

/** Every later export, and any lone file: staged, then diffed against what the subscriber has. */
async function mergeImport(client: pg.PoolClient, s: string, e: string, parsed: ParsedExport, hasPrevious: boolean): Promise<WriteResult> {
  const full = hasConnectionsFile(parsed);
  let diff: WriteResult = { newConnections: 0, removedConnections: 0, jobChanges: 0 };
  if (full) {
    await stagePeople(client, connectionsByKey(parsed));
    diff = await applyPeopleDiff(client, s, e, hasPrevious);
  }

  // A whole export is the truth about evidence: replace it. A lone file (even Connections.csv,
  // which holds no messages) only adds to what it covers.
  if (full && parsed.format === 'zip') await deleteEvidence(client, s);
  if (parsed.evidence.size === 0) return diff;
  await stageEvidence(client, parsed.evidence);
  await mergeStagedEvidence(client, s);
  return diff;
}
