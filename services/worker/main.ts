import { handlers } from '../../jobs/handlers/index.ts';
import { runProcess } from '../app/run-process.ts';
import { startWorkers } from './workers.ts';

await runProcess('worker', 'worker', async (ctx) => {
  const running = await startWorkers(ctx, handlers);
  ctx.log.info({ queues: running.workers.map((w) => w.name) }, 'worker started');
  return {
    async stop() {
      const drained = await running.close(ctx.config.shutdownTimeoutMs);
      if (!drained) ctx.log.warn('some jobs did not finish in time: they will be retried after their lock expires');
    },
  };
});
