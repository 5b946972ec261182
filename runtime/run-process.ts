import { checkEvictionPolicy } from '../jobs/queues.ts';
import { ConfigError, loadConfig } from './config.ts';
import { checkSuppressionKey, SuppressionKeyError } from '../services/mail/suppression-key.ts';
import { createContext, type AppContext } from './context.ts';

export interface Started {
  /** Stop taking new work and finish what is running, within the shutdown bound. */
  stop(): Promise<void>;
}

/** A database the process cannot start on, in words that say what to do; null for anything else. */
export function databaseProblem(error: unknown, databaseUrl: string): string | null {
  const { code } = error as { code?: string };
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (code === '3D000') return `database "${name}" does not exist: run \`npm run migrate\` once to create it`;
  if (code === '42P01') return `database "${name}" has no tables yet: run \`npm run migrate\``;
  if (code === 'ECONNREFUSED') return `cannot reach Postgres at ${new URL(databaseUrl).host}: is it running? (DATABASE_URL)`;
  if (code === '28P01' || code === '28000') return `Postgres refused the credentials in DATABASE_URL`;
  return null;
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
    // The first query is where a missing or unmigrated database shows: one line that says what to do.
    const problem = error instanceof SuppressionKeyError ? error.message : databaseProblem(error, config.databaseUrl);
    if (problem) {
      console.error(`rapport ${service}: ${problem}`);
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
    // Not fatal (a managed Redis may refuse CONFIG): one line, no stack trace.
    ctx.log.warn(`could not read the Redis eviction policy (${(error as Error).message}); make sure maxmemory-policy is noeviction`);
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
