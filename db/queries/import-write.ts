import type pg from 'pg';
import type { ConnectionRecord, Evidence } from '../../domain/linkedin-export/types.ts';
import { copyRows, type CopyValue } from '../copy-rows.ts';
import type { ImportSummary } from '../types.ts';

/**
 * The statements that write one parsed export, on one pg client: COPY needs the client itself,
 * so this path runs outside Kysely. services/import/write-import.ts decides which statements run
 * and in what order, inside `inImportTransaction`.
 */

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

export interface WriteResult {
  newConnections: number;
  removedConnections: number;
  jobChanges: number;
}

/** Runs `work` between BEGIN and COMMIT on the client; on any error, ROLLBACK and rethrow. */
export async function inImportTransaction<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** Makes two imports for one subscriber run one after the other, never interleaved (until commit). */
export async function lockSubscriberImports(client: pg.PoolClient, subscriberId: string): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('rapport-import'), hashtext($1))`, [subscriberId]);
}

/**
 * Stands in for a foreign key on every connection row: an erasure waits for this import. False
 * when the subscriber is gone.
 */
export async function holdSubscriber(client: pg.PoolClient, subscriberId: string): Promise<boolean> {
  const subscriber = await client.query(`SELECT 1 FROM subscribers WHERE id = $1 FOR KEY SHARE`, [subscriberId]);
  return subscriber.rowCount !== 0;
}

/** Whether the subscriber has an imported export before this one, and any connections at all. */
export async function importHistory(client: pg.PoolClient, subscriberId: string): Promise<{ imported: boolean; known: boolean }> {
  const history = await client.query<{ imported: boolean; known: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM exports WHERE subscriber_id = $1 AND status = 'imported') AS imported,
            EXISTS (SELECT 1 FROM connections WHERE subscriber_id = $1) AS known`,
    [subscriberId],
  );
  return history.rows[0]!;
}

export async function markExportImported(client: pg.PoolClient, exportId: string, summary: ImportSummary): Promise<void> {
  await client.query(
    `UPDATE exports SET status = 'imported', summary = $2, finished_at = now(), error_code = NULL, error_message = NULL WHERE id = $1`,
    [exportId, JSON.stringify(summary)],
  );
}

/** The raw upload, inside the import's transaction. */
export async function deleteUploadChunks(client: pg.PoolClient, exportId: string): Promise<void> {
  await client.query('DELETE FROM export_chunks WHERE export_id = $1', [exportId]);
}

/** A first import's people, with ids made by the caller, copied straight into connections. */
export async function copyConnections(
  client: pg.PoolClient,
  subscriberId: string,
  exportId: string,
  people: Iterable<{ id: string; key: string; person: ConnectionRecord }>,
): Promise<void> {
  function* rows(): Iterable<CopyValue[]> {
    for (const { id, key, person } of people) yield [id, subscriberId, key, ...personValues(person), exportId];
  }
  await copyRows(client, 'connections', ['id', 'subscriber_id', 'match_key', ...personColumns, 'first_export_id'], rows());
}

/** A first import's evidence, for connection ids the caller made. */
export async function copyEvidence(
  client: pg.PoolClient,
  subscriberId: string,
  evidence: Iterable<{ connectionId: string; evidence: Evidence }>,
): Promise<void> {
  function* rows(): Iterable<CopyValue[]> {
    for (const found of evidence) yield [found.connectionId, subscriberId, ...evidenceValues(found.evidence)];
  }
  await copyRows(client, 'evidence', ['connection_id', 'subscriber_id', ...evidenceColumns], rows());
}

/** The export's people by match key, into a staging table dropped at commit. */
export async function stagePeople(client: pg.PoolClient, people: Iterable<[string, ConnectionRecord]>): Promise<void> {
  // No keys on the staging tables: keys are unique already and every statement reads them whole.
  await client.query(`
      CREATE TEMP TABLE import_people (
        match_key text NOT NULL, profile_url text, first_name text, last_name text, email text,
        company text, position text, connected_on date, connected_on_raw text
      ) ON COMMIT DROP`);
  const rows = function* (): Iterable<CopyValue[]> {
    for (const [key, c] of people) yield [key, ...personValues(c)];
  };
  await copyRows(client, 'import_people', ['match_key', ...personColumns], rows());
}

/** A whole export is the truth about evidence: the subscriber's is replaced. */
export async function deleteEvidence(client: pg.PoolClient, subscriberId: string): Promise<void> {
  await client.query(`DELETE FROM evidence WHERE subscriber_id = $1`, [subscriberId]);
}

/** The export's evidence by match key, into a staging table dropped at commit. */
export async function stageEvidence(client: pg.PoolClient, evidence: Iterable<[string, Evidence]>): Promise<void> {
  await client.query(`
    CREATE TEMP TABLE import_evidence (
      match_key text NOT NULL, messages_in int, messages_out int, two_way_threads int, last_message_at timestamptz,
      invitation_direction text, invitation_note text, invitation_sent_at timestamptz, recommendations_received int,
      recommendations_given int, recommendation_match text, endorsements_received int, endorsements_given int,
      shared_employer text
    ) ON COMMIT DROP`);
  const rows = function* (): Iterable<CopyValue[]> {
    for (const [key, found] of evidence) yield [key, ...evidenceValues(found)];
  };
  await copyRows(client, 'import_evidence', ['match_key', ...evidenceColumns], rows());
}

/** Staged evidence onto the subscriber's current connections, replacing what each had. */
export async function mergeStagedEvidence(client: pg.PoolClient, subscriberId: string): Promise<void> {
  // This pairs every staged row with the subscriber's row: a hash join. Estimates of one
  // subscriber's share of connections come from all subscribers and run far too low, which made
  // the planner probe an index once per row instead (60 ms, not 20).
  await client.query('SET LOCAL enable_nestloop = off');
  await client.query(
    `INSERT INTO evidence (connection_id, subscriber_id, ${evidenceColumns.join(', ')})
     SELECT c.id, $1, ${evidenceColumns.map((col) => `r.${col}`).join(', ')}
     FROM import_evidence r JOIN connections c ON c.subscriber_id = $1 AND c.match_key = r.match_key AND c.removed_at IS NULL
     ON CONFLICT (connection_id) DO UPDATE SET ${evidenceColumns.map((col) => `${col} = excluded.${col}`).join(', ')}`,
    [subscriberId],
  );
}

const listOf = (prefix: string) => personColumns.map((col) => `${prefix}.${col}`).join(', ');

/**
 * New, changed and removed people, diffed between the staged people and what the subscriber had.
 * One pass over both sides keeps only the people who differ (a few hundred of 30,000 in a typical
 * week); every statement after it touches just those rows, by primary key. Changes are recorded
 * only when `hasPrevious` (a first import is the baseline).
 */
export async function applyPeopleDiff(client: pg.PoolClient, s: string, e: string, hasPrevious: boolean): Promise<WriteResult> {
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
