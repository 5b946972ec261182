import os from 'node:os';
import path from 'node:path';
import { findOrCreateSubscriber } from '../../db/queries/subscribers.ts';
import type { AppContext } from '../../runtime/context.ts';
import { runImport } from '../../services/import/run-import.ts';
import { storeUpload } from '../../services/import/store-upload.ts';
import { writeFakeExport, type FakeExportOptions } from '../../fake-export/generate.ts';

/**
 * `count` subscribers with the same imported network, for load and fault drills: one real import
 * of a generated export, then set-based copies (importing thousands one by one would take longer
 * than what is measured). Returns the template subscriber's id.
 */
export async function seedSubscribers(
  ctx: AppContext,
  options: { count: number; prefix: string; export: FakeExportOptions; withEvidence?: boolean },
): Promise<string> {
  const file = path.join(os.tmpdir(), `rapport-seed-${process.pid}.zip`);
  await writeFakeExport(file, options.export);
  const template = await findOrCreateSubscriber(ctx.db, { email: `${options.prefix}-template@seed.example` });
  const stored = await storeUpload(ctx.db, { subscriberId: template.id, filePath: file, fileName: 'seed.zip', source: 'cli', maxBytes: 1e9 });
  await runImport(ctx, stored.exportId);
  const client = await ctx.pool.connect();
  try {
    await client.query(
      `INSERT INTO subscribers (email, name, status, confirmed_at)
       SELECT $2 || g || '@seed.example', 'Seed ' || g, 'active', now() FROM generate_series(1, $1) g`,
      [options.count - 1, options.prefix],
    );
    await client.query(
      `INSERT INTO exports (subscriber_id, sha256, file_name, byte_size, source, status, summary, finished_at)
       SELECT s.id, e.sha256, e.file_name, e.byte_size, 'cli', 'imported', e.summary, now()
       FROM subscribers s, exports e WHERE e.id = $1 AND s.id <> e.subscriber_id`,
      [stored.exportId],
    );
    await client.query(
      `INSERT INTO connections (subscriber_id, match_key, profile_url, first_name, last_name, email, company, position, connected_on, connected_on_raw)
       SELECT s.id, c.match_key, c.profile_url, c.first_name, c.last_name, c.email, c.company, c.position, c.connected_on, c.connected_on_raw
       FROM subscribers s CROSS JOIN connections c WHERE c.subscriber_id = $1 AND s.id <> $1
       -- One subscriber's rows side by side, as their own import would leave them.
       ORDER BY s.id`,
      [template.id],
    );
    if (options.withEvidence) {
      await client.query(
        `INSERT INTO evidence SELECT n.id, n.subscriber_id, ev.messages_in, ev.messages_out, ev.two_way_threads, ev.last_message_at,
           ev.invitation_direction, ev.invitation_note, ev.invitation_sent_at, ev.recommendations_received, ev.recommendations_given,
           ev.recommendation_match, ev.endorsements_received, ev.endorsements_given, ev.shared_employer
         FROM connections t JOIN evidence ev ON ev.connection_id = t.id
         JOIN connections n ON n.match_key = t.match_key AND n.subscriber_id <> t.subscriber_id
         WHERE t.subscriber_id = $1
         ORDER BY n.subscriber_id`,
        [template.id],
      );
    }
    await client.query('ANALYZE');
  } finally {
    client.release();
  }
  return template.id;
}
