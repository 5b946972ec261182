/**
 * Hostile inbound mail as raw RFC 5322 bytes: oversize, broken MIME, header injection, pathological
 * text for the reply parser, foreign and forged reply tokens. Built per run from the addresses of
 * that run's subscribers.
 */
import { randomBytes } from 'node:crypto';
import { zip } from './zip.ts';

export interface Party {
  email: string;
  /** reply+TOKEN@domain of their latest digest. */
  replyAddress: string;
  /** bounce+TOKEN@domain: the envelope sender (VERP) their latest digest was sent with. */
  bounceAddress: string;
  /** Message-ID of their latest digest. */
  digestMessageId: string;
}

export interface EmailParties {
  a: Party;
  b: Party;
  domain: string;
  /** Shape of a reply token, MAC wrong. */
  forgedAddress: string;
  /** A's digest link token (scope digest) put where a reply token goes. */
  wrongScopeAddress: string;
  /** A reply token of A's that has expired. */
  expiredAddress: string;
  /** A review item of A's digest that is already answered "known". */
  answeredItem: number;
  /** The full name of the person that item asks about. */
  answeredName: string;
  /** The full name of the person another, unanswered review item of A's digest asks about. */
  openName: string;
  /** Message-ID of a reply A sent earlier, already processed. */
  earlierMessageId: string;
  /** The receipt of a reply of A's that changed an answer: "undo" sent back to it takes that reply back. */
  receipt: { address: string; messageId: string };
}

export interface RawMail {
  raw: Buffer;
  envelopeFrom: string;
  envelopeTo: string[];
}

export interface EmailCase {
  name: string;
  group: 'size' | 'mime' | 'headers' | 'text' | 'words' | 'tokens' | 'attachments' | 'bounces' | 'senders';
  build(p: EmailParties): RawMail;
  /** The small mx has a 50 KB limit, to see the 552 without sending 25 MB. */
  via?: 'mx' | 'small-mx';
  /**
   * DKIM signature added before sending: example.com's published test key (the default, as the
   * subscribers' provider signs), none, or a key example.com never published.
   */
  signature?: 'example.com' | 'none' | 'unpublished';
  /** A reply in plain words: the receipt lines the worker, and so the dry run, must give it. */
  words?: { applied: (p: EmailParties) => string[]; notUnderstood: RegExp[] };
  /** Header fields put on top after signing: what someone replaying a signed message can add. */
  afterSigning?: (p: EmailParties) => Array<[string, string]>;
  expect:
    | { smtp: 552 }
    | {
        smtp: 250;
        /** ignored: no command may run; processed: read as the subscriber's reply. */
        status: 'ignored' | 'processed' | 'either';
        /** Whose receipt may be queued: the token owner's, nobody's. */
        receipt: 'a' | 'b' | 'none' | 'a-optional' | 'b-optional';
        /** A second delivery of an already stored Message-ID: stored once, nothing new. */
        duplicate?: boolean;
        /** How many exports the attachments may create for A (0 when unset). */
        exports?: number;
      };
}

const CRLF = '\r\n';
let sequence = 0;

export function messageId(label: string): string {
  return `<hostile-${label}-${++sequence}-${randomBytes(4).toString('hex')}@mail.example.com>`;
}

/** Header lines joined with CRLF, a blank line, then the body (bytes kept as given). */
export function rfc5322(headers: Array<string | [string, string]>, body: string | Buffer): Buffer {
  const head = headers.map((h) => (typeof h === 'string' ? h : `${h[0]}: ${h[1]}`)).join(CRLF);
  return Buffer.concat([Buffer.from(head + CRLF + CRLF, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'utf8') : body]);
}

/** An ordinary reply from `from` to `to`, with extra or replacing headers. */
export function reply(
  from: string,
  to: string,
  body: string | Buffer,
  options: { subject?: string; headers?: Array<[string, string] | string>; contentType?: string; id?: string } = {},
): Buffer {
  return rfc5322(
    [
      ['From', from],
      ['To', to],
      ['Subject', options.subject ?? 'Re: Your week in Rapport'],
      ['Date', 'Mon, 23 Nov 2026 09:00:00 +0000'],
      ['Message-ID', options.id ?? messageId('reply')],
      ['MIME-Version', '1.0'],
      ['Content-Type', options.contentType ?? 'text/plain; charset=utf-8'],
      ...(options.headers ?? []),
    ],
    body,
  );
}

