import { migrateToLatest } from '../../db/migrate.ts';
import { createContext, type AppContext } from '../../runtime/context.ts';
import { ConfigError, loadConfig } from '../../runtime/config.ts';

/** A message for the person at the terminal: printed without a stack trace, exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
}

/** Opens the database (created and migrated if needed) and Redis for one command, then closes them. */
export async function withContext(run: (ctx: AppContext) => Promise<unknown>): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
  await migrateToLatest(config.databaseUrl);
  // At a terminal the commands print their own results; logs are for warnings unless asked for.
  const ctx = createContext(process.env.LOG_LEVEL ? config : { ...config, logLevel: 'warn' }, 'cli', 'worker');
  try {
    await run(ctx);
  } finally {
    await ctx.close();
  }
}
