import type { DbOrTx } from '../../db/client.ts';
import { findDigestEligibleSubscribers, findDigestIdOfWeek, insertPlannedDigests } from '../../db/queries/digests.ts';
import { dueWeek, localTime } from './schedule.ts';

/**
 * Creates this week's digest row for every eligible subscriber whose local slot has come. The
 * unique (subscriber, ISO week) row makes re-running it, or running it twice at once, harmless.
 * Returns the ids of digests created now.
 */
export async function planDueDigests(
  db: DbOrTx,
  now: Date,
  options: { subscriberId?: string; ignoreSlot?: boolean; suppressionSecret: string },
): Promise<string[]> {
  const candidates = await findDigestEligibleSubscribers(db, now, options.suppressionSecret, options.subscriberId);
  const due = candidates.flatMap((s) => {
    const isoWeek = options.ignoreSlot
      ? localTime(now, s.time_zone).isoWeek
      : dueWeek(now, { timeZone: s.time_zone, weekday: s.digest_weekday, hour: s.digest_hour });
    return isoWeek ? [{ subscriberId: s.id, isoWeek }] : [];
  });
  return insertPlannedDigests(db, due);
}

/** By hand (`rapport digest run --now`): this week's digest for one subscriber, slot or not. */
export async function planDigestNow(
  db: DbOrTx,
  subscriberId: string,
  now: Date,
  suppressionSecret: string,
): Promise<{ digestId: string; created: boolean } | null> {
  const [subscriber] = await findDigestEligibleSubscribers(db, now, suppressionSecret, subscriberId);
  if (!subscriber) return null;
  const isoWeek = localTime(now, subscriber.time_zone).isoWeek;
  const [created] = await insertPlannedDigests(db, [{ subscriberId, isoWeek }]);
  if (created) return { digestId: created, created: true };
  return { digestId: await findDigestIdOfWeek(db, subscriberId, isoWeek), created: false };
}
