import type { FastifyReply, FastifyRequest } from 'fastify';
import { findSession, SESSION_TTL_MS, type Session } from '../../../services/account/sessions.ts';
import type { AppContext } from '../../../runtime/context.ts';
import type { Config } from '../../../runtime/config.ts';
import { httpOnlyCookie, isHttps, readCookie } from './cookies.ts';
import { checkCsrf, csrfFor } from './csrf.ts';

export const SESSION_COOKIE = 'rapport_session';

type SessionConfig = Pick<Config, 'publicUrl' | 'tokenSecrets'>;

/** The signed-in subscriber of this request, if any. */
export function sessionOf(req: FastifyRequest, ctx: Pick<AppContext, 'db'>): Promise<Session | null> {
  return findSession(ctx.db, readCookie(req.headers.cookie, SESSION_COOKIE));
}

/**
 * Lax, not Strict: a digest or sign-in link opened from a webmail is a cross-site navigation, and
 * Strict would arrive signed out. Lax still leaves the cookie off cross-site POSTs, and every form
 * carries a token bound to the session besides (sessionCsrf).
 */
export function sessionCookieHeader(config: Pick<Config, 'publicUrl'>, value: string, maxAgeSeconds = Math.floor(SESSION_TTL_MS / 1000)): string {
  return httpOnlyCookie(SESSION_COOKIE, value, { path: '/', secure: isHttps(config.publicUrl), sameSite: 'Lax', maxAgeSeconds });
}

export const setSessionCookie = (reply: FastifyReply, config: SessionConfig, value: string) => reply.header('set-cookie', sessionCookieHeader(config, value));
export const clearSessionCookie = (reply: FastifyReply, config: SessionConfig) => reply.header('set-cookie', sessionCookieHeader(config, '', 0));

/** The forms of signed-in pages carry an HMAC of the session's id: it dies with the session. */
export const sessionCsrf = (config: SessionConfig, session: Session) => csrfFor(config.tokenSecrets, `session:${session.id}`);
export const checkSessionCsrf = (config: SessionConfig, session: Session, given: unknown) => checkCsrf(config.tokenSecrets, `session:${session.id}`, given);
