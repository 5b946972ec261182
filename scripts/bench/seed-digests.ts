import os from 'node:os';
import path from 'node:path';
import { findOrCreateSubscriber } from '../../db/queries/subscribers.ts';
import type { AppContext } from '../../services/app/context.ts';
import { buildDigest } from '../../services/digest/build-digest.ts';
import { planDueDigests } from '../../services/digest/plan.ts';
import { runImport } from '../../services/import/run-import.ts';
import { storeUpload } from '../../services/import/store-upload.ts';
import { writeFakeExport } from '../../services/linkedin-export/fake-export.ts';

export interface SeededDigest {
  subscriberId: string;
  email: string;
  digestId: string;
  actionToken: string;
  replyToken: string;
}

/**
 * N subscribers who each got this week's digest, with the tokens their email carries (read back
 * out of the rendered message, since only hashes are stored). One real import, then set-based copies.
 */
export async function seedDigests(ctx: AppContext, count: number, connections = 40): Promise<SeededDigest[]> {
  const file = path.join(os.tmpdir(), `rapport-bench-seed-${process.pid}.zip`);
  await writeFakeExport(file, { seed: 12, connections });
  const template = await findOrCreateSubscriber(ctx.db, { email: 'seed-template@bench.example' });
  const stored = await storeUpload(ctx.db, { subscriberId: template.id, filePath: file, fileName: 'x.zip', source: 'cli', maxBytes: 1e9 });
  await runImport(ctx, stored.exportId);
  const client = await ctx.pool.connect();
  try {
    await client.query(`INSERT INTO subscribers (email, name, status, confirmed_at) SELECT 'seed' || g || '@bench.example', 'Seed ' || g, 'active', now() FROM generate_series(1, $1) g`, [count - 1]);
    await client.query(`INSERT INTO exports (subscriber_id, sha256, file_name, byte_size, source, status, summary, finished_at)
      SELECT s.id, e.sha256, e.file_name, e.byte_size, 'cli', 'imported', e.summary, now() FROM subscribers s, exports e WHERE e.id = $1 AND s.id <> e.subscriber_id`, [stored.exportId]);
    await client.query(`INSERT INTO connections (subscriber_id, match_key, profile_url, first_name, last_name, email, company, position, connected_on, connected_on_raw)
      SELECT s.id, c.match_key, c.profile_url, c.first_name, c.last_name, c.email, c.company, c.position, c.connected_on, c.connected_on_raw
      FROM subscribers s CROSS JOIN connections c WHERE c.subscriber_id = $1 AND s.id <> $1`, [template.id]);
    await client.query('ANALYZE');
  } finally {
    client.release();
  }
  const digestIds = await planDueDigests(ctx.db, new Date(), { ignoreSlot: true });
  const seeded: SeededDigest[] = [];
  for (const digestId of digestIds) {
    const built = await buildDigest(ctx.db, ctx.config, digestId);
    if (built.status !== 'built') continue;
    const row = await ctx.db
      .selectFrom('outbox')
      .innerJoin('subscribers', 'subscribers.id', 'outbox.subscriber_id')
      .select(['outbox.html', 'outbox.headers', 'subscribers.id', 'subscribers.email'])
      .where('outbox.id', '=', built.outboxId)
      .executeTakeFirstOrThrow();
    seeded.push({
      subscriberId: row.id,
      email: row.email,
      digestId,
      actionToken: /\/a\/([a-z2-7]+)\?/.exec(row.html)![1]!,
      replyToken: /reply\+([a-z2-7]+)@/.exec(row.headers['Reply-To']!)![1]!,
    });
  }
  return seeded;
}
