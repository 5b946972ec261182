import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { findOrCreateSubscriber } from '../../../db/queries/subscribers.ts';
import type { AppContext } from '../../../runtime/context.ts';
import { runImport } from '../../../services/import/run-import.ts';
import { storeUpload } from '../../../services/import/store-upload.ts';
import { ExportError } from '../../../domain/linkedin-export/types.ts';
import { CliError } from '../context.ts';

function progressBar(): { update(done: number, total: number): void; stop(): void } {
  // A bar only where someone watches: in CI logs it would be noise.
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new SingleBar({ format: 'Importing [{bar}] {percentage}% | {value}/{total} KB', stream: process.stderr }, Presets.shades_classic);
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(Math.ceil(total / 1024), 0);
        started = true;
      }
      bar.update(Math.ceil(done / 1024));
    },
    stop: () => started && bar.stop(),
  };
}

export async function importCommand(ctx: AppContext, file: string, options: { subscriber: string; name?: string }) {
  let subscriber;
  try {
    subscriber = await findOrCreateSubscriber(ctx.db, { email: options.subscriber, name: options.name ?? null });
  } catch {
    throw new CliError(`"${options.subscriber}" is not a valid email address.`);
  }
  let stored;
  try {
    stored = await storeUpload(ctx.db, {
      subscriberId: subscriber.id,
      filePath: file,
      fileName: path.basename(file),
      source: 'cli',
      maxBytes: ctx.config.maxUploadBytes,
    });
  } catch (error) {
    if (error instanceof ExportError) throw new CliError(error.message);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`No such file: ${file}`);
    throw error;
  }
  const bar = progressBar();
  const outcome = await runImport({ ...ctx, limits: { maxUploadBytes: ctx.config.maxUploadBytes } }, stored.exportId, bar.update);
  bar.stop();
  if (outcome.status === 'failed') throw new CliError(`Import failed: ${outcome.message}`);
  if (outcome.status === 'missing') throw new CliError('The upload disappeared before it could be imported.');
  const s = outcome.summary;
  const lines = [
    stored.duplicate ? 'This exact file was imported before; nothing changed.' : 'Imported.',
    `  connections:   ${s.connections} (${s.anonymousConnections} anonymous rows skipped)`,
    `  new / removed: ${s.newConnections} / ${s.removedConnections}`,
    `  job changes:   ${s.jobChanges}`,
    `  rejected rows: ${s.rejectedRows}`,
    `  undated rows:  ${s.unreadableDates ?? 0} (a date the file has but no pattern reads)`,
    `  files:         ${s.files.map((f) => `${f.name} (${f.era}, ${f.rows} rows)`).join(', ')}`,
  ];
  console.log(lines.join('\n'));
  return { exportId: stored.exportId, subscriberId: subscriber.id, summary: s };
}
