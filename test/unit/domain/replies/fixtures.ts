/**
 * Raw replies to a weekly digest as mail clients write them. The digest below follows the text and
 * HTML the real template renders (emails/weekly-digest.tsx): every item ends in "or reply: <command>"
 * and the footer carries the example "known 1 3, close 2, unknown 4, intro 5", so a reply parser that
 * reads quoted history as commands fails these tests loudly.
 */

export const REPLY_ADDRESS = 'reply+b7vq2mxk4rtd5nwa6yzc3fhe2kp7sjlu4gqm6xbt5oirw3dnv@rapport.example';
export const ITEM_COUNT = 6;

export const DIGEST_TEXT = `WEEK OF 23 NOVEMBER 2026

Hi Jane,

Here is this week’s short list. Answer any item with a button, the one-click reply under it, or a reply in your own words.


DO YOU KNOW THEM?

You should be able to vouch for everyone in your network. Tell us which of these people you really know.

1. Alex Martin

Connected in 2019 from his invitation, with no messages since. Could you vouch for him?

Known https://rapport.example/a/k1 Know well https://rapport.example/a/c1 Don’t know https://rapport.example/a/u1

or reply: known 1

2. Sam Lee

Product lead at Acme, one of your target companies. You exchanged a few messages in 2023.

Known https://rapport.example/a/k2 Know well https://rapport.example/a/c2 Don’t know https://rapport.example/a/u2

or reply: known 2

3. Nora Weiss

Endorsed you for Negotiation in 2021. No messages.

Known https://rapport.example/a/k3 Know well https://rapport.example/a/c3 Don’t know https://rapport.example/a/u3

or reply: known 3

4. Tom Becker

Accepted your invitation in 2024. No messages, no shared employer.

Known https://rapport.example/a/k4 Know well https://rapport.example/a/c4 Don’t know https://rapport.example/a/u4

or reply: unknown 4


INTRODUCTIONS TO ASK FOR

People you know well who sit where your goals point. Ask them to introduce you onward.

5. Ask Priya Patel for an introduction at Globex

You know Priya well and she worked at Globex for four years. Globex is on your target list.

Draft intro https://rapport.example/a/i5

or reply: intro 5


GAPS IN YOUR STRATEGY

Each one comes with a single next step.

6. No one you know at Initech

Initech is a target, but none of your known contacts work there. Next step: look for someone who used to.

Answer the question https://rapport.example/a/g6

or reply: skip 6


WHAT CHANGED SINCE YOUR LAST UPLOAD

4 new connections

1 connection no longer in your network


NETWORK QUALITY

1,234 connections · 38% you know · 21% with evidence of a real tie

Prefer typing? Reply to this email with item numbers, for example known 1 3, close 2, unknown 4, intro 5. Also skip 6 to pass on an item, upload for a fresh upload link, stop to unsubscribe. close means you know them well enough to ask for, or make, an introduction.

Upload a fresh LinkedIn export https://rapport.example/upload/u · Preferences https://rapport.example/preferences/p · Unsubscribe https://rapport.example/unsubscribe/s

You get this weekly digest because you subscribed to Rapport.
`;

function digestItemHtml(number: number, title: string, detail: string, command: string): string {
  const mailto = `mailto:${REPLY_ADDRESS}?subject=Re%3A%204%20people%20to%20review&amp;body=${encodeURIComponent(command)}`;
  return `<table align="center" width="100%" data-item="${number}" border="0" cellpadding="0" cellspacing="0" role="presentation" style="border-top:1px solid #e5e7eb;padding:16px 0 8px"><tbody><tr><td>
<p style="font-size:15px;line-height:22px;font-weight:600;margin:0 0 4px"><span style="color:#0f766e">${number}.</span> ${title}</p>
<p style="font-size:15px;line-height:22px;margin:0 0 12px">${detail}</p>
<table align="center" width="100%" border="0" cellpadding="0" cellspacing="0" role="presentation"><tbody><tr><td>
<a href="https://rapport.example/a/k${number}" style="padding:8px 14px;border:1px solid #0f766e" target="_blank">Known</a> <a href="https://rapport.example/a/c${number}" target="_blank">Know well</a> <a href="https://rapport.example/a/u${number}" target="_blank">Don’t know</a>
</td></tr></tbody></table>
<p style="font-size:13px;line-height:20px;color:#6b7280;margin:0">or reply: <a href="${mailto}" style="color:#0f766e" target="_blank">${command}</a></p>
</td></tr></tbody></table>`;
}

