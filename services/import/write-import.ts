import type pg from 'pg';
import type { ImportSummary } from '../../db/types.ts';
import { evidenceKey } from '../../domain/linkedin-export/index.ts';
import type { ConnectionRecord, Evidence, ParsedExport } from '../../domain/linkedin-export/types.ts';
import { TimeOrderedIds } from './time-ordered-ids.ts';
import { copyRows, type CopyValue } from './copy-rows.ts';

/** What Connections.csv says about a person, in connections' column names. */
const personColumns = ['profile_url', 'first_name', 'last_name', 'email', 'company', 'position', 'connected_on', 'connected_on_raw'];

const evidenceColumns = [
  'messages_in', 'messages_out', 'two_way_threads', 'last_message_at', 'invitation_direction', 'invitation_note',
  'invitation_sent_at', 'recommendations_received', 'recommendations_given', 'recommendation_match',
  'endorsements_received', 'endorsements_given', 'shared_employer',
];

const personValues = (c: ConnectionRecord): CopyValue[] => [
  c.profileUrl, c.firstName, c.lastName, c.email, c.company, c.position, c.connectedOn, c.connectedOnRaw,
];

const evidenceValues = (e: Evidence): CopyValue[] => [
  e.messagesIn, e.messagesOut, e.twoWayThreads, e.lastMessageAt, e.invitationDirection, e.invitationNote, e.invitationSentAt,
  e.recommendationsReceived, e.recommendationsGiven, e.recommendationMatch, e.endorsementsReceived, e.endorsementsGiven,
  e.sharedEmployer,
];

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
      yield [id, s, key, ...personValues(c), e];
    }
  }
  function* evidenceRows(): Iterable<CopyValue[]> {
    for (const [key, evidence] of parsed.evidence) {
      const id = idByKey.get(key);
      if (id !== undefined) yield [id, s, ...evidenceValues(evidence)];
    }
  }
  await copyRows(client, 'connections', ['id', 'subscriber_id', 'match_key', ...personColumns, 'first_export_id'], connectionRows());
  await copyRows(client, 'evidence', ['connection_id', 'subscriber_id', ...evidenceColumns], evidenceRows());
  return { newConnections: 0, removedConnections: 0, jobChanges: 0 };
}

/** Every later export, and any lone file: staged, then diffed against what the subscriber has. */
async function mergeImport(client: pg.PoolClient, s: string, e: string, parsed: ParsedExport, hasPrevious: boolean): Promise<WriteResult> {
  const full = hasConnectionsFile(parsed);
  let diff: WriteResult = { newConnections: 0, removedConnections: 0, jobChanges: 0 };
  // No keys on the staging tables: keys are unique already and every statement reads them whole.
  if (full) {
    await client.query(`
      CREATE TEMP TABLE import_people (
        match_key text NOT NULL, profile_url text, first_name text, last_name text, email text,
        company text, position text, connected_on date, connected_on_raw text
      ) ON COMMIT DROP`);
    const people = function* (): Iterable<CopyValue[]> {
      for (const [key, c] of connectionsByKey(parsed)) yield [key, ...personValues(c)];
    };
    await copyRows(client, 'import_people', ['match_key', ...personColumns], people());
    diff = await applyConnections(client, s, e, hasPrevious);
  }

  // A whole export is the truth about evidence: replace it. A lone file (even Connections.csv,
  // which holds no messages) only adds to what it covers.
  if (full && parsed.format === 'zip') await client.query(`DELETE FROM evidence WHERE subscriber_id = $1`, [s]);
  if (parsed.evidence.size === 0) return diff;
  await client.query(`
    CREATE TEMP TABLE import_evidence (
      match_key text NOT NULL, messages_in int, messages_out int, two_way_threads int, last_message_at timestamptz,
      invitation_direction text, invitation_note text, invitation_sent_at timestamptz, recommendations_received int,
      recommendations_given int, recommendation_match text, endorsements_received int, endorsements_given int,
      shared_employer text
    ) ON COMMIT DROP`);
  const evidence = function* (): Iterable<CopyValue[]> {
    for (const [key, found] of parsed.evidence) yield [key, ...evidenceValues(found)];
  };
  await copyRows(client, 'import_evidence', ['match_key', ...evidenceColumns], evidence());
  // This pairs every staged row with the subscriber's row: a hash join. Estimates of one
  // subscriber's share of connections come from all subscribers and run far too low, which made
  // the planner probe an index once per row instead (60 ms, not 20).
  await client.query('SET LOCAL enable_nestloop = off');
  await client.query(
    `INSERT INTO evidence (connection_id, subscriber_id, ${evidenceColumns.join(', ')})
     SELECT c.id, $1, ${evidenceColumns.map((col) => `r.${col}`).join(', ')}
     FROM import_evidence r JOIN connections c ON c.subscriber_id = $1 AND c.match_key = r.match_key AND c.removed_at IS NULL
     ON CONFLICT (connection_id) DO UPDATE SET ${evidenceColumns.map((col) => `${col} = excluded.${col}`).join(', ')}`,
    [s],
  );
  return diff;
}

