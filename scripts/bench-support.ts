import os from 'node:os';
import { execFileSync } from 'node:child_process';

/** Figures are only comparable with the machine and versions they came from: print them. */
export function environmentLine(): string {
  const version = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).trim().split('\n')[0];
    } catch {
      return 'unknown';
    }
  };
  return `node ${process.version}, ${version('psql', ['--version'])}, ${version('redis-server', ['--version'])?.split(' ').slice(0, 3).join(' ')}, ${os.cpus().length} cores`;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** Samples resident memory while `run` works; returns its peak above the level at the start. */
export async function withPeakRss<T>(run: () => Promise<T>): Promise<{ result: T; peakExtraMb: number }> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  try {
    const result = await run();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakExtraMb: (peak - start) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

export function printTable(rows: Array<[string, string, string]>): void {
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
}

export const round = (n: number, digits = 2) => Number(n.toFixed(digits));
