import { describe, expect, it } from 'vitest';
import { renderEmail, type RenderedEmail } from '../../../../emails/render.ts';
import { WeeklyDigest } from '../../../../emails/weekly-digest.tsx';
import { extractReply, parseCommands, type Command } from '../../../../domain/replies/index.ts';
import { DIGEST_PHRASES } from '../../../../domain/replies/quoted-history.ts';
import { qp, rawMessage, replyHeaders } from './fixtures.ts';

// The real template, rendered as subscribers receive it, so the reply reader notices when the
// digest's wording changes under it. React Email's render hangs under fake timers: real ones here.

const props = WeeklyDigest.PreviewProps;
const ITEMS = props.review.length + props.introductions.length + props.gaps.length;
const digestWithItems = renderEmail('weekly-digest', props);
const digestWithout = renderEmail('weekly-digest', { ...props, review: [], introductions: [], gaps: [] });

const straightened = (text: string) => text.toLowerCase().replace(/\u2019/g, "'");

/** Ways a digest reaches us unmarked: no ">" quoting, a header the quote parser does not know. */
const unmarkedQuotes: Record<string, (digest: RenderedEmail) => Buffer> = {
  'plain text under a Swedish Outlook header': (digest) =>
    rawMessage(
      replyHeaders('Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable'),
      qp(`unknown 2

Från: Rapport <${props.replyAddress}>
Skickat: den 23 november 2026 08:00
Till: Jane Doe <jane.doe@example.com>
Ämne: ${digest.subject}

${digest.text}`),
    ),
  'HTML under a Polish Outlook header': (digest) =>
    rawMessage(
      replyHeaders('Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable'),
      qp(
        `<html><body><div class="WordSection1"><p class="MsoNormal">unknown 2</p><p class="MsoNormal">&nbsp;</p><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal"><b>Od:</b> Rapport &lt;${props.replyAddress}&gt;<br><b>Wysłano:</b> poniedziałek, 23 listopada 2026 08:00<br><b>Do:</b> Jane Doe &lt;jane.doe@example.com&gt;</p></div>${digest.html}</div></body></html>`,
      ),
    ),
  'plain text pasted below the reply': (digest) =>
    rawMessage(
      replyHeaders('Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable'),
      qp(`unknown 2\n\n${digest.text}`),
    ),
};

describe('the rendered digest, quoted back without markers', () => {
  it('contains the phrases the reply reader recognises it by', async () => {
    const texts = [(await digestWithItems).text, (await digestWithout).text].map(straightened).join('\n');
    for (const phrase of DIGEST_PHRASES) expect(texts).toContain(phrase);
  });

  it.each(Object.entries(unmarkedQuotes))('%s: only the person’s own command runs', async (_name, build) => {
    const reply = await extractReply(build(await digestWithItems));
    const unknown2: Command = { kind: 'answer', answer: 'unknown', item: 2 };
    expect(parseCommands(reply.visibleText, ITEMS).commands).toEqual([unknown2]);
    expect(straightened(reply.visibleText)).not.toMatch(/your weekly digest|do you know them|prefer typing|weekly digest because/);
  });
});
