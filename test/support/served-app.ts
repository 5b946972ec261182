import type { FastifyInstance } from 'fastify';
import { handlers } from '../../jobs/handlers/index.ts';
import { buildWebApp } from '../../processes/web/app.ts';
import { startWorkers } from '../../processes/worker/workers.ts';
import type { TestContext } from './test-context.ts';

export interface ServedApp {
  app: FastifyInstance;
  /** http://127.0.0.1:<port>, for a real browser. */
  address: string;
  close(): Promise<void>;
}

/** The web app on a random loopback port with the workers behind it, as a browser test needs them. */
export async function serveApp(ctx: TestContext): Promise<ServedApp> {
  const workers = await startWorkers(ctx, handlers, { schedules: false });
  const app = await buildWebApp(ctx);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    address,
    async close() {
      await app.close();
      await workers.close(5_000);
    },
  };
}
