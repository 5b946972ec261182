import { describe, expect, it } from 'vitest';
import { extractReply, parseCommands, type Command } from '../../../../domain/replies/index.ts';
import {
  DIGEST_HTML_BODY,
  DIGEST_TEXT,
  ITEM_COUNT,
  REPLY_ADDRESS,
  b64,
  qp,
  quoted,
  rawMessage,
  replyHeaders,
} from './fixtures.ts';

const known = (item: number): Command => ({ kind: 'answer', answer: 'known', item });
const close = (item: number): Command => ({ kind: 'answer', answer: 'close', item });
const unknown = (item: number): Command => ({ kind: 'answer', answer: 'unknown', item });
const intro = (item: number): Command => ({ kind: 'answer', answer: 'intro', item });
const skip = (item: number): Command => ({ kind: 'answer', answer: 'skip', item });

const GMAIL_ATTRIBUTION = `On Mon, Nov 23, 2026 at 8:00 AM Rapport <${REPLY_ADDRESS}> wrote:`;

interface ClientCase {
  raw: Buffer;
  visibleText: string;
  commands: Command[];
  /** Nothing, unless said: greetings, sign-offs and signatures are not reported back. */
  notUnderstood?: string[];
}

const clientCases: Record<string, ClientCase> = {
  'Gmail, top-posted, quoted-printable multipart/alternative with the attribution wrapped': {
    raw: rawMessage(
      replyHeaders('Content-Type: multipart/alternative; boundary="000000000000a1b2c3"'),
      `--000000000000a1b2c3
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

${qp(`known 1 3, close 2

On Mon, Nov 23, 2026 at 8:00 AM Rapport <
${REPLY_ADDRESS}> wrote:

${quoted(DIGEST_TEXT)}
`)}

--000000000000a1b2c3
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

${qp(`<div dir="ltr">known 1 3, close 2</div><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">On Mon, Nov 23, 2026 at 8:00 AM Rapport &lt;<a href="mailto:${REPLY_ADDRESS}">${REPLY_ADDRESS}</a>&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">${DIGEST_HTML_BODY}</blockquote></div>`)}
--000000000000a1b2c3--
`,
    ),
    visibleText: 'known 1 3, close 2',
    commands: [known(1), known(3), close(2)],
  },

  'Gmail HTML part alone': {
    raw: rawMessage(
      replyHeaders('Content-Type: text/html; charset="UTF-8"\nContent-Transfer-Encoding: quoted-printable'),
      qp(
        `<div dir="ltr"><div>unknown 4</div><div>skip 6</div><div><br></div><div>Thanks!</div><div class="gmail_signature" data-smartmail="gmail_signature">Jane Doe<br>Northwind · +44 20 7946 0958</div></div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">${GMAIL_ATTRIBUTION.replace('<', '&lt;').replace('>', '&gt;')}<br></div><blockquote class="gmail_quote">${DIGEST_HTML_BODY}</blockquote></div>`,
      ),
    ),
    visibleText: 'unknown 4\nskip 6\n\nThanks!',
    commands: [unknown(4), skip(6)],
  },

  'Gmail in French, base64 UTF-8': {
    raw: rawMessage(
      replyHeaders('Content-Type: text/plain; charset="UTF-8"\nContent-Transfer-Encoding: base64'),
      b64(`Bonjour,

intro 5
unknown 4

Merci !
Jeanne

Le lun. 23 nov. 2026 à 08:00, Rapport <${REPLY_ADDRESS}> a écrit :

${quoted(DIGEST_TEXT)}
`),
    ),
    visibleText: 'Bonjour,\n\nintro 5\nunknown 4\n\nMerci !\nJeanne',
    commands: [intro(5), unknown(4)],
  },

  'Outlook desktop, separator line and From/Sent block over an unquoted digest': {
    raw: rawMessage(
      replyHeaders(`Content-Type: multipart/alternative; boundary="_000_DB9PR01MB1234EURP_"
Thread-Topic: 4 people to review
Thread-Index: AQHZx1b2c3d4e5f6
Content-Language: en-GB
X-MS-Has-Attach:
X-MS-TNEF-Correlator:`),
      `--_000_DB9PR01MB1234EURP_
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

${qp(`Known 1, 3
Close 2

Thanks,
Jane Doe
Head of Partnerships | Northwind
+44 20 7946 0958

________________________________
From: Rapport <${REPLY_ADDRESS}>
Sent: Monday, November 23, 2026 8:00 AM
To: Jane Doe <jane.doe@example.com>
Subject: 4 people to review, 1 introduction to ask for, 1 strategy gap to close

${DIGEST_TEXT}`)}

--_000_DB9PR01MB1234EURP_
Content-Type: text/html; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

${qp(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=us-ascii"></head><body><p class="MsoNormal">Known 1, 3</p><p class="MsoNormal">Close 2</p></body></html>`)}
--_000_DB9PR01MB1234EURP_--
`,
    ),
    visibleText: 'Known 1, 3\nClose 2\n\nThanks,\nJane Doe\nHead of Partnerships | Northwind\n+44 20 7946 0958',
    commands: [known(1), known(3), close(2)],
  },

  'Outlook, "-----Original Message-----"': {
    raw: rawMessage(
      replyHeaders('Content-Type: text/plain; charset="us-ascii"\nContent-Transfer-Encoding: 7bit'),
      `unknown 4, skip 6

-----Original Message-----
From: Rapport [mailto:${REPLY_ADDRESS}]
Sent: Monday, 23 November 2026 08:00
To: jane.doe@example.com
Subject: 4 people to review, 1 introduction to ask for, 1 strategy gap to close

${DIGEST_TEXT}`,
    ),
    visibleText: 'unknown 4, skip 6',
    commands: [unknown(4), skip(6)],
  },

  'Outlook on the web, HTML only': {
    raw: rawMessage(
      replyHeaders(`Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: quoted-printable
X-MS-Exchange-Organization-SCL: 1`),
      qp(
        `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style></head><body dir="ltr"><div class="elementToProof" style="font-family: Aptos, Aptos_EmbeddedFont, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">unknown 4</div><div class="elementToProof" style="font-size: 12pt;">intro 5</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>From:</b> Rapport &lt;${REPLY_ADDRESS}&gt;<br><b>Sent:</b> Monday, November 23, 2026 08:00<br><b>To:</b> Jane Doe &lt;jane.doe@example.com&gt;<br><b>Subject:</b> 4 people to review, 1 introduction to ask for, 1 strategy gap to close</font><div>&nbsp;</div></div><div>${DIGEST_HTML_BODY}</div></body></html>`,
      ),
    ),
    visibleText: 'unknown 4\nintro 5',
    commands: [unknown(4), intro(5)],
  },

  'Outlook desktop, HTML only': {
    raw: rawMessage(
      replyHeaders('Content-Type: text/html; charset="utf-8"\nContent-Transfer-Encoding: base64'),
      b64(`<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><meta name="Generator" content="Microsoft Word 15 (filtered medium)"><style><!--
/* Font Definitions */
@font-face {font-family:"Cambria Math"; panose-1:2 4 5 3 5 4 6 3 2 4;}
p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}
--></style></head><body lang="EN-GB" link="#0563C1" vlink="#954F72" style="word-wrap:break-word"><div class="WordSection1"><p class="MsoNormal">Known 2<o:p></o:p></p><p class="MsoNormal">Stranger 4<o:p></o:p></p><p class="MsoNormal"><o:p>&nbsp;</o:p></p><div id="mail-editor-reference-message-container"><div><div style="border:none;border-top:solid #B5C4DF 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal" style="margin-bottom:12.0pt"><b><span style="font-size:12.0pt;color:black">From: </span></b><span style="font-size:12.0pt;color:black">Rapport &lt;${REPLY_ADDRESS}&gt;<br><b>Date: </b>Monday, 23 November 2026 at 08:00<br><b>To: </b>Jane Doe &lt;jane.doe@example.com&gt;<br><b>Subject: </b>4 people to review, 1 introduction to ask for, 1 strategy gap to close<o:p></o:p></span></p></div>${DIGEST_HTML_BODY}</div></div></div></body></html>`),
    ),
    visibleText: 'Known 2\nStranger 4',
    commands: [known(2), unknown(4)],
  },

  'Yahoo Mail, HTML only, the quote in a div rather than a blockquote': {
    raw: rawMessage(
      replyHeaders(`Content-Type: text/html; charset=UTF-8
