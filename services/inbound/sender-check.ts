import { authenticate, type AuthenticateResult, type DNSResolver } from 'mailauth';
import parseHeaderField from 'mailauth/lib/parse-dkim-headers.js';
import addressparser from 'nodemailer/lib/addressparser';
import { BlockList, isIP } from 'node:net';

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
  /**
   * The pass rests (also) on SPF aligned with the From domain: the sender's own servers handed
   * the message to the checker, so it cannot be an old message replayed by someone else.
   */
  spfAligned?: boolean;
  /**
   * Lower-cased addresses of the To and Cc fields that a passing DKIM signature aligned with the
   * From domain covers. A pass that rests on DKIM alone vouches for these recipients only: a
   * signed message can be sent again, unchanged, to any envelope recipient.
   */
  signedRecipients?: string[];
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

/** Addresses in To and Cc header lines (as a DKIM signature covered them), lower-cased. */
function recipientsOf(headerLines: readonly string[]): string[] {
  return headerLines.flatMap((line) => {
    const match = /^(?:to|cc)[ \t]*:([\s\S]*)$/i.exec(line);
    if (!match) return [];
    return addressparser(match[1]!.replace(/\r?\n[ \t]/g, ' '), { flatten: true }).flatMap((a) => (a.address ? [a.address.trim().toLowerCase()] : []));
  });
}

