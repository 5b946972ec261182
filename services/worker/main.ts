import { handlers } from '../../jobs/handlers/index.ts';
import { runProcess } from '../app/run-process.ts';
import { sweepSpool } from '../import/spool.ts';
import { startWorkers } from './workers.ts';

await runProcess('worker', 'worker', async (ctx) => {
  // Before taking work: whatever a crashed predecessor left in the spool folder is no one's now.
  await sweepSpool(ctx.config.varDir, ctx.log);
  const running = await startWorkers(ctx, handlers);
  ctx.log.info({ queues: running.workers.map((w) => w.name) }, 'worker started');
  return {
    async stop() {
      const drained = await running.close(ctx.config.shutdownTimeoutMs);
      if (!drained) ctx.log.warn('some jobs did not finish in time: they will be retried after their lock expires');
    },
  };
});
