import type { Db } from '../../db/client.ts';
import { unreviewedConnections } from '../../db/queries/answers.ts';
import { latestStrategy } from '../../db/queries/strategy.ts';
import { PreparedNetwork, connectionOnly, displayName } from '../../domain/network/prepare.ts';
import { personLine } from '../../emails/components/person.tsx';
import { readableCompany } from '../../domain/network/normalise.ts';
import { matchTargets, prepareTargets } from '../../domain/network/targets.ts';

/** The review page lists this many at once; the rest wait for the next visit. */
export const PEOPLE_PER_PAGE = 50;

export interface PersonToReview {
  id: string;
  name: string;
  /** "position · company", '' when the export has neither. */
  line: string;
  profileUrl: string | null;
}

/**
 * The subscriber's unreviewed connections at one of their own targets (a gap's "See who you know
 * at Acme" opens these), matched the way the weekly analysis matches them. A value that is not
 * one of the subscriber's targets lists nobody: the link carries it, and links can be edited.
 */
export async function unreviewedAtTarget(db: Db, subscriberId: string, value: string): Promise<{ label: string; people: PersonToReview[]; total: number } | null> {
  const strategy = await latestStrategy(db, subscriberId);
  const target = strategy?.targets.find((t) => t.value === value);
  if (!target) return null;
  const rows = await unreviewedConnections(db, subscriberId);
  const facts = rows.map((r) =>
    connectionOnly({ id: r.id, firstName: r.first_name, lastName: r.last_name, company: r.company, position: r.position, profileUrl: r.profile_url }),
  );
  const network = new PreparedNetwork(facts);
  const [matched = []] = matchTargets(network, prepareTargets([target])).byTarget;
  const people = matched
    .map((i) => facts[i]!)
    .map((f) => ({ id: f.id, name: displayName(f), line: personLine(f.position, readableCompany(f.company)), profileUrl: f.profileUrl }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));
  return { label: target.value, people: people.slice(0, PEOPLE_PER_PAGE), total: people.length };
}
