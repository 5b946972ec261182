/**
 * `rapport digest preview` on a network with company targets, read from a real import: a
 * connection at a country unit of a target company is an introduction path, and the item says why.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { saveStrategy } from '../../db/queries/strategy.ts';
import { findOrCreateSubscriber } from '../../db/queries/subscribers.ts';
import { digestPreviewCommand } from '../../processes/cli/commands/digest.ts';
import { runImport } from '../../services/import/run-import.ts';
import { storeUpload } from '../../services/import/store-upload.ts';
import { useTestContext } from '../support/test-context.ts';

describe('rapport digest preview', () => {
  const ctx = useTestContext();

  it('shows a match through a country unit of a target company, with its reason', async () => {
    const subscriber = await findOrCreateSubscriber(ctx.db, { email: 'preview@example.com', name: 'Alex' });
    const file = path.join(ctx.config.varDir, 'preview-connections.csv');
    await writeFile(
      file,
      [
        'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
        'Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz,,KPMG India,Manager,01 Oct 2024',
        'Bo,Lind,https://www.linkedin.com/in/bo-lind,,Boeing,Engineer,01 Oct 2024',
      ].join('\n'),
    );
    const stored = await storeUpload(ctx.db, { subscriberId: subscriber.id, filePath: file, fileName: 'Connections.csv', source: 'cli', maxBytes: 1e6 });
    expect((await runImport(ctx, stored.exportId)).status).toBe('imported');
    const connections = await ctx.db.selectFrom('connections').select(['id', 'first_name']).where('subscriber_id', '=', subscriber.id).execute();
    for (const c of connections) {
      await ctx.db.insertInto('ties').values({ connection_id: c.id, subscriber_id: subscriber.id, tie: 'known' }).execute();
    }
    await saveStrategy(ctx.db, subscriber.id, {
      purposes: ['job_search'],
      gain: 'A role in audit',
      targets: [{ kind: 'company', value: 'KPMG' }, { kind: 'company', value: 'ING' }],
      profileConfidence: 'yes',
      numbersFocus: false,
    });

    const printed: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    let analysis;
    try {
      analysis = await digestPreviewCommand(ctx, { subscriber: 'preview@example.com' });
    } finally {
      spy.mockRestore();
    }
    const text = printed.join('\n');
    expect(text).toContain('KPMG India counts as KPMG.');
    // ING is a whole word: Boeing is no path to it, so ING stays a gap.
    expect(analysis.introductions.map((i) => i.targetLabel)).toEqual(['KPMG']);
    expect(text).toMatch(/No one you know at ING/);
    expect(text).toContain('2 known or close');
  });
});
