import { formsOf, matchForms } from './company-match.ts';
import { containsPhrase, normaliseCompany, normaliseText } from './normalise.ts';
import type { PreparedNetwork } from './prepare.ts';
import type { Target } from './types.ts';

export interface PreparedTarget {
  target: Target;
  /** The normalised form compared against connections. */
  key: string;
  /** For a company, the forms it goes by (company-match.ts); empty otherwise. */
  forms: readonly string[];
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
    out.push({ target: { kind: target.kind, value: target.value.trim() }, key, forms: target.kind === 'company' ? formsOf(key) : [], where: whereOf(target) });
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

/**
 * A company target matches the employer as a person would (company-match.ts: the same name, its
 * acronym, a country or unit of it, a brand it owns); industries and keywords look inside the name.
 */
function companyMatches(t: PreparedTarget, company: { text: string; key: string }, forms: readonly string[]): boolean {
  if (t.target.kind === 'company') return matchForms(t.forms, forms) !== null;
  return t.target.kind !== 'role' && containsPhrase(company.text, t.key);
}

/** Roles, industries and keywords look inside the position as whole words. */
function positionMatches(t: PreparedTarget, position: string): boolean {
  return t.target.kind !== 'company' && containsPhrase(position, t.key);
}

export interface TargetMatches {
  /** Per target (same order), the indices of matching connections, ascending. */
  byTarget: number[][];
  /** Per connection, how many targets it matches. */
  countByConnection: Uint16Array;
}

export function matchTargets(network: PreparedNetwork, targets: readonly PreparedTarget[]): TargetMatches {
  // Each distinct name is tested once per target; people then only look their names up.
  // A company's forms are made once, not once per target.
  const forms = targets.some((t) => t.target.kind === 'company') ? network.companies.map((c) => formsOf(c.key)) : [];
  const companyHits = targets.map((t) => hitTable(network.companies, (c, i) => companyMatches(t, c, forms[i] ?? [])));
  const positionHits = targets.map((t) => hitTable(network.positions, (p) => positionMatches(t, p)));
  const byTarget: number[][] = targets.map(() => []);
  const countByConnection = new Uint16Array(network.size);
  for (let i = 0; i < network.size; i++) {
    const company = network.companyId(i);
    const position = network.positionId(i);
    for (let t = 0; t < targets.length; t++) {
      if (companyHits[t]?.[company] === 1 || positionHits[t]?.[position] === 1) {
        byTarget[t]?.push(i);
        countByConnection[i] = (countByConnection[i] ?? 0) + 1;
      }
    }
  }
  return { byTarget, countByConnection };
}

function hitTable<T>(names: readonly T[], matches: (name: T, index: number) => boolean): Uint8Array {
  const table = new Uint8Array(names.length);
  for (let i = 0; i < names.length; i++) if (matches(names[i] as T, i)) table[i] = 1;
  return table;
}

/**
 * Why someone's employer counts for a company target when the names differ, in words for the item:
 * "KPMG India counts as KPMG." Null when the names are the same, or the target is no company.
 */
export function companyMatchReason(t: PreparedTarget, company: string): string | null {
  if (t.target.kind !== 'company') return null;
  const how = matchForms(t.forms, formsOf(normaliseCompany(company)));
  if (how === null || how === 'same') return null;
  return how === 'subsidiary' ? `${company.trim()} is part of ${t.target.value}, so it counts.` : `${company.trim()} counts as ${t.target.value}.`;
}
