/**
 * The few cookies Rapport sets are all HttpOnly: scripts never see them. Form and admin cookies are
 * SameSite=Strict; the account session is Lax (see processes/web/session.ts) so that a link opened
 * from a webmail, another site, still arrives signed in, while other sites' POSTs still go without it.
 */

export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

interface CookieOptions {
  path: string;
  secure: boolean;
  maxAgeSeconds?: number;
}

export function strictCookie(name: string, value: string, options: CookieOptions): string {
  return httpOnlyCookie(name, value, { ...options, sameSite: 'Strict' });
}

export function httpOnlyCookie(name: string, value: string, options: CookieOptions & { sameSite: 'Strict' | 'Lax' }): string {
  return [
    `${name}=${value}`,
    `Path=${options.path}`,
    'HttpOnly',
    `SameSite=${options.sameSite}`,
    options.maxAgeSeconds === undefined ? null : `Max-Age=${options.maxAgeSeconds}`,
    options.secure ? 'Secure' : null,
  ]
    .filter(Boolean)
    .join('; ');
}

/** Secure cookies only travel over https, so they are set only where the public address is https. */
export const isHttps = (publicUrl: string) => publicUrl.startsWith('https:');