Content-Transfer-Encoding: quoted-printable
X-Mailer: WebService/1.1.22806 YMailNorrin`),
      qp(
        `<html><head></head><body><div class="ydp4e1b2c3yahoo-style-wrap" style="font-family:Helvetica Neue, Helvetica, Arial, sans-serif;font-size:13px;"><div dir="ltr" data-setdir="false">close 2, intro 5</div></div><div id="ydp9a8b7c6yahoo_quoted_1234567890" class="yahoo_quoted"><div style="font-family:'Helvetica Neue', Helvetica, Arial, sans-serif;font-size:13px;color:#26282a;"><div>On Monday, November 23, 2026 at 08:00:00 AM GMT+1, Rapport &lt;${REPLY_ADDRESS}&gt; wrote:</div><div><br></div><div><br></div><div><div id="yiv0123456789">${DIGEST_HTML_BODY}</div></div></div></div></body></html>`,
      ),
    ),
    visibleText: 'close 2, intro 5',
    commands: [close(2), intro(5)],
  },

  'Apple Mail, multipart/alternative': {
    raw: rawMessage(
      replyHeaders(`Content-Type: multipart/alternative; boundary="Apple-Mail=_5C1D2E3F-4A5B-6C7D-8E9F-0A1B2C3D4E5F"
