import { UnrecoverableError, Worker, type ConnectionOptions, type Job, type WorkerOptions } from 'bullmq';
import { gaveUpHandlers } from '../../jobs/handlers/index.ts';
import type { GaveUpHandlers, JobHandlers } from '../../jobs/handlers/types.ts';
import { jobNames, jobs, parsePayload, queueNames, schedules, type JobName, type QueueName } from '../../jobs/registry.ts';
import { createRedis } from '../../jobs/queues.ts';
import type { AppContext } from '../../runtime/context.ts';

export class MissingHandlerError extends Error {
  override name = 'MissingHandlerError';
}

const concurrency: Record<QueueName, number> = { import: 1, digest: 8, email: 10, inbound: 4, maintenance: 1 };

/**
 * Imports: a job whose process died under it (out of memory on a poison upload, kill -9) is
 * "stalled"; the first stall runs it once more, the second fails it for good (BullMQ then fails it
 * without running it, and the gave-up handler tells the subscriber). The lock bounds how soon.
 */
function queueOptions(ctx: AppContext, queue: QueueName): Partial<WorkerOptions> {
  if (queue === 'email') return { limiter: { max: ctx.config.emailRatePerSecond, duration: 1000 } };
  if (queue === 'import') return { maxStalledCount: 1, lockDuration: ctx.config.importLockMs, stalledInterval: ctx.config.importLockMs };
  return {};
}

export interface RunningWorkers {
  workers: Worker[];
  /** Stops taking jobs and waits for running ones, at most `timeoutMs`; returns false on timeout. */
  close(timeoutMs: number): Promise<boolean>;
}

/** Every job name must have exactly one handler; a gap would leave jobs stuck in Redis forever. */
export function assertHandlers(handlers: Partial<JobHandlers>): asserts handlers is JobHandlers {
  const missing = jobNames.filter((name) => typeof handlers[name] !== 'function');
  if (missing.length) throw new MissingHandlerError(`No handler for job(s): ${missing.join(', ')}`);
}

export async function startWorkers(
  ctx: AppContext,
  handlers: Partial<JobHandlers>,
  options: { queues?: readonly QueueName[]; schedules?: boolean; gaveUp?: GaveUpHandlers } = {},
): Promise<RunningWorkers> {
  assertHandlers(handlers);
  const connection = createRedis(ctx.config.redisUrl, 'worker');
  connection.on('error', (error) => ctx.log.warn({ err: error }, 'worker redis error'));

  const process = async (job: Job) => {
    const name = job.name as JobName;
    if (!(name in jobs)) throw new UnrecoverableError(`unknown job ${job.name}`);
    let payload;
    try {
      payload = parsePayload(name, job.data);
    } catch (error) {
      // A payload that does not fit its schema will never fit it: do not retry.
      throw new UnrecoverableError(`invalid payload for ${name}: ${(error as Error).message}`);
    }
    const handler = handlers[name] as (c: AppContext, p: unknown, j: Job) => Promise<unknown>;
    return handler(ctx, payload, job);
  };

  const gaveUp = options.gaveUp ?? gaveUpHandlers;
  const onGaveUp = async (job: Job, error: Error) => {
    const handler = gaveUp[job.name as JobName] as ((c: AppContext, p: unknown, j: Job, e: Error) => Promise<void>) | undefined;
    if (!handler) return;
    try {
      await handler(ctx, parsePayload(job.name as JobName, job.data), job, error);
    } catch (failure) {
      ctx.log.error({ jobName: job.name, jobId: job.id, err: failure }, 'could not record a failed job');
    }
  };

  const workers = (options.queues ?? queueNames).map((queue) => {
    const worker = new Worker(queue, process, {
      connection: connection as ConnectionOptions,
      prefix: ctx.config.queuePrefix,
      concurrency: concurrency[queue],
      ...queueOptions(ctx, queue),
    });
    worker.on('failed', (job, error) => {
      ctx.log.warn({ queue, jobName: job?.name, jobId: job?.id, err: error }, 'job failed');
      // finishedOn is set only when BullMQ will not retry the job.
      if (job?.finishedOn !== undefined) void onGaveUp(job, error);
    });
    worker.on('stalled', (jobId) => ctx.log.warn({ queue, jobId }, 'job stalled: it will run again'));
    worker.on('error', (error) => ctx.log.error({ queue, err: error }, 'worker error'));
    return worker;
  });

  if (options.schedules ?? true) {
    for (const schedule of schedules) {
      const definition = jobs[schedule.job];
      await ctx.queues.byName[definition.queue].upsertJobScheduler(
        schedule.id,
        { every: schedule.everyMs },
        { name: schedule.job, data: {}, opts: { ...definition.options } },
      );
    }
  }

  return {
    workers,
    async close(timeoutMs) {
      const closing = Promise.all(workers.map((w) => w.close())).then(() => true);
      const timedOut = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
      const drained = await Promise.race([closing, timedOut]);
      // Past the bound, force-close: unfinished jobs are retried elsewhere after their lock expires.
      if (!drained) await Promise.all(workers.map((w) => w.close(true)));
      connection.disconnect();
      return drained;
    },
  };
}
