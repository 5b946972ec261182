import type { AppContext } from '../../runtime/context.ts';

/**
 * The one way to hand committed outbox rows to the send queue: every email is an outbox row first
 * (Postgres is the source of truth), and this only tells a worker it is there. If Redis is
 * unavailable the rows still say "pending" and the outbox sweeper sends them within minutes, so a
 * page's answer or a job's result stays true and nothing is sent twice (the job id is the row id).
 */
export async function enqueueSend(ctx: Pick<AppContext, 'queues' | 'log'>, outboxIds: string | null | readonly string[]): Promise<void> {
  const ids = outboxIds === null ? [] : typeof outboxIds === 'string' ? [outboxIds] : outboxIds;
  if (ids.length === 0) return;
  try {
    if (ids.length === 1) await ctx.queues.enqueue('email.send', { outboxId: ids[0]! });
    else await ctx.queues.enqueueBulk('email.send', ids.map((outboxId) => ({ outboxId })));
  } catch (error) {
    ctx.log.warn({ err: error, outboxIds: ids.length === 1 ? ids[0] : `${ids.length} rows` }, 'could not enqueue email; the outbox sweeper will send it');
  }
}
