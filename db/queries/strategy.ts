import type { Db, DbOrTx } from '../client.ts';
import type { StrategyAnswers } from '../../domain/network/types.ts';

/** Answers are never overwritten: each change is a new row, the latest one counts. */
export async function saveStrategy(db: DbOrTx, subscriberId: string, answers: StrategyAnswers): Promise<void> {
  await db
    .insertInto('strategy_answers')
    .values({
      subscriber_id: subscriberId,
      purposes: answers.purposes,
      gain: answers.gain,
      targets: JSON.stringify(answers.targets),
      profile_confidence: answers.profileConfidence,
      numbers_focus: answers.numbersFocus,
    })
    .execute();
}

export async function latestStrategy(db: DbOrTx, subscriberId: string): Promise<StrategyAnswers | null> {
  const row = await db
    .selectFrom('strategy_answers')
    .selectAll()
    .where('subscriber_id', '=', subscriberId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return {
    purposes: row.purposes as StrategyAnswers['purposes'],
    gain: row.gain,
    targets: row.targets as StrategyAnswers['targets'],
    profileConfidence: row.profile_confidence,
    numbersFocus: row.numbers_focus,
  };
}

/** The questionnaire as saved: strategy answers plus the digest settings (services/strategy/form.ts parses it from a form). */
export interface Preferences {
  answers: StrategyAnswers;
  reviewSize: number;
  schedule: { weekday: number; hour: number; timeZone: string };
}

/** When the digest comes and how many people it asks about. */
export async function saveSchedule(db: DbOrTx, subscriberId: string, { reviewSize, schedule }: Omit<Preferences, 'answers'>): Promise<void> {
  await db
    .updateTable('subscribers')
    .set({ review_size: reviewSize, digest_weekday: schedule.weekday, digest_hour: schedule.hour, time_zone: schedule.timeZone, updated_at: new Date() })
    .where('id', '=', subscriberId)
    .execute();
}

/** The questionnaire as a whole: answers (a new history row) and the digest settings, together. */
export async function savePreferences(db: Db, subscriberId: string, preferences: Preferences): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await saveStrategy(trx, subscriberId, preferences.answers);
    await saveSchedule(trx, subscriberId, preferences);
  });
}
