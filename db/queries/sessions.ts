import type { DbOrTx } from '../client.ts';

/** account_sessions rows: the cookie's SHA-256 is the key; services/account/sessions.ts decides what is live. */

export async function insertSession(
  db: DbOrTx,
  row: { tokenHash: Buffer; subscriberId: string; now: Date; expiresAt: Date },
): Promise<string> {
  const inserted = await db
    .insertInto('account_sessions')
    .values({ token_hash: row.tokenHash, subscriber_id: row.subscriberId, created_at: row.now, last_seen_at: row.now, expires_at: row.expiresAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export function findSessionByHash(db: DbOrTx, tokenHash: Buffer) {
  return db
    .selectFrom('account_sessions')
    .select(['id', 'subscriber_id', 'last_seen_at', 'expires_at', 'revoked_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchSession(db: DbOrTx, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('account_sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export async function revokeSession(db: DbOrTx, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('account_sessions').set({ revoked_at: now }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

/** Returns how many live sessions were revoked. */
export async function revokeSubscriberSessions(db: DbOrTx, subscriberId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('account_sessions')
    .set({ revoked_at: now })
    .where('subscriber_id', '=', subscriberId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Deletes sessions that expired before `cutoff`, were last seen before `idleCutoff`, or were revoked before `cutoff`. */
export async function deleteSessionsEndedBefore(db: DbOrTx, cutoff: Date, idleCutoff: Date): Promise<number> {
  const result = await db
    .deleteFrom('account_sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', cutoff), eb('last_seen_at', '<=', idleCutoff), eb('revoked_at', '<=', cutoff)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