function verdictOf(result: AuthenticateResult): SenderCheck {
  const from = result.dkim.headerFrom ?? [];
  const dkim = (result.dkim.results ?? []).map((r) => `${r.status.result}${r.signingDomain ? ` (${r.signingDomain})` : ''}`);
  const spf = result.spf ? result.spf.status.result : null;
  const dmarc = result.dmarc ? result.dmarc.status.result : null;
  const base = { method: 'mailauth' as const, dkim, spf, dmarc };
  if (result.dkim.fromFields !== 1 || from.length !== 1) {
    return { ...base, verdict: 'fail', fromDomain: null, reason: from.length === 0 ? 'the message names no sender' : 'the message names more than one sender' };
  }
  const fromDomain = domainOf(from[0]!);
  const alignedSignatures = (result.dkim.results ?? []).filter((r) => r.status.result === 'pass' && r.signingDomain && aligned(r.signingDomain, fromDomain));
  const spfAligned = Boolean(result.spf && result.spf.status.result === 'pass' && aligned(result.spf.domain, fromDomain));
  const binding = { spfAligned, signedRecipients: [...new Set(recipientsOf(alignedSignatures.flatMap((r) => r.signingHeaders?.headers ?? [])))] };
  if (dmarc === 'pass') return { ...base, ...binding, verdict: 'pass', fromDomain, reason: "the sender's domain vouches for it (DMARC pass)" };
  if (dmarc === 'none') {
    const signed = alignedSignatures.length > 0;
    if (signed || spfAligned) return { ...base, ...binding, verdict: 'pass', fromDomain, reason: `the sender's domain ${signed ? 'signed it (DKIM)' : 'sent it (SPF)'}` };
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
  return addressparser(values[0]!, { flatten: true }).map((a) => a.address ?? '');
}

type Entry = { value?: string; [ptype: string]: unknown };
const property = (entry: Entry | undefined, ptype: string, name: string): string => {
  const group = entry?.[ptype];
  const value = group && typeof group === 'object' ? (group as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value.trim().toLowerCase() : '';
};
const resultOf = (entry: Entry | undefined) => (typeof entry?.value === 'string' ? entry.value.toLowerCase() : null);

/**
 * The To and Cc addresses covered by a DKIM-Signature of the message that the trusted MTA reports
 * passing for a domain aligned with From. A field counts only when the message has one field of
 * that name, so there is no doubt which instance the signature covers.
 */
function signedRecipientsFromResults(headers: Array<[string, string]>, passing: Entry[]): string[] {
  const recipients = new Set<string>();
  for (const [name, value] of headers) {
    if (name !== 'dkim-signature') continue;
    const tags = parseHeaderField(`DKIM-Signature: ${value}`).parsed as Record<string, Entry | undefined>;
    const domain = String(tags.d?.value ?? '').toLowerCase();
    const signature = String(tags.b?.value ?? '');
    const vouched = passing.some((p) => property(p, 'header', 'd') === domain && signature.toLowerCase().startsWith(property(p, 'header', 'b')));
    if (!vouched) continue;
    const covered = new Set(String(tags.h?.value ?? '').toLowerCase().split(':').map((h) => h.trim()));
    for (const field of ['to', 'cc']) {
      const lines = headers.filter(([n]) => n === field);
      if (covered.has(field) && lines.length === 1) for (const address of recipientsOf([`${field}: ${lines[0]![1]}`])) recipients.add(address);
    }
  }
  return [...recipients];
}

/**
 * The verdict in the topmost Authentication-Results header whose authserv-id is the configured
 * trusted one (RFC 8601, parsed with mailauth's parser: comments and quoted strings are not
 * results), or null when there is none. It passes only on dmarc=pass for header.from equal to the
 * From domain. The trusted MTA must drop headers bearing its id from incoming mail (RFC 8601
 * section 5), and every path to us must pass through it (INBOUND_TRUSTED_RELAYS at the mx).
 */
export function checkFromAuthenticationResults(raw: Buffer, trustedAuthservId: string): SenderCheck | null {
  const headers = topHeaders(raw);
  const trusted = trustedAuthservId.toLowerCase();
  const header = headers
    .filter(([name]) => name === 'authentication-results')
    .map(([, value]) => parseHeaderField(`Authentication-Results: ${value}`).parsed)
    .find((parsed) => String(parsed.value ?? '').split(/\s+/)[0]!.toLowerCase() === trusted);
  if (!header) return null;
  const from = fromAddresses(headers);
  const base = { method: 'authentication-results' as const };
  if (from.length !== 1 || !from[0]!.includes('@')) return { ...base, verdict: 'fail', fromDomain: null, reason: from.length === 0 ? 'the message names no sender' : 'the message names more than one sender' };
  const fromDomain = domainOf(from[0]!);
  const dmarcEntry = header.dmarc as Entry | undefined;
  const spfEntry = header.spf as Entry | undefined;
  const dkim = ([] as Entry[]).concat((header.dkim as Entry[] | Entry | undefined) ?? []);
  const dmarc = resultOf(dmarcEntry);
  const summary = { fromDomain, dmarc, spf: resultOf(spfEntry), dkim: dkim.map((r) => `${resultOf(r) ?? 'none'}${property(r, 'header', 'd') ? ` (${property(r, 'header', 'd')})` : ''}`) };
  if (dmarc !== 'pass' || property(dmarcEntry, 'header', 'from') !== fromDomain) {
    return { ...base, ...summary, verdict: 'fail', reason: `${trustedAuthservId} did not find that the sender's domain vouches for it (no DMARC pass for the From domain)` };
  }
  const mailFrom = property(spfEntry, 'smtp', 'mailfrom');
  const spfAligned = resultOf(spfEntry) === 'pass' && mailFrom !== '' && aligned(domainOf(mailFrom), fromDomain);
  const passing = dkim.filter((r) => resultOf(r) === 'pass' && aligned(property(r, 'header', 'd'), fromDomain));
  return { ...base, ...summary, spfAligned, signedRecipients: signedRecipientsFromResults(headers, passing), verdict: 'pass', reason: `${trustedAuthservId} found the sender's domain vouches for it (DMARC pass)` };
}

/** Addresses and CIDR ranges as a BlockList, for "is this client one of our relays". */
export function relayList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const type = isIP(address!) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(prefix), type);
  }
  return list;
}

/** Whether the connecting client is a configured relay; an IPv4 client may show as ::ffff:a.b.c.d. */
function isTrustedRelay(relays: BlockList, ip: string): boolean {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (v4) return relays.check(v4, 'ipv4');
  const family = isIP(ip);
  return family !== 0 && relays.check(ip, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * At the mx: the trusted MTA's verdict when the message came from one of its configured addresses
 * and it left one; otherwise our own check. Anyone else connecting directly can write any
 * Authentication-Results header they like.
 */
export async function checkAtMx(raw: Buffer, arrival: ArrivalInfo, trusted: { authservId: string | null; relays: BlockList }): Promise<SenderCheck> {
  const relayed = trusted.authservId && isTrustedRelay(trusted.relays, arrival.ip) ? checkFromAuthenticationResults(raw, trusted.authservId) : null;
  return relayed ?? checkOnArrival(raw, arrival);
}

/** At the webhook: only a trusted provider's Authentication-Results can vouch; we saw no SMTP session. */
export function checkAtWebhook(raw: Buffer, trustedAuthservId: string | null): SenderCheck {
  return (trustedAuthservId ? checkFromAuthenticationResults(raw, trustedAuthservId) : null) ?? NOT_VERIFIED;
}
