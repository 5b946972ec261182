import { german } from './de.ts';
import { english } from './en.ts';
import type { ReplyLanguage } from './language.ts';

/** The languages plain-word replies are read in, all at once: a reply may mix them. */
export const replyLanguages: readonly ReplyLanguage[] = [english, german];

export type { ReplyLanguage } from './language.ts';