X-Mailer: Apple Mail (2.3774.200.91.1.1)`),
      `--Apple-Mail=_5C1D2E3F-4A5B-6C7D-8E9F-0A1B2C3D4E5F
Content-Transfer-Encoding: quoted-printable
Content-Type: text/plain;
	charset=utf-8

${qp(`skip 6
known 2

Jane

On 23 Nov 2026, at 08:00, Rapport <${REPLY_ADDRESS}> wrote:

${quoted(DIGEST_TEXT)}
`)}

--Apple-Mail=_5C1D2E3F-4A5B-6C7D-8E9F-0A1B2C3D4E5F
Content-Transfer-Encoding: quoted-printable
Content-Type: text/html;
	charset=utf-8

${qp(`<html aria-label="message body"><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;">skip 6<div>known 2</div><div><br id="lineBreakAtBeginningOfMessage"><div><br><blockquote type="cite"><div>On 23 Nov 2026, at 08:00, Rapport &lt;${REPLY_ADDRESS}&gt; wrote:</div><br class="Apple-interchange-newline"><div>${DIGEST_HTML_BODY}</div></blockquote></div><br></div></body></html>`)}
--Apple-Mail=_5C1D2E3F-4A5B-6C7D-8E9F-0A1B2C3D4E5F--
`,
    ),
    visibleText: 'skip 6\nknown 2\n\nJane',
    commands: [skip(6), known(2)],
  },

  'iPhone, "Sent from my iPhone" above a quoted attribution': {
    raw: rawMessage(
      replyHeaders(`Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable
X-Mailer: iPhone Mail (22B91)`),
      qp(`known 3

Sent from my iPhone

> On 23 Nov 2026, at 08:00, Rapport <${REPLY_ADDRESS}> wrote:
${'> '}
${quoted(DIGEST_TEXT)}
`),
    ),
    visibleText: 'known 3',
    commands: [known(3)],
  },

  'Thunderbird, bottom-posted below the quote, format=flowed': {
    raw: rawMessage(
      replyHeaders(`Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 8bit
User-Agent: Mozilla Thunderbird`),
      `On 23/11/2026 08:00, Rapport wrote:
