import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { deleteDemoSubscriber, seedDemoTies } from '../../../db/queries/demo.ts';
import { findExportStatus } from '../../../db/queries/exports.ts';
import { findDigestOutboxStatus } from '../../../db/queries/outbox.ts';
import { saveStrategy } from '../../../db/queries/strategy.ts';
import { findOrCreateSubscriber } from '../../../db/queries/subscribers.ts';
import { handlers } from '../../../jobs/handlers/index.ts';
import type { AppContext } from '../../../runtime/context.ts';
import { planDigestNow } from '../../../services/digest/plan.ts';
import { storeUpload } from '../../../services/import/store-upload.ts';
import { writeFakeExport } from '../../../fake-export/generate.ts';
import { startWorkers } from '../../worker/workers.ts';
import { buildWebApp } from '../../web/app.ts';
import { CliError } from '../context.ts';

export const DEMO_EMAIL = 'dana.demo@example.com';
const TARGETS = ['Northwind Traders', 'Globex Corporation'];

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new CliError(`Timed out waiting for ${what}. Is Redis reachable at REDIS_URL?`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/**
 * The whole path on real parts: a generated export is uploaded, imported by the queue's worker,
 * analysed, rendered and delivered to the dev mailbox (or SMTP), then shown by the web app.
 */
export async function demoCommand(ctx: AppContext, options: { once?: boolean }) {
  // Each run starts from scratch, so the demo shows a fresh first digest every time.
  await deleteDemoSubscriber(ctx.db, DEMO_EMAIL);

  const dir = path.resolve(ctx.config.varDir, 'demo');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'Complete_LinkedInDataExport_10-14-2026.zip');
  await writeFakeExport(file, { seed: 7, connections: 800, era: '2026', targetCompanies: TARGETS, ownerFirstName: 'Dana', ownerLastName: 'Demo' });
  console.log(`1. Generated a synthetic LinkedIn export: ${file}`);

  const subscriber = await findOrCreateSubscriber(ctx.db, { email: DEMO_EMAIL, name: 'Dana Demo' });
  await saveStrategy(ctx.db, subscriber.id, {
    purposes: ['job_search', 'learning'],
    gain: 'A product role at a company that builds tools for small shops',
    targets: [...TARGETS.map((value) => ({ kind: 'company' as const, value })), { kind: 'role', value: 'product manager' }],
    profileConfidence: 'partly',
    numbersFocus: false,
  });

  const running = await startWorkers(ctx, handlers, { schedules: false });
  try {
    const stored = await storeUpload(ctx.db, { subscriberId: subscriber.id, filePath: file, fileName: path.basename(file), source: 'cli', maxBytes: ctx.config.maxUploadBytes });
    await ctx.queues.enqueue('import.export', { exportId: stored.exportId });
    const imported = await waitFor('the import', 120_000, async () => {
      const row = await findExportStatus(ctx.db, stored.exportId);
      if (row?.status === 'failed') throw new CliError(`The demo import failed: ${row.error_message}`);
      return row?.status === 'imported' ? row.summary : null;
    });
    console.log(`2. Imported by the worker: ${imported?.connections} connections, ${imported?.anonymousConnections} anonymous rows.`);

    // As if Dana had answered earlier digests: people she messages both ways are people she knows,
    // so the digest can show introductions through them.
    await seedDemoTies(ctx.db, subscriber.id);

    const planned = await planDigestNow(ctx.db, subscriber.id, new Date(), ctx.config.suppressionSecret);
    if (!planned) throw new CliError('The demo subscriber is not eligible for a digest.');
    await ctx.queues.enqueue('digest.build', { digestId: planned.digestId });
    const delivered = await waitFor('the digest to be sent', 120_000, async () => {
      const row = await findDigestOutboxStatus(ctx.db, planned.digestId);
      if (row?.status === 'failed') throw new CliError(`Sending the demo digest failed: ${row.last_error}`);
      return row?.status === 'sent' ? row : null;
    });
    console.log(`3. Digest built, rendered and sent: "${delivered.subject}"`);
    console.log(`   Delivered to: ${delivered.delivered_to}`);
    if (options.once) return delivered.delivered_to;

    const app = await buildWebApp(ctx);
    await app.listen({ host: ctx.config.web.host, port: ctx.config.web.port });
    const base = `http://${ctx.config.web.host === '0.0.0.0' ? 'localhost' : ctx.config.web.host}:${ctx.config.web.port}`;
    const fileName = ctx.mail.kind === 'dev-mailbox' && delivered.delivered_to ? path.basename(delivered.delivered_to) : null;
    console.log(`4. See it at ${fileName ? `${base}/dev/mailbox/${fileName}` : `${base} (sent over SMTP)`}`);
    console.log('   The web server and worker keep running; press Ctrl-C to stop.');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await app.close();
    return delivered.delivered_to;
  } finally {
    await running.close(ctx.config.shutdownTimeoutMs);
  }
}
