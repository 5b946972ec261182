import { sql, type Expression, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../client.ts';
import type { SuppressionsTable } from '../types.ts';

/**
 * The suppression list (keyed hashes of addresses, see services/mail/suppressions.ts) and the
 * fingerprint of the key it is hashed under (services/mail/suppression-key.ts).
 */

/**
 * The hash of an SQL address expression, for "not suppressed" conditions inside a query: the same
 * normalisation as suppressionHash in services/mail/suppressions.ts (spaces, tabs and line breaks
 * trimmed, then lower-cased), or an address stored with a stray space would be suppressed in one
 * place and mailed from the other.
 */
export function suppressionHashSql(secret: string, email: Expression<string>): RawBuilder<Buffer> {
  return sql<Buffer>`hmac(lower(btrim(${email}, E' \t\r\n')), ${secret}, 'sha256')`;
}

/** Adds an entry; an address suppressed already keeps its first reason. */
export async function insertSuppression(
  db: DbOrTx,
  entry: { emailHash: Buffer; reason: SuppressionsTable['reason']; detail: string | null },
): Promise<void> {
  await db
    .insertInto('suppressions')
    .values({ email_hash: entry.emailHash, reason: entry.reason, detail: entry.detail })
    .onConflict((oc) => oc.column('email_hash').doNothing())
    .execute();
}

export function findSuppression(db: DbOrTx, emailHash: Buffer) {
  return db.selectFrom('suppressions').selectAll().where('email_hash', '=', emailHash).executeTakeFirst();
}

/** Whether the list holds any entry at all. */
export async function hasAnySuppression(db: DbOrTx): Promise<boolean> {
  const row = await db.selectFrom('suppressions').select(sql<number>`1`.as('one')).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function findSuppressionKeyFingerprint(db: DbOrTx): Promise<Buffer | undefined> {
  const stored = await db.selectFrom('suppression_key').select('fingerprint').executeTakeFirst();
  return stored?.fingerprint;
}

/** Records (or replaces) the fingerprint of the key the list is hashed under: one row. */
export async function recordSuppressionKeyFingerprint(db: DbOrTx, fingerprint: Buffer): Promise<void> {
  await db
    .insertInto('suppression_key')
    .values({ id: true, fingerprint })
    .onConflict((oc) => oc.column('id').doUpdateSet({ fingerprint, recorded_at: new Date() }))
    .execute();
}