/** The digest's HTML as clients embed it in a quote: the body's content, without html/head. */
export const DIGEST_HTML_BODY = `<table align="center" width="100%" class="container" border="0" cellpadding="0" cellspacing="0" role="presentation" style="max-width:600px;background:#ffffff;padding:24px"><tbody><tr style="width:100%"><td>
<h1 style="font-size:22px">Week of 23 November 2026</h1>
<p style="font-size:15px">Hi Jane,</p>
<p style="font-size:15px">Here is this week’s short list. Answer any item with a button, the one-click reply under it, or a reply in your own words.</p>
<h2 style="font-size:17px">Do you know them?</h2>
${digestItemHtml(1, 'Alex Martin', 'Connected in 2019 from his invitation, with no messages since.', 'known 1')}
${digestItemHtml(2, 'Sam Lee', 'Product lead at Acme, one of your target companies.', 'known 2')}
${digestItemHtml(3, 'Nora Weiss', 'Endorsed you for Negotiation in 2021. No messages.', 'known 3')}
${digestItemHtml(4, 'Tom Becker', 'Accepted your invitation in 2024. No messages, no shared employer.', 'unknown 4')}
<h2 style="font-size:17px">Introductions to ask for</h2>
${digestItemHtml(5, 'Ask Priya Patel for an introduction at Globex', 'You know Priya well and she worked at Globex for four years.', 'intro 5')}
<h2 style="font-size:17px">Gaps in your strategy</h2>
${digestItemHtml(6, 'No one you know at Initech', 'Initech is a target, but none of your known contacts work there.', 'skip 6')}
<h2 style="font-size:17px">Network quality</h2>
<p style="font-size:15px">1,234 connections · 38% you know · 21% with evidence of a real tie</p>
<p style="font-size:13px;color:#6b7280">Prefer typing? Reply to this email with item numbers, for example <code>known 1 3, close 2, unknown 4, intro 5</code>. Also <code>skip 6</code> to pass on an item, <code>upload</code> for a fresh upload link, <code>stop</code> to unsubscribe. <code>close</code> means you know them well enough to ask for, or make, an introduction.</p>
<p style="font-size:13px;color:#6b7280"><a href="https://rapport.example/upload/u">Upload a fresh LinkedIn export</a> · <a href="https://rapport.example/preferences/p">Preferences</a> · <a href="https://rapport.example/unsubscribe/s">Unsubscribe</a></p>
<p style="font-size:13px;color:#6b7280">You get this weekly digest because you subscribed to Rapport.</p>
</td></tr></tbody></table>`;

/** Every line prefixed the way clients quote plain text. */
export function quoted(text: string, prefix = '> '): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (line === '' ? prefix.trimEnd() : `${prefix}${line}`))
    .join('\n');
}

/** Quoted-printable (RFC 2045) of UTF-8 text: non-ASCII and "=" escaped, soft breaks before 76 columns. */
export function qp(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let out = '';
      let column = 0;
      const bytes = Buffer.from(line, 'utf8');
      bytes.forEach((byte, index) => {
        const last = index === bytes.length - 1;
        const literal = (byte >= 33 && byte <= 126 && byte !== 61) || (byte === 32 && !last);
        const piece = literal ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
        if (column + piece.length > 75) {
          out += '=\r\n';
          column = 0;
        }
        out += piece;
        column += piece.length;
      });
      return out;
    })
    .join('\r\n');
}

/** Base64 in 76-character lines. */
export function b64(content: string | Buffer): string {
  const encoded = (typeof content === 'string' ? Buffer.from(content, 'utf8') : content).toString('base64');
  return encoded.replace(/.{1,76}/g, '$&\r\n').trimEnd();
}

/** A raw message: header lines, a blank line, the body; line ends made CRLF as on the wire. */
export function rawMessage(headers: string, body: string): Buffer {
  const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
  return Buffer.from(`${crlf(headers.trim())}\r\n\r\n${crlf(body)}`, 'utf8');
}

/** Headers every reply in these tests carries, with the client-specific ones appended. */
export function replyHeaders(extra: string, from = 'Jane Doe <jane.doe@example.com>'): string {
  return `Return-Path: <jane.doe@example.com>
From: ${from}
To: Rapport <${REPLY_ADDRESS}>
Subject: Re: 4 people to review, 1 introduction to ask for, 1 strategy gap to close
Date: Mon, 23 Nov 2026 09:14:02 +0100
Message-ID: <CAF=reply-1@mail.example.com>
In-Reply-To: <digest-2026-48-7f3a@rapport.example>
References: <digest-2026-48-7f3a@rapport.example>
MIME-Version: 1.0
${extra.trim()}`;
}
