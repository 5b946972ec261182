import { z } from 'zod';

/**
 * The answers a digest item can get, from a button, the review page or a reply. The database's
 * CHECK on digest_items.answer lists the same words (migration 20261203160000_digest_item_answers):
 * adding one here needs a migration there.
 */
export const ITEM_ANSWERS = ['known', 'close', 'unknown', 'intro', 'skip', 'introduced', 'waiting', 'declined', 'unneeded'] as const;

export type ItemAnswer = (typeof ITEM_ANSWERS)[number];

export const itemAnswerSchema = z.enum(ITEM_ANSWERS);

/** The answers that set a tie to a person; skip only postpones them, intro asks for one. */
export type TieAnswer = Extract<ItemAnswer, 'known' | 'close' | 'unknown'>;

export const isTieAnswer = (answer: ItemAnswer): answer is TieAnswer => answer === 'known' || answer === 'close' || answer === 'unknown';

/**
 * What came of an introduction, as a follow-up item asks: introduced, no answer yet (waiting),
 * declined, not needed (unneeded). intro_requests.outcome and intro_events list the same words.
 */
export const INTRO_OUTCOMES = ['introduced', 'waiting', 'declined', 'unneeded'] as const;

export type IntroOutcome = (typeof INTRO_OUTCOMES)[number];

export const isIntroOutcome = (answer: ItemAnswer): answer is IntroOutcome => (INTRO_OUTCOMES as readonly string[]).includes(answer);

/** An outcome after which nothing is asked again; "no answer yet" keeps the next follow-up. */
export const isFinalOutcome = (outcome: IntroOutcome | null): boolean => outcome !== null && outcome !== 'waiting';

/** An answer as the saved page states it afterwards: "Ana Ruiz: known well". */
export const answerOutcomes: Record<ItemAnswer, string> = {
  known: 'known',
  close: 'known well',
  unknown: "don't know",
  intro: 'draft ready',
  skip: 'later',
  introduced: 'introduced',
  waiting: 'no answer yet',
  declined: 'declined',
  unneeded: 'not needed',
};

/** An applied answer as a receipt states it, naming the item: "Marked item 3 as known". */
export const answerReceipts: Record<ItemAnswer, (item: number) => string> = {
  known: (item) => `Marked item ${item} as known`,
  close: (item) => `Marked item ${item} as someone you know well`,
  unknown: (item) => `Marked item ${item} as someone you don’t know`,
  intro: (item) => `Draft ready for item ${item}, on the review page`,
  skip: (item) => `Skipped item ${item} for now`,
  introduced: (item) => `Noted item ${item}: the introduction happened`,
  waiting: (item) => `Noted item ${item}: no answer yet, we will ask again`,
  declined: (item) => `Noted item ${item}: they declined`,
  unneeded: (item) => `Noted item ${item}: the introduction is not needed`,
};

/** Last answer per item wins, as when someone changes their mind within one form or reply; items keep the order first named. */
export function lastAnswerPerItem(answers: ReadonlyArray<{ item: number; answer: ItemAnswer }>): Map<number, ItemAnswer> {
  const wanted = new Map<number, ItemAnswer>();
  for (const a of answers) wanted.set(a.item, a.answer);
  return wanted;
}
