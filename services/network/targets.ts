import { containsPhrase, normaliseCompany, normaliseText } from './normalise.ts';
import type { PreparedConnection } from './prepare.ts';
import type { Target } from './types.ts';

export interface PreparedTarget {
  target: Target;
  /** The normalised form compared against connections. */
  key: string;
  /** Where the target points, for sentences: "at Acme", "in fintech". */
  where: string;
}

/** Targets in the subscriber's order (their priority), without blanks or repeats. */
export function prepareTargets(targets: readonly Target[]): PreparedTarget[] {
  const seen = new Set<string>();
  const out: PreparedTarget[] = [];
  for (const target of targets) {
    const key = target.kind === 'company' ? normaliseCompany(target.value) : normaliseText(target.value);
    const id = `${target.kind}:${key}`;
    if (key === '' || seen.has(id)) continue;
    seen.add(id);
    out.push({ target: { kind: target.kind, value: target.value.trim() }, key, where: whereOf(target) });
  }
  return out;
}

function whereOf({ kind, value }: Target): string {
  const v = value.trim();
  switch (kind) {
    case 'company':
      return `at ${v}`;
    case 'role':
      return `working as ${v}`;
    case 'industry':
      return `in ${v}`;
    case 'keyword':
      return `matching "${v}"`;
  }
}

/** Companies compare whole (after suffixes go); roles look at the position; the rest at both. */
export function matchesTarget(c: PreparedConnection, t: PreparedTarget): boolean {
  switch (t.target.kind) {
    case 'company':
      return c.companyKey === t.key;
    case 'role':
      return containsPhrase(c.positionText, t.key);
    case 'industry':
    case 'keyword':
      return containsPhrase(c.text, t.key);
  }
}

export interface TargetMatches {
  /** Per target (same order), the indices of matching connections, ascending. */
  byTarget: number[][];
  /** Per connection, how many targets it matches. */
  countByConnection: Uint16Array;
}

export function matchTargets(connections: readonly PreparedConnection[], targets: readonly PreparedTarget[]): TargetMatches {
  const countByConnection = new Uint16Array(connections.length);
  const byTarget = targets.map((t) => {
    const hits: number[] = [];
    connections.forEach((c, i) => {
      if (matchesTarget(c, t)) {
        hits.push(i);
        countByConnection[i] = (countByConnection[i] ?? 0) + 1;
      }
    });
    return hits;
  });
  return { byTarget, countByConnection };
}
