import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskEmails } from '../../services/logging/logger.ts';

describe('maskEmails', () => {
  it('hides addresses and link tokens in free text', () => {
    expect(maskEmails('could not send to jane.doe+x@example.co.uk today')).toBe('could not send to [email] today');
    const token = 'abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopq';
    expect(maskEmails(`GET /a/${token}?item=2`)).toBe('GET /a/[token]?item=2');
    expect(maskEmails(`POST /preferences/${token}/pause`)).toBe('POST /preferences/[token]/pause');
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
