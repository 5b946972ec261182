import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../../emails/render.ts';
import { WeeklyDigest, type DigestItem, type WeeklyDigestProps } from '../../../emails/weekly-digest.tsx';

// React Email's render hangs under fake timers: every test here runs on real ones.

const REPLY_ADDRESS = 'reply+tok_AbC-123@rapport.example';

function item(number: number, kind: 'review' | 'intro' | 'gap'): DigestItem {
  const command = { review: `known ${number}`, intro: `intro ${number}`, gap: `skip ${number}` }[kind];
  return {
    number,
    title: `${kind} title ${number}`,
    detail: `Why item ${number} is here.`,
    actions: [{ label: `Act on ${number}`, url: `https://rapport.example/a/${kind}-${number}` }],
    replyCommand: command,
  };
}

interface Counts {
  review: number;
  intros: number;
  gaps: number;
}

/** Items numbered 1..n across sections in display order, as the digest builder numbers them. */
function digest(counts: Counts, overrides: Partial<WeeklyDigestProps> = {}): WeeklyDigestProps {
  let next = 1;
  const make = (n: number, kind: 'review' | 'intro' | 'gap') => Array.from({ length: n }, () => item(next++, kind));
  return {
    ...WeeklyDigest.PreviewProps,
    review: make(counts.review, 'review'),
    introductions: make(counts.intros, 'intro'),
    gaps: make(counts.gaps, 'gap'),
    replyAddress: REPLY_ADDRESS,
    replySubject: 'Re: your digest, with "quotes" & 50% + more',
    ...overrides,
  };
}

const decodeAttribute = (s: string) =>
  s.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#x27;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>');

function mailtoLinks(html: string) {
  return [...html.matchAll(/href="(mailto:[^"]*)"/g)].map(([, raw]) => {
    const href = decodeAttribute(raw!);
    const [address, query = ''] = href.slice('mailto:'.length).split('?');
    const params = Object.fromEntries(
      query.split('&').map((pair) => {
        const [key, value = ''] = pair.split('=');
        return [key, decodeURIComponent(value)];
      }),
    );
    return { href, address, query, subject: params.subject, body: params.body };
  });
}

const itemNumbers = (html: string) => [...html.matchAll(/data-item="(\d+)"/g)].map(([, n]) => Number(n));
const sectionsIn = (html: string) => [...html.matchAll(/data-section="([a-z]+)"/g)].map(([, s]) => s);

describe('weekly digest subject', () => {
  it.each([
    [{ review: 3, intros: 1, gaps: 0 }, '3 people to review, 1 introduction to ask for'],
    [{ review: 1, intros: 0, gaps: 0 }, '1 person to review'],
    [{ review: 0, intros: 2, gaps: 1 }, '2 introductions to ask for, 1 strategy gap to close'],
    [{ review: 0, intros: 0, gaps: 2 }, '2 strategy gaps to close'],
    [{ review: 2, intros: 2, gaps: 2 }, '2 people to review, 2 introductions to ask for, 2 strategy gaps to close'],
    [{ review: 0, intros: 0, gaps: 0 }, 'Your weekly network check-in'],
  ])('%o → "%s"', async (counts, subject) => {
    expect((await renderEmail('weekly-digest', digest(counts))).subject).toBe(subject);
  });
});

