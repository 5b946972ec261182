import { sql } from 'kysely';
import { z } from 'zod';
import type { DbOrTx } from '../client.ts';
import type { Subscriber } from '../types.ts';

export const emailSchema = z.string().trim().toLowerCase().email('That does not look like an email address.').max(254);

export function findSubscriberByEmail(db: DbOrTx, email: string): Promise<Subscriber | undefined> {
  return db.selectFrom('subscribers').selectAll().where(sql`lower(email)`, '=', email.trim().toLowerCase()).executeTakeFirst();
}

export function findSubscriber(db: DbOrTx, id: string): Promise<Subscriber | undefined> {
  return db.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Operator and CLI path: an address given on the command line counts as confirmed. */
export async function findOrCreateSubscriber(db: DbOrTx, input: { email: string; name?: string | null }): Promise<Subscriber> {
  const email = emailSchema.parse(input.email);
  const existing = await findSubscriberByEmail(db, email);
  if (existing) return existing;
  const created = await db
    .insertInto('subscribers')
    .values({ email, name: input.name ?? null, status: 'active', confirmed_at: new Date() })
    .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
    .returningAll()
    .executeTakeFirst();
  // Lost a race with another creator: theirs is as good as ours.
  return created ?? (await findSubscriberByEmail(db, email))!;
}

/** The subscriber row, locked FOR UPDATE inside the caller's transaction (one change of account at a time). */
export function lockSubscriber(trx: DbOrTx, id: string): Promise<Subscriber | undefined> {
  return trx.selectFrom('subscribers').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** A new pending (unconfirmed) subscriber, or undefined when the address is already taken. */
export function insertPendingSubscriber(db: DbOrTx, input: { email: string; name: string | null; timeZone: string }): Promise<Subscriber | undefined> {
  return db
    .insertInto('subscribers')
    .values({ email: input.email, name: input.name, time_zone: input.timeZone, status: 'pending' })
    .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Another subscriber whose address is exactly `email`. */
export async function findOtherSubscriberIdWithEmail(db: DbOrTx, email: string, exceptId: string): Promise<string | undefined> {
  const row = await db.selectFrom('subscribers').select('id').where('email', '=', email).where('id', '!=', exceptId).executeTakeFirst();
  return row?.id;
}

export async function setSubscriberPendingEmail(db: DbOrTx, id: string, pendingEmail: string | null, now: Date): Promise<void> {
  await db.updateTable('subscribers').set({ pending_email: pendingEmail, updated_at: now }).where('id', '=', id).execute();
}

/** Sets the address and clears any pending one. */
export async function setSubscriberEmail(db: DbOrTx, id: string, email: string, now: Date): Promise<void> {
  await db.updateTable('subscribers').set({ email, pending_email: null, updated_at: now }).where('id', '=', id).execute();
}

export async function activateSubscriber(db: DbOrTx, id: string, now: Date): Promise<void> {
  await db.updateTable('subscribers').set({ status: 'active', confirmed_at: now, updated_at: now }).where('id', '=', id).execute();
}

/** False when the subscriber was unsubscribed already (or does not exist). */
export async function markUnsubscribed(db: DbOrTx, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('subscribers')
    .set({ status: 'unsubscribed', updated_at: now })
    .where('id', '=', id)
    .where('status', '<>', 'unsubscribed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteSubscriber(db: DbOrTx, id: string): Promise<void> {
  await db.deleteFrom('subscribers').where('id', '=', id).execute();
}

/** Null resumes the digests. */
export async function setPausedUntil(db: DbOrTx, id: string, until: Date | null, now: Date): Promise<void> {
  await db.updateTable('subscribers').set({ paused_until: until, updated_at: now }).where('id', '=', id).execute();
}

/** Makes an unsubscribed subscriber active again; leaves any other status alone. */
export async function resubscribe(db: DbOrTx, id: string, now: Date): Promise<void> {
  await db.updateTable('subscribers').set({ status: 'active', updated_at: now }).where('id', '=', id).where('status', '=', 'unsubscribed').execute();
}

/** Where and to whom a new email goes. */
export function findRecipient(db: DbOrTx, subscriberId: string) {
  return db.selectFrom('subscribers').select(['email', 'name']).where('id', '=', subscriberId).executeTakeFirst();
}
