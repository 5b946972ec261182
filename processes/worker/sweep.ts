import { findStaleExports, findStaleInbound, findStaleOutbox, findStalePlannedDigests } from '../../db/queries/lost-work.ts';
import type { AppContext } from '../../runtime/context.ts';

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
  const exportIds = await findStaleExports(ctx.db, cutoff);
  const inboundIds = await findStaleInbound(ctx.db, cutoff);

  await ctx.queues.enqueueBulk('email.send', outboxIds.map((outboxId) => ({ outboxId })));
  await ctx.queues.enqueueBulk('digest.build', digestIds.map((digestId) => ({ digestId })));
  await ctx.queues.enqueueBulk('import.export', exportIds.map((exportId) => ({ exportId })));
  await ctx.queues.enqueueBulk('inbound.process', inboundIds.map((inboundId) => ({ inboundId })));
  const counts = { outbox: outboxIds.length, digests: digestIds.length, exports: exportIds.length, inbound: inboundIds.length };
  if (Object.values(counts).some((n) => n > 0)) ctx.log.warn(counts, 'sweeper re-enqueued lost work');
  return counts;
}
