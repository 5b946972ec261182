import { describe, expect, it } from 'vitest';
import { analyseNetwork, type ConnectionFacts, type NetworkQuality } from '../../../../domain/network/index.ts';
import { connection, evidence, input, TALKED } from './builders.ts';

const quality = (connections: ConnectionFacts[], previousQuality: NetworkQuality | { knownShare: number; evidenceShare: number } | null = null) =>
  analyseNetwork(input({ connections, previousQuality })).quality;

describe('network quality', () => {
  it('is all zeros for an empty network, never NaN', () => {
    expect(quality([])).toEqual({
      connections: 0,
      known: 0,
      close: 0,
      unknown: 0,
      unreviewed: 0,
      withEvidence: 0,
      knownShare: 0,
      evidenceShare: 0,
      knownShareChange: null,
      evidenceShareChange: null,
      introductionsMade: 0,
    });
  });

  it('counts confirmed ties and any evidence beside the raw count', () => {
    const connections = [
      connection('1', { tie: 'known' }),
      connection('2', { tie: 'close', evidence: TALKED }),
      connection('3', { tie: 'unknown', evidence: evidence({ endorsementsReceived: 1 }) }),
      connection('4', { evidence: evidence({ messagesIn: 5 }) }),
      connection('5'),
      connection('6'),
    ];
    expect(quality(connections)).toMatchObject({
      connections: 6,
      known: 1,
      close: 1,
      unknown: 1,
      unreviewed: 3,
      withEvidence: 2,
      knownShare: 0.3333,
      evidenceShare: 0.3333,
    });
  });

  it.each([
    ['up', { knownShare: 0.25, evidenceShare: 0.5 }, 0.25, 0],
    ['down', { knownShare: 0.75, evidenceShare: 0.6 }, -0.25, -0.1],
    ['unchanged', { knownShare: 0.5, evidenceShare: 0.5 }, 0, 0],
  ])('reports the change since the last digest (%s)', (_, previous, knownChange, evidenceChange) => {
    const connections = [connection('1', { tie: 'known', evidence: TALKED }), connection('2')];
    expect(quality(connections, previous)).toMatchObject({ knownShare: 0.5, evidenceShare: 0.5, knownShareChange: knownChange, evidenceShareChange: evidenceChange });
  });

  it('keeps float noise out of stored figures', () => {
    const connections = [connection('1', { tie: 'known' }), ...Array.from({ length: 9 }, (_, i) => connection(`x${i}`))];
    expect(quality(connections, { knownShare: 0.2, evidenceShare: 0 }).knownShareChange).toBe(-0.1);
  });
});
