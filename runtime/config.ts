import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Every setting Rapport reads from the environment, parsed once. Defaults make a fresh clone run
 * against the local Postgres and Redis; production overrides them. A bad value stops the process at
 * start with a message naming the variable, instead of failing later in some request.
 */

const port = z.coerce.number().int().min(1).max(65535);
const url = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((value) => protocols.some((p) => value.startsWith(`${p}:`)), {
      message: `must start with ${protocols.map((p) => `${p}:`).join(' or ')}`,
    });
const positiveInt = z.coerce.number().int().positive();

/** The development values a fresh clone runs on; production refuses them (see productionProblems). */
export const DEV_TOKEN_SECRET = 'dev-only-token-secret-change-me-0123456789';
export const DEV_ADMIN_TOKEN = 'dev-admin-token-change-me';
export const DEV_SUPPRESSION_SECRET = 'dev-only-suppression-secret-change-me-0123';
/** Production secrets are at least this long: a 32-character random string is far beyond guessing. */
export const PRODUCTION_SECRET_MIN = 32;

const schema = z.object({
  /**
   * Left unset, Rapport runs as in development (local defaults) but does not serve the dev
   * mailbox: that needs NODE_ENV=development (or test) said out loud.
   */
  NODE_ENV: z.enum(['development', 'test', 'production']).optional(),
  DATABASE_URL: url(['postgres', 'postgresql']).default('postgres://postgres@127.0.0.1:5432/rapport'),
  REDIS_URL: url(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
  /** BullMQ key prefix, so tests, the demo and production never share queues on one Redis. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/, 'letters, digits, _ and - only (no ":")')
    .default('rapport'),
  SMTP_URL: url(['smtp', 'smtps']).optional(),
  /** How long an SMTP server may stay silent before the attempt fails and is retried. */
  SMTP_TIMEOUT_MS: positiveInt.default(30_000),
  PUBLIC_URL: url(['http', 'https']).default('http://localhost:3000'),
  MAIL_FROM: z.string().min(3).default('Rapport <digest@rapport.localhost>'),
  INBOUND_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, 'a bare domain such as reply.example.com')
    .default('reply.rapport.localhost'),
  /**
   * Comma-separated secrets for signing links, newest first. Tokens are signed with the first and
   * verified against all, so a rotated-out secret keeps old links valid until they expire.
   */
  TOKEN_SECRETS: z
    .string()
    .default(DEV_TOKEN_SECRET)
    .transform((value) => value.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().min(32, 'each secret needs at least 32 characters')).min(1)),
  /**
   * Key of the HMAC under which suppressed addresses are kept (never in clear, so an erased
   * subscriber's address does not outlive the erasure). Changing it forgets every suppression.
   */
  SUPPRESSION_SECRET: z.string().min(32, 'at least 32 characters').default(DEV_SUPPRESSION_SECRET),
  ADMIN_TOKEN: z.string().min(16, 'at least 16 characters').default(DEV_ADMIN_TOKEN),
  /**
   * Which clients may set X-Forwarded-For: a hop count (1 = the one proxy in front), or a
   * comma-separated list of addresses, CIDR ranges and the names loopback, linklocal, uniquelocal.
   * Unset or 0: nobody; the client address is the socket's.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .optional()
    .transform((value, issue) => {
      const parsed = parseTrustProxy(value);
      if (parsed instanceof Error) {
        issue.addIssue({ code: 'custom', message: parsed.message });
        return z.NEVER;
      }
      return parsed;
    }),
  /** Shared secret of the inbound-mail webhook (raw MIME POSTs); the route is off when unset. */
  INBOUND_WEBHOOK_SECRET: z.string().min(24, 'at least 24 characters').optional(),
  /**
   * authserv-id of the MTA or inbound provider in front of us whose Authentication-Results header
   * decides whether a reply's sender is genuine (RFC 8601). Unset: the mx checks DKIM, SPF and DMARC
   * itself, and webhook mail counts as not verified.
   */
  INBOUND_TRUSTED_AUTHSERV_ID: z.string().regex(/^[a-z0-9._-]+$/i, 'a host name such as mx.example.net').optional(),
  /**
   * Comma-separated addresses and CIDR ranges of the MTAs that hand mail to our mx and whose
   * Authentication-Results (INBOUND_TRUSTED_AUTHSERV_ID) the mx believes. Unset: none; the mx
   * checks every message itself, whatever header a connecting client wrote.
   */
  INBOUND_TRUSTED_RELAYS: z
    .string()
    .trim()
    .optional()
    .transform((value, issue) => {
      const entries = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const bad = entries.filter((entry) => !isAddressOrRange(entry));
      if (bad.length) {
        issue.addIssue({ code: 'custom', message: `addresses and CIDR ranges such as 10.0.0.5,192.0.2.0/24 (not understood: ${bad.join(', ')})` });
        return z.NEVER;
      }
      return entries;
    }),
  WEB_PORT: port.default(3000),
  WEB_HOST: z.string().default('127.0.0.1'),
  MX_PORT: port.default(2525),
  MX_HOST: z.string().default('127.0.0.1'),
  /** Dev mailbox and spooled uploads live here. */
  VAR_DIR: z.string().default('var'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_UPLOAD_MB: positiveInt.default(200),
  EMAIL_RATE_PER_SECOND: positiveInt.default(50),
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(20_000),
  /** Heap of the import worker process (node --max-old-space-size), which runs apart from digests and email. */
  IMPORT_HEAP_MB: positiveInt.default(768),
  /** BullMQ lock and stalled-check interval of import jobs: how soon an import whose process died is noticed. */
  IMPORT_LOCK_MS: positiveInt.default(30_000),
  /** DKIM signing, all three or none. The key is PEM text (\\n allowed for newlines). */
  DKIM_DOMAIN: z.string().regex(/^[a-z0-9.-]+$/i, 'a bare domain').optional(),
  DKIM_SELECTOR: z.string().regex(/^[a-z0-9._-]+$/i, 'a DNS label such as rapport2026').optional(),
  DKIM_PRIVATE_KEY: z
    .string()
    .transform((key) => key.replace(/\\n/g, '\n'))
    .refine((key) => key.includes('PRIVATE KEY-----'), 'must be a PEM private key')
    .optional(),
});