/**
 * An RFC 3464 delivery report as an MTA sends it: a null envelope sender, a human part, the
 * machine-readable part naming `finalRecipient` as failed (5.1.1), and the returned headers (with
 * `originalMessageId` when given).
 */
export function deliveryReport(options: { to: string; finalRecipient: string; originalMessageId?: string; id?: string; status?: string; references?: string }): Buffer {
  const boundary = `dsn-${randomBytes(6).toString('hex')}`;
  const returned = [`From: Rapport <digest@rapport.localhost>`, `To: ${options.finalRecipient}`, `Subject: Your week in Rapport`];
  if (options.originalMessageId) returned.push(`Message-ID: ${options.originalMessageId}`);
  const body = [
    `--${boundary}`,
    `Content-Type: text/plain; charset=us-ascii`,
    ``,
    `This is the mail system at host mx.example.net. Your message could not be delivered.`,
    `--${boundary}`,
    `Content-Type: message/delivery-status`,
    ``,
    `Reporting-MTA: dns; mx.example.net`,
    ``,
    `Final-Recipient: rfc822; ${options.finalRecipient}`,
    `Action: failed`,
    `Status: ${options.status ?? '5.1.1'}`,
    `Diagnostic-Code: smtp; 550 5.1.1 user unknown`,
    ``,
    `--${boundary}`,
    `Content-Type: text/rfc822-headers`,
    ``,
    ...returned,
    ``,
    `--${boundary}--`,
    ``,
  ].join(CRLF);
  return rfc5322(
    [
      ['From', 'Mail Delivery System <MAILER-DAEMON@mx.example.net>'],
      ['To', options.to],
      ['Subject', 'Undelivered Mail Returned to Sender'],
      ['Date', 'Mon, 23 Nov 2026 09:05:00 +0000'],
      ['Message-ID', options.id ?? messageId('dsn')],
      ['Auto-Submitted', 'auto-replied'],
      ...(options.references ? [['References', options.references] as [string, string]] : []),
      ['MIME-Version', '1.0'],
      ['Content-Type', `multipart/report; report-type=delivery-status; boundary="${boundary}"`],
    ],
    body,
  );
}

const dsn = (to: string, raw: Buffer): RawMail => ({ raw, envelopeFrom: '', envelopeTo: [to] });

/** The raw message with an In-Reply-To on top, unless it has threading headers of its own. */
export function threaded(raw: Buffer, inReplyTo: string): Buffer {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, split < 0 ? raw.length : split).toString('latin1');
  return /^(in-reply-to|references):/im.test(head) ? raw : Buffer.concat([Buffer.from(`In-Reply-To: ${inReplyTo}\r\n`), raw]);
}

/**
 * Mail to a reply address, threaded (as every mail client threads a reply) with the digest of
 * whoever owns that address, so that a case is judged on what it is about.
 */
const mail = (p: EmailParties, raw: Buffer, to = p.a.replyAddress, envelopeFrom = p.a.email): RawMail => {
  const owner = [p.a, p.b].find((party) => party.replyAddress === to);
  return { raw: owner ? threaded(raw, owner.digestMessageId) : raw, envelopeFrom, envelopeTo: [to] };
};
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** `depth` multiparts, each the only part of the one around it, a short text at the bottom. */
export function nestedMultipart(depth: number, innermost: string): { contentType: string; body: string } {
  let body = `Content-Type: text/plain; charset=utf-8${CRLF}${CRLF}${innermost}${CRLF}`;
  for (let level = depth - 1; level >= 1; level--) {
    body = `Content-Type: multipart/mixed; boundary="n${level}"${CRLF}${CRLF}--n${level}${CRLF}${body}${CRLF}--n${level}--${CRLF}`;
  }
  return { contentType: `multipart/mixed; boundary="n0"`, body: `--n0${CRLF}${body}${CRLF}--n0--${CRLF}` };
}

function withAttachments(text: string, attachments: Array<{ filename: string; contentType: string; content: Buffer }>): { contentType: string; body: string } {
  const boundary = `att-${randomBytes(6).toString('hex')}`;
  const parts = [
    `--${boundary}${CRLF}Content-Type: text/plain; charset=utf-8${CRLF}${CRLF}${text}${CRLF}`,
    ...attachments.map(
      (a) =>
        `--${boundary}${CRLF}Content-Type: ${a.contentType}; name="${a.filename}"${CRLF}Content-Disposition: attachment; filename="${a.filename}"${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}${a.content.toString('base64').replace(/.{76}/g, `$&${CRLF}`)}${CRLF}`,
    ),
  ];
  return { contentType: `multipart/mixed; boundary="${boundary}"`, body: `${parts.join('')}--${boundary}--${CRLF}` };
}

