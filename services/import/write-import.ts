import type pg from 'pg';
import type { ImportSummary } from '../../db/types.ts';
import { evidenceKey } from '../linkedin-export/index.ts';
import type { ConnectionRecord, Evidence, ParsedExport } from '../linkedin-export/types.ts';
import { TimeOrderedIds } from './time-ordered-ids.ts';
import { copyRows, type CopyValue } from './copy-rows.ts';

const stagingColumns = [
  'match_key', 'profile_url', 'first_name', 'last_name', 'email', 'company', 'position', 'connected_on', 'connected_on_raw',
  'has_evidence', 'messages_in', 'messages_out', 'two_way_threads', 'last_message_at', 'invitation_direction',
  'invitation_note', 'invitation_sent_at', 'recommendations_received', 'recommendations_given', 'recommendation_match',
  'endorsements_received', 'endorsements_given', 'shared_employer',
];

const evidenceColumns = stagingColumns.slice(stagingColumns.indexOf('messages_in'));

function evidenceValues(e: Evidence | undefined): CopyValue[] {
  if (!e) return [false, 0, 0, 0, null, null, null, null, 0, 0, null, 0, 0, null];
  return [
    true, e.messagesIn, e.messagesOut, e.twoWayThreads, e.lastMessageAt, e.invitationDirection, e.invitationNote,
    e.invitationSentAt, e.recommendationsReceived, e.recommendationsGiven, e.recommendationMatch, e.endorsementsReceived,
    e.endorsementsGiven, e.sharedEmployer,
  ];
}

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

function* stagingRows(parsed: ParsedExport): Iterable<CopyValue[]> {
  for (const [key, c] of connectionsByKey(parsed)) {
    yield [
      key, c.profileUrl, c.firstName, c.lastName, c.email, c.company, c.position, c.connectedOn, c.connectedOnRaw,
      ...evidenceValues(parsed.evidence.get(key)),
    ];
  }
}

/** Without Connections.csv (a lone messages or invitations file) only evidence is staged. */
function* evidenceOnlyRows(parsed: ParsedExport): Iterable<CopyValue[]> {
  for (const [key, evidence] of parsed.evidence) yield [key, null, null, null, null, null, null, null, null, ...evidenceValues(evidence)];
}

/** Whether this export says who the connections are; only then can anyone be new or gone. */
export function hasConnectionsFile(parsed: ParsedExport): boolean {
  return parsed.files.some((f) => f.kind === 'connections');
}

export interface WriteResult {
  newConnections: number;
  removedConnections: number;
  jobChanges: number;
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
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('rapport-import'), hashtext($1))`, [s]);
    // Stands in for a foreign key on every connection row: an erasure waits for this import.
    const subscriber = await client.query(`SELECT 1 FROM subscribers WHERE id = $1 FOR KEY SHARE`, [s]);
    if (subscriber.rowCount === 0) throw new Error(`subscriber ${s} no longer exists`);
    const history = await client.query<{ imported: boolean; known: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM exports WHERE subscriber_id = $1 AND status = 'imported') AS imported,
              EXISTS (SELECT 1 FROM connections WHERE subscriber_id = $1) AS known`,
      [s],
    );
    const { imported: hasPrevious, known } = history.rows[0]!;
    const full = hasConnectionsFile(parsed);

    const result =
      full && !hasPrevious && !known ? await writeFirstImport(client, s, e, parsed) : await mergeImport(client, s, e, parsed, hasPrevious);

    const summary: ImportSummary = {
      connections: parsed.connections.length,
      anonymousConnections: parsed.anonymousConnections,
      ...result,
      rejectedRows: parsed.files.reduce((n, f) => n + f.rejected, 0),
      files: parsed.files.map(({ name, kind, era, rows, rejected }) => ({ name, kind, era, rows, rejected })),
      dateRange: parsed.dateRange,
      profile: parsed.owner ? { hasHeadline: parsed.owner.headline.trim() !== '', hasSummary: parsed.owner.summary.trim() !== '' } : null,
    };
    await client.query(
      `UPDATE exports SET status = 'imported', summary = $2, finished_at = now(), error_code = NULL, error_message = NULL WHERE id = $1`,
      [e, JSON.stringify(summary)],
    );
    // The raw upload holds other people's messages: it goes as soon as it has been parsed.
    await client.query('DELETE FROM export_chunks WHERE export_id = $1', [e]);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