const listOf = (prefix: string) => personColumns.map((col) => `${prefix}.${col}`).join(', ');

/**
 * New, changed and removed people, diffed against what the subscriber had. One pass over both
 * sides keeps only the people who differ (a few hundred of 30,000 in a typical week); every
 * statement after it touches just those rows, by primary key.
 */
async function applyConnections(client: pg.PoolClient, s: string, e: string, hasPrevious: boolean): Promise<WriteResult> {
  await client.query(
    `CREATE TEMP TABLE import_diff ON COMMIT DROP AS
     SELECT CASE WHEN c.id IS NULL THEN 'new' WHEN r.match_key IS NULL THEN 'left' ELSE 'changed' END AS kind,
       c.id, c.removed_at IS NOT NULL AS was_removed, c.company AS previous_company, c.position AS previous_position,
       r.match_key, ${listOf('r')}
     FROM import_people r
     FULL JOIN (SELECT * FROM connections WHERE subscriber_id = $1) c ON c.match_key = r.match_key
     WHERE c.id IS NULL
        OR (r.match_key IS NULL AND c.removed_at IS NULL)
        OR (r.match_key IS NOT NULL AND (c.removed_at IS NOT NULL OR (${listOf('c')}) IS DISTINCT FROM (${listOf('r')})))`,
    [s],
  );
  // Small, and what the statements below look people up by: give the planner its size.
  await client.query('ANALYZE import_diff');

  // A first import is the baseline: everyone in it is "new", which is not news.
  const jobChanges = await client.query(
    `INSERT INTO connection_changes (subscriber_id, export_id, connection_id, kind, previous_company, previous_position)
     SELECT $1, $2, id, 'job_change', previous_company, previous_position FROM import_diff
     WHERE kind = 'changed' AND NOT was_removed AND $3
       AND (previous_company IS DISTINCT FROM company OR previous_position IS DISTINCT FROM position)`,
    [s, e, hasPrevious],
  );

  // Plain UPDATE and INSERT rather than ON CONFLICT's speculative inserts: the advisory lock
  // keeps other imports for this subscriber out.
  await client.query(
    `UPDATE connections c SET ${personColumns.map((col) => `${col} = d.${col}`).join(', ')}, removed_at = NULL, updated_at = now()
     FROM import_diff d WHERE d.kind = 'changed' AND c.id = d.id`,
  );
  // Someone who comes back after leaving is new again, like someone never seen before.
  const newConnections = await client.query(
    `WITH inserted AS (
       INSERT INTO connections (subscriber_id, match_key, ${personColumns.join(', ')}, first_export_id)
       SELECT $1, match_key, ${personColumns.join(', ')}, $2 FROM import_diff WHERE kind = 'new'
       RETURNING id)
     INSERT INTO connection_changes (subscriber_id, export_id, connection_id, kind)
     SELECT $1, $2, id, 'new' FROM (SELECT id FROM inserted UNION ALL SELECT id FROM import_diff WHERE kind = 'changed' AND was_removed) arrived
     WHERE $3`,
    [s, e, hasPrevious],
  );

  const removed = await client.query(
    `WITH removed AS (
       UPDATE connections c SET removed_at = now(), updated_at = now()
       FROM import_diff d WHERE d.kind = 'left' AND c.id = d.id
       RETURNING c.id, c.company, c.position)
     INSERT INTO connection_changes (subscriber_id, export_id, connection_id, kind, previous_company, previous_position)
     SELECT $1, $2, id, 'removed', company, position FROM removed`,
    [s, e],
  );

  return {
    newConnections: newConnections.rowCount ?? 0,
    removedConnections: removed.rowCount ?? 0,
    jobChanges: jobChanges.rowCount ?? 0,
  };
}