type Env = z.infer<typeof schema>;

const proxyNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** A CIDR range or a single address, IPv4 or IPv6. */
function isAddressOrRange(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** TRUST_PROXY as Fastify's trustProxy takes it: false, a hop count, or a list of addresses. */
export function parseTrustProxy(value: string | undefined): false | number | string[] | Error {
  if (value === undefined || value === '') return false;
  if (/^\d+$/.test(value)) return Number(value) === 0 ? false : Number(value);
  const entries = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = entries.filter((entry) => !proxyNames.has(entry) && !isAddressOrRange(entry));
  if (bad.length || !entries.length) {
    return new Error(`a hop count such as 1, or addresses and CIDR ranges such as 10.0.0.0/8,127.0.0.1 (not understood: ${bad.join(', ') || value})`);
  }
  return entries;
}

/**
 * A production process must not run on secrets anyone can read in this repository: each is
 * refused when it is a built-in default, a sample value (they all say "change-me") or short.
 */
function productionProblems(e: Env): string[] {
  const problems: string[] = [];
  const weak = (value: string, builtIn: string) => value === builtIn || /change-?me/i.test(value) || value.length < PRODUCTION_SECRET_MIN;
  if (e.TOKEN_SECRETS.some((secret) => weak(secret, DEV_TOKEN_SECRET))) {
    problems.push(`  TOKEN_SECRETS: in production every secret must be your own random value of at least ${PRODUCTION_SECRET_MIN} characters, not the development default or a sample`);
  }
  if (weak(e.ADMIN_TOKEN, DEV_ADMIN_TOKEN)) {
    problems.push(`  ADMIN_TOKEN: in production it must be your own random value of at least ${PRODUCTION_SECRET_MIN} characters, not the development default or a sample`);
  }
  if (weak(e.SUPPRESSION_SECRET, DEV_SUPPRESSION_SECRET)) {
    problems.push(`  SUPPRESSION_SECRET: in production it must be your own random value of at least ${PRODUCTION_SECRET_MIN} characters, not the development default or a sample (set it once: changing it forgets every suppression)`);
  }
  if (e.INBOUND_WEBHOOK_SECRET && weak(e.INBOUND_WEBHOOK_SECRET, '')) {
    problems.push(`  INBOUND_WEBHOOK_SECRET: in production it must be your own random value of at least ${PRODUCTION_SECRET_MIN} characters, not a sample`);
  }
  return problems;
}

export interface Config {
  env: NonNullable<Env['NODE_ENV']>;
  /**
   * Development said out loud (NODE_ENV=development or test): only then are the dev mailbox and its
   * reply form served, since they show every email with its links to whoever asks.
   */
  devMode: boolean;
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  smtpUrl: string | null;
  smtpTimeoutMs: number;
  publicUrl: string;
  mailFrom: string;
  inboundDomain: string;
  tokenSecrets: string[];
  suppressionSecret: string;
  adminToken: string;
  /** Fastify's trustProxy: false (nobody), a hop count or trusted proxy addresses. */
  trustProxy: false | number | string[];
  inboundWebhookSecret: string | null;
  inboundTrustedAuthservId: string | null;
  /** Addresses and CIDR ranges whose Authentication-Results the mx believes; empty: nobody's. */
  inboundTrustedRelays: string[];
  web: { host: string; port: number };
  mx: { host: string; port: number };
  varDir: string;
  logLevel: Env['LOG_LEVEL'];
  maxUploadBytes: number;
  emailRatePerSecond: number;
  shutdownTimeoutMs: number;
  importHeapMb: number;
  importLockMs: number;
  dkim: { domainName: string; keySelector: string; privateKey: string } | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  // Empty strings count as unset, as in most .env tooling.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = result.data;
  const dkimParts = [e.DKIM_DOMAIN, e.DKIM_SELECTOR, e.DKIM_PRIVATE_KEY].filter(Boolean).length;
  if (dkimParts !== 0 && dkimParts !== 3) {
    throw new ConfigError('Invalid configuration:\n  DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY: set all three to sign mail, or none');
  }
  if (e.NODE_ENV === 'production') {
    const problems = productionProblems(e);
    if (problems.length) throw new ConfigError(`Refusing to start in production with development or weak secrets:\n${problems.join('\n')}`);
  }
  return Object.freeze({
    env: e.NODE_ENV ?? 'development',
    devMode: e.NODE_ENV === 'development' || e.NODE_ENV === 'test',
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    smtpUrl: e.SMTP_URL ?? null,
    smtpTimeoutMs: e.SMTP_TIMEOUT_MS,
    publicUrl: e.PUBLIC_URL.replace(/\/+$/, ''),
    mailFrom: e.MAIL_FROM,
    inboundDomain: e.INBOUND_DOMAIN,
    tokenSecrets: e.TOKEN_SECRETS,
    suppressionSecret: e.SUPPRESSION_SECRET,
    adminToken: e.ADMIN_TOKEN,
    trustProxy: e.TRUST_PROXY,
    inboundWebhookSecret: e.INBOUND_WEBHOOK_SECRET ?? null,
    inboundTrustedAuthservId: e.INBOUND_TRUSTED_AUTHSERV_ID ?? null,
    inboundTrustedRelays: e.INBOUND_TRUSTED_RELAYS ?? [],
    web: { host: e.WEB_HOST, port: e.WEB_PORT },
    mx: { host: e.MX_HOST, port: e.MX_PORT },
    varDir: e.VAR_DIR,
    logLevel: e.LOG_LEVEL,
    maxUploadBytes: e.MAX_UPLOAD_MB * 1024 * 1024,
    emailRatePerSecond: e.EMAIL_RATE_PER_SECOND,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    importHeapMb: e.IMPORT_HEAP_MB,
    importLockMs: e.IMPORT_LOCK_MS,
    dkim: e.DKIM_DOMAIN && e.DKIM_SELECTOR && e.DKIM_PRIVATE_KEY
      ? { domainName: e.DKIM_DOMAIN, keySelector: e.DKIM_SELECTOR, privateKey: e.DKIM_PRIVATE_KEY }
      : null,
  });
}

let cached: Config | undefined;

/** The process's configuration, parsed on first use. */
export function loadConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
