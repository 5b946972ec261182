import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

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

/** CPU seconds (user + system) each running process has used so far, by pid, read from /proc. */
function cpuByPid(): Map<number, { name: string; seconds: number }> {
  const ticksPerSecond = 100; // USER_HZ on Linux
  const result = new Map<number, { name: string; seconds: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name sits in parentheses and may itself hold spaces or parentheses.
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      result.set(Number(entry), { name, seconds: (Number(fields[11]) + Number(fields[12])) / ticksPerSecond });
    } catch {
      // The process ended between listing and reading.
    }
  }
  return result;
}

/**
 * Measures the CPU a run costs the whole machine, per part: which process spends the cores
 * matters as much as wall time on a 2-core host shared by Postgres, Redis and the SMTP sink.
 * `label` names a pid's part; unnamed processes are grouped by command name.
 */
export function startCpuAccounting(label: (pid: number, name: string) => string | null = () => null) {
  const before = cpuByPid();
  return () => {
    const parts = new Map<string, number>();
    for (const [pid, now] of cpuByPid()) {
      const spent = now.seconds - (before.get(pid)?.name === now.name ? before.get(pid)!.seconds : 0);
      if (spent <= 0) continue;
      const part = label(pid, now.name) ?? now.name;
      parts.set(part, (parts.get(part) ?? 0) + spent);
    }
    return parts;
  };
}
