import type { DbOrTx } from '../client.ts';

/** email_changes rows: one per confirmed change of address, closed (reverted_at) by its revert link or a revert of an earlier one. */

export async function insertEmailChange(
  db: DbOrTx,
  change: { subscriberId: string; oldEmail: string; newEmail: string; revertTokenId: string; now: Date },
): Promise<string> {
  const row = await db
    .insertInto('email_changes')
    .values({ subscriber_id: change.subscriberId, old_email: change.oldEmail, new_email: change.newEmail, revert_token_id: change.revertTokenId, created_at: change.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The still-open change a revert link belongs to. */
export function findOpenChangeByRevertToken(db: DbOrTx, subscriberId: string, revertTokenId: string) {
  return db
    .selectFrom('email_changes')
    .select(['seq', 'old_email'])
    .where('revert_token_id', '=', revertTokenId)
    .where('subscriber_id', '=', subscriberId)
    .where('reverted_at', 'is', null)
    .executeTakeFirst();
}

/** Closes the change numbered `fromSeq` and every later open one. */
export async function closeChangesFrom(db: DbOrTx, subscriberId: string, fromSeq: number, now: Date): Promise<void> {
  await db
    .updateTable('email_changes')
    .set({ reverted_at: now })
    .where('subscriber_id', '=', subscriberId)
    .where('reverted_at', 'is', null)
    .where('seq', '>=', fromSeq)
    .execute();
}

/** The change a revert link was issued for, whatever its state (the page shows a hint of the new address). */
export function findChangeByRevertToken(db: DbOrTx, revertTokenId: string) {
  return db.selectFrom('email_changes').select('new_email').where('revert_token_id', '=', revertTokenId).executeTakeFirst();
}
