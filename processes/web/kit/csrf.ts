import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Set on a route that must take POSTs from other sites, saying why; the route then applies
     * fromOtherSite itself where it can (see the RFC 8058 unsubscribe route).
     */
    otherSitesMayPost?: string;
  }
}

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

/**
 * Where a request was sent from, as the browser tells it. A link's form value derives from the link
 * alone, so whoever holds a link (their own sign-in link, say) can build the same form on their own
 * site and have a visitor's browser post it: a login CSRF that signs the visitor in as them. Browsers
 * say where a POST comes from, in headers no page can set:
 *
 * - `Sec-Fetch-Site` (every current browser): `cross-site` is refused; `same-site` (a sibling
 *   subdomain, another port) too unless its Origin is ours; `same-origin` and `none` (typed, a
 *   bookmark) are ours, even under a host name other than PUBLIC_URL's (127.0.0.1 in development,
 *   the browser tests): the browser itself vouches that the page posting is the one answering.
 * - otherwise `Origin` (older browsers): it must be PUBLIC_URL's origin; `null` (sandboxed frames,
 *   some privacy modes) is not.
 * - neither header (curl, mail servers, old clients): 'unknown', and the route's other checks decide.
 */
export function requestSource(headers: IncomingHttpHeaders, publicOrigin: string): 'this-site' | 'other-site' | 'unknown' {
  const site = typeof headers['sec-fetch-site'] === 'string' ? headers['sec-fetch-site'].trim().toLowerCase() : null;
  const origin = typeof headers.origin === 'string' ? headers.origin.trim().toLowerCase() : null;
  if (site === 'cross-site') return 'other-site';
  if (site === 'same-origin' || site === 'none') return 'this-site';
  if (origin !== null) return origin === publicOrigin ? 'this-site' : 'other-site';
  if (site === 'same-site') return 'other-site';
  return 'unknown';
}

const changesState = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

export const publicOriginOf = (publicUrl: string) => new URL(publicUrl).origin.toLowerCase();

/** For routes that take other sites' posts only in part (otherSitesMayPost): true for a browser post from another site. */
export function fromOtherSite(req: FastifyRequest, publicUrl: string): boolean {
  return requestSource(req.headers, publicOriginOf(publicUrl)) === 'other-site';
}

/**
 * The rule for the whole app, before any body is read: a POST (or any other method that changes
 * something) that a browser sent from another site is refused, whatever token or form value it
 * carries. Routes that must take other sites' posts say so in their config (otherSitesMayPost).
 */
export function refuseOtherSitesPosts(app: FastifyInstance, publicUrl: string, answer: (req: FastifyRequest, reply: FastifyReply) => FastifyReply) {
  const publicOrigin = publicOriginOf(publicUrl);
  app.addHook('onRequest', async (req, reply) => {
    if (!changesState(req.method) || req.routeOptions.config.otherSitesMayPost) return;
    if (requestSource(req.headers, publicOrigin) !== 'other-site') return;
    // Neither header names a person: they say only that another site's page sent the post.
    req.log.info({ secFetchSite: req.headers['sec-fetch-site'] ?? null, origin: req.headers.origin ?? null }, 'post from another site refused');
    return answer(req, reply);
  });
}
