import { Queue, type ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { jobs, parsePayload, queueNames, type JobName, type JobPayload, type QueueName } from './registry.ts';

/**
 * Workers block on Redis and must wait out outages (maxRetriesPerRequest: null); producers in HTTP
 * handlers must fail fast instead of queueing commands while Redis is away (enableOfflineQueue: false).
 */
export function createRedis(redisUrl: string, role: 'worker' | 'producer'): Redis {
  return new Redis(redisUrl, {
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    lazyConnect: false,
  });
}

export class Queues {
  readonly byName: Record<QueueName, Queue>;

  constructor(
    readonly connection: Redis,
    readonly prefix: string,
    onError: (error: Error) => void = () => {},
  ) {
    this.byName = Object.fromEntries(
      queueNames.map((name) => {
        const queue = new Queue(name, { connection: connection as ConnectionOptions, prefix });
        // Without a listener, a dropped connection would crash the process instead of being retried.
        queue.on('error', onError);
        return [name, queue];
      }),
    ) as Record<QueueName, Queue>;
  }

  /** Validates the payload against the registry and adds it under its deterministic job id. */
  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, delayMs = 0): Promise<void> {
    const definition = jobs[name];
    const data = parsePayload(name, payload);
    const jobId = definition.jobId ? (definition.jobId as (p: JobPayload<N>) => string)(data) : undefined;
    await this.byName[definition.queue].add(name, data, { ...definition.options, jobId, delay: delayMs || undefined });
  }

  /** addBulk in chunks of at most 1,000: larger bulks hold Redis for seconds. */
  async enqueueBulk<N extends JobName>(name: N, payloads: Array<JobPayload<N>>): Promise<void> {
    const definition = jobs[name];
    const idOf = definition.jobId as ((p: JobPayload<N>) => string) | null;
    for (let i = 0; i < payloads.length; i += 1000) {
      const chunk = payloads.slice(i, i + 1000).map((payload) => {
        const data = parsePayload(name, payload);
        return { name, data, opts: { ...definition.options, jobId: idOf ? idOf(data) : undefined } };
      });
      await this.byName[definition.queue].addBulk(chunk);
    }
  }

  /** Removes every queue and its jobs: for tests and erasing a throwaway prefix, never production. */
  async obliterateAll(): Promise<void> {
    for (const queue of Object.values(this.byName)) await queue.obliterate({ force: true });
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.byName).map((q) => q.close()));
  }
}

/** BullMQ only behaves under noeviction: any other policy may silently drop queued jobs. */
export async function checkEvictionPolicy(redis: Redis, waitMs = 5_000): Promise<string | null> {
  // Commands are not queued while connecting (enableOfflineQueue is off): wait for the connection.
  if (redis.status !== 'ready') {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Redis not ready after ${waitMs / 1000} s`)), waitMs);
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
  const policy = reply[1] ?? 'unknown';
  return policy === 'noeviction' ? null : policy;
}
