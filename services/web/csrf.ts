import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Forms on link pages carry a value derived from the link's own token, so a page on another site
 * cannot post them without having the link. Verified against every configured secret, so rotating
 * secrets does not break a page someone already has open.
 */
export function csrfFor(secrets: readonly string[], scope: string): string {
  return createHmac('sha256', secrets[0]!).update(`csrf:${scope}`).digest('base64url').slice(0, 32);
}

export function checkCsrf(secrets: readonly string[], scope: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length !== 32) return false;
  const candidate = Buffer.from(given);
  return secrets.some((secret) => {
    const expected = Buffer.from(createHmac('sha256', secret).update(`csrf:${scope}`).digest('base64url').slice(0, 32));
    return timingSafeEqual(expected, candidate);
  });
}
