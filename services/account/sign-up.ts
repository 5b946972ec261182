import { findSubscriberByEmail, insertPendingSubscriber } from '../../db/queries/subscribers.ts';
import type { Subscriber } from '../../db/types.ts';
import type { AppContext } from '../../runtime/context.ts';
import { queueConfirmation } from './confirmation.ts';
import { enqueueSend } from '../mail/enqueue-send.ts';

export interface SignUpInput {
  /** Already validated and lowercased. */
  email: string;
  name: string | null;
  timeZone: string;
}

/** For logs and tests only: the page answers every outcome with the same "check your inbox". */
export type SignUpOutcome = 'created' | 'confirmation-resent' | 'already-subscribed';

type SignUpContext = Pick<AppContext, 'db' | 'config' | 'queues' | 'log'>;

async function createPending(ctx: SignUpContext, input: SignUpInput): Promise<{ subscriber: Subscriber; created: boolean }> {
  const created = await insertPendingSubscriber(ctx.db, input);
  if (created) return { subscriber: created, created: true };
  // Lost a race with a second sign-up for the same address: treat it as the existing subscriber.
  return { subscriber: (await findSubscriberByEmail(ctx.db, input.email))!, created: false };
}

/**
 * Double opt-in. Anyone can type any address, so an existing subscriber's settings never change
 * here: a pending (or unsubscribed) one just gets a fresh confirmation link, an active one gets
 * nothing, and the page says the same in every case, so the form tells nobody who subscribes.
 */
export async function signUp(ctx: SignUpContext, input: SignUpInput, now: Date = new Date()): Promise<SignUpOutcome> {
  const existing = await findSubscriberByEmail(ctx.db, input.email);
  const { subscriber, created } = existing ? { subscriber: existing, created: false } : await createPending(ctx, input);
  if (subscriber.status !== 'pending' && subscriber.status !== 'unsubscribed') return 'already-subscribed';
  const outboxId = await queueConfirmation(ctx.db, ctx.config, { subscriberId: subscriber.id, now });
  await enqueueSend(ctx, outboxId);
  return created ? 'created' : 'confirmation-resent';
}
