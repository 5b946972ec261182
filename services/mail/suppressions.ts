import { createHmac } from 'node:crypto';
import type { DbOrTx } from '../../db/client.ts';
import { findSuppression, insertSuppression } from '../../db/queries/suppressions.ts';
import type { SuppressionsTable } from '../../db/types.ts';

/**
 * The suppression list, keyed by HMAC-SHA256(SUPPRESSION_SECRET, lower-cased address): it can
 * answer "is this address suppressed" for an address in hand, but a copy of the table names nobody
 * (an erased subscriber's address does not survive in it). Same function as pgcrypto's
 * hmac(lower(btrim(email, E' \t\r\n')), secret, 'sha256'), which the planner uses inside its query.
 */
export function suppressionHash(secret: string, email: string): Buffer {
  return createHmac('sha256', secret).update(email.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '').toLowerCase()).digest();
}

// The same hash inside a query: db/queries/suppressions.ts. Re-exported for callers that import it
// from here (services/digest/plan.ts) until they take it from db/.

/** Addresses in free text (an SMTP error often quotes the recipient) are not kept next to the hash. */
function withoutAddresses(text: string): string {
  return text.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '[address]');
}

export async function suppress(
  db: DbOrTx,
  secret: string,
  entry: { email: string; reason: SuppressionsTable['reason']; detail: string | null },
): Promise<void> {
  await insertSuppression(db, {
    emailHash: suppressionHash(secret, entry.email),
    reason: entry.reason,
    detail: entry.detail === null ? null : withoutAddresses(entry.detail).slice(0, 500),
  });
}

export async function suppressionOf(db: DbOrTx, secret: string, email: string) {
  return findSuppression(db, suppressionHash(secret, email));
}
