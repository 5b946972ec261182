import { authenticate, type AuthenticateResult, type DNSResolver } from 'mailauth';

/**
 * Whether an arriving message really comes from the address in its From header, decided where
 * that can be known: the mx (client address, HELO and envelope sender in hand) runs DKIM, SPF and
 * DMARC with mailauth; behind a trusted MTA or provider, that party's Authentication-Results header
 * is read instead. The verdict is stored with the raw message, and processing only reads it.
 *
 * - pass: the From domain authenticated the message (DMARC pass, or, for a domain that publishes no
 *   DMARC policy, a passing DKIM signature or SPF result aligned with the From domain)
 * - fail: it did not, or the message names no sender or several
 * - local: written in this installation's dev mailbox; trusted in development mode only
 * - unverified: nobody could check it (a bare file, a webhook without a trusted provider, DNS down)
 */
export type SenderVerdict = 'pass' | 'fail' | 'local' | 'unverified';

export interface SenderCheck {
  verdict: SenderVerdict;
  method: 'mailauth' | 'authentication-results' | 'dev-mailbox' | 'none';
  /** Plain words, for the stored result and `rapport inbound parse`; no addresses. */
  reason: string;
  fromDomain: string | null;
  dkim?: string[];
  spf?: string | null;
  dmarc?: string | null;
}

export const NOT_VERIFIED: SenderCheck = Object.freeze({ verdict: 'unverified', method: 'none', reason: 'not verified: nothing checked who sent it', fromDomain: null });

export const DEV_MAILBOX_CHECK: SenderCheck = Object.freeze({
  verdict: 'local',
  method: 'dev-mailbox',
  reason: 'written in the dev mailbox of this installation (trusted in development mode only)',
  fromDomain: null,
});

/** The check stored with a message; a row whose detail is missing (from before the check) keeps just its verdict. */
export function storedSenderCheck(verdict: SenderVerdict, check: unknown): SenderCheck {
  if (check && typeof check === 'object' && (check as SenderCheck).verdict === verdict) return check as SenderCheck;
  return { ...NOT_VERIFIED, verdict };
}

/** How long DNS may take before the message is stored as unverified rather than holding the SMTP session. */
const CHECK_TIMEOUT_MS = 15_000;

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase().replace(/\.$/, '');

/** Relaxed alignment without a DMARC record: the same domain, or one a subdomain of the other. */
function aligned(domain: string, fromDomain: string): boolean {
  const a = domain.toLowerCase().replace(/\.$/, '');
  return a === fromDomain || a.endsWith(`.${fromDomain}`) || fromDomain.endsWith(`.${a}`);
}

export function verdictOf(result: AuthenticateResult): SenderCheck {
  const from = result.dkim.headerFrom ?? [];
  const dkim = (result.dkim.results ?? []).map((r) => `${r.status.result}${r.signingDomain ? ` (${r.signingDomain})` : ''}`);
  const spf = result.spf ? result.spf.status.result : null;
  const dmarc = result.dmarc ? result.dmarc.status.result : null;
  const base = { method: 'mailauth' as const, dkim, spf, dmarc };
  if (result.dkim.fromFields !== 1 || from.length !== 1) {
    return { ...base, verdict: 'fail', fromDomain: null, reason: from.length === 0 ? 'the message names no sender' : 'the message names more than one sender' };
  }
  const fromDomain = domainOf(from[0]!);
  if (dmarc === 'pass') return { ...base, verdict: 'pass', fromDomain, reason: "the sender's domain vouches for it (DMARC pass)" };
  if (dmarc === 'none') {
    const signed = (result.dkim.results ?? []).some((r) => r.status.result === 'pass' && r.signingDomain && aligned(r.signingDomain, fromDomain));
    const spfAligned = result.spf && result.spf.status.result === 'pass' && aligned(result.spf.domain, fromDomain);
    if (signed || spfAligned) return { ...base, verdict: 'pass', fromDomain, reason: `the sender's domain ${signed ? 'signed it (DKIM)' : 'sent it (SPF)'}` };
    return { ...base, verdict: 'fail', fromDomain, reason: "nothing from the sender's domain vouches for it (no aligned DKIM signature or SPF pass)" };
  }
  if (dmarc === 'temperror' || dmarc === 'temperr') return { ...base, verdict: 'unverified', fromDomain, reason: 'not verified: DNS did not answer in time' };
  return { ...base, verdict: 'fail', fromDomain, reason: "the sender's domain does not vouch for it (DMARC fail)" };
}

export interface ArrivalInfo {
  /** The connecting client's IP address. */
  ip: string;
  /** What the client said in EHLO/HELO. */
  helo: string;
  /** The envelope sender (MAIL FROM), empty for the null sender. */
  mailFrom: string;
  /** Our own name, as the authserv-id of the result. */
  mta: string;
  /** DNS lookups; tests pass a stub, production uses the system resolver. */
  resolver?: DNSResolver;
}

