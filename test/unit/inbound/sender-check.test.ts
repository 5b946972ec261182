import { describe, expect, it } from 'vitest';
import { checkAtWebhook, checkFromAuthenticationResults, checkOnArrival } from '../../../services/inbound/sender-check.ts';
import { dkimSigned, stubResolver, UNPUBLISHED_KEY } from '../../support/mail-auth.ts';

const message = (from: string, extra = '') => Buffer.from(`${extra}From: ${from}\r\nTo: reply+x@reply.rapport.localhost\r\nSubject: Re: week\r\nMessage-ID: <m@mail.example.com>\r\n\r\nknown 1\r\n`);
const arrival = (mailFrom: string) => ({ ip: '192.0.2.10', helo: 'mail.example.com', mailFrom, mta: 'reply.rapport.localhost', resolver: stubResolver });

describe('the sender check on arrival (mailauth, stub DNS)', () => {
  it('passes a message signed by the From domain', async () => {
    expect(await checkOnArrival(await dkimSigned(message('Jane <jane@example.com>')), arrival('jane@example.com'))).toMatchObject({ verdict: 'pass', fromDomain: 'example.com', dmarc: 'pass' });
  });
  it.each([
    ['unsigned, envelope from another domain', async () => message('jane@example.com'), 'mallory@evil.example'],
    ['signed with a key the domain never published', async () => dkimSigned(message('jane@example.com'), { key: UNPUBLISHED_KEY }), 'jane@example.com'],
    ['signed, but the body changed afterwards', async () => Buffer.from((await dkimSigned(message('jane@example.com'))).toString().replace('known 1', 'stop')), 'jane@example.com'],
    ['two From addresses', async () => dkimSigned(message('jane@example.com, mallory@evil.example')), 'jane@example.com'],
  ])('fails: %s', async (_label, build, mailFrom) => {
    expect((await checkOnArrival(await build(), arrival(mailFrom))).verdict).toBe('fail');
  });
  it('is unverified, not a crash, when DNS gives errors', async () => {
    const broken = async () => {
      throw Object.assign(new Error('timeout'), { code: 'ETIMEOUT' });
    };
    const check = await checkOnArrival(await dkimSigned(message('jane@example.com')), { ...arrival('jane@example.com'), resolver: broken });
    expect(check.verdict).not.toBe('pass');
  });
});

describe('a trusted MTA\'s Authentication-Results', () => {
  const id = 'mx.provider.example';
  it('takes the topmost header of the trusted authserv-id only', () => {
    const raw = message('jane@example.com', `Authentication-Results: ${id} 1; dkim=fail header.d=example.com; dmarc=fail header.from=example.com\r\nAuthentication-Results: ${id}; dmarc=pass header.from=example.com\r\n`);
    expect(checkFromAuthenticationResults(raw, id)?.verdict).toBe('fail');
  });
  it('ignores headers of any other authserv-id, so the webhook stays not verified', () => {
    const raw = message('jane@example.com', 'Authentication-Results: mx.evil.example; dmarc=pass header.from=example.com\r\n');
    expect(checkFromAuthenticationResults(raw, id)).toBeNull();
    expect(checkAtWebhook(raw, id).verdict).toBe('unverified');
    expect(checkAtWebhook(raw, null).verdict).toBe('unverified');
  });
  it('passes on dmarc=pass, or an aligned dkim=pass where the domain has no DMARC policy', () => {
    expect(checkAtWebhook(message('jane@example.com', `Authentication-Results: ${id}; dmarc=pass header.from=example.com\r\n`), id).verdict).toBe('pass');
    expect(checkAtWebhook(message('jane@mail.example.com', `Authentication-Results: ${id}; dkim=pass header.d=example.com; dmarc=none\r\n`), id).verdict).toBe('pass');
    expect(checkAtWebhook(message('jane@example.com', `Authentication-Results: ${id}; dkim=pass header.d=evil.example; dmarc=none\r\n`), id).verdict).toBe('fail');
  });
  it('fails two From addresses whatever the header says', () => {
    expect(checkAtWebhook(message('jane@example.com, mallory@evil.example', `Authentication-Results: ${id}; dmarc=pass header.from=example.com\r\n`), id)).toMatchObject({ verdict: 'fail', reason: 'the message names more than one sender' });
  });
});
