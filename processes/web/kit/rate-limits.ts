import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { verifyTokenSignature } from '../../../services/actions/tokens.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The link-signing secrets, for rate-limit keys computed before any route runs. */
    linkTokenSecrets: readonly string[];
  }
}

/** Makes the signing secrets available to perLinkRateLimit's key; call once on the root app. */
export function provideLinkTokenSecrets(app: FastifyInstance, secrets: readonly string[]): void {
  app.decorate('linkTokenSecrets', secrets);
}

/**
 * The bucket a link request counts against. The verifier accepts a token in any case and with
 * surrounding spaces, so keying on the raw path gave every spelling of one link a fresh limit:
 * the key is what the verifier accepted (the token's verified random part, hashed so the limiter's
 * store never holds a usable token). Anything that does not verify shares one bucket per client
 * address, however many different forgeries it sends.
 */
export function linkRateKey(req: Pick<FastifyRequest, 'params' | 'ip' | 'server'>): string {
  const token = (req.params as { token?: unknown } | undefined)?.token;
  const secrets = req.server.linkTokenSecrets;
  const verified = typeof token === 'string' && secrets ? verifyTokenSignature(secrets, token) : null;
  if (!verified) return `unverified:${req.ip}`;
  return `link:${createHash('sha256').update(verified).digest('base64url')}`;
}

/** Per link rather than per address: a scanner storm on one link cannot lock out anyone else. */
export const perLinkRateLimit = {
  max: 120,
  timeWindow: '1 minute',
  keyGenerator: linkRateKey,
};
