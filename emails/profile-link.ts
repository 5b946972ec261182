/**
 * A connection's LinkedIn profile address, only when it is one: the URL column of an export is
 * text from outside and an email must not link wherever it points. Accepted are LinkedIn member
 * pages (any country subdomain, http or https, with or without a trailing slash or query); what is
 * linked is rebuilt as https://www.linkedin.com/in/<slug>, nothing else of the original kept.
 */
const PROFILE = /^https?:\/\/(?:[a-z]{2,3}\.|www\.)?linkedin\.com\/in\/([^/?#\s]+)\/?(?:[?#][^\s]*)?$/i;

export function profileLink(url: string | null): string | null {
  const match = url === null ? null : PROFILE.exec(url.trim());
  if (!match) return null;
  let slug: string;
  try {
    slug = decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
  if (slug === '' || slug === '.' || slug === '..') return null;
  return `https://www.linkedin.com/in/${encodeURIComponent(slug)}`;
}
