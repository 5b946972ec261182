/**
 * Hostile HTTP: tampered link tokens, forms without (or with someone else's) CSRF field, bodies of
 * the wrong type or size, multiparts with too many parts, odd methods and traversal paths.
 */
import { randomBytes } from 'node:crypto';

const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';

/** Replaces the character at `index` with another base32 character. */
export function flipAt(token: string, index: number): string {
  const at = index < 0 ? token.length + index : index;
  const current = token.charAt(at);
  const next = alphabet[(alphabet.indexOf(current) + 1) % alphabet.length]!;
  return token.slice(0, at) + next + token.slice(at + 1);
}

/**
 * Ways to break a valid token. Each result is a path segment (already URL-encoded where needed);
 * `otherKind` is a valid token of another scope for the same subscriber.
 */
export function tokenMutations(valid: string, otherKind: string): Array<[string, string]> {
  return [
    ['last MAC character changed', flipAt(valid, -1)],
    ['one character of the random part changed', flipAt(valid, 10)],
    ['key id changed', flipAt(valid, 0)],
    ['truncated by one character', valid.slice(0, -1)],
    ['one character too long', `${valid}a`],
    ['non-base32 characters (0 1 8 9)', `${valid.slice(0, 20)}0189${valid.slice(24)}`],
    ['Cyrillic look-alike letter', encodeURIComponent(`${valid.slice(0, 5)}\u0430${valid.slice(6)}`)],
    ['a 10 KB token', 'a'.repeat(10_240)],
    ['URL-encoded NUL, CR and LF appended', `${valid}%00%0d%0a`],
    ['SQL-looking token', encodeURIComponent("' OR '1'='1' --")],
    ['encoded path traversal', '..%2f..%2f..%2fetc%2fpasswd'],
    ['a valid token of another kind', otherKind],
  ];
}

export const form = (fields: Record<string, string | string[]>, cookie?: string) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) params.append(key, v);
  return {
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    payload: params.toString(),
  };
};

export const json = (value: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: typeof value === 'string' ? value : JSON.stringify(value) });

export interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  contentType?: string;
}

/** A multipart/form-data body, parts in the order given. */
export function multipart(parts: Part[], options: { accept?: string; boundary?: string; omitBoundaryParam?: boolean } = {}) {
  const boundary = options.boundary ?? `----hostile${randomBytes(6).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
    const type = part.contentType ?? (part.filename !== undefined ? 'application/octet-stream' : undefined);
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`));
    chunks.push(typeof part.value === 'string' ? Buffer.from(part.value) : part.value);
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    headers: {
      'content-type': options.omitBoundaryParam ? 'multipart/form-data' : `multipart/form-data; boundary=${boundary}`,
      ...(options.accept ? { accept: options.accept } : {}),
    },
    payload: Buffer.concat(chunks),
  };
}

/** `count` small text fields named f0, f1, … */
export const manyFields = (count: number): Part[] => Array.from({ length: count }, (_, i) => ({ name: `f${i}`, value: 'x' }));

/** Paths that try to climb out of a route's folder or parameter. */
export function traversalPaths(valid: { action: string; upload: string; digest: string }): string[] {
  return [
    '/static/..%2f..%2f..%2fpackage.json',
    '/static/%2e%2e/%2e%2e/%2e%2e/package.json',
    '/static/....//....//package.json',
    '/dev/mailbox/..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/dev/mailbox/..%2f..%2fpackage.json/raw',
    '/dev/mailbox/%2e%2e%2f%2e%2e%2f.env/raw',
    '/dev/mailbox/..%5c..%5cpackage.json/reply',
    `/upload/${valid.upload}/status/..%2f..%2f..%2fetc%2fpasswd`,
    `/upload/${valid.upload}/status/00000000-0000-0000-0000-000000000000%2f..`,
    `/a/${valid.action}/..%2f..%2fadmin`,
    `/my-data/${valid.digest}/..%2f..%2f..%2fetc%2fpasswd`,
    '/admin/queues/..%2f..%2f..%2fpackage.json',
    '/%2e%2e/%2e%2e/etc/passwd',
  ];
}

/** Text that would show a file or secret leaked through a traversal. */
export const LEAKED_FILE = /root:x:0:0|"name":\s*"rapport"|TOKEN_SECRETS|DATABASE_URL|import \{|export (?:async )?function/;
