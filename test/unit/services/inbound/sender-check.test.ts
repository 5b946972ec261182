import { describe, expect, it } from 'vitest';
import { checkAtMx, checkAtWebhook, checkFromAuthenticationResults, checkOnArrival, relayList } from '../../../../services/inbound/sender-check.ts';
import { dkimSigned, stubResolver, UNPUBLISHED_KEY } from '../../../../dev/mail-auth.ts';

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
  it('passes only on dmarc=pass for header.from equal to the From domain', () => {
    expect(checkAtWebhook(message('jane@example.com', `Authentication-Results: ${id}; dmarc=pass header.from=example.com\r\n`), id).verdict).toBe('pass');
    expect(checkAtWebhook(message('jane@example.com', `Authentication-Results: ${id}; dmarc=pass header.from=evil.example\r\n`), id).verdict).toBe('fail');
    expect(checkAtWebhook(message('jane@example.com', `Authentication-Results: ${id}; dmarc=pass\r\n`), id).verdict).toBe('fail');
    expect(checkAtWebhook(message('jane@mail.example.com', `Authentication-Results: ${id}; dkim=pass header.d=example.com; dmarc=none\r\n`), id).verdict).toBe('fail');
    expect(checkAtWebhook(message('jane@example.com', `Authentication-Results: ${id}; dkim=pass header.d=evil.example; dmarc=none\r\n`), id).verdict).toBe('fail');
  });
  it('reads "dmarc=pass" inside a comment or a quoted local-part as text, not as a result (RFC 8601 grammar)', () => {
    const header =
      `Authentication-Results: ${id}; spf=pass (${id}: domain of "x;dmarc=pass"@example.com designates 192.0.2.1 as permitted sender) ` +
      `smtp.mailfrom="x;dmarc=pass"@example.com; dmarc=fail header.from=example.com\r\n`;
    expect(checkAtWebhook(message('jane@example.com', header), id).verdict).toBe('fail');
    const inComment = `Authentication-Results: ${id}; dkim=none (not signed; dmarc=pass header.from=example.com)\r\n`;
    expect(checkAtWebhook(message('jane@example.com', inComment), id).verdict).toBe('fail');
  });
  it('tells whether SPF vouched, and which recipients the passing signature covers', async () => {
    const signed = (await dkimSigned(message('jane@example.com'))).toString();
    const b = /\bb=([A-Za-z0-9+/]{12})/.exec(signed.replace(/\r\n\s+/g, ''))![1]!;
    const check = checkAtWebhook(Buffer.from(`Authentication-Results: ${id}; dkim=pass header.d=example.com header.b=${b}; spf=fail smtp.mailfrom=evil.example; dmarc=pass header.from=example.com\r\n${signed}`), id);
    expect(check).toMatchObject({ verdict: 'pass', spfAligned: false, signedRecipients: ['reply+x@reply.rapport.localhost'] });
    const spf = checkAtWebhook(message('jane@example.com', `Authentication-Results: ${id}; spf=pass smtp.mailfrom=jane@example.com; dmarc=pass header.from=example.com\r\n`), id);
    expect(spf).toMatchObject({ verdict: 'pass', spfAligned: true, signedRecipients: [] });
  });
  it('fails two From addresses whatever the header says', () => {
    expect(checkAtWebhook(message('jane@example.com, mallory@evil.example', `Authentication-Results: ${id}; dmarc=pass header.from=example.com\r\n`), id)).toMatchObject({ verdict: 'fail', reason: 'the message names more than one sender' });
  });
});

describe('Authentication-Results at the mx', () => {
  const id = 'mx.trusted.example';
  const claimed = message('jane@example.com', `Authentication-Results: ${id}; dmarc=pass header.from=example.com\r\n`);
  it('believes the header only from a configured relay address', async () => {
    const relays = relayList(['192.0.2.0/24', '2001:db8::5']);
    expect((await checkAtMx(claimed, arrival('jane@example.com'), { authservId: id, relays })).verdict).toBe('pass');
    expect((await checkAtMx(claimed, { ...arrival('jane@example.com'), ip: '::ffff:192.0.2.77' }, { authservId: id, relays })).verdict).toBe('pass');
    expect((await checkAtMx(claimed, { ...arrival('jane@example.com'), ip: '198.51.100.9' }, { authservId: id, relays })).verdict).toBe('fail');
    expect((await checkAtMx(claimed, arrival('jane@example.com'), { authservId: id, relays: relayList([]) })).verdict).toBe('fail');
  });
});
