/** Network analysis and coaching: pure functions from a subscriber's data to this week's advice. */
export { analyseNetwork, reviewSizeOf } from './analyse.ts';
export { containsPhrase, normaliseCompany, normaliseText } from './normalise.ts';
export { TIPS, chooseTip } from './tips.ts';
export * from './thresholds.ts';
export type * from './types.ts';
