/**
 * Raw uploads on their way into or out of Postgres (an upload being stored, an email attachment,
 * an export being imported) are spooled to private folders under VAR_DIR/spool, one per use,
 * deleted when that use ends. A process that dies mid-way (out of memory, kill -9) cannot delete
 * its folder, so every worker and web process sweeps at start what dead processes left behind:
 * each folder is named after the host and process that made it, and only folders whose process
 * is gone are removed, so processes sharing VAR_DIR never delete each other's live files.
 */
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';

export type SpoolPurpose = 'import' | 'upload' | 'attachment';

/** Folders of another host cannot be checked for a live process; none lives this long. */
const FOREIGN_STALE_MS = 24 * 3600_000;
const NAME = /^(?:import|upload|attachment)-(.+)-(\d+)-[A-Za-z0-9]{6}$/;
/** Host names go into folder names: keep them to safe characters. */
const host = () => os.hostname().replace(/[^A-Za-z0-9.]/g, '_');

export function spoolRoot(varDir: string): string {
  return path.resolve(varDir, 'spool');
}

/** A new private folder for one upload; the caller removes it (`rm -r`) when done. */
export async function makeSpoolDir(varDir: string, purpose: SpoolPurpose): Promise<string> {
  const root = spoolRoot(varDir);
  await mkdir(root, { recursive: true, mode: 0o700 });
  return mkdtemp(path.join(root, `${purpose}-${host()}-${process.pid}-`));
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function olderThan(dir: string, ms: number): Promise<boolean> {
  const info = await stat(dir).catch(() => null);
  return info !== null && Date.now() - info.mtimeMs > ms;
}

/** Removes the spool folders of processes that no longer run; returns how many. */
export async function sweepSpool(varDir: string, log?: Logger): Promise<number> {
  const root = spoolRoot(varDir);
  let names: string[];
  try {
    names = await readdir(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let removed = 0;
  for (const name of names) {
    const match = NAME.exec(name);
    if (!match) continue;
    const [, owner, pid] = match;
    const dir = path.join(root, name);
    if (owner === host() ? processAlive(Number(pid)) : !(await olderThan(dir, FOREIGN_STALE_MS))) continue;
    await rm(dir, { recursive: true, force: true });
    removed += 1;
  }
  if (removed > 0) log?.warn({ removed }, 'removed raw uploads left in the spool folder by processes that died');
  return removed;
}
