import type { DbOrTx } from '../client.ts';

/**
 * What Postgres says is still to be done and no live job may be holding: the sweeper
 * (processes/worker/sweep.ts) re-adds these to their queues after Redis lost them.
 */

/** Outbox rows still to send, untouched for `olderThanMs`, oldest first. */
export async function findStaleOutbox(db: DbOrTx, olderThanMs: number, limit = 1000): Promise<string[]> {
  const rows = await db
    .selectFrom('outbox')
    .select('id')
    .where('status', 'in', ['pending', 'sending'])
    .where('updated_at', '<', new Date(Date.now() - olderThanMs))
    .orderBy('updated_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Digests planned more than `olderThanMs` ago and not built yet. */
export async function findStalePlannedDigests(db: DbOrTx, olderThanMs: number, limit = 1000): Promise<string[]> {
  const rows = await db
    .selectFrom('digests')
    .select('id')
    .where('status', '=', 'planned')
    .where('created_at', '<', new Date(Date.now() - olderThanMs))
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Uploads created before `cutoff` and still to import (pending, or an import that never ended). */
export async function findStaleExports(db: DbOrTx, cutoff: Date, limit = 1000): Promise<string[]> {
  const rows = await db
    .selectFrom('exports')
    .select('id')
    .where('status', 'in', ['pending', 'importing'])
    .where('created_at', '<', cutoff)
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Inbound messages received before `cutoff` and not processed yet. */
export async function findStaleInbound(db: DbOrTx, cutoff: Date, limit = 1000): Promise<string[]> {
  const rows = await db
    .selectFrom('inbound_messages')
    .select('id')
    .where('status', 'in', ['received'])
    .where('created_at', '<', cutoff)
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
