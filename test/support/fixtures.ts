import path from 'node:path';
import { findOrCreateSubscriber } from '../../db/queries/subscribers.ts';
import { buildDigest } from '../../services/digest/build-digest.ts';
import { planDigestNow } from '../../services/digest/plan.ts';
import { runImport } from '../../services/import/run-import.ts';
import { storeUpload } from '../../services/import/store-upload.ts';
import { writeFakeExport, type FakeExportOptions } from '../../fake-export/generate.ts';
import type { TestContext } from './test-context.ts';

/** A subscriber with an imported generated export, without going through the queue. */
export async function importedSubscriber(ctx: TestContext, email: string, options: FakeExportOptions = {}) {
  const file = path.join(ctx.config.varDir, `${email.replace(/\W/g, '_')}.zip`);
  const fake = await writeFakeExport(file, { seed: 5, connections: 80, ...options });
  const subscriber = await findOrCreateSubscriber(ctx.db, { email, name: email.split('@')[0] });
  const stored = await storeUpload(ctx.db, { subscriberId: subscriber.id, filePath: file, fileName: 'export.zip', source: 'cli', maxBytes: 1e9 });
  const outcome = await runImport(ctx, stored.exportId);
  if (outcome.status !== 'imported') throw new Error(`fixture import failed: ${JSON.stringify(outcome)}`);
  return { subscriber, fake, exportId: stored.exportId };
}

export interface DigestLinksFound {
  digestId: string;
  outboxId: string;
  actionToken: string;
  unsubscribeToken: string;
  uploadToken: string;
  replyToken: string;
  html: string;
}

/** Builds this week's digest and reads its links back out of the rendered email, as a reader would. */
export async function builtDigest(ctx: TestContext, subscriberId: string, now = new Date()): Promise<DigestLinksFound> {
  const planned = await planDigestNow(ctx.db, subscriberId, now, ctx.config.suppressionSecret);
  if (!planned) throw new Error('subscriber not eligible');
  const built = await buildDigest(ctx.db, ctx.config, planned.digestId, now);
  if (built.status !== 'built') throw new Error(`digest not built: ${built.status}`);
  const row = await ctx.db.selectFrom('outbox').selectAll().where('id', '=', built.outboxId).executeTakeFirstOrThrow();
  const find = (pattern: RegExp, text: string) => {
    const match = pattern.exec(text);
    if (!match) throw new Error(`no match for ${pattern}`);
    return match[1]!;
  };
  return {
    digestId: planned.digestId,
    outboxId: built.outboxId,
    html: row.html,
    actionToken: find(/\/a\/([a-z2-7]+)\?item=/, row.html),
    unsubscribeToken: find(/\/u\/([a-z2-7]+)/, row.headers['List-Unsubscribe']!),
    uploadToken: find(/\/upload\/([a-z2-7]+)/, row.html),
    replyToken: find(/reply\+([a-z2-7]+)@/, row.headers['Reply-To']!),
  };
}
