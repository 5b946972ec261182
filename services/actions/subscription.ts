import type { Db } from '../../db/client.ts';
import { findSubscriber, markUnsubscribed, setPausedUntil } from '../../db/queries/subscribers.ts';
import { readableDate } from '../../domain/time-zones.ts';

/** Effective at once and idempotent: a second unsubscribe changes nothing and is not an error. */
export async function unsubscribe(db: Db, subscriberId: string): Promise<boolean> {
  return markUnsubscribed(db, subscriberId, new Date());
}

/** The longest break one can take at once; the settings page offers up to this. */
export const MAX_PAUSE_WEEKS = 52;

/**
 * Pauses the digests for some weeks (0 resumes them) and says until when, on the subscriber's own
 * calendar: "Paused until Wednesday 30 December 2026." Pausing again sets a new end.
 */
export async function pauseDigests(db: Db, subscriberId: string, weeks: number, now: Date = new Date()): Promise<string> {
  if (!Number.isInteger(weeks) || weeks < 0 || weeks > MAX_PAUSE_WEEKS) throw new RangeError(`weeks must be 0 to ${MAX_PAUSE_WEEKS}`);
  const until = weeks === 0 ? null : new Date(now.getTime() + weeks * 7 * 86_400_000);
  await setPausedUntil(db, subscriberId, until, now);
  if (!until) return 'Resumed: your next digest comes at its usual time.';
  const subscriber = await findSubscriber(db, subscriberId);
  return `Paused until ${readableDate(until, subscriber?.time_zone ?? 'UTC')}. Your digests start again after that, at their usual time.`;
}