${quoted(DIGEST_TEXT)}

known 1 3
close 2

Thanks,
Jane
`,
    ),
    visibleText: 'known 1 3\nclose 2\n\nThanks,\nJane',
    commands: [known(1), known(3), close(2)],
  },

  'Thunderbird, HTML only, bottom-posted with a signature': {
    raw: rawMessage(
      replyHeaders('Content-Type: text/html; charset=UTF-8\nContent-Transfer-Encoding: 8bit'),
      `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body><div class="moz-cite-prefix">On 23/11/2026 08:00, Rapport wrote:<br></div><blockquote type="cite" cite="mid:digest-2026-48-7f3a@rapport.example">${DIGEST_HTML_BODY}</blockquote><p>known 1 3<br>close 2</p><div class="moz-signature">-- <br>Jane Doe<br>Northwind</div></body></html>`,
    ),
    visibleText: 'known 1 3\nclose 2',
    commands: [known(1), known(3), close(2)],
  },

  'bottom-posted below a long quoted thread': {
    raw: rawMessage(
      replyHeaders('Content-Type: text/plain; charset=UTF-8'),
      `${GMAIL_ATTRIBUTION}
${quoted(`${DIGEST_TEXT}\nOn Mon, 16 Nov 2026 at 08:00, Rapport <${REPLY_ADDRESS}> wrote:\n${quoted(DIGEST_TEXT)}`)}

unknown 4
skip 6
`,
    ),
    visibleText: 'unknown 4\nskip 6',
    commands: [unknown(4), skip(6)],
  },

  'Gmail in Turkish, an attribution the quote parser does not know': {
    raw: rawMessage(
      replyHeaders('Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable'),
      qp(`known 3

Rapport <${REPLY_ADDRESS}>, 23 Kas 2026 Pzt, 08:00 tarihinde şunu yazdı:

${quoted(DIGEST_TEXT)}
`),
    ),
    visibleText: 'known 3',
    commands: [known(3)],
  },

  'zero-width characters around a command': {
    raw: rawMessage(
      replyHeaders('Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64'),
      b64(`\u200bknown\u200b 3\u2060\n`),
    ),
    visibleText: 'known 3',
    commands: [known(3)],
  },

  'German quote header': {
    raw: rawMessage(
      replyHeaders('Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable'),
      qp(`known 2, unknown 4

Viele Grüße
Jane

Am 23.11.2026 um 08:00 schrieb Rapport <${REPLY_ADDRESS}>:
${quoted(DIGEST_TEXT)}
`),
    ),
    visibleText: 'known 2, unknown 4\n\nViele Grüße\nJane',
    commands: [known(2), unknown(4)],
  },

  'Spanish quote header': {
    raw: rawMessage(
      replyHeaders('Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable'),
      qp(`known 1
intro 5

El lun, 23 nov 2026 a las 8:00, Rapport (<${REPLY_ADDRESS}>) escribió:

${quoted(DIGEST_TEXT)}
`),
    ),
    visibleText: 'known 1\nintro 5',
    commands: [known(1), intro(5)],
  },

  'answers written between the quoted items': {
    raw: rawMessage(
      replyHeaders('Content-Type: text/plain; charset=UTF-8'),
      `${GMAIL_ATTRIBUTION}

> 3. Nora Weiss
>
> Endorsed you for Negotiation in 2021. No messages.
>
> or reply: known 3
known 3

> 4. Tom Becker
>
> or reply: unknown 4
close 4

> Prefer typing? Reply to this email with item numbers, for example known 1 3, close 2, unknown 4, intro 5.
`,
    ),
    visibleText: 'known 3\nclose 4',
    commands: [known(3), close(4)],
  },

  'an Outlook header in a language the parser does not know, over an unquoted digest': {
    raw: rawMessage(
      replyHeaders('Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable'),
      qp(`known 1
intro 5

________________________________
Från: Rapport <${REPLY_ADDRESS}>
Skickat: den 23 november 2026 08:00
Till: Jane Doe <jane.doe@example.com>
Ämne: 4 people to review

