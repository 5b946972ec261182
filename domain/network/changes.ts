import { normaliseCompany, readableCompany } from './normalise.ts';
import { compareIds, compareNames, displayName, personOf } from './prepare.ts';
import type { Changes, ConnectionFacts, JobChange, Tie } from './types.ts';

const TIE_ORDER: Record<Tie | 'none', number> = { close: 0, known: 1, unknown: 2, none: 2 };

/** What the latest import changed: new connections, job changes (close ties first), removals. */
export function summariseChanges(connections: readonly ConnectionFacts[], removed: number): Changes {
  let newConnections = 0;
  let newUnreviewed = 0;
  const moved: ConnectionFacts[] = [];
  for (const c of connections) {
    if (c.change?.kind === 'new') {
      newConnections++;
      if (c.tie === null) newUnreviewed++;
    } else if (c.change?.kind === 'job_change') {
      moved.push(c);
    }
  }
  const rank = (c: ConnectionFacts) => TIE_ORDER[c.tie ?? 'none'];
  moved.sort((a, b) => rank(a) - rank(b) || compareNames(a, b) || compareIds(a, b));
  return { newConnections, newUnreviewed, jobChanges: moved.map(jobChange), removed: Math.max(0, removed) };
}

function jobChange(c: ConnectionFacts): JobChange {
  const previousCompany = c.change?.kind === 'job_change' ? c.change.previousCompany : null;
  const previousPosition = c.change?.kind === 'job_change' ? c.change.previousPosition : null;
  const trusted = c.tie === 'known' || c.tie === 'close';
  return {
    person: personOf(c),
    tie: c.tie,
    previousCompany,
    previousPosition,
    congratulate: trusted ? congratulation(c, previousCompany) : null,
  };
}

/** A job change is a real reason to write to someone you know, without needing anything from them. */
function congratulation(facts: ConnectionFacts, previousCompany: string | null): string {
  const name = displayName(facts);
  const company = readableCompany(facts.company);
  const position = facts.position.trim();
  const before = readableCompany(previousCompany ?? '');
  const reason = 'Congratulate them: a real reason to get back in touch.';
  if (company === '' && before !== '') {
    return `${name} has moved on from ${before}: a good moment to ask how they are and whether you can help.`;
  }
  const movedCompany = before !== '' && normaliseCompany(before) !== normaliseCompany(company);
  const as = position === '' ? '' : ` as ${position}`;
  if (movedCompany) return `${name} moved from ${before} to ${company}${as}. ${reason}`;
  const at = company === '' ? '' : ` at ${company}`;
  return position === '' ? `${name} has a new role${at}. ${reason}` : `${name} is now ${position}${at}. ${reason}`;
}
