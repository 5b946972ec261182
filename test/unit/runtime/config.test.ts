import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_ADMIN_TOKEN, DEV_SUPPRESSION_SECRET, DEV_TOKEN_SECRET, parseConfig } from '../../../runtime/config.ts';

const strong = {
  TOKEN_SECRETS: 'prod-secret-with-enough-randomness-4f9a1c2e',
  ADMIN_TOKEN: 'prod-admin-token-with-enough-randomness-77',
  SUPPRESSION_SECRET: 'prod-suppression-key-with-enough-randomness-31',
};

describe('parseConfig', () => {
  it('runs on local defaults with an empty environment', () => {
    const config = parseConfig({});
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/rapport');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.smtpUrl).toBeNull();
    expect(config.web.port).toBe(3000);
    expect(config.maxUploadBytes).toBe(200 * 1024 * 1024);
    expect(config.tokenSecrets).toHaveLength(1);
  });

  it('treats empty strings as unset', () => {
    expect(parseConfig({ SMTP_URL: '', WEB_PORT: '' }).smtpUrl).toBeNull();
  });

  it.each([
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['REDIS_URL', 'not a url'],
    ['WEB_PORT', '70000'],
    ['SMTP_URL', 'http://mail.example.com'],
    ['PUBLIC_URL', 'ftp://example.com'],
    ['TOKEN_SECRETS', 'short'],
    ['ADMIN_TOKEN', 'tiny'],
    ['QUEUE_PREFIX', 'has:colon'],
    ['INBOUND_DOMAIN', 'reply@example.com'],
    ['LOG_LEVEL', 'loud'],
    ['MAX_UPLOAD_MB', '-3'],
  ])('rejects a bad %s with a message naming it', (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  it('splits rotated token secrets, newest first', () => {
    const a = 'a'.repeat(32);
    const b = 'b'.repeat(40);
    expect(parseConfig({ TOKEN_SECRETS: `${a}, ${b}` }).tokenSecrets).toEqual([a, b]);
  });

  it('drops a trailing slash from PUBLIC_URL so links never get a double slash', () => {
    expect(parseConfig({ PUBLIC_URL: 'https://rapport.example/' }).publicUrl).toBe('https://rapport.example');
  });

  describe('in production', () => {
    it.each([
      ['the defaults', {}, ['TOKEN_SECRETS', 'ADMIN_TOKEN', 'SUPPRESSION_SECRET']],
      ['the development suppression key', { ...strong, SUPPRESSION_SECRET: DEV_SUPPRESSION_SECRET }, ['SUPPRESSION_SECRET']],
      ['the development values spelled out', { TOKEN_SECRETS: DEV_TOKEN_SECRET, ADMIN_TOKEN: DEV_ADMIN_TOKEN }, ['TOKEN_SECRETS', 'ADMIN_TOKEN']],
      ['the docker-compose samples', { TOKEN_SECRETS: 'compose-only-token-secret-change-me-0123456789', ADMIN_TOKEN: 'compose-only-admin-token-change-me', SUPPRESSION_SECRET: 'compose-only-suppression-secret-change-me-0123' }, ['TOKEN_SECRETS', 'ADMIN_TOKEN', 'SUPPRESSION_SECRET']],
      ['a short admin token', { ...strong, ADMIN_TOKEN: 'sixteen-chars-ok' }, ['ADMIN_TOKEN']],
      ['a rotated-out development secret', { ...strong, TOKEN_SECRETS: `${strong.TOKEN_SECRETS},${DEV_TOKEN_SECRET}` }, ['TOKEN_SECRETS']],
      ['a sample webhook secret', { ...strong, INBOUND_WEBHOOK_SECRET: 'change-me-change-me-change-me-123' }, ['INBOUND_WEBHOOK_SECRET']],
    ])('refuses to start with %s, naming each variable', (_what, env, names) => {
      const attempt = () => parseConfig({ NODE_ENV: 'production', ...env });
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(/Refusing to start in production/);
      for (const name of names) expect(attempt).toThrow(new RegExp(`${name}: in production`));
    });

    it('starts with secrets of its own, and is not development', () => {
      const config = parseConfig({ NODE_ENV: 'production', ...strong });
      expect(config.env).toBe('production');
      expect(config.devMode).toBe(false);
    });
  });

  it('is in development mode only when NODE_ENV says so', () => {
    expect(parseConfig({ NODE_ENV: 'development' }).devMode).toBe(true);
    expect(parseConfig({ NODE_ENV: 'test' }).devMode).toBe(true);
    expect(parseConfig({}).devMode).toBe(false);
    expect(parseConfig({}).env).toBe('development');
  });

  it.each([
    [undefined, false],
    ['0', false],
    ['2', 2],
    ['127.0.0.1', ['127.0.0.1']],
    ['10.0.0.0/8, 192.168.1.1 ,::1', ['10.0.0.0/8', '192.168.1.1', '::1']],
    ['loopback,uniquelocal', ['loopback', 'uniquelocal']],
    ['fd00::/8', ['fd00::/8']],
  ])('reads TRUST_PROXY=%s as %j', (value, expected) => {
    expect(parseConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each(['true', 'everyone', '10.0.0.0/33', '300.1.1.1', '10.0.0.1/8/2', '-1', ','])('rejects TRUST_PROXY=%s with a message naming it', (value) => {
    expect(() => parseConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY: a hop count/);
  });

  it('trusts no relay by default, and reads INBOUND_TRUSTED_RELAYS as addresses and CIDR ranges', () => {
    expect(parseConfig({}).inboundTrustedRelays).toEqual([]);
    expect(parseConfig({ INBOUND_TRUSTED_RELAYS: '10.0.0.5, 192.0.2.0/24,2001:db8::/32' }).inboundTrustedRelays).toEqual(['10.0.0.5', '192.0.2.0/24', '2001:db8::/32']);
    expect(() => parseConfig({ INBOUND_TRUSTED_RELAYS: 'mx.example.net' })).toThrow(/INBOUND_TRUSTED_RELAYS: addresses and CIDR ranges/);
  });
});
