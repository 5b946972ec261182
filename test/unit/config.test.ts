import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../services/config/config.ts';

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
});
