/**
 * Profile URLs are the only safe person key. The same profile shows up percent-encoded in
 * Connections.csv, as raw Unicode in Invitations and Endorsements, and without a scheme in
 * Endorsements, so every URL is reduced to one canonical form before joining.
 */

// www., m. and country hosts (uk., de.) all serve the same profile.
const LINKEDIN_HOST = /^(?:[a-z]{1,3}\.)?linkedin\.com$/;
const PROFILE_PATH = /^\/in\/([^/\s]+)(?:\/.*)?$/;
const PLAIN_PROFILE_URL = /^https:\/\/www\.linkedin\.com\/in\/([A-Za-z0-9_-]+)\/?$/;
/** LinkedIn's custom URLs are at most 100 characters; anything far longer is no profile, and no key. */
const MAX_SLUG = 200;

/** 'linkedin.com/in/<slug>' (decoded, lowercased), or null when `url` is not a /in/ profile URL. */
export function normaliseProfileUrl(url: string): string | null {
  // Nearly every URL in an export has this plain ASCII shape; skip the general path for it.
  const plain = PLAIN_PROFILE_URL.exec(url);
  if (plain) return plain[1]!.length > MAX_SLUG ? null : `linkedin.com/in/${plain[1]!.toLowerCase()}`;
  let rest = url.trim();
  // Cut the query and fragment before decoding, so an encoded '?' inside a slug stays in the slug.
  const queryStart = rest.search(/[?#]/);
  if (queryStart >= 0) rest = rest.slice(0, queryStart);
  rest = percentDecode(rest).normalize('NFC').toLowerCase();
  rest = rest.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^\/\//, '');
  const slash = rest.indexOf('/');
  if (slash <= 0 || !LINKEDIN_HOST.test(rest.slice(0, slash))) return null;
  const slug = PROFILE_PATH.exec(rest.slice(slash))?.[1];
  return slug && slug.length <= MAX_SLUG ? `linkedin.com/in/${slug}` : null;
}

/**
 * Decodes each run of %XX escapes; a run that is not valid UTF-8 is kept as written, because
 * the same malformed URL elsewhere in the export then still yields the same key.
 */
function percentDecode(value: string): string {
  if (!value.includes('%')) return value;
  return value.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/**
 * Splits a comma-joined list of profile URLs (messages.csv RECIPIENT PROFILE URLS). Commas are
 * split only where a new URL starts, so a comma inside a slug cannot cut a URL in two.
 */
export function splitProfileUrls(value: string): string[] {
  return value
    .split(/,\s*(?=(?:https?:\/\/|\/\/|(?:[a-z]{1,3}\.)?linkedin\.com\/))/i)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
