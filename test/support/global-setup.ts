import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../../db/migrate.ts';
import { databaseUrl, dropDatabase, withAdminClient } from './databases.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
    runId: string;
  }
}

/**
 * Migrates one template database per run; every test file clones it (CREATE DATABASE … TEMPLATE),
 * which is far faster than migrating each time and keeps files from seeing each other's rows.
 */
export default async function setup(project: TestProject) {
  const runId = `rt${Date.now().toString(36)}${process.pid.toString(36)}`;
  const template = `${runId}_template`;
  await migrateToLatest(databaseUrl(template));
  project.provide('templateDatabase', template);
  project.provide('runId', runId);

  return async () => {
    await withAdminClient(async (client) => {
      const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${runId}%`]);
      for (const { datname } of rows) await dropDatabase(client, datname);
    });
  };
}
