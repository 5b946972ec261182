/**
 * How long analyseNetwork takes on a 30,000-connection network (the budget is 50 ms), next to a
 * same-run baseline (a plain sort of the same connections by one key) so a slow or busy machine
 * shows as such in both. Wall-clock and process CPU time are both reported: on a shared machine the
 * wall clock also counts time spent waiting for a core.
 * Usage: npx tsx scripts/bench-analysis.ts [connections] [runs]
 */
import { performance } from 'node:perf_hooks';
import { analyseNetwork } from '../domain/network/index.ts';
import type { AnalysisInput, ConnectionFacts } from '../domain/network/index.ts';
import { ALL_TARGETS, generateNetwork } from '../dev/generate-network.ts';

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

interface Figures {
  label: string;
  wall: { p50: number; p99: number; min: number; max: number };
  cpu: { p50: number; p99: number };
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99), min: sorted[0] ?? Number.NaN, max: sorted[sorted.length - 1] ?? Number.NaN };
}

function measure(label: string, fn: () => unknown): Figures {
  for (let i = 0; i < WARM_UP; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    fn();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  const c = percentiles(cpu);
  return { label, wall: percentiles(wall), cpu: { p50: c.p50, p99: c.p99 } };
}

const byConnectedOn = (a: ConnectionFacts, b: ConnectionFacts) => {
  const x = a.connectedOn ?? '';
  const y = b.connectedOn ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};

let checksum = 0;
const analysis = measure('analyseNetwork', () => {
  checksum += analyseNetwork(input).review.length;
});
const baseline = measure('baseline: sort by connectedOn', () => {
  checksum += [...input.connections].sort(byConnectedOn).length;
});

const sample = analyseNetwork(input);
const ms = (x: number) => Math.round(x * 100) / 100;
const cell = (x: number) => ms(x).toFixed(2).padStart(9);
console.log(`${SIZE} connections, ${input.strategy?.targets.length ?? 0} targets, ${WARM_UP} warm-up + ${RUNS} measured runs each`);
console.log(`${'case'.padEnd(30)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'min ms'.padStart(9)}${'max ms'.padStart(9)}${'cpu p50'.padStart(9)}${'cpu p99'.padStart(9)}`);
for (const r of [analysis, baseline]) {
  console.log(`${r.label.padEnd(30)}${cell(r.wall.p50)}${cell(r.wall.p99)}${cell(r.wall.min)}${cell(r.wall.max)}${cell(r.cpu.p50)}${cell(r.cpu.p99)}`);
}
console.log(
  `output: ${sample.review.length} review, ${sample.introductions.length} introductions, ${sample.gaps.length} gaps, ` +
    `${sample.changes.jobChanges.length} job changes (checksum ${checksum})`,
);
console.log(
  JSON.stringify({
    connections: SIZE,
    runs: RUNS,
    node: process.version,
    analysis: { p50Ms: ms(analysis.wall.p50), p99Ms: ms(analysis.wall.p99), cpuP50Ms: ms(analysis.cpu.p50), cpuP99Ms: ms(analysis.cpu.p99) },
    baseline: { p50Ms: ms(baseline.wall.p50), p99Ms: ms(baseline.wall.p99), cpuP50Ms: ms(baseline.cpu.p50), cpuP99Ms: ms(baseline.cpu.p99) },
    ratioP50: ms(analysis.wall.p50 / baseline.wall.p50),
    budgetMs: BUDGET_MS,
    p50WithinBudget: analysis.wall.p50 <= BUDGET_MS,
    p99WithinBudget: analysis.wall.p99 <= BUDGET_MS,
  }),
);
