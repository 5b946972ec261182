import { writeFakeExport, type FakeEra } from '../../../fake-export/generate.ts';
import { CliError } from '../context.ts';

const eras: FakeEra[] = ['2018', '2021', '2022', '2024', '2026'];

export interface FakeExportFlags {
  out?: string;
  connections: string;
  messages?: string;
  era: string;
  format: string;
  seed: string;
  excel?: boolean;
  nested?: boolean;
  basic?: boolean;
  target?: string[];
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`${flag} must be a whole number, got "${value}"`);
  return n;
}

export async function fakeExportCommand(flags: FakeExportFlags) {
  if (!eras.includes(flags.era as FakeEra)) throw new CliError(`--era must be one of ${eras.join(', ')}`);
  if (flags.format !== 'zip' && flags.format !== 'csv') throw new CliError('--format must be zip or csv');
  const connections = positiveInt(flags.connections, '--connections');
  if (connections > 30_000) throw new CliError('--connections goes up to 30000 (LinkedIn caps networks there)');
  const out = flags.out ?? (flags.format === 'zip' ? 'fake-export.zip' : 'Connections.csv');
  const result = await writeFakeExport(out, {
    seed: positiveInt(flags.seed, '--seed'),
    connections,
    messages: flags.messages === undefined ? undefined : positiveInt(flags.messages, '--messages'),
    era: flags.era as FakeEra,
    format: flags.format,
    kind: flags.basic ? 'basic' : 'complete',
    excel: flags.excel,
    nestedFolder: flags.nested,
    targetCompanies: flags.target,
  });
  console.log(`Wrote ${result.path} (${result.bytes} bytes): ${result.truth.connections} connections, ${result.truth.messages} messages.`);
}
