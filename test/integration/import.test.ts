import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnalysisInput } from '../../db/queries/analysis-input.ts';
import { findOrCreateSubscriber } from '../../db/queries/subscribers.ts';
import { eraseSubscriber } from '../../services/account/erase.ts';
import { runImport } from '../../services/import/run-import.ts';
import { storeUpload } from '../../services/import/store-upload.ts';
import { inspectExport } from '../../domain/linkedin-export/index.ts';
import { packFakeExport, writeFakeExport } from '../../fake-export/generate.ts';
import { useTestContext } from '../support/test-context.ts';

interface Person {
  slug: string;
  first: string;
  last: string;
  company: string;
  position: string;
}

const header = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
const preamble = 'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n';
const csvOf = (people: Person[]) =>
  preamble + [header, ...people.map((p) => `${p.first},${p.last},https://www.linkedin.com/in/${p.slug},,"${p.company}",${p.position},01 Oct 2026`)].join('\n');

const people = (n: number, from = 0): Person[] =>
  Array.from({ length: n }, (_, i) => ({ slug: `person-${i + from}`, first: `First${i + from}`, last: `Last${i + from}`, company: `Company ${(i + from) % 7}`, position: 'Engineer' }));

describe('importing into Postgres', () => {
  const ctx = useTestContext();
  let n = 0;


  async function upload(subscriberId: string, content: string | Buffer, name = `Connections-${n++}.csv`) {
    const file = path.join(ctx.config.varDir, name);
    await writeFile(file, content);
    return storeUpload(ctx.db, { subscriberId, filePath: file, fileName: name, source: 'cli', maxBytes: 10_000_000 });
  }
  const snapshot = async (subscriberId: string) =>
    ctx.db
      .selectFrom('connections')
      .select(['match_key', 'first_name', 'company', 'position', 'removed_at'])
      .where('subscriber_id', '=', subscriberId)
      .orderBy('match_key')
      .execute();

  it('records new, removed and job changes on a re-upload, updating in place', async () => {
    const subscriber = await findOrCreateSubscriber(ctx.db, { email: 'diff@example.com' });
    const first = people(20);
    const a = await upload(subscriber.id, csvOf(first));
    expect((await runImport(ctx, a.exportId)).status).toBe('imported');
    const ids = new Map((await ctx.db.selectFrom('connections').select(['id', 'match_key']).where('subscriber_id', '=', subscriber.id).execute()).map((r) => [r.match_key, r.id]));

    // Two leave, three arrive, two change jobs.
    const second = [...first.slice(2), ...people(3, 100)].map((p) => (p.slug === 'person-5' ? { ...p, company: 'Globex' } : p.slug === 'person-6' ? { ...p, position: 'Director' } : p));
    const b = await upload(subscriber.id, csvOf(second));
    const outcome = await runImport(ctx, b.exportId);
    expect(outcome.status === 'imported' && outcome.summary).toMatchObject({ connections: 21, newConnections: 3, removedConnections: 2, jobChanges: 2 });

    const changes = await ctx.db.selectFrom('connection_changes').selectAll().where('export_id', '=', b.exportId).execute();
    const jobChange = changes.find((c) => c.kind === 'job_change' && c.connection_id === ids.get('linkedin.com/in/person-5'));
    expect(jobChange).toMatchObject({ previous_company: 'Company 5', previous_position: 'Engineer' });
    // The analysis knows the employer person-5 left, for introductions to Company 5 through them.
    const analysis = await loadAnalysisInput(ctx.db, subscriber.id, { now: new Date() });
    const person5 = analysis!.connections.find((c) => c.id === ids.get('linkedin.com/in/person-5'));
    expect(person5?.formerEmployers).toEqual([{ company: 'Company 5', leftAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) }]);
    expect(analysis!.connections.find((c) => c.id === ids.get('linkedin.com/in/person-6'))?.formerEmployers).toEqual([]);
    const rows = await snapshot(subscriber.id);
    expect(rows.filter((r) => r.removed_at !== null).map((r) => r.match_key)).toEqual(['linkedin.com/in/person-0', 'linkedin.com/in/person-1']);
    // Same person, same row: ties and history stay attached.
    expect(rows.find((r) => r.match_key === 'linkedin.com/in/person-5')?.company).toBe('Globex');
    const after = new Map((await ctx.db.selectFrom('connections').select(['id', 'match_key']).where('subscriber_id', '=', subscriber.id).execute()).map((r) => [r.match_key, r.id]));
    expect(after.get('linkedin.com/in/person-5')).toBe(ids.get('linkedin.com/in/person-5'));

    // A removed connection who comes back is new again and no longer removed.
    const c = await upload(subscriber.id, csvOf([...second, first[0]!]));
    const back = await runImport(ctx, c.exportId);
    expect(back.status === 'imported' && back.summary.newConnections).toBe(1);
    expect((await snapshot(subscriber.id)).find((r) => r.match_key === 'linkedin.com/in/person-0')?.removed_at).toBeNull();
  });

  it('imports the same file once', async () => {
    const subscriber = await findOrCreateSubscriber(ctx.db, { email: 'twice@example.com' });
    const content = csvOf(people(5));
    const a = await upload(subscriber.id, content, 'same-a.csv');
    const b = await upload(subscriber.id, content, 'same-b.csv');
    expect(b).toEqual({ exportId: a.exportId, duplicate: true });
    expect((await ctx.db.selectFrom('exports').select('id').where('subscriber_id', '=', subscriber.id).execute())).toHaveLength(1);
  });

  it('two imports for one subscriber at once never interleave: the result equals running them in turn', async () => {
    const subscriber = await findOrCreateSubscriber(ctx.db, { email: 'race@example.com' });
    const a = await upload(subscriber.id, csvOf(people(300)));
    const b = await upload(subscriber.id, csvOf(people(300, 150)));
    const results = await Promise.all([runImport(ctx, a.exportId), runImport(ctx, b.exportId)]);
    expect(results.map((r) => r.status)).toEqual(['imported', 'imported']);
    const rows = await snapshot(subscriber.id);
    const live = rows.filter((r) => r.removed_at === null).map((r) => r.match_key);
    // Whichever ran second wins entirely; never a mix of half of each.
    const onlyA = people(300).map((p) => `linkedin.com/in/${p.slug}`).sort();
    const onlyB = people(300, 150).map((p) => `linkedin.com/in/${p.slug}`).sort();
    expect([onlyA, onlyB]).toContainEqual(live.sort());
    expect(rows).toHaveLength(450);
  });

  it('a failed import records the reason in plain words and leaves previous data as it was', async () => {
    const subscriber = await findOrCreateSubscriber(ctx.db, { email: 'fail@example.com' });
    const good = await upload(subscriber.id, csvOf(people(10)));
    await runImport(ctx, good.exportId);
    const before = await snapshot(subscriber.id);
    for (const [content, code] of [
      [Buffer.from('%PDF-1.4\n\x00\x01binary'), 'not_zip_or_csv'],
      ['Name,Age\nJane,40\n', 'no_header'],
      [`${header}\nJane,Doe,https://www.linkedin.com/in/jd,,"unterminated,Eng,01 Oct 2026\n${'x'.repeat(2000)}`, 'field_too_large'],
    ] as const) {
      const bad = await upload(subscriber.id, content);
      const outcome = await runImport({ ...ctx, limits: { maxFieldBytes: 1000 } }, bad.exportId);
      expect(outcome).toMatchObject({ status: 'failed', code });
      const row = await ctx.db.selectFrom('exports').select(['status', 'error_message']).where('id', '=', bad.exportId).executeTakeFirstOrThrow();
      expect(row.status).toBe('failed');
      expect(row.error_message).toMatch(/^[A-Z].{20,}/);
      expect(row.error_message).not.toMatch(/Error:|stack|undefined/);
    }
    expect(await snapshot(subscriber.id)).toEqual(before);
    const leftovers = await ctx.db
      .selectFrom('export_chunks')
      .innerJoin('exports', 'exports.id', 'export_chunks.export_id')
      .select('exports.id')
      .where('exports.subscriber_id', '=', subscriber.id)
      .execute();
    expect(leftovers).toHaveLength(0);
  });

  it.each(['2018', '2022', '2026'] as const)('inspect and import agree on counts (%s export)', async (era) => {
    const subscriber = await findOrCreateSubscriber(ctx.db, { email: `agree-${era}@example.com` });
    const file = path.join(ctx.config.varDir, `agree-${era}.zip`);
    const fake = await writeFakeExport(file, { seed: 8, connections: 200, era });
    const inspection = await inspectExport(file);
    const stored = await storeUpload(ctx.db, { subscriberId: subscriber.id, filePath: file, fileName: 'x.zip', source: 'cli', maxBytes: 1e9 });
    const outcome = await runImport(ctx, stored.exportId);
    if (outcome.status !== 'imported') throw new Error('import failed');
    expect(outcome.summary.connections).toBe(inspection.connections);
    expect(outcome.summary.anonymousConnections).toBe(inspection.anonymousConnections);
    expect(inspection.connections).toBe(fake.truth.connections);
    const stored2 = await ctx.db.selectFrom('connections').select((eb) => eb.fn.countAll<string>().as('n')).where('subscriber_id', '=', subscriber.id).executeTakeFirstOrThrow();
    // Namesakes share a key in URL-less eras, so stored rows may be fewer than parsed rows there.
    if (era === '2026') expect(Number(stored2.n)).toBe(inspection.connections);
    const withEvidence = await ctx.db
      .selectFrom('evidence')
      .innerJoin('connections', 'connections.id', 'evidence.connection_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('connections.subscriber_id', '=', subscriber.id)
      .executeTakeFirstOrThrow();
    if (era === '2026') expect(Number(withEvidence.n)).toBe(inspection.evidence.connectionsWithAnyEvidence);
  });

  it('an erasure that lands while an import writes waits for it, then leaves nobody behind', async () => {
    // Connections carry no foreign key to subscribers (an import would check it 30,000 times): the
    // import's KEY SHARE lock on its subscriber and the delete trigger must give the same guarantee.
    const subscriber = await findOrCreateSubscriber(ctx.db, { email: 'erased-mid-import@example.com' });
    const stored = await upload(subscriber.id, csvOf(people(500)));
    // Hold the import inside its write transaction: its COPY into connections waits on this lock.
    const blocker = await ctx.pool.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE connections IN SHARE MODE');
    const importing = runImport(ctx, stored.exportId);
    let erasing: ReturnType<typeof eraseSubscriber> | null = null;
    const waitingOn = async (pattern: string) => {
      for (let i = 0; i < 200; i++) {
        const { rows } = await ctx.pool.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE $1`, [pattern]);
        if (rows.length) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`nothing came to wait on a lock: ${pattern}`);
    };
    try {
      await waitingOn('COPY connections%');
      erasing = eraseSubscriber(ctx, subscriber.id);
      // The erasure queues behind the import's lock on the subscriber row instead of deleting under it.
      await waitingOn('%from "subscribers"%for update%');
    } finally {
      await blocker.query('COMMIT');
      blocker.release();
    }
    expect((await importing).status).toBe('imported');
    expect(await erasing).not.toBeNull();
    const left = await ctx.db.selectFrom('connections').select((eb) => eb.fn.countAll<string>().as('n')).where('subscriber_id', '=', subscriber.id).executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
  });

  it('keeps what a whole export said about people when only Connections.csv comes next', async () => {
    const subscriber = await findOrCreateSubscriber(ctx.db, { email: 'evidence-kept@example.com' });
    const file = path.join(ctx.config.varDir, 'evidence-kept.zip');
    const fake = await writeFakeExport(file, { seed: 9, connections: 120 });
    const zip = await storeUpload(ctx.db, { subscriberId: subscriber.id, filePath: file, fileName: 'export.zip', source: 'cli', maxBytes: 1e9 });
    expect((await runImport(ctx, zip.exportId)).status).toBe('imported');
    const evidence = () =>
      ctx.db.selectFrom('evidence').select(['connection_id', 'messages_in', 'messages_out']).where('subscriber_id', '=', subscriber.id).orderBy('connection_id').execute();
    const before = await evidence();
    expect(before.length).toBeGreaterThan(10);

    const csv = await upload(subscriber.id, Buffer.from(packFakeExport(fake, 'csv')));
    const outcome = await runImport(ctx, csv.exportId);
    expect(outcome.status === 'imported' && outcome.summary).toMatchObject({ newConnections: 0, removedConnections: 0, jobChanges: 0 });
    expect(await evidence()).toEqual(before);
  });
});
