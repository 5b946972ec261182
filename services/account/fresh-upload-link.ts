import { findSubscriber, findSubscriberByEmail } from '../../db/queries/subscribers.ts';
import type { AppContext } from '../../runtime/context.ts';
import { enqueueSend } from '../mail/enqueue-send.ts';
import { queueUploadLink } from '../mail/notifications.ts';

/**
 * A fresh upload link for someone whose link was spent or ran out. At most one an hour per
 * subscriber (the outbox's dedup key says which hour), so a button pressed twice, or a form
 * hammered with someone's address, sends one email. Only to a subscriber who gets digests.
 */
export async function sendFreshUploadLink(ctx: Pick<AppContext, 'db' | 'config' | 'queues' | 'log'>, subscriberId: string, now: Date = new Date()): Promise<void> {
  const subscriber = await findSubscriber(ctx.db, subscriberId);
  if (subscriber?.status !== 'active') return;
  const hour = Math.floor(now.getTime() / 3_600_000);
  const outboxId = await queueUploadLink(ctx.db, ctx.config, subscriberId, `upload-link-fresh-${subscriberId}-${hour}`);
  await enqueueSend(ctx, outboxId);
}

/**
 * The same, asked for by address on the page a dead link leads to. The caller answers the same
 * words whether or not the address is a subscriber's: the page must not tell who has an account.
 */
export async function requestUploadLinkByEmail(ctx: Pick<AppContext, 'db' | 'config' | 'queues' | 'log'>, email: string, now: Date = new Date()): Promise<void> {
  const subscriber = await findSubscriberByEmail(ctx.db, email);
  if (subscriber) await sendFreshUploadLink(ctx, subscriber.id, now);
}
