import { parseArgs } from 'node:util';
import { handlers } from '../../jobs/handlers/index.ts';
import { queueNames, type QueueName } from '../../jobs/registry.ts';
import { runProcess } from '../../runtime/run-process.ts';
import { superviseImportProcess, type ImportProcess } from './import-process.ts';
import { sweepSpool } from '../../services/import/spool.ts';
import { startWorkers } from './workers.ts';

/**
 * `worker` runs every queue but imports in this process and imports in a child process it
 * supervises. `worker --queues import` is that child (or a separately deployed import worker);
 * `--queues digest,email,...` runs just those queues here, and no import process.
 */
function queuesFromArgs(): QueueName[] | null {
  const { values } = parseArgs({ options: { queues: { type: 'string' } }, strict: true });
  if (values.queues === undefined) return null;
  const names = values.queues.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(queueNames as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length) {
    console.error(`rapport worker: --queues takes a comma-separated list of ${queueNames.join(', ')}; got "${values.queues}"`);
    process.exit(1);
  }
  return names as QueueName[];
}

// Started by a supervising worker: when it goes (even by kill -9), finish the job in hand and stop.
// Watched from the first line, not once started: a supervisor killed while this process was still
// loading (seconds, on a busy machine) disconnects before any later listener exists, 'disconnect'
// is emitted only once, and the orphan would then take imports forever under nobody's heap limit.
// Before runProcess handles SIGTERM, the signal simply ends this process, which has done nothing yet.
if (process.send) {
  const supervisorGone = () => process.kill(process.pid, 'SIGTERM');
  if (process.connected) process.once('disconnect', supervisorGone);
  else supervisorGone();
}

const chosen = queuesFromArgs();
const importOnly = chosen?.length === 1 && chosen[0] === 'import';

await runProcess(importOnly ? 'import-worker' : 'worker', 'worker', async (ctx) => {
  const queues = chosen ?? queueNames.filter((queue) => queue !== 'import');
  // Before taking work: whatever a crashed predecessor left in the spool folder is no one's now.
  await sweepSpool(ctx.config.varDir, ctx.log);
  const running = await startWorkers(ctx, handlers, { queues, schedules: !importOnly });
  const imports: ImportProcess | null = chosen === null ? superviseImportProcess(ctx.log, { heapMb: ctx.config.importHeapMb }) : null;
  ctx.log.info({ queues: running.workers.map((w) => w.name), importProcess: imports !== null }, 'worker started');
  return {
    async stop() {
      const [drained] = await Promise.all([running.close(ctx.config.shutdownTimeoutMs), imports?.stop(ctx.config.shutdownTimeoutMs)]);
      if (!drained) ctx.log.warn('some jobs did not finish in time: they will be retried after their lock expires');
    },
  };
});
