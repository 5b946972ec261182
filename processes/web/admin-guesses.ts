import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../runtime/config.ts';
import { bearerToken, isAdmin } from './admin-auth.ts';

/** As many wrong Bearer tokens per client address as the sign-in form allows tries. */
const BEARER_GUESSES = { max: 10, timeWindow: '15 minutes' } as const;

export type AdminAccess = 'admin' | 'refused' | 'too-many-guesses';

/**
 * isAdmin with a bound on guessing: a wrong Bearer token counts against the client address, and
 * once ten have failed in a quarter hour, Bearer requests from that address are refused, even
 * with the right token, so a lucky guess cannot be told from a wrong one. Right tokens and
 * cookie sessions count nothing, so scripts polling the dashboard are never locked out.
 */
export function adminGuard(app: FastifyInstance, config: Pick<Config, 'adminToken' | 'tokenSecrets' | 'publicUrl'>) {
  const guesses = app.createRateLimit({ ...BEARER_GUESSES, keyGenerator: (req: FastifyRequest) => `admin-bearer:${req.ip}` });
  return async function adminAccess(req: FastifyRequest): Promise<AdminAccess> {
    if (bearerToken(req) === null) return isAdmin(req, config) ? 'admin' : 'refused';
    const before = await guesses(req, { increment: false });
    if (!before.isAllowed && before.remaining <= 0) return 'too-many-guesses';
    if (isAdmin(req, config)) return 'admin';
    await guesses(req);
    return 'refused';
  };
}
