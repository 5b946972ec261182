import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../runtime/config.ts';
import { readCookie, isHttps, strictCookie } from './cookies.ts';
import { checkCsrf, csrfFor } from './csrf.ts';

const COOKIE = 'rapport_form';
const cookieValue = /^[A-Za-z0-9_-]{22}$/;

type FormConfig = Pick<Config, 'tokenSecrets' | 'publicUrl'>;

/**
 * CSRF protection for the forms reached without a link token (sign-up, admin sign-in): OWASP's
 * signed double-submit cookie. A random value lives in an HttpOnly, SameSite=Strict session cookie
 * and the form carries an HMAC of it; another site can neither read the cookie nor have the browser
 * send it with a cross-site POST. Returns the form field's value, setting the cookie when missing.
 */
export function formCsrf(req: FastifyRequest, reply: FastifyReply, config: FormConfig): string {
  let id = readCookie(req.headers.cookie, COOKIE);
  if (!id || !cookieValue.test(id)) {
    id = randomBytes(16).toString('base64url');
    reply.header('set-cookie', strictCookie(COOKIE, id, { path: '/', secure: isHttps(config.publicUrl) }));
  }
  return csrfFor(config.tokenSecrets, `form:${id}`);
}

export function checkFormCsrf(req: FastifyRequest, config: FormConfig, given: unknown): boolean {
  const id = readCookie(req.headers.cookie, COOKIE);
  return id !== null && cookieValue.test(id) && checkCsrf(config.tokenSecrets, `form:${id}`, given);
}
