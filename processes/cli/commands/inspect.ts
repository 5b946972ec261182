import { inspectExport } from '../../../domain/linkedin-export/index.ts';
import { ExportError } from '../../../domain/linkedin-export/types.ts';
import { CliError } from '../context.ts';

/** Parses an export without touching a database and prints what it holds, as JSON. */
export async function inspectCommand(file: string, options: { maxUploadMb?: string }) {
  const maxUploadBytes = options.maxUploadMb ? Number(options.maxUploadMb) * 1024 * 1024 : undefined;
  try {
    const inspection = await inspectExport(file, { limits: maxUploadBytes ? { maxUploadBytes } : undefined });
    console.log(JSON.stringify(inspection, null, 2));
  } catch (error) {
    if (error instanceof ExportError) throw new CliError(`${error.message} (${error.code})`);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`No such file: ${file}`);
    throw error;
  }
}
