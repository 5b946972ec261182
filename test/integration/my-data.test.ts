import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../services/account/csv.ts';
import { storeUpload } from '../../services/import/store-upload.ts';
import { writeFakeExport } from '../../fake-export/generate.ts';
import { storeInbound } from '../../services/mail/inbound-store.ts';
import { buildWebApp } from '../../processes/web/app.ts';
import { applyAnswers } from '../../services/actions/apply-answers.ts';
import { NOT_VERIFIED } from '../../services/inbound/sender-check.ts';
import { builtDigest, importedSubscriber, type DigestLinksFound } from '../support/fixtures.ts';
import { signedIn } from '../support/session.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';

describe('the CSV writer', () => {
  it('quotes every cell and doubles quotes', () => {
    expect(csvCell('Smith, "Jr."')).toBe('"Smith, ""Jr."""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(12)).toBe('"12"');
    expect(csvCell(new Date('2026-01-02T03:04:05Z'))).toBe('"2026-01-02T03:04:05.000Z"');
  });

  it('makes every cell that could start a formula inert (OWASP CSV injection)', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r', '\0']) expect(csvCell(`${start}1+1`)).toBe(`"'${start}1+1"`);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('Ann = Bob')).toBe('"Ann = Bob"');
  });

  it('writes CRLF rows after a UTF-8 BOM, and reads back to the same values', () => {
    const text = toCsv(['name', 'note'], [['Zoë', 'a,b'], ['=1', null]]);
    expect(text.startsWith('\uFEFF"name","note"\r\n')).toBe(true);
    expect(parse(text, { bom: true })).toEqual([['name', 'note'], ['Zoë', 'a,b'], ["'=1", '']]);
  });
});

