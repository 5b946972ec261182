/**
 * Every benchmark in one run (issue #8): import, digest, analysis, HTTP load on the action pages and
 * inbound replies. Each prints its own table with its same-run baselines; this collects their JSON
 * lines into one table of goals and, last, one JSON object with all figures.
 * Usage: npm run bench [-- --subscribers 2000]   (passed to the digest benchmark)
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { printTable } from './bench-support.ts';

const { values } = parseArgs({ options: { subscribers: { type: 'string', default: '2000' }, connections: { type: 'string', default: '1500' } } });
const root = path.resolve(import.meta.dirname, '..');

function run(script: string, args: string[] = []): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', script), ...args], {
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('exit', (code) => {
      const last = output.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${script} exited ${code}`));
      try {
        resolve(JSON.parse(last) as Record<string, unknown>);
      } catch {
        reject(new Error(`${script} did not end with a JSON line`));
      }
    });
  });
}

const results = {
  import: await run('bench-import.ts'),
  digest: await run('bench-digest.ts', ['--subscribers', values.subscribers, '--connections', values.connections]),
  analysis: await run('bench-analysis.ts'),
  http: await run('bench-http.ts'),
  inbound: await run('bench-inbound.ts'),
};

type Row = [string, string, string];
const n = (section: keyof typeof results, key: string) => Number(results[section][key]);
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');
const rows: Row[] = [
  ['goal', 'measured', 'verdict'],
  ['import: connections ≤ 3× raw COPY', `${n('import', 'connectionsImportVsCopy')}×`, verdict(n('import', 'connectionsImportVsCopy') <= 3)],
  ['import: whole export ≤ 5 s', `${n('import', 'wholeExportImportMs')} ms`, verdict(n('import', 'wholeExportImportMs') <= 5000)],
  ['import: extra memory ≤ 200 MB', `${n('import', 'peakExtraRssMb')} MB`, verdict(n('import', 'peakExtraRssMb') <= 200)],
  ['digest: ≥ 100 digests/s per core', `${n('digest', 'digestsPerSecondPerCore')}/s`, verdict(n('digest', 'digestsPerSecondPerCore') >= 100)],
  ['digest: render ≤ 5× template literal', `${n('digest', 'renderVsTemplateLiteral')}×`, verdict(n('digest', 'renderVsTemplateLiteral') <= 5)],
  ['digest: ≤ 3 queries per digest', `${n('digest', 'readQueriesPerDigest')} reads`, verdict(n('digest', 'readQueriesPerDigest') <= 3)],
  [
    'analysis: 30,000 connections ≤ 50 ms',
    `p50 ${(results.analysis.analysis as { p50Ms: number }).p50Ms} ms, p99 ${(results.analysis.analysis as { p99Ms: number }).p99Ms} ms`,
    verdict(Boolean(results.analysis.p50WithinBudget)),
  ],
  ['action GET p99 ≤ 50 ms at 200/s', `${n('http', 'getP99Ms')} ms`, verdict(n('http', 'getP99Ms') <= 50)],
  ['action POST p99 ≤ 50 ms at 200/s', `${n('http', 'postP99Ms')} ms`, verdict(n('http', 'postP99Ms') <= 50)],
  ['1,000 replies applied ≤ 60 s', `${n('inbound', 'appliedSeconds')} s`, verdict(n('inbound', 'appliedSeconds') <= 60)],
];
console.log('\nAll benchmarks');
printTable(rows);
console.log(JSON.stringify(results));
