import type { Db } from '../../db/client.ts';
import { findUploadReminderCandidates } from '../../db/queries/digests.ts';
import type { Config } from '../../runtime/config.ts';
import { queueEmail } from '../mail/notifications.ts';
import { dueWeek } from './schedule.ts';

export const REMINDER_INTERVAL_DAYS = 14;

/**
 * Subscribers with nothing imported yet get, in their digest slot, a reminder to upload an export
 * instead of a digest, at most every two weeks. Returns the outbox ids to send.
 */
export async function queueUploadReminders(db: Db, config: Pick<Config, 'publicUrl' | 'inboundDomain' | 'mailFrom' | 'tokenSecrets' | 'suppressionSecret'>, now: Date): Promise<string[]> {
  const since = new Date(now.getTime() - REMINDER_INTERVAL_DAYS * 86_400_000);
  const candidates = await findUploadReminderCandidates(db, now, config.suppressionSecret, since);
  const outboxIds: string[] = [];
  for (const s of candidates) {
    const isoWeek = dueWeek(now, { timeZone: s.time_zone, weekday: s.digest_weekday, hour: s.digest_hour });
    if (!isoWeek) continue;
    const id = await queueEmail(db, config, {
      subscriberId: s.id,
      kind: 'reminder',
      dedupKey: `reminder-${s.id}-${isoWeek}`,
      template: 'upload-reminder',
      props: async ({ name, uploadUrl }) => ({ name, uploadUrl: await uploadUrl() }),
      headers: { 'List-Id': `Rapport reminders <reminders.${config.inboundDomain}>` },
      unsubscribe: true,
    });
    if (id) outboxIds.push(id);
  }
  return outboxIds;
}
