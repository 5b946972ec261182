import { Kysely, PostgresDialect } from 'kysely';
import { Migrator, type MigrationResultSet } from 'kysely/migration';
import pg from 'pg';
import { migrations } from './migrations/index.ts';

function migratorFor(db: Kysely<any>): Migrator {
  // The migration table name (Kysely's default) must never change: it records what already ran.
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

function throwIfFailed({ error, results }: MigrationResultSet): void {
  if (!error) return;
  const failed = results?.find((r) => r.status === 'Error');
  const message = error instanceof Error ? error.message : String(error);
  throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${message}`, { cause: error });
}

async function withDb<T>(databaseUrl: string, run: (db: Kysely<any>) => Promise<T>): Promise<T> {
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 1 }) }) });
  try {
    return await run(db);
  } finally {
    await db.destroy();
  }
}

/** Creates the database named in the URL when it does not exist yet (a fresh clone, a new test run). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!name) throw new Error('DATABASE_URL names no database');
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      } catch (error) {
        // Another process created it between our check and our CREATE: that is fine.
        if ((error as { code?: string }).code !== '42P04') throw error;
      }
    }
  } finally {
    await client.end();
  }
}

export async function migrateToLatest(databaseUrl: string): Promise<string[]> {
  await ensureDatabase(databaseUrl);
  return withDb(databaseUrl, async (db) => {
    const result = await migratorFor(db).migrateToLatest();
    throwIfFailed(result);
    return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  });
}

export async function migrateDown(databaseUrl: string): Promise<string[]> {
  return withDb(databaseUrl, async (db) => {
    const result = await migratorFor(db).migrateDown();
    throwIfFailed(result);
    return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  });
}
