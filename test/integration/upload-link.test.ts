import { randomBytes } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../services/actions/tokens.ts';
import { writeFakeExport } from '../../fake-export/generate.ts';
import { csrfFor } from '../../processes/web/kit/csrf.ts';
import { launchBrowser } from '../../dev/browser.ts';
import { importedSubscriber } from '../support/fixtures.ts';
import { serveApp, type ServedApp } from '../support/served-app.ts';
import { createTestContext, type TestContext } from '../support/test-context.ts';
import { waitFor } from '../support/wait.ts';

describe('upload by emailed link', () => {
  let ctx: TestContext;
  let app: FastifyInstance;
  let served: ServedApp;
  let subscriberId: string;
  let address: string;

  const freshLink = () => issueToken(ctx.db, ctx.config.tokenSecrets, { subscriberId, scope: 'upload' });
  function multipartBody(token: string, filename: string, content: Buffer, csrf = csrfFor(ctx.config.tokenSecrets, token)) {
    const boundary = `----rapport${randomBytes(6).toString('hex')}`;
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    return {
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, accept: 'application/json' },
      payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    };
  }

  beforeAll(async () => {
    ctx = await createTestContext({ MAX_UPLOAD_MB: '2' });
    ({ subscriber: { id: subscriberId } } = await importedSubscriber(ctx, 'uploader@example.com'));
    served = await serveApp(ctx);
    ({ app, address } = served);
  });

  afterAll(async () => {
    await served?.close();
    await ctx?.cleanup();
  });

  it('a subscriber uploads through the page in a real browser and watches the import finish', async () => {
    const token = await freshLink();
    const file = path.join(ctx.config.varDir, 'Complete_LinkedInDataExport_10-14-2026.zip');
    const fake = await writeFakeExport(file, { seed: 99, connections: 150 });
    const { context, close } = await launchBrowser({ viewport: { width: 390, height: 844 } });
    try {
      const page = await context.newPage();
      await page.goto(`${address}/upload/${token}`);
      await page.goto(`${address}/upload/${token}`); // opening it twice does not spend it
      await page.setInputFiles('#file', file);
      await page.click('button[type=submit]');
      await page.locator('#status', { hasText: 'Done:' }).waitFor({ timeout: 30_000 });
      expect(await page.textContent('#status')).toContain(`${fake.truth.connections} connections imported`);
    } finally {
      await close();
    }
    const mail = await waitFor('import result email', () =>
      ctx.db.selectFrom('outbox').select(['subject', 'status', 'text']).where('kind', '=', 'import_result').where('status', '=', 'sent').executeTakeFirst(),
    );
    expect(mail.subject).toContain(`${fake.truth.connections} connections`);
    // No targets yet: the email's one action is adding them, through the settings link.
    const targets = /Add your targets (\S+)/.exec(mail.text)?.[1];
    expect(targets).toMatch(/\/preferences\/[a-z2-7]+$/);
    expect((await app.inject({ method: 'GET', url: new URL(targets!).pathname })).statusCode).toBe(200);

    const reused = await app.inject({ method: 'GET', url: `/upload/${token}` });
    expect(reused.statusCode).toBe(410);
    expect(reused.body).toContain('upload');
  });

  it('keeps one file when one link is posted twice at once, and says the link was used to the other', async () => {
    const token = await freshLink();
    const file = path.join(ctx.config.varDir, 'twice.zip');
    await writeFakeExport(file, { seed: 11, connections: 20 });
    const content = await readFile(file);
    const [a, b] = await Promise.all([
      app.inject({ method: 'POST', url: `/upload/${token}`, ...multipartBody(token, 'a.zip', content) }),
      // Another file (a CSV), so the second post is no duplicate of the first.
      app.inject({ method: 'POST', url: `/upload/${token}`, ...multipartBody(token, 'b.csv', Buffer.from('First Name,Last Name,Connected On\nA,B,01 Jan 2026\n')) }),
    ]);
    // Let the kept upload's import finish first, so a failed check here does not disturb the
    // connection counts of later tests.
    const statusUrl = [a, b].find((r) => r.statusCode === 202)?.json().statusUrl as string | undefined;
    if (statusUrl) {
      await waitFor('the kept upload to be read', async () => {
        const r = await app.inject({ method: 'GET', url: statusUrl, headers: { accept: 'application/json' } });
        return !['pending', 'importing'].includes((r.json() as { status: string }).status);
      });
    }
    // Whichever post loses (caught by the early check or by the claim), its answer is the same.
    expect([a.statusCode, b.statusCode].sort()).toEqual([202, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().message).toMatch(/used already/);
    const kept = await ctx.db.selectFrom('exports').select('file_name').where('subscriber_id', '=', subscriberId).where('file_name', 'in', ['a.zip', 'b.csv']).execute();
    expect(kept).toHaveLength(1);
  });

  it('refuses an expired link with the generic words and a box that emails a fresh link, telling nobody who has an account', async () => {
    const token = await freshLink();
    await ctx.db.updateTable('action_tokens').set({ expires_at: new Date(Date.now() - 1) }).where('scope', '=', 'upload').where('used_at', 'is', null).execute();
    const page = await app.inject({ method: 'GET', url: `/upload/${token}` });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('This link no longer works');
    // The page's script is told in words too, never "the upload failed".
    const posted = await app.inject({ method: 'POST', url: `/upload/${token}`, ...multipartBody(token, 'late.csv', Buffer.from('First Name\nA\n')) });
    expect(posted.statusCode).toBe(404);
    expect(posted.json().message).toMatch(/^This link no longer works: upload links last 7 days/);

    const cookie = (page.headers['set-cookie'] as string).split(';')[0]!;
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const ask = (email: string, withCsrf = csrf) =>
      app.inject({ method: 'POST', url: '/upload-link', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ csrf: withCsrf, email }).toString() });
    const links = () => ctx.db.selectFrom('outbox').select('id').where('kind', '=', 'upload_link').where('subscriber_id', '=', subscriberId).execute();
    const before = (await links()).length;
    const known = await ask('Uploader@example.com');
    const unknown = await ask('nobody.here@example.com');
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    // The same page for both: nothing in it says whether the address has an account.
    expect(unknown.body).toBe(known.body);
    // The email is queued after the answer is sent (its timing must not tell who has an account).
    await waitFor('the fresh link queued', async () => (await links()).length === before + 1);
    // Asked again within the hour: still one email.
    await ask('uploader@example.com');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await links()).toHaveLength(before + 1);

    const malformed = await ask('not an address');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toMatch(/<title>Error: /);
    expect(malformed.body).toMatch(/id="email"[^>]*aria-invalid="true"/);
    expect(malformed.body).toContain('value="not an address"');
    expect((await ask('uploader@example.com', 'forged')).statusCode).toBe(403);
    // A handful an hour per client: the box cannot be used to flood anyone.
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await ask(`someone${i}@example.com`)).statusCode);
    expect(statuses).toContain(429);
  });

  it('offers a spent link one button that emails a fresh link, once an hour however often it is pressed', async () => {
    const token = await freshLink();
    await ctx.db.updateTable('action_tokens').set({ used_at: new Date() }).where('scope', '=', 'upload').where('used_at', 'is', null).execute();
    const page = await app.inject({ method: 'GET', url: `/upload/${token}` });
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('Email me a fresh link');
    const press = (csrf = csrfFor(ctx.config.tokenSecrets, token)) =>
      app.inject({ method: 'POST', url: `/upload/${token}/fresh`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `csrf=${csrf}` });
    const links = () => ctx.db.selectFrom('outbox').select('id').where('kind', '=', 'upload_link').where('subscriber_id', '=', subscriberId).execute();
    // Earlier tests may have sent one this hour already; what matters is that pressing adds at most one.
    await ctx.db.deleteFrom('outbox').where('kind', '=', 'upload_link').where('subscriber_id', '=', subscriberId).execute();
    const forged = await press('forged');
    expect(await links()).toHaveLength(0);
    expect(forged.statusCode).toBe(410);
    expect((await press()).body).toContain('A fresh link is on its way');
    await press();
    expect(await links()).toHaveLength(1);
  });

  it('cuts an oversized upload off with 413 and keeps the link usable', async () => {
    const token = await freshLink();
    const response = await app.inject({ method: 'POST', url: `/upload/${token}`, ...multipartBody(token, 'big.zip', randomBytes(3 * 1024 * 1024)) });
    expect(response.statusCode).toBe(413);
    expect(response.json().message).toMatch(/larger than 2 MB/);
    expect((await app.inject({ method: 'GET', url: `/upload/${token}` })).statusCode).toBe(200);
  });

  it('refuses a post without the form token', async () => {
    const token = await freshLink();
    const response = await app.inject({ method: 'POST', url: `/upload/${token}`, ...multipartBody(token, 'x.csv', Buffer.from('a,b\n'), 'x'.repeat(32)) });
    expect(response.statusCode).toBe(403);
  });

  it('reports a file that is not an export in plain words, and nothing changes', async () => {
    const before = await ctx.db.selectFrom('connections').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const token = await freshLink();
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2000)]);
    const response = await app.inject({ method: 'POST', url: `/upload/${token}`, ...multipartBody(token, 'resume.pdf', pdf) });
    expect(response.statusCode).toBe(202);
    const statusUrl = response.json().statusUrl as string;
    const final = await waitFor('import to fail', async () => {
      const r = await app.inject({ method: 'GET', url: statusUrl, headers: { accept: 'application/json' } });
      const body = r.json() as { status: string; message: string };
      return body.status === 'failed' && body;
    });
    expect(final.message).toMatch(/neither a LinkedIn export zip nor a CSV/i);
    const after = await ctx.db.selectFrom('connections').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('writes nothing outside its temp folder for a traversal file name', async () => {
    const token = await freshLink();
    const response = await app.inject({ method: 'POST', url: `/upload/${token}`, ...multipartBody(token, '../../../../tmp/evil.csv', Buffer.from('First Name,Last Name,Connected On\nA,B,01 Jan 2026')) });
    expect(response.statusCode).toBe(202);
    const row = await ctx.db.selectFrom('exports').select('file_name').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    // The name is only a label (the multipart parser already drops the path); nothing is written by it.
    expect(row.file_name).toBe('evil.csv');
    await expect(access('/tmp/evil.csv')).rejects.toThrow();
  });
});