${DIGEST_TEXT}`),
    ),
    visibleText: 'known 1\nintro 5',
    commands: [known(1), intro(5)],
  },

  'a digest forwarded with Gmail': {
    raw: rawMessage(
      replyHeaders('Content-Type: text/plain; charset=UTF-8'),
      `close 2

---------- Forwarded message ---------
From: Rapport <${REPLY_ADDRESS}>
Date: Mon, Nov 23, 2026 at 8:00 AM
Subject: 4 people to review, 1 introduction to ask for, 1 strategy gap to close
To: <jane.doe@example.com>


${DIGEST_TEXT}`,
    ),
    visibleText: 'close 2',
    commands: [close(2)],
  },

  'a digest pasted with no header at all': {
    raw: rawMessage(replyHeaders('Content-Type: text/plain; charset=UTF-8'), `known 2\n\nSee below.\n\n${DIGEST_TEXT}`),
    // Cut where the digest's own wording starts; the title above it is prose the grammar rejects.
    visibleText: 'known 2\n\nSee below.\n\nWEEK OF 23 NOVEMBER 2026\n\nHi Jane,',
    commands: [known(2)],
    notUnderstood: ['WEEK OF 23 NOVEMBER 2026'],
  },

  'the one-click reply, then "Sent from my iPhone"': {
    raw: rawMessage(replyHeaders('Content-Type: text/plain; charset=us-ascii'), 'known 3\n\nSent from my iPhone\n'),
    visibleText: 'known 3',
    commands: [known(3)],
  },

  'the one-click reply, then a "--" signature': {
    raw: rawMessage(replyHeaders('Content-Type: text/plain; charset=us-ascii'), 'known 3\n--\nJane\n'),
    visibleText: 'known 3',
    commands: [known(3)],
  },
};

describe('extractReply: replies as mail clients write them', () => {
  it.each(Object.entries(clientCases))('%s', async (_name, { raw, visibleText, commands, notUnderstood = [] }) => {
    const reply = await extractReply(raw);
    expect(reply.visibleText).toBe(visibleText);
    expect(parseCommands(reply.visibleText, ITEM_COUNT)).toEqual({ commands, notUnderstood });
  });

  it('never reads the quoted digest as commands, whoever quoted it', async () => {
    for (const { raw } of Object.values(clientCases)) {
      const { visibleText } = await extractReply(raw);
      expect(visibleText).not.toMatch(/or reply:|Prefer typing|weekly digest because/i);
    }
  });
});

describe('extractReply: headers and attachments', () => {
  it('reads the identifiers, the bare From address and the decoded subject', async () => {
    const reply = await extractReply(
      rawMessage(
        `From: "Doe, Jane" <Jane.Doe@Example.COM>
To: ${REPLY_ADDRESS}
Subject: =?UTF-8?Q?Re:_4_people_to_review_=E2=80=94_caf=C3=A9?=
Message-ID: <reply-7@mail.example.com>
In-Reply-To: <digest-2026-48-7f3a@rapport.example>
References: <digest-2026-47-1b2c@rapport.example> <digest-2026-48-7f3a@rapport.example>
Auto-Submitted: auto-replied
Content-Type: text/plain; charset=us-ascii`,
        'known 3\n',
      ),
    );
    expect(reply).toMatchObject({
      messageId: '<reply-7@mail.example.com>',
      inReplyTo: '<digest-2026-48-7f3a@rapport.example>',
      references: ['<digest-2026-47-1b2c@rapport.example>', '<digest-2026-48-7f3a@rapport.example>'],
      from: 'jane.doe@example.com',
      subject: 'Re: 4 people to review — café',
      visibleText: 'known 3',
      attachments: [],
    });
    expect(reply.headers.get('auto-submitted')).toBe('auto-replied');
  });

  it('gives nulls and empty values for a bare message', async () => {
    const reply = await extractReply(Buffer.from('\r\n'));
    expect(reply).toMatchObject({
      messageId: null,
      inReplyTo: null,
      references: [],
      from: null,
      subject: '',
      visibleText: '',
      attachments: [],
    });
  });

  it('makes a single References id a list of one', async () => {
    const reply = await extractReply(rawMessage('References: <only@rapport.example>\nContent-Type: text/plain', 'x'));
    expect(reply.references).toEqual(['<only@rapport.example>']);
  });

  it('surfaces an attached zip, and not the logo the HTML shows inline', async () => {
    const zip = Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(2048, 7)]);
    const logo = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const reply = await extractReply(
      rawMessage(
        replyHeaders('Content-Type: multipart/mixed; boundary="mixed-1"'),
        `--mixed-1