describe('my data: download and erase', () => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let subscriberId: string;
  let otherId: string;
  let browser: Awaited<ReturnType<typeof signedIn>>;
  let links: DigestLinksFound;
  let pendingExportId: string;
  let strayInboundId: string;
  let jobIds: Array<[keyof TestContext['queues']['byName'], string]>;

  const form = (fields: Record<string, string>) => ({
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: browser.cookie },
    payload: new URLSearchParams(fields).toString(),
  });
  const rowsOf = async (subscriber: string) => {
    const counts: Record<string, number> = {};
    for (const table of ['strategy_answers', 'exports', 'connections', 'ties', 'tie_events', 'answer_batches', 'answer_events', 'digests', 'action_tokens', 'outbox', 'inbound_messages', 'connection_changes'] as const) {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE subscriber_id = ${subscriber}`.execute(ctx.db);
      counts[table] = rows[0]!.n;
    }
    return counts;
  };

  beforeAll(async () => {
    ctx = await createTestContext();
    const imported = await importedSubscriber(ctx, 'data@example.com', { connections: 60 });
    subscriberId = imported.subscriber.id;
    otherId = (await importedSubscriber(ctx, 'bystander@example.com', { connections: 30, seed: 8 })).subscriber.id;
    // Names come from other people's profiles: some look like formulas.
    await ctx.db
      .insertInto('connections')
      .values([
        { subscriber_id: subscriberId, match_key: 'name:evil one', first_name: '=HYPERLINK("http://evil.example","click")', last_name: '+1', company: '@SUM(A1:A9)', position: '-2+3' },
        { subscriber_id: subscriberId, match_key: 'name:tab two', first_name: '\tTab', last_name: 'Two', company: 'Plain, Inc.', position: 'Says "hi"' },
      ])
      .execute();
    await ctx.db.insertInto('strategy_answers').values({ subscriber_id: subscriberId, purposes: ['job_search'], gain: 'A new role', targets: '[]', profile_confidence: 'partly', numbers_focus: false }).execute();
    links = await builtDigest(ctx, subscriberId);
    await sql`INSERT INTO ties (connection_id, subscriber_id, tie) SELECT id, subscriber_id, 'known' FROM connections WHERE subscriber_id = ${subscriberId} LIMIT 3`.execute(ctx.db);
    // An answer by reply (a skip, which sets no tie): its batch and what it replaced are theirs too.
    const review = await ctx.db.selectFrom('digest_items').select('number').where('digest_id', '=', links.digestId).where('kind', '=', 'review').orderBy('number').executeTakeFirstOrThrow();
    await applyAnswers(ctx.db, { subscriberId, digestId: links.digestId, answers: [{ item: review.number, answer: 'skip' }], source: 'reply' });

    // A second upload still waiting to be read: its raw chunks are in Postgres.
    const file = path.join(ctx.config.varDir, 'second.zip');
    await writeFakeExport(file, { seed: 77, connections: 20 });
    pendingExportId = (await storeUpload(ctx.db, { subscriberId, filePath: file, fileName: 'second.zip', source: 'web', maxBytes: 1e9 })).exportId;
    // A message from their address that was never tied to them (no valid reply address).
    const raw = Buffer.from('From: data@example.com\r\nTo: hello@rapport.localhost\r\nMessage-ID: <stray-1@example.com>\r\nSubject: hi\r\n\r\nhello\r\n');
    strayInboundId = (await storeInbound(ctx.db, { raw, via: 'dev', envelopeFrom: 'Data@Example.com', envelopeTo: ['hello@rapport.localhost'], senderCheck: NOT_VERIFIED })).id;

    // Jobs naming their rows, waiting in Redis (no worker runs in this file).
    await ctx.queues.enqueue('import.export', { exportId: pendingExportId });
    await ctx.queues.enqueue('digest.build', { digestId: links.digestId });
    await ctx.queues.enqueue('email.send', { outboxId: links.outboxId });
    await ctx.queues.enqueue('inbound.process', { inboundId: strayInboundId });
    jobIds = [
      ['import', `import-${pendingExportId}`],
      ['digest', `digest-build-${links.digestId}`],
      ['email', `email-${links.outboxId}`],
      ['inbound', `inbound-${strayInboundId}`],
    ];

    // My data opens only in a signed-in browser (account-access.test.ts proves a digest link does not open it).
    browser = await signedIn(ctx, subscriberId);
    app = await buildWebApp(ctx);
  });

  afterAll(async () => {
    await app?.close();
    await ctx?.cleanup();
  });

  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie: browser.cookie } });

  it('is linked from the settings page and says what is held', async () => {
    const settings = await get('/settings');
    expect(settings.body).toContain('href="/my-data"');
    const page = await get('/my-data');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Your data</h1>');
    const connections = await ctx.db.selectFrom('connections').select('id').where('subscriber_id', '=', subscriberId).execute();
    expect(page.body).toContain(`${connections.length} connections, with what your exports say about each, and 3 answers`);
    expect(page.body).toContain('href="/my-data/rapport-data.json"');
    expect(page.body).toMatch(/<input type="checkbox" id="confirm" name="confirm" value="erase"/);
  });

  it('downloads everything as JSON, without email bodies or working links', async () => {
    const response = await get('/my-data/rapport-data.json');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="rapport-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.headers['cache-control']).toBe('no-store');
    const data = response.json();
    const connections = await ctx.db.selectFrom('connections').select('id').where('subscriber_id', '=', subscriberId).execute();
    expect(data.subscriber.email).toBe('data@example.com');
    expect(data.connections).toHaveLength(connections.length);
    expect(data.connections.filter((c: { tie: unknown }) => c.tie)).toHaveLength(3);
    expect(data.connections.some((c: { evidence: unknown }) => c.evidence)).toBe(true);
    expect(data.strategy_answers[0]).toMatchObject({ gain: 'A new role', purposes: ['job_search'] });
    expect(data.exports).toHaveLength(2);
    expect(data.digests[0].items.length).toBeGreaterThan(0);
    expect(data.emails_sent[0]).toMatchObject({ kind: 'digest', recipient: 'data@example.com' });
    expect(data.inbound_messages.map((m: { id: string }) => m.id)).toContain(strayInboundId);
    expect(data.answers_given).toHaveLength(1);
    expect(data.answers_given[0]).toMatchObject({ source: 'reply', undone_at: null, answers: [{ answer: 'skip', previous_answer: null, undone_at: null }] });
    const text = response.body;
    for (const secret of [links.actionToken, links.replyToken, links.unsubscribeToken, links.uploadToken]) expect(text).not.toContain(secret);
    expect(text).not.toContain('"html"');
    expect(text).not.toContain('bystander@example.com');
  });

  it('downloads connections as CSV with formula-looking cells made inert', async () => {
    const response = await get('/my-data/connections.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="rapport-connections-.+\.csv"$/);
    const rows = parse(response.body, { bom: true, columns: true }) as Array<Record<string, string>>;
    const connections = await ctx.db.selectFrom('connections').select('id').where('subscriber_id', '=', subscriberId).execute();
    expect(rows).toHaveLength(connections.length);
    const evil = rows.find((r) => r.last_name === "'+1")!;
    expect(evil).toMatchObject({ first_name: `'=HYPERLINK("http://evil.example","click")`, company: "'@SUM(A1:A9)", position: "'-2+3" });
    expect(rows.find((r) => r.last_name === 'Two')).toMatchObject({ first_name: "'\tTab", company: 'Plain, Inc.', position: 'Says "hi"' });
    expect(rows.filter((r) => r.your_answer === 'known')).toHaveLength(3);
  });

  it('erases nothing without the form token or the ticked box', async () => {
    const before = await rowsOf(subscriberId);
    const forged = await app.inject({ method: 'POST', url: '/my-data/erase', ...form({ csrf: 'x'.repeat(32), confirm: 'erase' }) });
    expect(forged.statusCode).toBe(403);
    const unticked = await app.inject({ method: 'POST', url: '/my-data/erase', ...form({ csrf: browser.csrf }) });
    expect(unticked.statusCode).toBe(400);
    expect(unticked.body).toContain('id="confirm-error" role="alert"');
    expect(unticked.body).toContain('aria-describedby="confirm-error"');
    expect(await rowsOf(subscriberId)).toEqual(before);
  });

  it('erases every row, raw upload, token, email, inbound message and job, and old links stop working', async () => {
    const others = await rowsOf(otherId);
    const erased = await app.inject({ method: 'POST', url: '/my-data/erase', ...form({ csrf: browser.csrf, confirm: 'erase' }) });
    expect(erased.statusCode).toBe(200);
    expect(erased.body).toContain('Your data is erased');
    expect(erased.cookies.find((c) => c.name === 'rapport_session')).toMatchObject({ value: '', maxAge: 0 });

    expect(Object.values(await rowsOf(subscriberId)).every((n) => n === 0)).toBe(true);
    expect(await ctx.db.selectFrom('subscribers').select('id').where('id', '=', subscriberId).executeTakeFirst()).toBeUndefined();
    expect(await ctx.db.selectFrom('export_chunks').select('seq').where('export_id', '=', pendingExportId).execute()).toHaveLength(0);
    expect(await ctx.db.selectFrom('inbound_messages').select('id').where('id', '=', strayInboundId).executeTakeFirst()).toBeUndefined();
    for (const [queue, jobId] of jobIds) expect(await ctx.queues.byName[queue].getJob(jobId)).toBeUndefined();
    expect(await rowsOf(otherId)).toEqual(others);

    expect((await get('/settings')).headers.location).toBe('/sign-in');
    const oldLinks = [`/my-data/${links.actionToken}`, `/preferences/${links.actionToken}`, `/a/${links.actionToken}`, `/u/${links.unsubscribeToken}`, `/upload/${links.uploadToken}`];
    for (const url of oldLinks) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.body).toContain('This link no longer works');
    }
  });
});