/** DKIM, SPF and DMARC as a receiving mail server runs them. Never throws: what could not be checked is unverified. */
export async function checkOnArrival(raw: Buffer, arrival: ArrivalInfo): Promise<SenderCheck> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      authenticate(raw, { ip: arrival.ip, helo: arrival.helo, sender: arrival.mailFrom, mta: arrival.mta, resolver: arrival.resolver, disableArc: true, disableBimi: true }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
      }),
    ]);
    return verdictOf(result);
  } catch {
    return { ...NOT_VERIFIED, method: 'mailauth', reason: 'not verified: the check could not be completed' };
  } finally {
    clearTimeout(timer);
  }
}

/** The top header block, unfolded, as [lower-cased name, value] pairs in order (topmost first). */
function topHeaders(raw: Buffer): Array<[string, string]> {
  const text = raw.subarray(0, 256 * 1024).toString('latin1');
  const end = /\r?\n\r?\n/.exec(text);
  const head = (end ? text.slice(0, end.index) : text).replace(/\r?\n[ \t]+/g, ' ');
  return head.split(/\r?\n/).flatMap((line) => {
    const colon = line.indexOf(':');
    return colon > 0 ? [[line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as [string, string]] : [];
  });
}

function fromAddresses(headers: Array<[string, string]>): string[] {
  const values = headers.filter(([name]) => name === 'from').map(([, value]) => value);
  if (values.length !== 1) return values.length === 0 ? [] : ['', ''];
  // Addresses outside quoted display names and comments.
  const bare = values[0]!.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\([^()]*\)/g, '');
  return bare.match(/[^\s<>,;:"]+@[^\s<>,;:"]+/g) ?? [];
}

/**
 * The verdict in the topmost Authentication-Results header whose authserv-id is the configured
 * trusted one (RFC 8601), or null when there is none. The trusted MTA must drop headers bearing its
 * id from incoming mail (RFC 8601 section 5), and every path to us must pass through it.
 */
export function checkFromAuthenticationResults(raw: Buffer, trustedAuthservId: string): SenderCheck | null {
  const headers = topHeaders(raw);
  const trusted = trustedAuthservId.toLowerCase();
  const header = headers.find(([name, value]) => name === 'authentication-results' && value.split(';')[0]!.trim().split(/\s+/)[0]!.toLowerCase() === trusted);
  if (!header) return null;
  const from = fromAddresses(headers);
  const base = { method: 'authentication-results' as const };
  if (from.length !== 1) return { ...base, verdict: 'fail', fromDomain: null, reason: from.length === 0 ? 'the message names no sender' : 'the message names more than one sender' };
  const fromDomain = domainOf(from[0]!);
  const results = header[1].split(';').slice(1).map((part) => part.trim());
  const result = (method: string) => results.filter((r) => new RegExp(`^${method}\\s*=`, 'i').test(r));
  const dmarc = result('dmarc').map((r) => /^dmarc\s*=\s*(\w+)/i.exec(r)![1]!.toLowerCase());
  const dkim = result('dkim');
  const dkimPass = dkim.some((r) => /^dkim\s*=\s*pass\b/i.test(r) && aligned(/header\.d\s*=\s*([^\s;]+)/i.exec(r)?.[1] ?? '', fromDomain));
  const summary = { fromDomain, dmarc: dmarc[0] ?? null, dkim: dkim.map((r) => r.split(/\s/)[0]!) };
  if (dmarc.includes('pass')) return { ...base, ...summary, verdict: 'pass', reason: `${trustedAuthservId} found the sender's domain vouches for it (DMARC pass)` };
  if (dmarc.length === 0 || dmarc.includes('none')) {
    if (dkimPass) return { ...base, ...summary, verdict: 'pass', reason: `${trustedAuthservId} found a valid signature of the sender's domain (DKIM)` };
  }
  return { ...base, ...summary, verdict: 'fail', reason: `${trustedAuthservId} found nothing from the sender's domain vouching for it` };
}

/** At the mx: a configured trusted MTA's verdict when it left one, otherwise our own check. */
export async function checkAtMx(raw: Buffer, arrival: ArrivalInfo, trustedAuthservId: string | null): Promise<SenderCheck> {
  const relayed = trustedAuthservId ? checkFromAuthenticationResults(raw, trustedAuthservId) : null;
  return relayed ?? checkOnArrival(raw, arrival);
}

/** At the webhook: only a trusted provider's Authentication-Results can vouch; we saw no SMTP session. */
export function checkAtWebhook(raw: Buffer, trustedAuthservId: string | null): SenderCheck {
  return (trustedAuthservId ? checkFromAuthenticationResults(raw, trustedAuthservId) : null) ?? NOT_VERIFIED;
}
