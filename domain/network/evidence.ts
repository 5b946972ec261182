import type { Evidence } from '../linkedin-export/types.ts';
import type { ReviewSignal } from './types.ts';

/**
 * How much the export says about a tie. Evidence suggests; only the subscriber decides.
 * - strong: a conversation both ways, or a recommendation matched by profile URL;
 * - weak: a one-sided sign (a message sent, a note, an endorsement, a shared employer, a
 *   recommendation matched by name only, which may be a namesake);
 * - none: nothing, or only messages received (recruiters and sellers write to strangers).
 */
export type EvidenceLevel = 'none' | 'weak' | 'strong';

const hasText = (value: string | null): boolean => value !== null && value.trim() !== '';

export function recommendations(e: Evidence | null): number {
  return e === null ? 0 : e.recommendationsReceived + e.recommendationsGiven;
}

/** The strong and weak signs present, strongest first. */
export function evidenceSignals(e: Evidence | null): ReviewSignal[] {
  if (e === null) return [];
  const signals: ReviewSignal[] = [];
  if (e.twoWayThreads > 0) signals.push('two_way_threads');
  if (recommendations(e) > 0) signals.push(e.recommendationMatch === 'name' ? 'recommendation_by_name' : 'recommendation');
  if (e.twoWayThreads === 0 && e.messagesOut > 0) signals.push('messages_sent');
  if (hasText(e.invitationNote)) signals.push('invitation_note');
  if (e.endorsementsReceived + e.endorsementsGiven > 0) signals.push('endorsements');
  if (hasText(e.sharedEmployer)) signals.push('shared_employer');
  return signals;
}

/**
 * The level the signs above add up to, without building the list: it runs for every connection,
 * while signals are only spelt out for the few shown.
 */
export function evidenceLevel(e: Evidence | null): EvidenceLevel {
  if (e === null) return 'none';
  const recs = recommendations(e);
  if (e.twoWayThreads > 0 || (recs > 0 && e.recommendationMatch !== 'name')) return 'strong';
  const weak =
    recs > 0 ||
    e.messagesOut > 0 ||
    e.endorsementsReceived + e.endorsementsGiven > 0 ||
    hasText(e.invitationNote) ||
    hasText(e.sharedEmployer);
  return weak ? 'weak' : 'none';
}

/** An invitation the subscriber accepted from someone who gave no reason. */
export function isIncomingWithoutNote(e: Evidence | null): boolean {
  return e !== null && e.invitationDirection === 'incoming' && !hasText(e.invitationNote);
}

export function hasMessages(e: Evidence | null): boolean {
  return e !== null && e.messagesIn + e.messagesOut > 0;
}
