/**
 * Size check: 30,000 connections and 50,000 messages (a full-cap network). The time is logged,
 * not asserted, because shared CI machines vary; the target is well under 2 s on 2 cores.
 */
import { describe, expect, it } from 'vitest';
import { generateFakeExport, packFakeExport } from '../../../../fake-export/generate.ts';
import { parseExport } from '../../../../domain/linkedin-export/index.ts';
import { tempFile } from './fixtures.ts';

describe('parse time at the 30,000-connection cap', () => {
  it('parses 30k connections and 50k messages, logging the time', async () => {
    const fake = generateFakeExport({ era: '2026', connections: 30_000, messages: 50_000 });
    const path = await tempFile(packFakeExport(fake, 'zip'));
    const started = performance.now();
    const parsed = await parseExport(path);
    const elapsed = performance.now() - started;
    console.log(`parseExport: ${fake.truth.connections} connections + ${fake.truth.messages} messages in ${Math.round(elapsed)} ms`);
    expect(parsed.connections).toHaveLength(fake.truth.connections);
    expect(parsed.files.find((f) => f.kind === 'messages')?.rows).toBe(50_000);
  }, 60_000);
});
