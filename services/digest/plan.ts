import { sql } from 'kysely';
import type { DbOrTx } from '../../db/client.ts';
import { suppressionHashSql } from '../mail/suppressions.ts';
import { dueWeek, localTime } from './schedule.ts';

/** Subscribers who may be written to at all: active, not paused, not suppressed. */
export function reachableSubscribers(db: DbOrTx, now: Date, suppressionSecret: string) {
  return db
    .selectFrom('subscribers as s')
    .select(['s.id', 's.time_zone', 's.digest_weekday', 's.digest_hour'])
    .where('s.status', '=', 'active')
    .where((eb) => eb.or([eb('s.paused_until', 'is', null), eb('s.paused_until', '<=', now)]))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('suppressions as x').select('x.email_hash').where('x.email_hash', '=', suppressionHashSql(suppressionSecret, sql.ref<string>('s.email'))))),
    );
}

/** Those of them with an imported export, so there is something to write about. */
function eligibleSubscribers(db: DbOrTx, now: Date, suppressionSecret: string) {
  return reachableSubscribers(db, now, suppressionSecret).where(({ exists, selectFrom }) =>
    exists(selectFrom('exports as e').select('e.id').whereRef('e.subscriber_id', '=', 's.id').where('e.status', '=', 'imported')),
  );
}

async function insertDigests(db: DbOrTx, rows: Array<{ subscriberId: string; isoWeek: string }>): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const inserted = await db
      .insertInto('digests')
      .values(chunk.map((r) => ({ subscriber_id: r.subscriberId, iso_week: r.isoWeek })))
      .onConflict((oc) => oc.columns(['subscriber_id', 'iso_week']).doNothing())
      .returning('id')
      .execute();
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

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
  let query = eligibleSubscribers(db, now, options.suppressionSecret);
  if (options.subscriberId) query = query.where('s.id', '=', options.subscriberId);
  const candidates = await query.execute();
  const due = candidates.flatMap((s) => {
    const isoWeek = options.ignoreSlot
      ? localTime(now, s.time_zone).isoWeek
      : dueWeek(now, { timeZone: s.time_zone, weekday: s.digest_weekday, hour: s.digest_hour });
    return isoWeek ? [{ subscriberId: s.id, isoWeek }] : [];
  });
  return insertDigests(db, due);
}

/** By hand (`rapport digest run --now`): this week's digest for one subscriber, slot or not. */
export async function planDigestNow(
  db: DbOrTx,
  subscriberId: string,
  now: Date,
  suppressionSecret: string,
): Promise<{ digestId: string; created: boolean } | null> {
  const subscriber = await eligibleSubscribers(db, now, suppressionSecret).where('s.id', '=', subscriberId).executeTakeFirst();
  if (!subscriber) return null;
  const isoWeek = localTime(now, subscriber.time_zone).isoWeek;
  const [created] = await insertDigests(db, [{ subscriberId, isoWeek }]);
  if (created) return { digestId: created, created: true };
  const existing = await db
    .selectFrom('digests')
    .select('id')
    .where('subscriber_id', '=', subscriberId)
    .where('iso_week', '=', isoWeek)
    .executeTakeFirstOrThrow();
  return { digestId: existing.id, created: false };
}
