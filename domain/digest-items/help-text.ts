import { ITEM_ANSWERS, type ItemAnswer } from './answers.ts';

/** Each answer as a reply command, with a hint where the word alone is not enough. */
const replyExamples: Record<ItemAnswer, { items: string; hint?: string }> = {
  known: { items: '1 3' },
  close: { items: '2', hint: 'you know them well' },
  unknown: { items: '4' },
  intro: { items: '5' },
  skip: { items: '6' },
  introduced: { items: '7', hint: 'an introduction you asked for happened' },
  waiting: { items: '7', hint: 'no answer yet' },
  declined: { items: '7' },
  unneeded: { items: '7', hint: 'not needed any more' },
};

/**
 * How to answer by reply, as the receipt explains it when asked (help) or when nothing was
 * understood: plain words first, as most people write, then the short commands.
 */
export const HELP_TEXT =
  'Write in your own words, naming people from your digest: "I know Tara, never heard of Kai, please draft the Lars intro". ' +
  `Or use a command and item numbers: ${ITEM_ANSWERS.map((a) => `${a} ${replyExamples[a].items}${replyExamples[a].hint ? ` (${replyExamples[a].hint})` : ''}`).join(', ')}; ranges work too (known 1-4). ` +
  'Reply upload for a fresh upload link, or stop to unsubscribe.';

