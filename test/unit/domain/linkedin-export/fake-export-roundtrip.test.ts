/** Round-trips the synthetic export generator through the parser and checks its ground truth. */
import { describe, expect, it } from 'vitest';
import { generateFakeExport, packFakeExport, type FakeEra, type FakeExportOptions } from '../../../../fake-export/generate.ts';
import type { Evidence } from '../../../../domain/linkedin-export/types.ts';
import { parseBytes } from './fixtures.ts';

const ERAS: FakeEra[] = ['2018', '2021', '2022', '2024', '2026'];
const VARIANTS: Array<[string, FakeExportOptions]> = [
  ['plain', {}],
  ['excel', { excel: true }],
  ['nestedFolder', { nestedFolder: true }],
  ['utf16Endorsements', { utf16Endorsements: true }],
];
const hasUrls = (era: FakeEra): boolean => era === '2024' || era === '2026';

describe.each(ERAS)('fake export, era %s', (era) => {
  it.each(VARIANTS)('%s', async (_variant, options) => {
    const fake = generateFakeExport({ era, ...options });
    const { truth } = fake;
    const parsed = await parseBytes(packFakeExport(fake, 'zip'));
    const evidence = [...parsed.evidence.values()];
    const total = (pick: (e: Evidence) => number): number => evidence.reduce((sum, e) => sum + pick(e), 0);

    expect(parsed.connections).toHaveLength(truth.connections);
    expect(parsed.anonymousConnections).toBe(truth.anonymousConnections);
    expect(parsed.connections.filter((c) => c.profileKey !== null)).toHaveLength(truth.withUrl);
    expect(parsed.owner?.profileKey ?? null).toBe(truth.ownerProfileKey);
    expect(parsed.rejected).toEqual([]);

    const byKind = (kind: string) => parsed.files.filter((f) => f.kind === kind);
    expect(byKind('connections')).toMatchObject([{ dateRange: truth.dateRange }]);
    expect(byKind('connections')[0]?.era).toBe(options.excel ? 'connections-excel' : { '2018': 'connections-2018', '2021': 'connections-2021', '2022': 'connections-2022', '2024': 'connections-2024', '2026': 'connections-2024' }[era]);
    expect(byKind('messages')).toMatchObject([{ rows: truth.messages, rejected: 0 }]);
    expect(byKind('invitations')).toMatchObject([{ rows: truth.invitations.incoming + truth.invitations.outgoing }]);
    // Look-alikes (coach_messages.csv) and the UTF-16 endorsement twin are not read.
    expect(parsed.files.map((f) => f.name.split('/').pop())).not.toContain('coach_messages.csv');
    expect(byKind('endorsements_received')).toHaveLength(1);
    expect(byKind('endorsements_received')[0]?.name).toMatch(/Endorsement_Received_Info\.csv$/);

    expect(total((e) => e.recommendationsReceived)).toBe(truth.recommendationsReceived);
    expect(total((e) => e.recommendationsGiven)).toBe(truth.recommendationsGiven);
    expect(total((e) => e.endorsementsReceived)).toBe(truth.endorsementsReceived);
    expect(total((e) => e.endorsementsGiven)).toBe(truth.endorsementsGiven);

    const twoWay = [...parsed.evidence].filter(([, e]) => e.twoWayThreads > 0).map(([key]) => key);
    const incoming = evidence.filter((e) => e.invitationDirection === 'incoming').length;
    const outgoing = evidence.filter((e) => e.invitationDirection === 'outgoing').length;
    if (hasUrls(era)) {
      expect(twoWay.sort()).toEqual(truth.twoWayProfileKeys);
      expect([incoming, outgoing]).toEqual([truth.invitations.incoming, truth.invitations.outgoing]);
      expect(evidence.filter((e) => e.invitationNote !== null)).toHaveLength(truth.invitations.withNote);
    } else {
      // URL-less eras key people by name: only counts can be compared, and two people who share
      // a name share a key.
      expect(twoWay).toHaveLength(truth.twoWayProfileKeys.length);
      expect(incoming).toBeLessThanOrEqual(truth.invitations.incoming);
      expect(incoming).toBeGreaterThanOrEqual(truth.invitations.incoming - 2);
      expect(outgoing).toBe(truth.invitations.outgoing);
    }
  });
});

describe('fake export, other shapes', () => {
  it('a lone Connections.csv upload, Excel copy included', async () => {
    for (const options of [{ era: '2026' as const }, { era: '2022' as const, excel: true }]) {
      const fake = generateFakeExport(options);
      const parsed = await parseBytes(packFakeExport(fake, 'csv'), { fileName: 'Connections.csv' });
      expect(parsed.format).toBe('csv');
      expect(parsed.connections).toHaveLength(fake.truth.connections);
      expect(parsed.anonymousConnections).toBe(fake.truth.anonymousConnections);
      expect(parsed.dateRange).toEqual(fake.truth.dateRange);
    }
  });

  it('a Basic archive (Connections, messages, Invitations only)', async () => {
    const fake = generateFakeExport({ era: '2024', kind: 'basic' });
    const parsed = await parseBytes(packFakeExport(fake, 'zip'));
    expect(parsed.files.map((f) => f.kind).sort()).toEqual(['connections', 'invitations', 'messages']);
    expect([...parsed.evidence].filter(([, e]) => e.twoWayThreads > 0).map(([k]) => k).sort()).toEqual(fake.truth.twoWayProfileKeys);
  });
});
