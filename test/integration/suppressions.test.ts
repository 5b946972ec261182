/**
 * Issue #13 (low): an erased subscriber's address must not stay in the suppression list in clear.
 * The list keeps HMAC-SHA256(SUPPRESSION_SECRET, address): it still stops mail to that address, and
 * the migration hashes rows written before it.
 */
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index.ts';
import { findOrCreateSubscriber } from '../../db/queries/subscribers.ts';
import { eraseSubscriber } from '../../services/account/erase.ts';
import { planDueDigests } from '../../services/digest/plan.ts';
import { suppress, suppressionHash, suppressionOf } from '../../services/mail/suppressions.ts';
import { importedSubscriber } from '../support/fixtures.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';

const ADDRESS = 'erased.person@example.com';

describe('the suppression list keeps keyed hashes, not addresses', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => {
    await ctx?.cleanup();
  });

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
});