describe('weekly digest items', () => {
  it.each([
    { review: 5, intros: 2, gaps: 2 },
    { review: 0, intros: 1, gaps: 3 },
    { review: 1, intros: 0, gaps: 0 },
  ])('are numbered 1..n in display order for %o', async (counts) => {
    const props = digest(counts);
    const { html, text } = await renderEmail('weekly-digest', props);
    const n = counts.review + counts.intros + counts.gaps;
    const expected = Array.from({ length: n }, (_, i) => i + 1);

    expect(itemNumbers(html)).toEqual(expected);
    const positions = expected.map((k) => text.indexOf(`${k}. `));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('each shows title, detail, action buttons and its one-click reply', async () => {
    const props = digest({ review: 2, intros: 1, gaps: 1 });
    const { html, text } = await renderEmail('weekly-digest', props);
    const items = [...props.review, ...props.introductions, ...props.gaps];
    const links = mailtoLinks(html);

    expect(links).toHaveLength(items.length);
    items.forEach((it, i) => {
      expect(text).toContain(`${it.number}. ${it.title}`);
      expect(text).toContain(it.detail);
      for (const action of it.actions) expect(html).toContain(`href="${action.url}"`);
      expect(text).toContain(`or reply: ${it.replyCommand}`);

      const link = links[i]!;
      expect(link.address).toBe(REPLY_ADDRESS);
      expect(link.subject).toBe(props.replySubject);
      expect(link.body).toBe(it.replyCommand);
      // Mail clients do not read '+' as a space in mailto: (RFC 6068); spaces must be %20.
      expect(link.query).not.toContain('+');
      expect(link.query).toContain('%20');
    });
    // The text part keeps the command and drops the unreadable mailto: URL.
    expect(text).not.toContain('subject=');
  });
});

describe('weekly digest sections', () => {
  it.each<[Counts, Partial<WeeklyDigestProps>, string[]]>([
    [{ review: 2, intros: 1, gaps: 1 }, {}, ['review', 'introductions', 'gaps', 'tip', 'changes', 'quality']],
    [{ review: 0, intros: 1, gaps: 0 }, {}, ['introductions', 'tip', 'changes', 'quality']],
    [{ review: 1, intros: 0, gaps: 1 }, { tip: null, changes: null }, ['review', 'gaps', 'quality']],
    [
      { review: 0, intros: 0, gaps: 0 },
      { tip: null, changes: { newConnections: 0, jobChanges: [], removed: 0 } },
      ['quality'],
    ],
  ])('%o with %o shows %o', async (counts, overrides, sections) => {
    const { html } = await renderEmail('weekly-digest', digest(counts, overrides));
    expect(sectionsIn(html)).toEqual(sections);
  });

  it('omits empty section headings and says when nothing needs an answer', async () => {
    const { html, text } = await renderEmail('weekly-digest', digest({ review: 0, intros: 0, gaps: 0 }, { tip: null, changes: null }));

    expect(text).not.toMatch(/DO YOU KNOW THEM|INTRODUCTIONS TO ASK FOR|GAPS IN YOUR STRATEGY|WHAT CHANGED/i);
    expect(text).toContain('Nothing needs an answer this week');
    expect(html).not.toContain('mailto:');
  });

  it.each([
    [0.042, 'The share you know is up 4 points since your last digest.'],
    [-0.01, 'The share you know is down 1 point since your last digest.'],
    [0.001, 'The share you know is up a little since your last digest.'],
    [0, 'The share you know is unchanged since your last digest.'],
  ])('network quality shows count, shares and a change of %d', async (knownShareChange, trend) => {
    const quality = { connections: 12_345, known: 4_740, unreviewed: 6_000, knownShare: 0.384, evidenceShare: 0.2, knownShareChange };
    const { text } = await renderEmail('weekly-digest', digest({ review: 1, intros: 0, gaps: 0 }, { quality }));

    expect(text).toContain('12,345 connections · 38% you know · 20% with evidence of a real tie');
    expect(text).toContain(trend);
  });

  it('network quality leaves out the change on a first digest', async () => {
    const quality = { connections: 1, known: 0, unreviewed: 1, knownShare: 0, evidenceShare: 1, knownShareChange: null };
    const { text } = await renderEmail('weekly-digest', digest({ review: 1, intros: 0, gaps: 0 }, { quality }));

    expect(text).toContain('1 connection · 0 people you know, 1 still to review · 100% with evidence');
    expect(text).not.toContain('since your last digest');
  });

  it('network quality counts people while the share you know would round them away', async () => {
    // Four answers among 1,174 round to "0% you know": every answer must show.
    const quality = { connections: 1_174, known: 4, unreviewed: 1_170, knownShare: 0.0034, evidenceShare: 0.45, knownShareChange: 0.0034 };
    const { text } = await renderEmail('weekly-digest', digest({ review: 1, intros: 0, gaps: 0 }, { quality }));
    expect(text).toContain('1,174 connections · 4 people you know, 1,170 still to review · 45% with evidence of a real tie');
    expect(text).not.toContain('0% you know');
  });

  it('lists job changes, capped, with the total', async () => {
    const jobChanges = Array.from({ length: 13 }, (_, i) => ({ name: `Person ${i + 1}`, company: 'Acme', position: 'CTO' }));
    const changes = { newConnections: 1, jobChanges, removed: 2 };
    const { text } = await renderEmail('weekly-digest', digest({ review: 1, intros: 0, gaps: 0 }, { changes }));

    expect(text).toContain('1 new connection');
    expect(text).toContain('13 people changed jobs:');
    expect(text).toContain('Person 10: CTO at Acme');
    expect(text).not.toContain('Person 11:');
    expect(text).toContain('and 3 more');
    expect(text).toContain('2 connections no longer in your network');
  });

  it('footer explains replying by hand and links upload, preferences and unsubscribe', async () => {
    const props = digest({ review: 1, intros: 0, gaps: 0 });
    const { html, text } = await renderEmail('weekly-digest', props);

    for (const command of ['known 1 3, close 2, unknown 4, intro 5', 'skip 6', 'upload', 'stop']) {
      expect(text).toContain(command);
    }
    for (const url of [props.uploadUrl, props.preferencesUrl, props.unsubscribeUrl]) {
      expect(html).toContain(`href="${url}"`);
    }
  });
});

describe('weekly digest render time', () => {
  it('measures warm renders of 5 reviews, 2 introductions and 2 gaps', async () => {
    const props = digest({ review: 5, intros: 2, gaps: 2 });
    for (let i = 0; i < 20; i++) await renderEmail('weekly-digest', props);

    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const start = performance.now();
      await renderEmail('weekly-digest', props);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
    console.log(`weekly-digest warm render over ${times.length} runs: p50 ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms`);
    expect(times).toHaveLength(200);
  });
});