const connectionColumns = [
  'id', 'subscriber_id', 'match_key', 'profile_url', 'first_name', 'last_name', 'email', 'company', 'position',
  'connected_on', 'connected_on_raw', 'first_export_id',
];

/**
 * A subscriber's first export has nothing to diff against and nobody in it is news: its people
 * and their evidence are copied straight into place, with ids made here so evidence can point
 * at them without reading anything back.
 */
async function writeFirstImport(client: pg.PoolClient, s: string, e: string, parsed: ParsedExport): Promise<WriteResult> {
  const ids = new TimeOrderedIds();
  const idByKey = new Map<string, string>();
  function* connectionRows(): Iterable<CopyValue[]> {
    for (const [key, c] of connectionsByKey(parsed)) {
      const id = ids.take();
      idByKey.set(key, id);
      yield [id, s, key, c.profileUrl, c.firstName, c.lastName, c.email, c.company, c.position, c.connectedOn, c.connectedOnRaw, e];
    }
  }
  function* evidenceRows(): Iterable<CopyValue[]> {
    for (const [key, evidence] of parsed.evidence) {
      const id = idByKey.get(key);
      if (id !== undefined) yield [id, s, ...evidenceValues(evidence).slice(1)];
    }
  }
  await copyRows(client, 'connections', connectionColumns, connectionRows());
  await copyRows(client, 'evidence', ['connection_id', 'subscriber_id', ...evidenceColumns.filter((c) => c !== 'has_evidence')], evidenceRows());
  return { newConnections: 0, removedConnections: 0, jobChanges: 0 };
}

/** Every later export, and any lone file: staged, then diffed against what the subscriber has. */
async function mergeImport(client: pg.PoolClient, s: string, e: string, parsed: ParsedExport, hasPrevious: boolean): Promise<WriteResult> {
  await client.query(`
    CREATE TEMP TABLE import_rows (
      match_key text PRIMARY KEY, profile_url text, first_name text, last_name text, email text,
      company text, position text, connected_on date, connected_on_raw text,
      has_evidence boolean NOT NULL, messages_in int, messages_out int, two_way_threads int, last_message_at timestamptz,
      invitation_direction text, invitation_note text, invitation_sent_at timestamptz, recommendations_received int,
      recommendations_given int, recommendation_match text, endorsements_received int, endorsements_given int,
      shared_employer text
    ) ON COMMIT DROP`);
  const full = hasConnectionsFile(parsed);
  await copyRows(client, 'import_rows', stagingColumns, full ? stagingRows(parsed) : evidenceOnlyRows(parsed));
  // Temp tables have no statistics until analysed; without them the joins below plan badly.
  await client.query('ANALYZE import_rows (match_key)');

  const diff = full ? await applyConnections(client, s, e, hasPrevious) : { newConnections: 0, removedConnections: 0, jobChanges: 0 };

  const evidenceList = evidenceColumns.filter((c) => c !== 'has_evidence');
  // A full export is the truth about evidence: replace it. A lone file only adds to what it covers.
  if (full) await client.query(`DELETE FROM evidence WHERE subscriber_id = $1`, [s]);
  await client.query(
    `INSERT INTO evidence (connection_id, subscriber_id, ${evidenceList.join(', ')})
     SELECT c.id, $1, ${evidenceList.map((col) => `r.${col}`).join(', ')}
     FROM import_rows r JOIN connections c ON c.subscriber_id = $1 AND c.match_key = r.match_key AND c.removed_at IS NULL
     WHERE r.has_evidence
     ON CONFLICT (connection_id) DO UPDATE SET ${evidenceList.map((col) => `${col} = excluded.${col}`).join(', ')}`,
    [s],
  );
  return diff;
}

