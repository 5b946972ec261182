/**
 * Imports run in a process of their own, started and restarted by the worker: an upload that
 * exhausts memory (or crashes the parser any other way) ends that process only, while digests,
 * email and replies go on in this one. Its heap is bounded (IMPORT_HEAP_MB), so a poison upload
 * fails fast instead of swapping the machine; BullMQ's stalled limit and the row's attempt count
 * then fail that upload for good (see services/import/attempts.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import type { Logger } from 'pino';

const ENTRY = path.join(import.meta.dirname, 'main.ts');
const FIRST_RESTART_MS = 1_000;
const MAX_RESTART_MS = 30_000;
/** A process that ran this long before dying starts the back-off again from the shortest delay. */
const HEALTHY_AFTER_MS = 60_000;

export interface ImportProcess {
  /** Asks the import process to finish its job and exit, at most `timeoutMs`, then kills it. */
  stop(timeoutMs: number): Promise<void>;
  /** Times the import process was started (1 + restarts). */
  readonly starts: number;
}

/** Node flags for the child: this process's loader (tsx, for .ts and .tsx) and the bounded heap. */
function importProcessArgs(heapMb: number): string[] {
  const inherited = process.execArgv.filter((arg) => !arg.startsWith('--max-old-space-size'));
  const loader = inherited.includes('tsx') || inherited.some((arg) => arg.includes('tsx')) ? [] : ['--import', 'tsx'];
  return [...inherited, ...loader, `--max-old-space-size=${heapMb}`, ENTRY, '--queues', 'import'];
}

export function superviseImportProcess(log: Logger, options: { heapMb: number }): ImportProcess {
  let child: ChildProcess | null = null;
  let stopping = false;
  let starts = 0;
  let delay = FIRST_RESTART_MS;
  let restartTimer: NodeJS.Timeout | null = null;

  const start = () => {
    restartTimer = null;
    if (stopping) return;
    starts += 1;
    const startedAt = Date.now();
    // An IPC channel, so the child notices when this process is gone (even after kill -9) and
    // winds down instead of running on unsupervised.
    const proc = spawn(process.execPath, importProcessArgs(options.heapMb), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: process.env });
    child = proc;
    proc.on('error', (error) => log.error({ err: error }, 'could not start the import process'));
    proc.on('exit', (code, signal) => {
      child = null;
      if (stopping) return;
      if (Date.now() - startedAt > HEALTHY_AFTER_MS) delay = FIRST_RESTART_MS;
      log.error({ code, signal, restartInMs: delay }, 'import process exited: restarting it (digests and email are not affected)');
      restartTimer = setTimeout(start, delay);
      delay = Math.min(delay * 2, MAX_RESTART_MS);
    });
  };
  start();

  return {
    get starts() {
      return starts;
    },
    async stop(timeoutMs) {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = once(running, 'exit');
      running.kill('SIGTERM');
      const timer = setTimeout(() => running.kill('SIGKILL'), timeoutMs);
      timer.unref();
      await exited;
      clearTimeout(timer);
    },
  };
}
