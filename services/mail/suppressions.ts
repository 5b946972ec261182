import { createHmac } from 'node:crypto';
import { sql, type Expression, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../../db/client.ts';
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

/**
 * The hash of an SQL address expression, for "not suppressed" conditions inside a query: the same
 * normalisation as suppressionHash (spaces, tabs and line breaks trimmed, then lower-cased), or an
 * address stored with a stray space would be suppressed in one place and mailed from the other.
 */
export function suppressionHashSql(secret: string, email: Expression<string>): RawBuilder<Buffer> {
  return sql<Buffer>`hmac(lower(btrim(${email}, E' \t\r\n')), ${secret}, 'sha256')`;
}

/** Addresses in free text (an SMTP error often quotes the recipient) are not kept next to the hash. */
function withoutAddresses(text: string): string {
  return text.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '[address]');
}

export async function suppress(
  db: DbOrTx,
  secret: string,
  entry: { email: string; reason: SuppressionsTable['reason']; detail: string | null },
): Promise<void> {
  await db
    .insertInto('suppressions')
    .values({ email_hash: suppressionHash(secret, entry.email), reason: entry.reason, detail: entry.detail === null ? null : withoutAddresses(entry.detail).slice(0, 500) })
    .onConflict((oc) => oc.column('email_hash').doNothing())
    .execute();
}

export async function suppressionOf(db: DbOrTx, secret: string, email: string) {
  return db.selectFrom('suppressions').selectAll().where('email_hash', '=', suppressionHash(secret, email)).executeTakeFirst();
}
