/**
 * Sender authentication without DNS (this machine has none): a test DKIM key for the subscribers'
 * domain example.com, published through a stub resolver that the mx is given, so replies in tests
 * are verified exactly as real ones are. example.com also publishes a DMARC policy (p=reject) and
 * an SPF record that authorises nobody, so only a valid DKIM signature of example.com passes.
 */
import { generateKeyPairSync } from 'node:crypto';
import { dkimSign, type DNSResolver } from 'mailauth';

export const SIGNED_DOMAIN = 'example.com';
const SELECTOR = 'test2026';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'der' },
});

/** Another key nobody published: a signature with it claims example.com and fails. */
export const UNPUBLISHED_KEY = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;

/** For nodemailer's `dkim` transport option: example.com, or another domain the stub publishes. */
export const testDkim = { domainName: SIGNED_DOMAIN, keySelector: SELECTOR, privateKey };
export const dkimFor = (domain: (typeof PUBLISHED_DOMAINS)[number]) => ({ ...testDkim, domainName: domain });

/** Subscribers in tests are at example.com; the bench and chaos seeds at seed.example. */
const PUBLISHED_DOMAINS = [SIGNED_DOMAIN, 'seed.example'] as const;

const records: Record<string, string[][]> = Object.fromEntries(
  PUBLISHED_DOMAINS.flatMap((domain) => [
    [`${SELECTOR}._domainkey.${domain}`, [[`v=DKIM1; k=rsa; p=${publicKey.toString('base64')}`]]],
    [`_dmarc.${domain}`, [['v=DMARC1; p=reject']]],
    [domain, [['v=spf1 -all']]],
  ]),
);

/** TXT records above, NXDOMAIN for everything else, as dns.promises.resolve reports it. */
export const stubResolver: DNSResolver = async (name, rrtype) => {
  const found = rrtype === 'TXT' ? records[name.toLowerCase().replace(/\.$/, '')] : undefined;
  if (found) return found;
  throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
};

/** The raw message with a DKIM-Signature of example.com prepended (or of another key, to fail). */
export async function dkimSigned(raw: Buffer, options: { key?: string } = {}): Promise<Buffer> {
  const key = { signingDomain: SIGNED_DOMAIN, selector: SELECTOR, privateKey: options.key ?? privateKey };
  const signed = await dkimSign(raw, { ...key, signatureData: [key] });
  if (signed.errors.length || !signed.signatures) throw signed.errors[0]?.err ?? new Error('nothing signed');
  return Buffer.concat([Buffer.from(signed.signatures), raw]);
}
