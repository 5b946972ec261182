/**
 * How long analyseNetwork takes on a 30,000-connection network (the budget is 50 ms), next to a
 * same-run baseline (a plain sort of the same connections by one key) so a slow machine shows as
 * slow in both. Usage: npx tsx scripts/bench-analysis.ts [connections] [runs]
 */
import { performance } from 'node:perf_hooks';
import { analyseNetwork } from '../services/network/index.ts';
import type { AnalysisInput, ConnectionFacts } from '../services/network/index.ts';
import { ALL_TARGETS, generateNetwork } from '../test/unit/network/generate.ts';

const SIZE = Number(process.argv[2] ?? 30_000);
const RUNS = Math.max(50, Number(process.argv[3] ?? 100));
const WARM_UP = 10;
const BUDGET_MS = 50;

const generated = generateNetwork(20261123, { size: SIZE, reviewed: 0.3 });
// Every question answered and every kind of target set: the most work the analysis can be given.
const input: AnalysisInput = {
  ...generated,
  reviewSize: 10,
  strategy: {
    purposes: ['job_search', 'clients'],
    gain: 'A product role at a company I admire',
    targets: [...ALL_TARGETS],
    profileConfidence: 'partly',
    numbersFocus: true,
  },
};

function measure(label: string, fn: () => unknown): { label: string; p50: number; p99: number; min: number; max: number } {
  for (let i = 0; i < WARM_UP; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] ?? NaN;
  return { label, p50: at(0.5), p99: at(0.99), min: times[0] ?? NaN, max: times[times.length - 1] ?? NaN };
}

const byConnectedOn = (a: ConnectionFacts, b: ConnectionFacts) => {
  const x = a.connectedOn ?? '';
  const y = b.connectedOn ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};

let sink = 0;
const analysis = measure('analyseNetwork', () => {
  sink += analyseNetwork(input).review.length;
});
const baseline = measure('baseline: sort by connectedOn', () => {
  sink += [...input.connections].sort(byConnectedOn).length;
});

const sample = analyseNetwork(input);
const round = (ms: number) => Math.round(ms * 100) / 100;
const rows = [analysis, baseline];
console.log(`${SIZE} connections, ${input.strategy?.targets.length ?? 0} targets, ${WARM_UP} warm-up + ${RUNS} measured runs each`);
console.log(`${'case'.padEnd(32)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'min ms'.padStart(8)} ${'max ms'.padStart(8)}`);
for (const r of rows) {
  console.log(
    `${r.label.padEnd(32)} ${round(r.p50).toFixed(2).padStart(8)} ${round(r.p99).toFixed(2).padStart(8)} ${round(r.min).toFixed(2).padStart(8)} ${round(r.max).toFixed(2).padStart(8)}`,
  );
}
console.log(
  `output: ${sample.review.length} review, ${sample.introductions.length} introductions, ${sample.gaps.length} gaps, ` +
    `${sample.changes.jobChanges.length} job changes (checksum ${sink})`,
);
console.log(
  JSON.stringify({
    connections: SIZE,
    runs: RUNS,
    node: process.version,
    analysis: { p50Ms: round(analysis.p50), p99Ms: round(analysis.p99) },
    baseline: { p50Ms: round(baseline.p50), p99Ms: round(baseline.p99) },
    ratioP50: round(analysis.p50 / baseline.p50),
    budgetMs: BUDGET_MS,
    withinBudget: analysis.p99 <= BUDGET_MS,
  }),
);
