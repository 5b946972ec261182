import { createHash, randomBytes } from 'node:crypto';
import type { DbOrTx } from '../../db/client.ts';
import { deleteSessionsEndedBefore, findSessionByHash, insertSession, revokeSession, revokeSubscriberSessions, touchSession } from '../../db/queries/sessions.ts';

/**
 * Signed-in browser sessions: what the whole-account pages (settings, address, My data, erase)
 * ask for, where a digest's links only answer that digest. The cookie carries 32 random bytes;
 * Postgres keeps only their SHA-256, so neither a database dump nor a log line is a session.
 * A session ends at `expires_at` whatever happens, or earlier when left unused for IDLE_MS.
 */

export const SESSION_TTL_MS = 30 * 86_400_000;
export const SESSION_IDLE_MS = 7 * 86_400_000;
/** last_seen_at is written at most this often, so browsing does not write a row per page. */
const TOUCH_EVERY_MS = 60_000;

const valueFormat = /^[A-Za-z0-9_-]{43}$/;
const hashOf = (value: string) => createHash('sha256').update(value).digest();

export interface Session {
  id: string;
  subscriberId: string;
}

/** Starts a session; returns the cookie value (shown to nobody but that browser). */
export async function startSession(db: DbOrTx, subscriberId: string, now: Date = new Date()): Promise<{ id: string; value: string }> {
  const value = randomBytes(32).toString('base64url');
  const id = await insertSession(db, { tokenHash: hashOf(value), subscriberId, now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) });
  return { id, value };
}

/** The live session a cookie value names, or null for anything else (malformed, unknown, expired, idle, revoked). */
export async function findSession(db: DbOrTx, value: string | null, now: Date = new Date()): Promise<Session | null> {
  if (!value || !valueFormat.test(value)) return null;
  const row = await findSessionByHash(db, hashOf(value));
  if (!row || row.revoked_at || row.expires_at <= now || row.last_seen_at.getTime() + SESSION_IDLE_MS <= now.getTime()) return null;
  if (now.getTime() - row.last_seen_at.getTime() >= TOUCH_EVERY_MS) {
    await touchSession(db, row.id, now);
  }
  return { id: row.id, subscriberId: row.subscriber_id };
}

export async function endSession(db: DbOrTx, sessionId: string, now: Date = new Date()): Promise<void> {
  await revokeSession(db, sessionId, now);
}

/** "Sign out everywhere", and part of retiring every way in after a change of address. */
export async function endAllSessions(db: DbOrTx, subscriberId: string, now: Date = new Date()): Promise<number> {
  return revokeSubscriberSessions(db, subscriberId, now);
}

/**
 * How long a session that can no longer sign anyone in (expired, idle, signed out) is kept: long
 * enough for My data to show the subscriber which browsers signed in lately, and no longer.
 */
export const ENDED_SESSION_KEPT_MS = 30 * 86_400_000;

/**
 * Deletes sessions that ended (at expires_at, a week after last_seen_at, or when revoked) more than
 * ENDED_SESSION_KEPT_MS ago: each row says when a browser used the account, which is not kept
 * forever. Run by the maintenance queue's 'sessions.purge' schedule. Returns how many went.
 */
export async function purgeEndedSessions(db: DbOrTx, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - ENDED_SESSION_KEPT_MS);
  const idleCutoff = new Date(cutoff.getTime() - SESSION_IDLE_MS);
  return deleteSessionsEndedBefore(db, cutoff, idleCutoff);
}
