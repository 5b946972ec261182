import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { countOutboxByStatus } from '../../db/queries/health.ts';
import type { OutboxStatus } from '../../db/types.ts';
import type { AppContext } from '../../runtime/context.ts';

// BullMQ 6 keeps the jobs of a paused queue in its wait list: there is no separate paused state to count.
const jobStates = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;
const outboxStatuses: OutboxStatus[] = ['pending', 'sending', 'sent', 'failed', 'suppressed'];

/**
 * Prometheus metrics for one web process: Node's defaults, plus queue depths and outbox states read
 * on each scrape (so any web process reports the same global numbers). One registry per app rather
 * than prom-client's global one, so several apps in one process (tests) do not collide. A source
 * that cannot be read leaves its series out (alert on `absent(...)`) rather than failing the scrape.
 */
export function createMetricsRegistry(ctx: Pick<AppContext, 'db' | 'queues' | 'log'>): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  new Gauge({
    name: 'rapport_queue_jobs',
    help: 'Jobs in each BullMQ queue, by state.',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      try {
        const queues = Object.entries(ctx.queues.byName);
        const counts = await Promise.all(queues.map(([, queue]) => queue.getJobCounts(...jobStates)));
        queues.forEach(([name], i) => {
          for (const state of jobStates) this.set({ queue: name, state }, counts[i]![state] ?? 0);
        });
      } catch (error) {
        ctx.log.warn({ err: error }, 'metrics: could not read queue counts');
      }
    },
  });

  new Gauge({
    name: 'rapport_outbox_messages',
    help: 'Rows in the email outbox, by status.',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      try {
        const rows = await countOutboxByStatus(ctx.db);
        for (const status of outboxStatuses) this.set({ status }, Number(rows.find((r) => r.status === status)?.n ?? 0));
      } catch (error) {
        ctx.log.warn({ err: error }, 'metrics: could not count outbox rows');
      }
    },
  });

  return registry;
}
