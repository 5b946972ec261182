import type { DbOrTx } from '../client.ts';
import type { TokenScope } from '../types.ts';

/** action_tokens rows: only a hash of each token's random part is stored (services/actions/tokens.ts makes and checks tokens). */

export interface NewActionToken {
  token_hash: Buffer;
  subscriber_id: string;
  digest_id: string | null;
  scope: TokenScope;
  expires_at: Date;
}

export async function insertActionTokens(db: DbOrTx, rows: NewActionToken[]): Promise<void> {
  await db.insertInto('action_tokens').values(rows).execute();
}

export function findTokenByHash(db: DbOrTx, tokenHash: Buffer) {
  return db
    .selectFrom('action_tokens')
    .select(['id', 'subscriber_id', 'digest_id', 'scope', 'expires_at', 'revoked_at', 'used_at', 'answer_batch_id'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Marks a link used only while it is unused, unrevoked and unexpired, so exactly one caller wins. True when this one did. */
export async function spendToken(db: DbOrTx, link: { id: string; scope: TokenScope }, now: Date): Promise<boolean> {
  const claimed = await db
    .updateTable('action_tokens')
    .set({ used_at: now })
    .where('id', '=', link.id)
    .where('scope', '=', link.scope)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('id')
    .executeTakeFirst();
  return claimed !== undefined;
}

export async function findTokenUsedAt(db: DbOrTx, id: string): Promise<Date | null> {
  const row = await db.selectFrom('action_tokens').select('used_at').where('id', '=', id).executeTakeFirst();
  return row?.used_at ?? null;
}

/** Revokes a subscriber's live tokens, all or of some scopes; returns how many. */
export async function revokeSubscriberTokens(db: DbOrTx, subscriberId: string, scopes: readonly TokenScope[] | undefined, now: Date): Promise<number> {
  let query = db.updateTable('action_tokens').set({ revoked_at: now }).where('subscriber_id', '=', subscriberId).where('revoked_at', 'is', null);
  if (scopes?.length) query = query.where('scope', 'in', [...scopes]);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Revokes a subscriber's unused, unrevoked confirm links. */
export async function revokeUnusedConfirmTokens(db: DbOrTx, subscriberId: string, now: Date): Promise<void> {
  await db
    .updateTable('action_tokens')
    .set({ revoked_at: now })
    .where('subscriber_id', '=', subscriberId)
    .where('scope', '=', 'confirm')
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes every live token of a subscriber except the revert links of address changes still open (not reverted). */
export async function revokeTokensExceptOpenReverts(db: DbOrTx, subscriberId: string, now: Date): Promise<void> {
  await db
    .updateTable('action_tokens')
    .set({ revoked_at: now })
    .where('subscriber_id', '=', subscriberId)
    .where('revoked_at', 'is', null)
    .where('id', 'not in', (q) => q.selectFrom('email_changes').select('revert_token_id').where('subscriber_id', '=', subscriberId).where('reverted_at', 'is', null))
    .execute();
}
