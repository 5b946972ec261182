import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskEmails } from '../../../runtime/logger.ts';

describe('maskEmails', () => {
  it('hides addresses and link tokens in free text', () => {
    expect(maskEmails('could not send to jane.doe+x@example.co.uk today')).toBe('could not send to [email] today');
    const token = 'abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopq';
    expect(maskEmails(`GET /a/${token}?item=2`)).toBe('GET /a/[token]?item=2');
    expect(maskEmails(`POST /preferences/${token}/pause`)).toBe('POST /preferences/[token]/pause');
  });

  it('hides a token wherever it sits: lengthened, after an encoded slash, in capitals, percent-encoded', () => {
    const token = 'abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopq';
    expect(maskEmails(`GET /a/${token}a`)).toBe('GET /a/[token]');
    expect(maskEmails(`GET /a/..%2f${token}`)).toBe('GET /a/..[token]');
    expect(maskEmails(`GET /a/..%2F${token.toUpperCase()}`)).toBe('GET /a/..[token]');
    expect(maskEmails(`GET /a/%61${token.slice(1)}`)).toBe('GET /a/[token]');
    expect(maskEmails(`reply+${token}@reply.example`)).toBe('[email]');
    expect(maskEmails(`GET /dev/mailbox/2026-12-03T09-00-00-000Z-digest-5f3e2a_rapport.eml`)).toBe('GET /dev/mailbox/2026-12-03T09-00-00-000Z-digest-5f3e2a_rapport.eml');
  });

  it('leaves text without personal data alone', () => {
    expect(maskEmails('imported 300 connections')).toBe('imported 300 connections');
  });
});

describe('createLogger', () => {
  it('redacts address and token fields and masks addresses in messages', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger('test', 'info', sink);
    log.info({ email: 'jane@example.com', job: { to: 'sam@example.org', token: 'abc' } }, 'sent digest to jane@example.com');
    log.warn(new Error('550 rejected for jane@example.com'));
    const output = lines.join('');
    expect(output).not.toContain('example.com');
    expect(output).not.toContain('example.org');
    expect(output).not.toContain('"abc"');
    expect(output).toContain('[redacted]');
    expect(output).toContain('sent digest to [email]');
  });
});
