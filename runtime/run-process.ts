import { checkEvictionPolicy } from '../jobs/queues.ts';
import { ConfigError, loadConfig } from './config.ts';
import { checkSuppressionKey, SuppressionKeyError } from '../services/mail/suppression-key.ts';
import { createContext, type AppContext } from './context.ts';

export interface Started {
  /** Stop taking new work and finish what is running, within the shutdown bound. */
  stop(): Promise<void>;
}

/** Loads configuration (failing with a clear message), starts a process and shuts it down gracefully. */
export async function runProcess(service: string, role: 'worker' | 'producer', start: (ctx: AppContext) => Promise<Started>): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`rapport ${service}: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const ctx = createContext(config, service, role);
  try {
    if ((await checkSuppressionKey(ctx.db, config.suppressionSecret)) === 'adopted') ctx.log.info('suppression list empty: its key fingerprint is now the configured SUPPRESSION_SECRET');
  } catch (error) {
    if (error instanceof SuppressionKeyError) {
      console.error(`rapport ${service}: ${error.message}`);
      await ctx.close().catch(() => {});
      process.exit(1);
    }
    throw error;
  }
  try {
    const policy = await checkEvictionPolicy(ctx.redis);
    if (policy) {
      ctx.log.warn(
        `Redis maxmemory-policy is "${policy}", not "noeviction": under memory pressure Redis will silently drop queued jobs. Set maxmemory-policy noeviction.`,
      );
    }
  } catch (error) {
    ctx.log.warn({ err: error }, 'could not read the Redis eviction policy');
  }

  const started = await start(ctx);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      ctx.log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    ctx.log.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      ctx.log.error('shutdown bound exceeded: exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs + 5_000);
    deadline.unref();
    try {
      await started.stop();
      await ctx.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
