/**
 * Issue #13 (low): an erased subscriber's address must not stay in the suppression list in clear.
 * The list keeps HMAC-SHA256(SUPPRESSION_SECRET, address): it still stops mail to that address, and
 * the migration hashes rows written before it.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index.ts';
import { findOrCreateSubscriber } from '../../db/queries/subscribers.ts';
import { eraseSubscriber } from '../../services/account/erase.ts';
import { planDueDigests } from '../../services/digest/plan.ts';
import { suppressionHashSql } from '../../db/queries/suppressions.ts';
import { suppress, suppressionHash, suppressionOf } from '../../services/mail/suppressions.ts';
import { checkSuppressionKey, SuppressionKeyError, suppressionKeyFingerprint } from '../../services/mail/suppression-key.ts';
import { DEV_SUPPRESSION_SECRET } from '../../runtime/config.ts';
import { importedSubscriber } from '../support/fixtures.ts';
import { useTestContext } from '../support/test-context.ts';

const ADDRESS = 'erased.person@example.com';

describe('the suppression list keeps keyed hashes, not addresses', () => {
  const ctx = useTestContext();

  it('after erasure the address is nowhere in the list, yet signing it up again still gets it no mail', async () => {
    const { subscriber } = await importedSubscriber(ctx, ADDRESS);
    await suppress(ctx.db, ctx.config.suppressionSecret, { email: ADDRESS, reason: 'bounce', detail: `550 5.1.1 <${ADDRESS}>: user unknown` });
    await eraseSubscriber(ctx, subscriber.id);

    const dump = JSON.stringify(await ctx.db.selectFrom('suppressions').selectAll().execute(), (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v));
    expect(dump).not.toContain('erased.person');
    expect(dump).toContain('[address]');
    const columns = await sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns WHERE table_name = 'suppressions'`.execute(ctx.db);
    expect(columns.rows.map((c) => c.column_name).sort()).toEqual(['created_at', 'detail', 'email_hash', 'reason']);

    // Whoever signs the address up again: still suppressed, in any letter case.
    const again = await importedSubscriber(ctx, 'Erased.Person@Example.com');
    expect(await suppressionOf(ctx.db, ctx.config.suppressionSecret, ADDRESS)).toMatchObject({ reason: 'bounce' });
    expect(await planDueDigests(ctx.db, new Date(), { suppressionSecret: ctx.config.suppressionSecret, subscriberId: again.subscriber.id, ignoreSlot: true })).toEqual([]);
    // A hash under another key matches nothing: the key is what makes the list unreadable.
    expect(await suppressionOf(ctx.db, 'another-secret-of-at-least-32-characters', ADDRESS)).toBeUndefined();
    const other = await findOrCreateSubscriber(ctx.db, { email: 'reachable@example.com' });
    expect(await suppressionOf(ctx.db, ctx.config.suppressionSecret, other.email)).toBeUndefined();
  });

  it('the migration hashes rows kept in clear before it, with the same function the application uses', async () => {
    await ctx.db.deleteFrom('suppressions').execute();
    const migrator = new Migrator({ db: ctx.db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo('20261126010000_lz4_for_large_values');
    expect(down.error).toBeUndefined();
    await sql`INSERT INTO suppressions (email, reason, detail) VALUES ('old.bounce@example.com', 'bounce', 'DSN 5.1.1'), ('old.complaint@example.org', 'complaint', null)`.execute(ctx.db);
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    const rows = await ctx.db.selectFrom('suppressions').selectAll().orderBy('reason').execute();
    expect(rows.map((r) => [r.reason, r.email_hash.toString('hex')])).toEqual([
      ['bounce', suppressionHash(ctx.config.suppressionSecret, 'old.bounce@example.com').toString('hex')],
      ['complaint', suppressionHash(ctx.config.suppressionSecret, 'Old.Complaint@example.org').toString('hex')],
    ]);
  });

  it('hashes an address the same way in SQL as in the application: trimmed, then lower-cased', async () => {
    const spelled = ' \tErased.Person@Example.com\r\n';
    const inSql = await sql<{ hash: Buffer }>`SELECT ${suppressionHashSql(ctx.config.suppressionSecret, sql.val(spelled))} AS hash`.execute(ctx.db);
    expect(inSql.rows[0]!.hash.toString('hex')).toBe(suppressionHash(ctx.config.suppressionSecret, spelled).toString('hex'));
    expect(suppressionHash(ctx.config.suppressionSecret, spelled).equals(suppressionHash(ctx.config.suppressionSecret, ADDRESS))).toBe(true);
  });
});

describe('the key the suppression list is hashed under', () => {
  const ctx = useTestContext();
  const OTHER_KEY = 'another-suppression-key-of-at-least-32-chars';

  it('is recorded by the migration as a fingerprint, never the key itself', async () => {
    const rows = await ctx.db.selectFrom('suppression_key').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.fingerprint.equals(suppressionKeyFingerprint(ctx.config.suppressionSecret))).toBe(true);
    expect(rows[0]!.fingerprint.toString('latin1')).not.toContain(ctx.config.suppressionSecret);
    expect(await checkSuppressionKey(ctx.db, ctx.config.suppressionSecret)).toBe('same');
  });

  it('stops a process configured with another key once the list holds anything, and says why', async () => {
    await suppress(ctx.db, ctx.config.suppressionSecret, { email: 'kept@example.com', reason: 'complaint', detail: null });
    await expect(checkSuppressionKey(ctx.db, OTHER_KEY)).rejects.toThrow(/SUPPRESSION_SECRET is not the key the suppression list was written with/);
    const proc = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '../../processes/mx/main.ts')], {
      env: { ...process.env, DATABASE_URL: ctx.config.databaseUrl, SUPPRESSION_SECRET: OTHER_KEY, MX_PORT: '2599', MX_HOST: '127.0.0.1', LOG_LEVEL: 'silent', QUEUE_PREFIX: `key-check-${process.pid}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    proc.stdout.on('data', (d) => (output += d));
    proc.stderr.on('data', (d) => (output += d));
    const stopped = setTimeout(() => proc.kill('SIGKILL'), 20_000);
    const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
    clearTimeout(stopped);
    expect(code).toBe(1);
    expect(output).toContain('rapport mx: SUPPRESSION_SECRET is not the key the suppression list was written with');
    expect(output).not.toContain(OTHER_KEY);
  });

  it('is taken over by the configured key while the list is empty (nothing hashed can be lost)', async () => {
    await ctx.db.deleteFrom('suppressions').execute();
    expect(await checkSuppressionKey(ctx.db, OTHER_KEY)).toBe('adopted');
    expect(await checkSuppressionKey(ctx.db, OTHER_KEY)).toBe('same');
    await suppress(ctx.db, OTHER_KEY, { email: 'kept@example.com', reason: 'complaint', detail: null });
    await expect(checkSuppressionKey(ctx.db, ctx.config.suppressionSecret)).rejects.toThrow(SuppressionKeyError);
  });

  it('refuses to hash the list in production under the development key or none', async () => {
    const migration = migrations['20261203100000_suppression_hashes']!;
    const saved = { NODE_ENV: process.env.NODE_ENV, SUPPRESSION_SECRET: process.env.SUPPRESSION_SECRET };
    try {
      process.env.NODE_ENV = 'production';
      for (const secret of [undefined, DEV_SUPPRESSION_SECRET]) {
        if (secret === undefined) delete process.env.SUPPRESSION_SECRET;
        else process.env.SUPPRESSION_SECRET = secret;
        // Refused before the database is touched: no connection is needed to see it.
        await expect(migration.up(undefined as never)).rejects.toThrow(/SUPPRESSION_SECRET must be set to your own key before this migration hashes the suppression list in production/);
      }
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
