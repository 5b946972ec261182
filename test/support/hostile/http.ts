/**
 * Hostile HTTP: tampered link tokens, forms without (or with someone else's) CSRF field, bodies of
 * the wrong type or size, multiparts with too many parts, odd methods and traversal paths.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';

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

/**
 * Spellings of one link the verifier accepts (it lower-cases and trims): mixed case and
 * surrounding spaces, each a path segment. A limiter keyed on the raw path gave each its own bucket.
 */
export function caseVariants(token: string, count: number): string[] {
  const variants = new Set<string>();
  for (let i = 1; variants.size < count && i <= token.length; i++) {
    // Variant i capitalises every letter whose position is a multiple of i (i = 1: all of them).
    const cased = [...token].map((c, j) => (j % i === 0 ? c.toUpperCase() : c)).join('');
    variants.add(cased);
    if (variants.size < count) variants.add(`%20${cased}%20`);
  }
  return [...variants];
}

/**
 * Paths that carry a real token without being a valid link: the token with a letter more, behind
 * an encoded traversal, in capitals, percent-encoded, or glued to other words. Logs must mask
 * the token in every one.
 */
export function malformedTokenPaths(token: string): string[] {
  return [
    `/a/${token}a`,
    `/a/..%2f${token}`,
    `/a/${token.toUpperCase()}`,
    `/u/%20${token}`,
    `/a/%${token.charCodeAt(0).toString(16)}${token.slice(1)}`,
    `/upload/${token}/status/x${token}y`,
    `/a/${[...token].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('')}`,
    `/nowhere?next=${token}${token}`,
  ];
}

/** One client, many claimed addresses: what X-Forwarded-For says when nobody checks who sent it. */
export const forgedForwardedFor = (count: number): string[] => Array.from({ length: count }, (_, i) => `203.0.113.${(i % 250) + 1}, 198.51.100.${i % 250}`);

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

export interface RawBodyResult {
  /** The status line's code, or 0 when the server closed without answering. */
  status: number;
  /** Body bytes the socket accepted before the answer came (or the server closed). */
  bytesSent: number;
  /** The answer as received, head and body. */
  answer: string;
  ms: number;
}

/**
 * Sends a request over a raw socket to 127.0.0.1 and keeps feeding it body bytes (honouring
 * backpressure) until the server answers or closes, or `maxBytes` have gone: what a client that
 * declares or streams a huge body sees, and how much the server let it send first.
 * `declaredLength` sets Content-Length; without it the body is chunked.
 */
export async function sendHugeBody(
  port: number,
  options: { path: string; contentType: string; declaredLength?: number; prefix?: Buffer; maxBytes: number; headers?: Record<string, string> },
): Promise<RawBodyResult> {
  const started = performance.now();
  const socket = net.connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const chunked = options.declaredLength === undefined;
  const head = [
    `POST ${options.path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    `Content-Type: ${options.contentType}`,
    chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${options.declaredLength}`,
    ...Object.entries(options.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    '',
    '',
  ].join('\r\n');
  let answer = '';
  let finished = false;
  const done = new Promise<void>((resolve) => {
    socket.on('data', (data) => {
      answer += String(data);
      if (/^HTTP\/1\.1 \d{3}/.test(answer)) {
        finished = true;
        resolve();
      }
    });
    socket.on('close', () => {
      finished = true;
      resolve();
    });
    socket.on('error', () => {
      finished = true;
      resolve();
    });
  });
  socket.write(head);
  let bytesSent = 0;
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const frame = (data: Buffer) => (chunked ? Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')]) : data);
  if (options.prefix) {
    socket.write(frame(options.prefix));
    bytesSent += options.prefix.length;
  }
  while (!finished && bytesSent < options.maxBytes) {
    const flushed = socket.write(frame(chunk));
    bytesSent += chunk.length;
    if (!flushed) await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), done]);
    else await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  socket.destroy();
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
  return { status, bytesSent, answer, ms: performance.now() - started };
}

/**
 * What a browser says about a POST sent from a page on another site (issue #13, login CSRF: the
 * attacker's page auto-submits the attacker's own sign-in link). One header set per kind of browser
 * and trick; every one must be refused whatever token and form value the post carries.
 */
export function otherSiteHeaders(publicUrl: string): Array<[string, Record<string, string>]> {
  const ours = new URL(publicUrl);
  const otherScheme = `${ours.protocol === 'https:' ? 'http:' : 'https:'}//${ours.host}`;
  return [
    ['a current browser on another site', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }],
    ['Fetch Metadata without an Origin', { 'sec-fetch-site': 'cross-site' }],
    ['cross-site, with our Origin forged in (only a non-browser could, but still no)', { 'sec-fetch-site': 'cross-site', origin: ours.origin }],
    ['an older browser: Origin only', { origin: 'https://evil.example' }],
    ['Origin null (a sandboxed frame, a data: page)', { origin: 'null' }],
    ['a sibling site (same-site, its own Origin)', { 'sec-fetch-site': 'same-site', origin: `${ours.protocol}//mail.${ours.hostname}` }],
    ['a look-alike Origin that starts like ours', { origin: `${ours.origin}.evil.example` }],
    ['our host under the other scheme', { origin: otherScheme }],
  ];
}

/** What our own pages, and clients that are not browsers, send: all of these must keep working. */
export function ownSiteHeaders(publicUrl: string): Array<[string, Record<string, string>]> {
  const ours = new URL(publicUrl).origin;
  return [
    ['a current browser on our page', { 'sec-fetch-site': 'same-origin', origin: ours }],
    ['our page reached under another host name (development, the browser tests)', { 'sec-fetch-site': 'same-origin', origin: 'http://127.0.0.1:5999' }],
    ['an older browser on our page', { origin: ours }],
    ['typed or bookmarked', { 'sec-fetch-site': 'none' }],
    ['no header at all (curl, a mail provider’s server)', {}],
  ];
}
