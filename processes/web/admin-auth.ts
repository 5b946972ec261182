import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../runtime/config.ts';
import { isHttps, readCookie, strictCookie } from './kit/cookies.ts';

type AdminConfig = Pick<Config, 'adminToken' | 'tokenSecrets' | 'publicUrl'>;

export const ADMIN_COOKIE = 'rapport_admin';
const SESSION_SECONDS = 12 * 3600;

const sameBytes = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

/** Hashing both sides first gives equal lengths, so the comparison takes the same time for any guess. */
export function adminTokenMatches(config: AdminConfig, given: unknown): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return sameBytes(digest(given), digest(config.adminToken));
}

function sessionMac(secret: string, adminToken: string, expires: number): Buffer {
  return createHmac('sha256', secret).update(`admin-session:${expires}:${adminToken}`).digest();
}

/**
 * The admin cookie holds an expiry and an HMAC over it and the admin token, never the token:
 * a copied cookie stops working at its expiry, and changing ADMIN_TOKEN (or the secrets) ends
 * every session at once.
 */
export function adminSessionValue(config: AdminConfig, now: Date = new Date()): string {
  const expires = Math.floor(now.getTime() / 1000) + SESSION_SECONDS;
  return `${expires}.${sessionMac(config.tokenSecrets[0]!, config.adminToken, expires).toString('base64url')}`;
}

function validSession(config: AdminConfig, value: string | null, now: Date): boolean {
  const match = /^(\d{10})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
  if (!match) return false;
  const expires = Number(match[1]);
  if (expires * 1000 <= now.getTime()) return false;
  const given = Buffer.from(match[2]!, 'base64url');
  return config.tokenSecrets.some((secret) => sameBytes(sessionMac(secret, config.adminToken, expires), given));
}

/** The token of an `Authorization: Bearer …` header, or null when the request carries none. */
export function bearerToken(req: FastifyRequest): string | null {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? null;
}

/** `Authorization: Bearer <ADMIN_TOKEN>` for scripts, or the cookie set by the sign-in form. */
export function isAdmin(req: FastifyRequest, config: AdminConfig, now: Date = new Date()): boolean {
  const bearer = bearerToken(req);
  if (bearer !== null) return adminTokenMatches(config, bearer);
  return validSession(config, adminSession(req), now);
}

export function adminSession(req: FastifyRequest): string | null {
  return readCookie(req.headers.cookie, ADMIN_COOKIE);
}

export function adminSessionCookie(config: AdminConfig, value: string): string {
  return strictCookie(ADMIN_COOKIE, value, { path: '/admin', secure: isHttps(config.publicUrl), maxAgeSeconds: SESSION_SECONDS });
}

export function clearedAdminCookie(config: AdminConfig): string {
  return strictCookie(ADMIN_COOKIE, '', { path: '/admin', secure: isHttps(config.publicUrl), maxAgeSeconds: 0 });
}
