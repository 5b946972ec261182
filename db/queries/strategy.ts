import type { DbOrTx } from '../client.ts';
import type { StrategyAnswers } from '../../services/network/types.ts';

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