/** New, changed and removed people, diffed against what the subscriber had: set-based statements. */
async function applyConnections(client: pg.PoolClient, s: string, e: string, hasPrevious: boolean): Promise<WriteResult> {
  const jobChanges = await client.query(
    `INSERT INTO connection_changes (subscriber_id, export_id, connection_id, kind, previous_company, previous_position)
     SELECT $1, $2, c.id, 'job_change', c.company, c.position
     FROM connections c JOIN import_rows r ON r.match_key = c.match_key
     WHERE c.subscriber_id = $1 AND c.removed_at IS NULL AND $3
       AND (c.company IS DISTINCT FROM r.company OR c.position IS DISTINCT FROM r.position)`,
    [s, e, hasPrevious],
  );

  await client.query(
    `CREATE TEMP TABLE import_new ON COMMIT DROP AS
     SELECT r.match_key FROM import_rows r
     WHERE NOT EXISTS (SELECT 1 FROM connections c WHERE c.subscriber_id = $1 AND c.match_key = r.match_key AND c.removed_at IS NULL)`,
    [s],
  );

  // Existing people are updated and new ones inserted in two plain statements: cheaper than
  // ON CONFLICT's speculative inserts, and safe because the advisory lock keeps other imports
  // for this subscriber out. Most people are the same from one export to the next: only rows
  // that differ are rewritten.
  await client.query(
    `UPDATE connections c SET
       profile_url = r.profile_url, first_name = r.first_name, last_name = r.last_name, email = r.email,
       company = r.company, position = r.position, connected_on = r.connected_on, connected_on_raw = r.connected_on_raw,
       removed_at = NULL, updated_at = now()
     FROM import_rows r
     WHERE c.subscriber_id = $1 AND c.match_key = r.match_key
       AND (c.removed_at IS NOT NULL
         OR (c.profile_url, c.first_name, c.last_name, c.email, c.company, c.position, c.connected_on, c.connected_on_raw)
            IS DISTINCT FROM (r.profile_url, r.first_name, r.last_name, r.email, r.company, r.position, r.connected_on, r.connected_on_raw))`,
    [s],
  );
  await client.query(
    `INSERT INTO connections (subscriber_id, match_key, profile_url, first_name, last_name, email, company, position,
       connected_on, connected_on_raw, first_export_id)
     SELECT $1, r.match_key, r.profile_url, r.first_name, r.last_name, r.email, r.company, r.position, r.connected_on,
       r.connected_on_raw, $2
     FROM import_rows r
     WHERE NOT EXISTS (SELECT 1 FROM connections c WHERE c.subscriber_id = $1 AND c.match_key = r.match_key)`,
    [s, e],
  );

  const newConnections = await client.query(
    `INSERT INTO connection_changes (subscriber_id, export_id, connection_id, kind)
     SELECT $1, $2, c.id, 'new' FROM import_new n JOIN connections c ON c.subscriber_id = $1 AND c.match_key = n.match_key
     WHERE $3`,
    [s, e, hasPrevious],
  );

  const removed = await client.query(
    `WITH removed AS (
       UPDATE connections c SET removed_at = now(), updated_at = now()
       WHERE c.subscriber_id = $1 AND c.removed_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM import_rows r WHERE r.match_key = c.match_key)
       RETURNING c.id, c.company, c.position)
     INSERT INTO connection_changes (subscriber_id, export_id, connection_id, kind, previous_company, previous_position)
     SELECT $1, $2, id, 'removed', company, position FROM removed`,
    [s, e],
  );

  return {
    newConnections: hasPrevious ? (newConnections.rowCount ?? 0) : 0,
    removedConnections: removed.rowCount ?? 0,
    jobChanges: jobChanges.rowCount ?? 0,
  };
}
