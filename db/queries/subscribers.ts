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
