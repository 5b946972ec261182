/**
 * Evidence of knowing someone, gathered per person key. Keys are normalised profile URLs, or
 * `name:<first> <last>` in exports whose Connections.csv has no URL column (2018–2022).
 */
import type { EntryBudget } from './entry-budget.ts';
import { fullName, nameKey } from './names.ts';
import type { ConnectionRecord, Evidence } from './types.ts';

/**
 * How people are keyed in this export, decided by Connections.csv: 'url' when it has a URL
 * column, 'name' when it has none, null when the upload has no Connections file at all.
 */
export type KeyMode = 'url' | 'name' | null;

/** The evidence key of a connection: its profile key, else its name (URL-less eras). */
export function evidenceKey(connection: Pick<ConnectionRecord, 'profileKey' | 'firstName' | 'lastName'>): string | null {
  return connection.profileKey ?? nameKey(fullName(connection.firstName, connection.lastName));
}

/**
 * The key for a person seen in another file. Names join only when Connections has no URLs;
 * with URLs, a person without one is not joined (names are not identities).
 */
export function personKey(mode: KeyMode, profileKey: string | null, name: string): string | null {
  if (mode === 'name') return nameKey(name);
  if (mode === 'url') return profileKey;
  return profileKey ?? nameKey(name);
}

export function emptyEvidence(): Evidence {
  return {
    messagesIn: 0,
    messagesOut: 0,
    twoWayThreads: 0,
    lastMessageAt: null,
    invitationDirection: null,
    invitationNote: null,
    invitationSentAt: null,
    recommendationsReceived: 0,
    recommendationsGiven: 0,
    recommendationMatch: null,
    endorsementsReceived: 0,
    endorsementsGiven: 0,
    sharedEmployer: null,
  };
}

export class EvidenceBook {
  readonly byKey = new Map<string, Evidence>();

  constructor(private readonly budget: EntryBudget) {}

  /** The person's evidence, created on first use. */
  for(key: string): Evidence {
    let evidence = this.byKey.get(key);
    if (!evidence) {
      this.budget.take();
      evidence = emptyEvidence();
      this.byKey.set(key, evidence);
    }
    return evidence;
  }
}

/** The later of two ISO strings (either may be null). */
export function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}
