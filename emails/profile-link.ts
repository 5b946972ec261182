import { normaliseProfileUrl } from '../domain/linkedin-export/profile-url.ts';

/**
 * A connection's LinkedIn profile address, only when it is one: the URL column of an export is
 * text from outside and an email must not link wherever it points. The importer's own reading of
 * profile URLs (normaliseProfileUrl: any LinkedIn host, encoded or not, query and subpaths cut)
 * decides whether it is a member page; only web URLs or scheme-less ones are taken, and what is
 * linked is rebuilt as https://www.linkedin.com/in/<slug>, nothing else of the original kept.
 */
const OTHER_SCHEME = /^(?!https?:)[a-z][a-z0-9+.-]*:/i;

export function profileLink(url: string | null): string | null {
  if (url === null || OTHER_SCHEME.test(url.trim())) return null;
  const key = normaliseProfileUrl(url);
  if (key === null) return null;
  const slug = key.slice('linkedin.com/in/'.length);
  // A '%' left in the key is an escape that did not decode: no profile anyone could open.
  return slug === '.' || slug === '..' || slug.includes('%') ? null : `https://www.linkedin.com/in/${encodeSegment(slug)}`;
}

/** encodeURIComponent, and the few characters it leaves that could read as anything but a name. */
const encodeSegment = (slug: string) => encodeURIComponent(slug).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
