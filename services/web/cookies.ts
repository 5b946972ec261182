/** The few cookies Rapport sets are all HttpOnly and SameSite=Strict: scripts and other sites never see them. */

export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export function strictCookie(name: string, value: string, options: { path: string; secure: boolean; maxAgeSeconds?: number }): string {
  return [
    `${name}=${value}`,
    `Path=${options.path}`,
    'HttpOnly',
    'SameSite=Strict',
    options.maxAgeSeconds === undefined ? null : `Max-Age=${options.maxAgeSeconds}`,
    options.secure ? 'Secure' : null,
  ]
    .filter(Boolean)
    .join('; ');
}

/** Secure cookies only travel over https, so they are set only where the public address is https. */
export const isHttps = (publicUrl: string) => publicUrl.startsWith('https:');
