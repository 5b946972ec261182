import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './types.ts';

// bigint columns (counts, byte sizes) come back as strings by default; ours fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// date columns stay 'YYYY-MM-DD' strings: a calendar date has no time zone to shift it.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type Db = Kysely<DB>;
/** Query functions take either, so callers can compose them inside a transaction. */
export type DbOrTx = Kysely<DB> | Transaction<DB>;

export interface Database {
  db: Db;
  /** The pool under `db`, for what Kysely cannot do (COPY). */
  pool: pg.Pool;
}

export function createDatabase(databaseUrl: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.max ?? 10, application_name: 'rapport' });
  // A client losing its server (Postgres restarted) must not crash the process: idle clients report
  // through the pool, checked-out ones through their own 'error' event, and the query in flight
  // fails and is retried by its job.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return { pool, db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }) };
}
