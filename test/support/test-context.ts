import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DestinationStream } from 'pino';
import { afterAll, beforeAll, inject } from 'vitest';
import { createContext, type AppContext } from '../../runtime/context.ts';
import { parseConfig, type Config } from '../../runtime/config.ts';
import { databaseUrl, dropDatabase, withAdminClient } from './databases.ts';

export interface TestContext extends AppContext {
  databaseName: string;
  cleanup(): Promise<void>;
}

async function cloneTemplate(name: string): Promise<void> {
  const template = inject('templateDatabase');
  await withAdminClient(async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        // Two clones of one template at the same instant can collide; a moment later they don't.
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  });
}

/**
 * A real context on a private database (cloned from the migrated template), a private BullMQ
 * prefix and a private var/ directory, so test files can run in parallel without seeing each other.
 */
export async function createTestContext(
  overrides: Record<string, string> = {},
  options: { logDestination?: DestinationStream } = {},
): Promise<TestContext> {
  const suffix = randomBytes(4).toString('hex');
  const databaseName = `${inject('runId')}_${suffix}`;
  await cloneTemplate(databaseName);
  const varDir = await mkdtemp(path.join(os.tmpdir(), 'rapport-test-'));
  const config: Config = parseConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: databaseUrl(databaseName),
    QUEUE_PREFIX: `test-${suffix}`,
    VAR_DIR: varDir,
    ...overrides,
  });
  const ctx = createContext(config, 'test', 'worker', options);
  return {
    ...ctx,
    databaseName,
    async cleanup() {
      await ctx.queues.obliterateAll().catch(() => {});
      await ctx.close();
      await withAdminClient((client) => dropDatabase(client, databaseName));
      await rm(varDir, { recursive: true, force: true });
    },
  };
}

/**
 * The usual shape of an integration file: one private context for the enclosing `describe`, made
 * before its tests and cleaned up after them. The object is filled in by `beforeAll`, so it can be
 * declared at describe level and used inside tests and later hooks.
 */
export function useTestContext(overrides: Record<string, string> = {}): TestContext {
  const ctx = {} as TestContext;
  beforeAll(async () => {
    Object.assign(ctx, await createTestContext(overrides));
  });
  afterAll(async () => {
    await ctx.cleanup?.();
  });
  return ctx;
}
