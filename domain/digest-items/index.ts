export {
  answerOutcomes,
  answerReceipts,
  INTRO_OUTCOMES,
  isFinalOutcome,
  isIntroOutcome,
  isTieAnswer,
  ITEM_ANSWERS,
  itemAnswerSchema,
  lastAnswerPerItem,
  type IntroOutcome,
  type ItemAnswer,
  type TieAnswer,
} from './answers.ts';
export { acceptsAnswer, answerProblem, choicesByKind, DIGEST_ITEM_KINDS, replyAnswerByKind, type Choice, type DigestItemKind } from './item-kinds.ts';
export { digestItemContentSchema, readItemContent, shownName, StoredItemError, type DigestItemContent, type FollowupPayload, type IntroPayload, type ItemPayload } from './payloads.ts';
export { HELP_TEXT } from './help-text.ts';
