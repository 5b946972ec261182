import type { ItemAnswer } from './answers.ts';

/** What a digest item is about; the CHECK on digest_items.kind lists the same words. */
export const DIGEST_ITEM_KINDS = ['review', 'close', 'intro', 'gap', 'followup'] as const;

export type DigestItemKind = (typeof DIGEST_ITEM_KINDS)[number];

export interface Choice {
  answer: ItemAnswer;
  /** The words on the review page, which offers every choice. */
  label: string;
  /** The words on the email's button, when the email shows one for it. */
  button: string | null;
}

/**
 * The answers each kind of item takes, in the order they are offered, with their labels: the
 * email's buttons, the review page's choices and what a reply may say all come from here.
 */
export const choicesByKind: Record<DigestItemKind, readonly Choice[]> = {
  review: [
    { answer: 'known', label: 'Known', button: 'Known' },
    { answer: 'close', label: 'Know well', button: 'Know well' },
    { answer: 'unknown', label: "Don't know", button: "Don't know" },
    { answer: 'skip', label: 'Ask me later', button: null },
  ],
  close: [
    { answer: 'close', label: 'Know well', button: 'Know well' },
    { answer: 'known', label: 'Known, not closely', button: 'Known, not closely' },
    { answer: 'unknown', label: "Don't know", button: null },
    { answer: 'skip', label: 'Ask me later', button: null },
  ],
  intro: [
    { answer: 'intro', label: 'Draft the request', button: 'Draft intro' },
    { answer: 'skip', label: 'Not now', button: null },
  ],
  // A gap's button leads elsewhere (upload, preferences); the only answer is to dismiss it.
  gap: [{ answer: 'skip', label: 'Dismiss for now', button: null }],
  // What came of an introduction asked for earlier; "no answer yet" asks again two weeks on. Two
  // buttons fit one row on a phone; the review page they open offers all four.
  followup: [
    { answer: 'introduced', label: 'Introduced', button: 'Introduced' },
    { answer: 'waiting', label: 'No answer yet', button: 'No answer yet' },
    { answer: 'declined', label: 'Declined', button: null },
    { answer: 'unneeded', label: 'Not needed any more', button: null },
  ],
};

/** The reply command the email suggests for an item: "known 3". */
export const replyAnswerByKind: Record<DigestItemKind, ItemAnswer> = { review: 'known', close: 'close', intro: 'intro', gap: 'skip', followup: 'introduced' };

export function acceptsAnswer(kind: DigestItemKind, answer: ItemAnswer): boolean {
  return choicesByKind[kind].some((c) => c.answer === answer);
}

/**
 * Why an answer cannot be given to an item of a digest (in words for a receipt), or null when it
 * can. `kind` is undefined when the digest has no item with that number.
 */
export function answerProblem(kind: DigestItemKind | undefined, item: number, answer: ItemAnswer): string | null {
  if (!kind) return `there is no item ${item} in this digest`;
  if (!acceptsAnswer(kind, answer)) return `item ${item} cannot be answered "${answer}"`;
  return null;
}
