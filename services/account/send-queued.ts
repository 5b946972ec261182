import type { AppContext } from '../../runtime/context.ts';

/**
 * Hands a committed outbox row to the send queue. If Redis is unavailable the row still says
 * "pending" and the outbox sweeper sends it within minutes, so the page's answer stays true.
 */
export async function sendQueued(ctx: Pick<AppContext, 'queues' | 'log'>, outboxId: string | null): Promise<void> {
  if (!outboxId) return;
  try {
    await ctx.queues.enqueue('email.send', { outboxId });
  } catch (error) {
    ctx.log.warn({ err: error, outboxId }, 'could not enqueue email; the outbox sweeper will send it');
  }
}
