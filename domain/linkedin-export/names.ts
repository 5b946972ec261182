/** Person and company names: display clean-up and the folded forms used for (weak) joins. */

export function collapseSpaces(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

export function fullName(first: string, last: string): string {
  return collapseSpaces(`${first} ${last}`);
}

/**
 * The evidence key of URL-less eras (2018–2022): `name:<first> <last>`, lowercased. Null for an
 * empty name, which must never become a shared key.
 */
export function nameKey(name: string): string | null {
  const folded = collapseSpaces(name).toLowerCase();
  return folded === '' ? null : `name:${folded}`;
}

/** Case- and accent-insensitive form, for the name-only joins Recommendations force on us. */
export function foldName(name: string): string {
  // Plain ASCII (most names) has no accents to strip; skip the costly decomposition.
  const unaccented = /^[\x00-\x7f]*$/.test(name) ? name : name.normalize('NFKD').replace(/\p{M}/gu, '');
  return collapseSpaces(unaccented).toLowerCase();
}

/** LinkedIn's placeholder for sponsored senders and hidden members: never a person. */
export const LINKEDIN_MEMBER = 'linkedin member';

export function isLinkedInMember(name: string): boolean {
  return collapseSpaces(name).toLowerCase() === LINKEDIN_MEMBER;
}

const LEGAL_SUFFIX = /\s+(?:inc|ltd|gmbh|llc|corp|incorporated|limited|corporation)$/;

/** Company names compared for "worked at the same place": 'Acme, Inc.' equals 'ACME'. */
export function normaliseCompany(company: string): string {
  let folded = foldName(company.replace(/[.,]/g, ' '));
  for (let previous = ''; previous !== folded; ) {
    previous = folded;
    folded = folded.replace(LEGAL_SUFFIX, '');
  }
  return folded;
}
