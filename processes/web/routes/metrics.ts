import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../runtime/context.ts';
import { createMetricsRegistry } from '../metrics.ts';

/** Prometheus scrapes this without a token; it holds counts only, no personal data. */
export async function metricsRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const registry = createMetricsRegistry(ctx);
  app.get('/metrics', async (_req, reply) => reply.header('cache-control', 'no-store').type(registry.contentType).send(await registry.metrics()));
}
