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

/** The reply commands, as the receipt explains them when asked (help) or when nothing was understood. */
export const HELP_TEXT =
  `Reply with a command and item numbers from your digest: ${ITEM_ANSWERS.map((a) => `${a} ${replyExamples[a].items}${replyExamples[a].hint ? ` (${replyExamples[a].hint})` : ''}`).join(', ')}. ` +
  'Ranges work too (known 1-4). Or write in plain words, naming people from the digest: "I know Tara, never heard of Kai". ' +
  'Reply upload for a fresh upload link, or stop to unsubscribe.';