// Cyrillic letters that look like Latin ones: a name spelled with them is another name.
const LOOK_ALIKES: Record<string, string> = { a: '\u0430', e: '\u0435', o: '\u043e', c: '\u0441', p: '\u0440', i: '\u0456', A: '\u0410', E: '\u0415', O: '\u041e', K: '\u041a', M: '\u041c', T: '\u0422' };
function lookAlike(name: string): string {
  const swapped = name.replace(/[aeocpiAEOKMT]/g, (letter) => LOOK_ALIKES[letter] ?? letter);
  if (swapped === name) throw new Error(`no look-alike letter in ${name}`);
  return swapped;
}

const ignoredNoReceipt = { smtp: 250, status: 'ignored', receipt: 'none' } as const;
const readOrIgnored = { smtp: 250, status: 'either', receipt: 'a-optional' } as const;

export function emailCases(): EmailCase[] {
  return [
    // --- size ------------------------------------------------------------------------------
    {
      name: 'oversize message (200 KB against a 50 KB mx limit) gets SMTP 552',
      group: 'size',
      via: 'small-mx',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, 'stop\n' + 'x'.repeat(200_000))),
      expect: { smtp: 552 },
    },
    {
      name: 'a 10 MB single line',
      group: 'size',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, 'k'.repeat(10 * 1024 * 1024))),
      expect: { smtp: 250, status: 'processed', receipt: 'a' },
    },
    {
      name: 'a 1 MB Subject header',
      group: 'size',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, 'thanks', { subject: `Re: ${'s'.repeat(1024 * 1024)}` })),
      expect: readOrIgnored,
    },

    // --- broken MIME -------------------------------------------------------------------------
    {
      name: 'truncated MIME: cut inside a base64 attachment, no closing boundary',
      group: 'mime',
      build: (p) => {
        const whole = withAttachments('here is my export', [{ filename: 'export.zip', contentType: 'application/zip', content: randomBytes(6000) }]);
        return mail(p, reply(p.a.email, p.a.replyAddress, whole.body.slice(0, Math.floor(whole.body.length / 2)), { contentType: whole.contentType }));
      },
      expect: { ...readOrIgnored, exports: 1 },
    },
    {
      name: 'multipart without a boundary parameter',
      group: 'mime',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, `--x${CRLF}Content-Type: text/plain${CRLF}${CRLF}hello${CRLF}--x--${CRLF}`, { contentType: 'multipart/alternative' })),
      expect: readOrIgnored,
    },
    {
      name: 'declared boundary never used in the body',
      group: 'mime',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, `--other${CRLF}Content-Type: text/plain${CRLF}${CRLF}hello${CRLF}--other--${CRLF}`, { contentType: 'multipart/mixed; boundary="declared"' })),
      expect: readOrIgnored,
    },
    {
      name: '1000 nested multiparts',
      group: 'mime',
      build: (p) => {
        const nested = nestedMultipart(1000, 'thanks for the digest');
        return mail(p, reply(p.a.email, p.a.replyAddress, nested.body, { contentType: nested.contentType }));
      },
      expect: readOrIgnored,
    },
    {
      name: 'invalid charset name',
      group: 'mime',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, Buffer.from([0x68, 0x65, 0x6c, 0x6c, 0x6f, 0xe9, 0xff, 0x20, 0x81, 0x8d]), { contentType: 'text/plain; charset="x-no-such-charset-42"' })),
      expect: readOrIgnored,
    },
    {
      name: 'base64 garbage body',
      group: 'mime',
      build: (p) =>
        mail(p, reply(p.a.email, p.a.replyAddress, '!!!!@@@@####$$$$ this is not base64 ~~~~\r\n====\r\nA', { headers: [['Content-Transfer-Encoding', 'base64']] })),
      expect: readOrIgnored,
    },
    {
      name: 'quoted-printable garbage body',
      group: 'mime',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, `=ZZ=0=\r\n=\r\n=F0=9F=\r\n${'='.repeat(5000)}\r\n`, { headers: [['Content-Transfer-Encoding', 'quoted-printable']] })),
      expect: readOrIgnored,
    },
    {
      name: 'non-UTF-8 bytes in headers and body (8bit, no charset)',
      group: 'mime',
      build: (p) =>
        mail(
          p,
          rfc5322(
            [
              ['From', p.a.email],
              ['To', p.a.replyAddress],
              `Subject: Re: \xff\xfe\xc3\x28 caf\xe9`,
              ['Message-ID', messageId('latin')],
              ['Content-Type', 'text/plain'],
              ['Content-Transfer-Encoding', '8bit'],
            ],
            Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0x0a, 0xfe, 0xff]),
          ),
        ),
      expect: readOrIgnored,
    },
    {
      name: 'NUL bytes in the reply text',
      group: 'mime',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, `hello\0world\nkno\0wn 1\n\0\0\0`)),
      expect: { smtp: 250, status: 'processed', receipt: 'a' },
    },
    {
      name: 'HTML-only reply of 50,000 nested blockquotes',
      group: 'mime',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, `${'<blockquote>'.repeat(50_000)}stop${'</blockquote>'.repeat(50_000)}`, { contentType: 'text/html; charset=utf-8' })),
      expect: readOrIgnored,
    },
    {
      name: 'HTML-only reply of 5 MB of styled paragraphs',
      group: 'mime',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, `<p>thanks</p>${'<p style="color:red;font:12px x">filler</p>'.repeat(120_000)}`, { contentType: 'text/html; charset=utf-8' })),
      expect: readOrIgnored,
    },

    // --- header injection and odd headers ----------------------------------------------------
    {
      name: 'CRLF and Bcc injected through an encoded Subject ("stop" then a Bcc header)',
      group: 'headers',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, 'thanks', { subject: `=?UTF-8?B?${b64('stop\r\nBcc: victim@example.org\r\nX-Injected: yes')}?=` })),
      expect: { smtp: 250, status: 'processed', receipt: 'a' },
    },
    {
      name: 'CRLF and Bcc injected through an encoded From display name',
      group: 'headers',
      build: (p) =>
        mail(p, reply(`=?UTF-8?Q?Jane=0D=0ABcc:_victim@example.org=0D=0AX-Injected:_yes?= <${p.a.email}>`, p.a.replyAddress, 'thanks for this')),
      expect: readOrIgnored,
    },
    {
      name: 'bare CR and LF inside header lines',
      group: 'headers',
      build: (p) =>
        mail(
          p,
          rfc5322(
            [['From', p.a.email], ['To', p.a.replyAddress], `Subject: hello\rBcc: victim@example.org\nX-Injected: yes`, ['Message-ID', messageId('bare-cr')], ['Content-Type', 'text/plain']],
            'thanks\rBcc: victim@example.org\n',
          ),
        ),
      expect: readOrIgnored,
    },
    {
      name: 'From with 10,000 addresses (the subscriber last)',
      group: 'headers',
      build: (p) => mail(p, reply([...Array.from({ length: 10_000 }, (_, i) => `user${i}@example.net`), p.a.email].join(', '), p.a.replyAddress, 'unknown 1 2 3\nstop')),
      expect: { smtp: 250, status: 'ignored', receipt: 'a-optional' },
    },
    {
      name: 'no From header at all',
      group: 'headers',
      build: (p) =>
        mail(p, rfc5322([['To', p.a.replyAddress], ['Subject', 'Re: week'], ['Message-ID', messageId('no-from')], ['Content-Type', 'text/plain']], 'unknown 1 2 3\nstop')),
      expect: { smtp: 250, status: 'ignored', receipt: 'a-optional' },
    },
    {
      name: 'a 10 KB Message-ID and garbage threading headers',
      group: 'headers',
      build: (p) =>
        mail(
          p,
          reply(p.a.email, p.a.replyAddress, 'thanks', {
            id: `<${'m'.repeat(10_000)}@example.com>`,
            headers: [
              ['In-Reply-To', `<<<>>>${'<'.repeat(5000)}`],
              ['References', Array.from({ length: 5000 }, (_, i) => `<r${i}@x>`).join(' ')],
            ],
          }),
        ),
      expect: readOrIgnored,
    },

    // --- pathological text for the reply parser -------------------------------------------------
    {
      name: '100,000 lines of "known <answered item>"',
      group: 'text',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, `known ${p.answeredItem}\n`.repeat(100_000))),
      expect: { smtp: 250, status: 'processed', receipt: 'a' },
    },
    {
      name: 'ReDoS: a 64 KB attribution-like line that never ends in "wrote:"',
      group: 'text',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, `thanks\n\nOn ${'Mon, 23 Nov 2026 at 08:00, Rapport '.repeat(1800)}<digest@example.com> wrote\n> known 1`)),
      expect: readOrIgnored,
    },
    {
      name: 'ReDoS: 20,000 alternating quote headers and quoted lines',
      group: 'text',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, Array.from({ length: 20_000 }, (_, i) => (i % 2 ? `> On Mon, Jane <j${i}@x.com> wrote:` : `On Tue, ${'a '.repeat(40)}<x${i}@y.com> wrote`)).join('\n'))),
      expect: readOrIgnored,
    },
    {
      name: 'ReDoS: 200,000 quote markers on one line and deep ">" nesting',
      group: 'text',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, `hello\n${'>'.repeat(200_000)}\n${Array.from({ length: 2000 }, (_, i) => '> '.repeat(i % 200)).join('\n')}`)),
      expect: readOrIgnored,
    },
    {
      name: 'ReDoS: address-like and separator-like runs ("a@" × 100,000, "-" × 100,000)',
      group: 'text',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, `${'a@'.repeat(100_000)}\n${'-'.repeat(100_000)}\n${'_'.repeat(50_000)} original message ${'='.repeat(50_000)}:`)),
      expect: readOrIgnored,
    },

    // --- tokens and senders ------------------------------------------------------------------
    // --- words: plain sentences name people; only the subscriber's own, unhedged words apply ------
    {
      name: 'plain words naming the answered person, above quoted history that names another and says answers',
      group: 'words',
      build: (p) =>
        mail(p, reply(p.a.email, p.a.replyAddress, `I know ${p.answeredName}.\n\nOn Mon, 23 Nov 2026 at 08:00, Rapport <digest@example.com> wrote:\n> Never heard of ${p.openName}\n> I know ${p.openName} well\n> Please draft the intro`)),
      expect: { smtp: 250, status: 'processed', receipt: 'a' },
      words: { applied: (p) => [`Marked item ${p.answeredItem} as known: ${p.answeredName}`], notUnderstood: [] },
    },
    {
      name: 'plain words that hedge or negate change nothing and come back with the command',
      group: 'words',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, `Maybe I know ${p.openName}.\nI don't know if I ever worked with ${p.openName}`)),
      expect: { smtp: 250, status: 'processed', receipt: 'a' },
      words: { applied: () => [], notUnderstood: [/^Not sure what you meant by "Maybe I know .*\(it sounds unsure or negated\): reply known \d+$/, /^Not sure what you meant by "I don't know if I ever worked with .*\(it sounds unsure or negated\)/] },
    },
    {
      name: 'plain words with text-direction controls around the answer',
      group: 'words',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, `\u202enever heard of\u202c ${p.openName}\n\u2066I know\u2069 ${p.answeredName}`)),
      expect: { smtp: 250, status: 'processed', receipt: 'a' },
      words: { applied: () => [], notUnderstood: [/text-direction controls/] },
    },
    {
      name: 'plain words naming a look-alike of a person (Cyrillic letters) and zero-width spaces in the answered name',
      group: 'words',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, `Never heard of ${lookAlike(p.openName)}.\nI know ${p.answeredName.split('').join('\u200b')}.`)),
      expect: { smtp: 250, status: 'processed', receipt: 'a' },
      words: { applied: (p) => [`Marked item ${p.answeredItem} as known: ${p.answeredName}`], notUnderstood: [/^Not sure what you meant by "Never heard of .*\(it names nobody in this digest\)$/] },
    },
    {
      name: 'an HTML-only reply in plain words with a signature and a blockquote naming the open person',
      group: 'words',
      build: (p) =>
        mail(
          p,
          reply(p.a.email, p.a.replyAddress, `<div>Never heard of ${p.openName}? No: I know ${p.answeredName}.</div><div><br></div><div>Best,</div><div>${p.openName}</div><blockquote>I know ${p.openName} very well</blockquote>`, { contentType: 'text/html; charset=utf-8' }),
        ),
      expect: { smtp: 250, status: 'processed', receipt: 'a' },
      words: { applied: () => [], notUnderstood: [/^Not sure what you meant by "Never heard of .*\?" \(it reads as a question\)/, /^Not sure what you meant by "No: I know .*\(it sounds unsure or negated\): reply known \d+$/] },
    },

    {
      name: "a reply to B's digest token sent from A's address",
      group: 'tokens',
      build: (p) => mail(p, reply(p.a.email, p.b.replyAddress, 'unknown 1 2 3\nintro 4\nstop'), p.b.replyAddress),
      expect: { smtp: 250, status: 'ignored', receipt: 'b' },
    },
    {
      name: "\"undo\" to A's receipt, sent from B's address (signed by example.com)",
      group: 'tokens',
      build: (p) => ({ raw: threaded(reply(p.b.email, p.receipt.address, 'undo'), p.receipt.messageId), envelopeFrom: p.b.email, envelopeTo: [p.receipt.address] }),
      expect: { smtp: 250, status: 'ignored', receipt: 'a' },
    },
    {
      name: "\"undo\" to A's receipt, From A but unsigned, envelope from mallory@evil.example",
      group: 'tokens',
      signature: 'none',
      build: (p) => ({ raw: threaded(reply(p.a.email, p.receipt.address, 'undo'), p.receipt.messageId), envelopeFrom: 'mallory@evil.example', envelopeTo: [p.receipt.address] }),
      expect: { smtp: 250, status: 'ignored', receipt: 'a-optional' },
    },
    {
      name: "\"undo\" to A's receipt, signed by A, threaded to B's digest instead",
      group: 'tokens',
      build: (p) => ({ raw: threaded(reply(p.a.email, p.receipt.address, 'undo'), p.b.digestMessageId), envelopeFrom: p.a.email, envelopeTo: [p.receipt.address] }),
      expect: { smtp: 250, status: 'ignored', receipt: 'a-optional' },
    },
    {
      name: '"undo" 10,000 times to the digest itself, which names no reply to take back: said once',
      group: 'tokens',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, 'undo\n'.repeat(10_000))),
      words: { applied: () => [], notUnderstood: [/^undo \(reply "undo" to the receipt of the reply you want to take back\)$/] },
      expect: { smtp: 250, status: 'processed', receipt: 'a' },
    },
    {
      name: 'a forged reply token (right shape, wrong MAC)',
      group: 'tokens',
      build: (p) => mail(p, reply(p.a.email, p.forgedAddress, 'unknown 1 2 3\nstop'), p.forgedAddress),
      expect: ignoredNoReceipt,
    },
    {
      name: 'a digest-link token used as a reply token',
      group: 'tokens',
      build: (p) => mail(p, reply(p.a.email, p.wrongScopeAddress, 'unknown 1 2 3\nstop'), p.wrongScopeAddress),
      expect: ignoredNoReceipt,
    },
    {
      name: 'an expired reply token',
      group: 'tokens',
      build: (p) => mail(p, reply(p.a.email, p.expiredAddress, 'unknown 1 2 3\nstop'), p.expiredAddress),
      expect: ignoredNoReceipt,
    },
    {
      name: 'a replay of an earlier reply\'s Message-ID carrying new commands',
      group: 'tokens',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, 'unknown 1 2 3\nstop', { id: p.earlierMessageId })),
      expect: { smtp: 250, status: 'either', receipt: 'none', duplicate: true },
    },
    {
      name: 'tokens of both subscribers in To, the envelope naming B first, From A',
      group: 'tokens',
      build: (p) => ({
        raw: reply(p.a.email, `${p.b.replyAddress}, ${p.a.replyAddress}`, 'unknown 1 2 3\nstop'),
        envelopeFrom: p.a.email,
        envelopeTo: [p.b.replyAddress, p.a.replyAddress],
      }),
      expect: { smtp: 250, status: 'ignored', receipt: 'b' },
    },

    // --- senders: the From header alone proves nothing --------------------------------------------
    {
      name: "From A, envelope from mallory@evil.example, no signature, Subject \"unsubscribe\"",
      group: 'senders',
      signature: 'none',
      build: (p) => ({ raw: reply(p.a.email, p.a.replyAddress, 'unknown 1 2 3\nstop', { subject: 'unsubscribe' }), envelopeFrom: 'mallory@evil.example', envelopeTo: [p.a.replyAddress] }),
      // The one notice per reply address may already have gone out for an earlier case.
      expect: { smtp: 250, status: 'ignored', receipt: 'a-optional' },
    },
    {
      name: 'From A with envelope A but no signature (SPF authorises nobody for example.com)',
      group: 'senders',
      signature: 'none',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, 'unknown 1 2 3\nstop')),
      expect: { smtp: 250, status: 'ignored', receipt: 'a-optional' },
    },
    {
      name: 'From A signed with a key example.com never published (DKIM fails)',
      group: 'senders',
      signature: 'unpublished',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, 'unknown 1 2 3\nstop')),
      expect: { smtp: 250, status: 'ignored', receipt: 'a-optional' },
    },
    {
      name: 'two From addresses, A and mallory@evil.example, signed by example.com',
      group: 'senders',
      build: (p) => mail(p, reply(`${p.a.email}, mallory@evil.example`, p.a.replyAddress, 'unknown 1 2 3\nstop')),
      expect: { smtp: 250, status: 'ignored', receipt: 'a-optional' },
    },
    {
      name: 'two From header fields, A and mallory@evil.example',
      group: 'senders',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, 'unknown 1 2 3\nstop', { headers: [['From', 'mallory@evil.example']] })),
      expect: { smtp: 250, status: 'ignored', receipt: 'a-optional' },
    },
    // --- replays: a signed message is authentic, but not necessarily written to us ------------------
    {
      name: "A's signed \"stop\" to another sender's newsletter, replayed unchanged with RCPT TO A's reply address",
      group: 'senders',
      build: (p) => ({
        raw: reply(p.a.email, 'news@newsletter.example', 'stop', { subject: 'unsubscribe', headers: [['In-Reply-To', '<issue-42@newsletter.example>']] }),
        envelopeFrom: 'mallory@evil.example',
        envelopeTo: [p.a.replyAddress],
      }),
      expect: { smtp: 250, status: 'ignored', receipt: 'a-optional' },
    },
    {
      name: "the same replay with an unsigned To: A's reply address and In-Reply-To: A's digest added on top",
      group: 'senders',
      build: (p) => ({
        raw: reply(p.a.email, 'news@newsletter.example', 'stop', { subject: 'unsubscribe', headers: [['In-Reply-To', '<issue-42@newsletter.example>']] }),
        envelopeFrom: 'mallory@evil.example',
        envelopeTo: [p.a.replyAddress],
      }),
      afterSigning: (p) => [['To', p.a.replyAddress], ['In-Reply-To', p.a.digestMessageId]],
      expect: { smtp: 250, status: 'ignored', receipt: 'a-optional' },
    },
    {
      name: "a signed reply of A to her reply address that answers none of our messages (no In-Reply-To or References)",
      group: 'senders',
      build: (p) => ({ raw: reply(p.a.email, p.a.replyAddress, 'stop', { subject: 'unsubscribe' }), envelopeFrom: p.a.email, envelopeTo: [p.a.replyAddress] }),
      expect: { smtp: 250, status: 'ignored', receipt: 'a-optional' },
    },
    {
      name: "a signed reply of A to her reply address whose In-Reply-To names B's digest",
      group: 'senders',
      build: (p) => ({ raw: reply(p.a.email, p.a.replyAddress, 'stop', { subject: 'unsubscribe', headers: [['In-Reply-To', p.b.digestMessageId]] }), envelopeFrom: p.a.email, envelopeTo: [p.a.replyAddress] }),
      expect: { smtp: 250, status: 'ignored', receipt: 'a-optional' },
    },
    {
      name: 'a forged Authentication-Results header claiming DMARC pass (no trusted authserv-id configured)',
      group: 'senders',
      signature: 'none',
      build: (p) => mail(p, reply(p.a.email, p.a.replyAddress, 'unknown 1 2 3\nstop', { headers: [['Authentication-Results', `${p.domain}; dkim=pass header.d=example.com; dmarc=pass header.from=example.com`]] })),
      expect: { smtp: 250, status: 'ignored', receipt: 'a-optional' },
    },

    // --- bounces: a delivery report suppresses nobody unless it proves it answers our message ---
    {
      name: 'a forged delivery report naming A, sent to any address of the inbound domain (no bounce token)',
      group: 'bounces',
      build: (p) => dsn(`nobody@${p.domain}`, deliveryReport({ to: `nobody@${p.domain}`, finalRecipient: p.a.email })),
      expect: ignoredNoReceipt,
    },
    {
      name: "a delivery report naming A sent to A's reply address (a reply token is no proof of a bounce)",
      group: 'bounces',
      build: (p) => dsn(p.a.replyAddress, deliveryReport({ to: p.a.replyAddress, finalRecipient: p.a.email })),
      expect: ignoredNoReceipt,
    },
    {
      name: "a delivery report naming A sent to B's bounce address (a bounce token for another recipient)",
      group: 'bounces',
      build: (p) => dsn(p.b.bounceAddress, deliveryReport({ to: p.b.bounceAddress, finalRecipient: p.a.email })),
      expect: ignoredNoReceipt,
    },
    {
      name: "a delivery report naming A with a forged bounce token (A's outbox id, wrong MAC)",
      group: 'bounces',
      build: (p) => {
        const forged = p.a.bounceAddress.replace(/[a-z2-7]{4}@/, (tail) => (tail.startsWith('aaaa') ? 'bbbb@' : 'aaaa@'));
        return dsn(forged, deliveryReport({ to: forged, finalRecipient: p.a.email }));
      },
      expect: ignoredNoReceipt,
    },
    {
      name: 'a delivery report naming A that quotes a Message-ID we never sent',
      group: 'bounces',
      build: (p) => dsn(`postmaster@${p.domain}`, deliveryReport({ to: `postmaster@${p.domain}`, finalRecipient: p.a.email, originalMessageId: '<digest-00000000-0000-4000-8000-000000000000@rapport.localhost>' })),
      expect: ignoredNoReceipt,
    },
    {
      name: "a delivery report naming A that quotes the Message-ID of B's digest",
      group: 'bounces',
      build: (p) => dsn(`postmaster@${p.domain}`, deliveryReport({ to: `postmaster@${p.domain}`, finalRecipient: p.a.email, originalMessageId: p.b.digestMessageId })),
      expect: ignoredNoReceipt,
    },
    {
      name: "a delivery report naming A to nobody@ whose own References name A's digest (a leaked Message-ID, as a forwarded digest carries it)",
      group: 'bounces',
      build: (p) => dsn(`nobody@${p.domain}`, deliveryReport({ to: `nobody@${p.domain}`, finalRecipient: p.a.email, references: p.a.digestMessageId })),
      expect: ignoredNoReceipt,
    },
    {
      name: "a delivery report naming A that returns A's digest Message-ID, not sent to its bounce address (VERP-sent mail needs the VERP proof)",
      group: 'bounces',
      build: (p) => dsn(`postmaster@${p.domain}`, deliveryReport({ to: `postmaster@${p.domain}`, finalRecipient: p.a.email, originalMessageId: p.a.digestMessageId })),
      expect: ignoredNoReceipt,
    },

    // --- attachments -------------------------------------------------------------------------
    {
      name: 'a zip bomb attached to a reply',
      group: 'attachments',
      build: (p) => {
        const bomb = Buffer.from(zip({ 'Connections.csv': `First Name,Last Name,URL,Email Address,Company,Position,Connected On\n${'a'.repeat(4 * 1024 * 1024)}` }, 9));
        const body = withAttachments('my new export', [{ filename: 'Basic_LinkedInDataExport.zip', contentType: 'application/zip', content: bomb }]);
        return mail(p, reply(p.a.email, p.a.replyAddress, body.body, { contentType: body.contentType }));
      },
      expect: { smtp: 250, status: 'processed', receipt: 'a', exports: 1 },
    },
    {
      name: 'an attachment whose name climbs out of the folder',
      group: 'attachments',
      build: (p) => {
        const body = withAttachments('file attached', [{ filename: '../../../../tmp/rapport-evil.csv', contentType: 'text/csv', content: Buffer.from('Name,Age\nJane,40\n') }]);
        return mail(p, reply(p.a.email, p.a.replyAddress, body.body, { contentType: body.contentType }));
      },
      expect: { smtp: 250, status: 'processed', receipt: 'a', exports: 1 },
    },
    {
      name: 'a PDF attached as export.zip',
      group: 'attachments',
      build: (p) => {
        const body = withAttachments('export', [{ filename: 'export.zip', contentType: 'application/zip', content: Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3000)]) }]);
        return mail(p, reply(p.a.email, p.a.replyAddress, body.body, { contentType: body.contentType }));
      },
      expect: { smtp: 250, status: 'processed', receipt: 'a', exports: 1 },
    },
    {
      name: '2,000 CSV attachments in one reply',
      group: 'attachments',
      build: (p) => {
        const files = Array.from({ length: 2000 }, (_, i) => ({ filename: `part-${i}.csv`, contentType: 'text/csv', content: Buffer.from(`x,y\n${i},${i}\n`) }));
        const body = withAttachments('lots of files', files);
        return mail(p, reply(p.a.email, p.a.replyAddress, body.body, { contentType: body.contentType }));
      },
      // Past the MIME parser's part limit the message is set aside unanswered: a safe no-op.
      expect: { smtp: 250, status: 'ignored', receipt: 'none', exports: 0 },
    },
  ];
}
