import type { AppContext } from '../../runtime/context.ts';
import { findStalePlannedDigests } from '../../services/digest/plan.ts';
import { findStaleOutbox } from '../../services/mail/outbox.ts';

/** Long enough that a job still queued or running is not doubled, short enough to heal quickly. */
export const STALE_AFTER_MS = 2 * 60_000;

/**
 * Postgres says what is still to be done; Redis may have lost it (FLUSHALL, a restart without AOF,
 * a failover). Re-adding is safe: job ids dedupe live jobs, and every handler checks its row first.
 */
export async function sweepLostWork(ctx: AppContext, olderThanMs: number = STALE_AFTER_MS) {
  const cutoff = new Date(Date.now() - olderThanMs);
  const outboxIds = await findStaleOutbox(ctx.db, olderThanMs);
  const digestIds = await findStalePlannedDigests(ctx.db, olderThanMs);
  const stale = (table: 'exports' | 'inbound_messages', statuses: string[]) =>
    ctx.db
      .selectFrom(table)
      .select('id')
      .where('status', 'in', statuses as never[])
      .where('created_at', '<', cutoff)
      .limit(1000)
      .execute()
      .then((rows) => rows.map((r) => r.id));
  const exportIds = await stale('exports', ['pending', 'importing']);
  const inboundIds = await stale('inbound_messages', ['received']);

  await ctx.queues.enqueueBulk('email.send', outboxIds.map((outboxId) => ({ outboxId })));
  await ctx.queues.enqueueBulk('digest.build', digestIds.map((digestId) => ({ digestId })));
  await ctx.queues.enqueueBulk('import.export', exportIds.map((exportId) => ({ exportId })));
  await ctx.queues.enqueueBulk('inbound.process', inboundIds.map((inboundId) => ({ inboundId })));
  const counts = { outbox: outboxIds.length, digests: digestIds.length, exports: exportIds.length, inbound: inboundIds.length };
  if (Object.values(counts).some((n) => n > 0)) ctx.log.warn(counts, 'sweeper re-enqueued lost work');
  return counts;
}
