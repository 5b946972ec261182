import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSpoolDir, spoolRoot, sweepSpool } from '../../../../services/import/spool.ts';

const host = os.hostname().replace(/[^A-Za-z0-9.]/g, '_');

describe('the upload spool', () => {
  let varDir: string;
  beforeEach(async () => {
    varDir = await mkdtemp(path.join(os.tmpdir(), 'rapport-spool-test-'));
  });
  afterEach(async () => {
    await rm(varDir, { recursive: true, force: true });
  });

  async function folder(name: string, ageMs = 0) {
    const dir = path.join(spoolRoot(varDir), name);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'upload'), 'a raw upload');
    if (ageMs) await utimes(dir, new Date(Date.now() - ageMs), new Date(Date.now() - ageMs));
    return name;
  }

  it('keeps uploads under VAR_DIR/spool, in a private folder named after this host and process', async () => {
    const dir = await makeSpoolDir(varDir, 'import');
    expect(path.dirname(dir)).toBe(spoolRoot(varDir));
    expect(path.basename(dir)).toMatch(new RegExp(`^import-${host.replace(/\./g, '\\.')}-${process.pid}-`));
  });

  it('at start removes what dead processes left, and nothing of live ones or of other hosts still in use', async () => {
    const exited = spawn(process.execPath, ['-e', '']);
    await once(exited, 'exit');
    const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      const dead = await folder(`import-${host}-${exited.pid}-abc123`);
      const deadAttachment = await folder(`attachment-${host}-${exited.pid}-def456`);
      const live = await folder(`import-${host}-${alive.pid}-ghi789`);
      const mine = path.basename(await makeSpoolDir(varDir, 'upload'));
      const foreignRecent = await folder('import-other.host-12345-jkl012');
      const foreignOld = await folder('import-other.host-12346-mno345', 2 * 24 * 3600_000);
      const unrelated = await folder('notes');

      expect(await sweepSpool(varDir)).toBe(3);
      const left = await readdir(spoolRoot(varDir));
      expect(left.sort()).toEqual([live, mine, foreignRecent, unrelated].sort());
      expect(left).not.toContain(dead);
      expect(left).not.toContain(deadAttachment);
      expect(left).not.toContain(foreignOld);
    } finally {
      alive.kill();
    }
  });

  it('does nothing when there is no spool folder yet', async () => {
    expect(await sweepSpool(varDir)).toBe(0);
  });
});
