import { findStalePlannedDigests } from '../../services/digest/plan.ts';
import { findStaleOutbox } from '../../services/mail/outbox.ts';
import type { JobHandler } from './types.ts';

/** Long enough that a job still queued or running is not doubled, short enough to heal quickly. */
export const STALE_AFTER_MS = 2 * 60_000;

/**
 * Postgres says what is still to be done; Redis may have lost it (FLUSHALL, a restart without AOF).
 * Re-adding is safe: job ids dedupe live jobs, and every handler checks the row's state first.
 */
export const handleOutboxSweep: JobHandler<'outbox.sweep'> = async (ctx) => {
  const outboxIds = await findStaleOutbox(ctx.db, STALE_AFTER_MS);
  const digestIds = await findStalePlannedDigests(ctx.db, STALE_AFTER_MS);
  const exportIds = (
    await ctx.db
      .selectFrom('exports')
      .select('id')
      .where('status', 'in', ['pending', 'importing'])
      .where('created_at', '<', new Date(Date.now() - STALE_AFTER_MS))
      .limit(1000)
      .execute()
  ).map((r) => r.id);
  const inboundIds = (
    await ctx.db
      .selectFrom('inbound_messages')
      .select('id')
      .where('status', '=', 'received')
      .where('created_at', '<', new Date(Date.now() - STALE_AFTER_MS))
      .limit(1000)
      .execute()
  ).map((r) => r.id);
  await ctx.queues.enqueueBulk('inbound.process', inboundIds.map((inboundId) => ({ inboundId })));
  await ctx.queues.enqueueBulk('email.send', outboxIds.map((outboxId) => ({ outboxId })));
  await ctx.queues.enqueueBulk('digest.build', digestIds.map((digestId) => ({ digestId })));
  await ctx.queues.enqueueBulk('import.export', exportIds.map((exportId) => ({ exportId })));
  const counts = { outbox: outboxIds.length, digests: digestIds.length, exports: exportIds.length, inbound: inboundIds.length };
  if (Object.values(counts).some((n) => n > 0)) ctx.log.warn(counts, 'sweeper re-enqueued lost work');
  return counts;
};