Content-Type: multipart/related; boundary="related-1"

--related-1
Content-Type: text/html; charset=utf-8

<p>Here is my new export.</p><p><img src="cid:logo@northwind"></p>
--related-1
Content-Type: image/png; name="image001.png"
Content-Disposition: inline; filename="image001.png"
Content-ID: <logo@northwind>
Content-Transfer-Encoding: base64

${b64(logo)}
--related-1--

--mixed-1
Content-Type: application/zip; name="Basic_LinkedInDataExport_11-23-2026.zip"
Content-Disposition: attachment; filename="Basic_LinkedInDataExport_11-23-2026.zip"
Content-Transfer-Encoding: base64

${b64(zip)}
--mixed-1--
`,
      ),
    );
    expect(reply.visibleText).toBe('Here is my new export.');
    expect(reply.attachments).toEqual([
      {
        filename: 'Basic_LinkedInDataExport_11-23-2026.zip',
        contentType: 'application/zip',
        size: zip.length,
        content: zip,
      },
    ]);
  });

  it('reads the HTML part when the plain text part is blank', async () => {
    const reply = await extractReply(
      rawMessage(
        replyHeaders('Content-Type: multipart/alternative; boundary="alt"'),
        `--alt
Content-Type: text/plain; charset=utf-8

 

--alt
Content-Type: text/html; charset=utf-8

<div>close 2</div>
--alt--
`,
      ),
    );
    expect(reply.visibleText).toBe('close 2');
  });
});

describe('extractReply: bounded work', () => {
  it('handles a 10 MB body', async () => {
    const body = b64('known 1 3\n'.repeat(1024 * 1024));
    const reply = await extractReply(
      rawMessage(replyHeaders('Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64'), body),
    );
    expect(reply.visibleText.split('\n').length).toBeLessThanOrEqual(100);
    expect(parseCommands(reply.visibleText, ITEM_COUNT).commands).toEqual([known(1), known(3)]);
  });

  it('handles a 10 MB HTML body', async () => {
    const html = `<div>unknown 4</div>${'<div><b><i>deep'.repeat(700_000)}`;
    const reply = await extractReply(rawMessage(replyHeaders('Content-Type: text/html; charset=utf-8'), html));
    expect(reply.visibleText.startsWith('unknown 4')).toBe(true);
  });

  it.each([
    ['a 10 MB line', 'known 3 '.repeat(1.3 * 1024 * 1024)],
    // Shaped to make the parser's "… from … <…>:" header pattern backtrack.
    ['a backtracking header line', '1111from<'.repeat(1024 * 1024)],
    // Shaped for its patterns that span lines ("DATE skrev NAME:").
    ['many lines that look like a header start', 'abc. skrev x skrev y skrev\n'.repeat(100_000)],
    ['a line of tildes', `${'~'.repeat(5_000_000)}x`],
    ['quote markers without end', '>'.repeat(5_000_000)],
    ['a million quoted lines', 'known 2\n'.concat('> known 1 3\n'.repeat(1_000_000))],
  ])('handles %s', async (_name, body) => {
    const reply = await extractReply(rawMessage(replyHeaders('Content-Type: text/plain; charset=utf-8'), body));
    expect(reply.visibleText.length).toBeLessThanOrEqual(20 * 1024);
    parseCommands(reply.visibleText, ITEM_COUNT);
  });
});
