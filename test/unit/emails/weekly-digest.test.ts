import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { avatarColourOf, initialsOf } from '../../../emails/components/person.tsx';
import { renderEmail } from '../../../emails/render.ts';
import { WeeklyDigest, digestSubject, replyExampleOf, type DigestItem, type DigestPerson, type WeeklyDigestProps } from '../../../emails/weekly-digest.tsx';

// React Email's render hangs under fake timers: every test here runs on real ones.

const REPLY_ADDRESS = 'reply+tok_AbC-123@rapport.example';
const REVIEW_URL = 'https://rapport.example/review/tok_AbC-123';

type Kind = DigestItem['kind'];

function person(number: number, overrides: Partial<DigestPerson> = {}): DigestPerson {
  return {
    id: `person-${number}`,
    name: `Person Number${number}`,
    company: `Company ${number}`,
    position: `Role ${number}`,
    profileUrl: `https://www.linkedin.com/in/person-${number}`,
    ...overrides,
  };
}

function item(number: number, kind: Kind, overrides: Partial<DigestItem> = {}): DigestItem {
  return {
    number,
    kind,
    person: kind === 'gap' ? null : person(number),
    title: `${kind} title ${number}`,
    detail: `Why item ${number} is here.`,
    actions: [
      { label: `Act on ${number}`, url: `https://rapport.example/a/${kind}-${number}` },
      { label: `Or ${number}`, url: `https://rapport.example/b/${kind}-${number}` },
    ],
    ...overrides,
  };
}

interface Counts {
  review: number;
  intros: number;
  gaps: number;
}

/** Items numbered 1..n across sections in display order, as the composer numbers them. */
function digest(counts: Counts, overrides: Partial<WeeklyDigestProps> = {}): WeeklyDigestProps {
  let next = 1;
  const make = (n: number, kind: Kind) => Array.from({ length: n }, () => item(next++, kind));
  return {
    ...WeeklyDigest.PreviewProps,
    subject: 'Do you really know Person? And 3 others this week',
    hook: 'Person Number1 is now at Globex: time to say congratulations?',
    preheader: 'An inbox line that is shown nowhere else',
    followups: [],
    review: make(counts.review, 'review'),
    introductions: make(counts.intros, 'intro'),
    gaps: make(counts.gaps, 'gap'),
    moreOnPage: 0,
    replyAddress: REPLY_ADDRESS,
    replySubject: 'Re: your digest, with "quotes" & 50% + more',
    reviewUrl: REVIEW_URL,
    ...overrides,
  };
}

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#x27;');
const decodeAttribute = (s: string) =>
  s.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#x27;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>');

function mailtoLinks(html: string) {
  return [...html.matchAll(/href="(mailto:[^"]*)"[^>]*>([^<]*)<\/a>/g)].map(([, raw, shown]) => {
    const href = decodeAttribute(raw!);
    const [address, query = ''] = href.slice('mailto:'.length).split('?');
    const params = Object.fromEntries(
      query.split('&').map((pair) => {
        const [key, value = ''] = pair.split('=');
        return [key, decodeURIComponent(value)];
      }),
    );
    return { href, address, query, subject: params.subject, body: params.body, shown: decodeAttribute(shown!) };
  });
}

const itemNumbers = (html: string) => [...html.matchAll(/data-item="(\d+)"/g)].map(([, n]) => Number(n));
const sectionsIn = (html: string) => [...html.matchAll(/data-section="([a-z]+)"/g)].map(([, s]) => s);

/** The markup of item n: from its data-item to the next item, section or the footer. */
function itemHtml(html: string, n: number): string {
  const start = html.indexOf(`data-item="${n}"`);
  expect(start, `item ${n}`).toBeGreaterThan(0);
  const rest = html.slice(start + 1);
  const ends = [rest.indexOf('data-item="'), rest.indexOf('data-section="'), rest.indexOf('data-part="')].filter((i) => i >= 0);
  return rest.slice(0, Math.min(...ends));
}

/** Where the item's heading links, or null when it is no link. */
function headingLink(html: string, n: number): string | null {
  const match = /<a href="([^"]*)" class="rp-text"[^>]*><bdi>/.exec(itemHtml(html, n));
  return match ? decodeAttribute(match[1]!) : null;
}

const barsIn = (html: string) => html.match(/<td valign="bottom" style="width:22px/g)?.length ?? 0;

describe('weekly digest subject and head', () => {
  it.each(['Do you really know Jiří? And 4 others this week', 'Your weekly network check-in', '<b>Tom & "Jerry"</b>'])('takes the composer\'s subject %j', async (subject) => {
    const props = digest({ review: 1, intros: 0, gaps: 0 }, { subject });
    const { subject: sent, html } = await renderEmail('weekly-digest', props);
    expect(sent).toBe(subject);
    expect(digestSubject(props)).toBe(subject);
    // The document's title, which a browser or a screen reader announces, is the subject too.
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain(`<title>${escapeHtml(subject)}</title>`);
    expect(html.match(/<title>/g)).toHaveLength(1);
  });

  it('puts the preheader inside <body>, and not in the text part', async () => {
    const { html, text } = await renderEmail('weekly-digest', digest({ review: 1, intros: 0, gaps: 0 }));
    const body = html.indexOf('<body');
    const preheader = html.indexOf('data-skip-in-text="true">An inbox line that is shown nowhere else');
    expect(body).toBeGreaterThan(html.indexOf('</head>'));
    expect(preheader).toBeGreaterThan(body);
    expect(text).not.toContain('An inbox line');
  });

  it('opens with the week and the hook', async () => {
    const { html, text } = await renderEmail('weekly-digest', digest({ review: 1, intros: 0, gaps: 0 }));
    expect(html).toMatch(/<h1[^>]*>Person Number1 is now at Globex: time to say congratulations\?<\/h1>/);
    expect(text.indexOf('Week of 30 November 2026')).toBeLessThan(text.toUpperCase().indexOf('PERSON NUMBER1 IS NOW AT GLOBEX'));
  });
});

describe('weekly digest items', () => {
  it.each([
    { review: 5, intros: 2, gaps: 2 },
    { review: 0, intros: 1, gaps: 3 },
    { review: 1, intros: 0, gaps: 0 },
  ])('are numbered 1..n in display order for %o', async (counts) => {
    const { html, text } = await renderEmail('weekly-digest', digest(counts));
    const n = counts.review + counts.intros + counts.gaps;
    const expected = Array.from({ length: n }, (_, i) => i + 1);

    expect(itemNumbers(html)).toEqual(expected);
    const positions = expected.map((k) => text.indexOf(`${k}. `));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('each shows its number, heading, line, detail and buttons', async () => {
    const props = digest({ review: 2, intros: 1, gaps: 1 });
    const { html, text } = await renderEmail('weekly-digest', props);
    for (const it of [...props.review, ...props.introductions, ...props.gaps]) {
      const markup = itemHtml(html, it.number);
      expect(markup).toContain(`>${it.number}. </span>`);
      expect(markup).toContain(`<bdi>${it.title}</bdi>`);
      expect(markup).toContain(it.detail);
      expect(text).toMatch(new RegExp(`${it.number}\\. ${it.title}( https://www\\.linkedin\\.com/in/person-${it.number})?\\n`));
      expect(text).toContain(it.detail);
      if (it.person) {
        expect(markup).toContain(`<bdi>Role ${it.number} · Company ${it.number}</bdi>`);
        expect(text).toContain(`Role ${it.number} · Company ${it.number}`);
      }
      // Every button, in one row under the text, full width: under the avatar too.
      expect(markup).toContain(`<td colSpan="${it.person ? 2 : 1}">`);
      for (const action of it.actions) {
        expect(markup).toContain(`href="${action.url}"`);
        expect(text).toContain(`${action.label} ${action.url}`);
      }
    }
  });

  it('shows a person\'s initials on their colour, and no face for an item about no one', async () => {
    const props = digest({ review: 1, intros: 0, gaps: 1 });
    props.review[0]!.person = person(1, { id: 'abc-123', name: '\u202EÉmile  Zola ' });
    const { html } = await renderEmail('weekly-digest', props);
    const face = /<div aria-hidden="true" data-skip-in-text="true" style="[^"]*background-color:(#[0-9a-f]{6})[^"]*">([^<]*)<\/div>/;
    const [, colour, initials] = face.exec(itemHtml(html, 1))!;
    expect(colour).toBe(avatarColourOf('abc-123'));
    expect(initials).toBe(initialsOf('Émile Zola'));
    expect(initials).toBe('ÉZ');
    expect(itemHtml(html, 2)).not.toMatch(face);
  });

  it.each<[string, Partial<DigestPerson>, string | null]>([
    ['position and company', { position: 'CTO', company: 'Acme' }, 'CTO · Acme'],
    ['a position only', { position: ' CTO ', company: '' }, 'CTO'],
    ['a company only', { position: '', company: 'Acme' }, 'Acme'],
    ['neither', { position: ' ', company: '' }, null],
  ])('shows a line with %s', async (_, overrides, line) => {
    const props = digest({ review: 1, intros: 0, gaps: 0 });
    props.review[0]!.person = person(1, overrides);
    const { html } = await renderEmail('weekly-digest', props);
    const lines = [...itemHtml(html, 1).matchAll(/<p class="rp-muted"[^>]*><bdi>([^<]*)<\/bdi><\/p>/g)].map(([, l]) => l);
    expect(lines).toEqual(line === null ? [] : [line]);
  });

  it.each<[string, string]>([
    ['https://www.linkedin.com/in/jane-doe', 'https://www.linkedin.com/in/jane-doe'],
    ['http://uk.linkedin.com/in/jane-doe/?trk=abc&x=1', 'https://www.linkedin.com/in/jane-doe'],
    ['https://linkedin.com/in/ren%C3%A9e', 'https://www.linkedin.com/in/ren%C3%A9e'],
  ])('links a review heading to the profile %j, rebuilt as %j', async (profileUrl, link) => {
    for (const kind of ['review', 'close'] as const) {
      const props = digest({ review: 0, intros: 0, gaps: 0 }, { review: [item(1, kind, { person: person(1, { profileUrl }) })] });
      const { html, text } = await renderEmail('weekly-digest', props);
      expect(headingLink(html, 1), kind).toBe(link);
      expect(text).toContain(`1. ${kind} title 1 ${link}\n`);
      if (profileUrl !== link) expect(html).not.toContain('trk=abc');
    }
  });

  it.each([
    null,
    '',
    'javascript:alert(1)',
    'javascript://www.linkedin.com/in/x',
    'data:text/html,<script>alert(1)</script>',
    'https://linkedin.com.evil.example/in/x',
    'https://evil.example/?https://www.linkedin.com/in/x',
    'https://www.linkedin.com/company/acme',
    'https://www.linkedin.com/in/',
    'https://www.linkedin.com/in/%ZZ',
  ])('shows a review heading unlinked for the profile URL %j', async (profileUrl) => {
    const props = digest({ review: 1, intros: 0, gaps: 0 });
    props.review[0]!.person = person(1, { profileUrl });
    const { html, text } = await renderEmail('weekly-digest', props);
    expect(headingLink(html, 1)).toBeNull();
    expect(itemHtml(html, 1)).toContain('<bdi>review title 1</bdi></p>');
    if (profileUrl) {
      expect(html).not.toContain(escapeHtml(profileUrl));
      expect(text).not.toContain(profileUrl);
    }
    expect(html).not.toContain('evil.example');
    expect(html).not.toMatch(/href="(javascript|data):/);
  });

  it('never links an introduction or a gap to a profile, even with a person and a good URL', async () => {
    const props = digest(
      { review: 0, intros: 0, gaps: 0 },
      {
        introductions: [item(1, 'intro', { person: person(1, { profileUrl: 'https://www.linkedin.com/in/the-introducer' }) })],
        gaps: [item(2, 'gap', { person: person(2, { profileUrl: 'https://www.linkedin.com/in/the-gap' }) })],
      },
    );
    const { html, text } = await renderEmail('weekly-digest', props);
    expect(headingLink(html, 1)).toBeNull();
    expect(headingLink(html, 2)).toBeNull();
    expect(html).not.toContain('linkedin.com/in/');
    expect(text).toContain('1. intro title 1\n');
    // The introducer still shows a face and a line: who to ask.
    expect(itemHtml(html, 1)).toContain('<bdi>Role 1 · Company 1</bdi>');
  });
});

describe('weekly digest footer', () => {
  it.each<[string, Counts]>([
    ['every kind', { review: 3, intros: 2, gaps: 2 }],
    ['one review', { review: 1, intros: 0, gaps: 0 }],
    ['an introduction and gaps', { review: 0, intros: 1, gaps: 2 }],
  ])('gives a reply example from this digest\'s own items (%s), written into its mailto: link', async (_, counts) => {
    const props = digest(counts);
    const items = [...props.review, ...props.introductions, ...props.gaps];
    const example = replyExampleOf(items)!;
    const { html, text } = await renderEmail('weekly-digest', props);

    const links = mailtoLinks(html);
    expect(links).toHaveLength(1);
    const [link] = links;
    expect(link!.shown).toBe(example);
    expect(link!.address).toBe(REPLY_ADDRESS);
    expect(link!.subject).toBe(props.replySubject);
    expect(link!.body).toBe(example);
    // Mail clients do not read '+' as a space in mailto: (RFC 6068); spaces must be %20.
    expect(link!.query).not.toContain('+');
    expect(link!.query).toContain('%20');
    // In the footer, under the card.
    expect(html.indexOf('href="mailto:')).toBeGreaterThan(html.indexOf('data-part="footer"'));
    // The text part keeps the example and drops the unreadable mailto: URL.
    expect(text).toContain(`Reply with item numbers, like ${example}, or in your own words. close means`);
    expect(text).not.toContain('subject=');
  });

  it('answers the items it shows: "known 1, unknown 2, close 4, intro 5, skip 6"', async () => {
    const props = digest(
      { review: 0, intros: 0, gaps: 0 },
      { review: [item(1, 'review'), item(2, 'review'), item(3, 'review'), item(4, 'close')], introductions: [item(5, 'intro')], gaps: [item(6, 'gap')] },
    );
    const { html } = await renderEmail('weekly-digest', props);
    expect(mailtoLinks(html).map((l) => l.body)).toEqual(['known 1, unknown 2, close 4, intro 5, skip 6']);
  });

  it('without items, offers only upload and stop, and no mailto: link', async () => {
    const { html, text } = await renderEmail('weekly-digest', digest({ review: 0, intros: 0, gaps: 0 }));
    expect(html).not.toContain('mailto:');
    expect(text).toContain('Reply upload for a fresh upload link, or stop to unsubscribe.');
    expect(text).not.toContain('Reply with item numbers');
  });

  it('links the review page, upload, preferences and unsubscribe', async () => {
    const props = digest({ review: 1, intros: 0, gaps: 0 });
    const { html, text } = await renderEmail('weekly-digest', props);
    const footer = html.slice(html.indexOf('data-part="footer"'));
    for (const [label, url] of [
      ['Review page', props.reviewUrl],
      ['Upload a fresh export', props.uploadUrl],
      ['Preferences', props.preferencesUrl],
      ['Unsubscribe', props.unsubscribeUrl],
    ] as const) {
      expect(footer).toMatch(new RegExp(`href="${escapeHtml(url).replace(/[.?*+()[\]]/g, '\\$&')}"[^>]*>${label}</a>`));
      expect(text).toContain(`${label} ${url}`);
    }
  });
});

describe('weekly digest sections', () => {
  it.each<[Counts, Partial<WeeklyDigestProps>, string[]]>([
    [{ review: 2, intros: 1, gaps: 1 }, { tip: { title: 'A tip', body: 'Body.' } }, ['review', 'introductions', 'gaps', 'tip', 'progress']],
    [{ review: 0, intros: 1, gaps: 0 }, { tip: { title: 'A tip', body: 'Body.' } }, ['introductions', 'tip', 'progress']],
    [{ review: 1, intros: 0, gaps: 1 }, { tip: null }, ['review', 'gaps', 'progress']],
    [{ review: 0, intros: 0, gaps: 0 }, { tip: null, changes: null }, ['progress']],
  ])('%o with %o shows %o', async (counts, overrides, sections) => {
    const { html } = await renderEmail('weekly-digest', digest(counts, overrides));
    expect(sectionsIn(html)).toEqual(sections);
  });

  it.each<[Counts, string[]]>([
    [{ review: 2, intros: 2, gaps: 2 }, ['DO YOU KNOW THEM?', 'INTRODUCTIONS TO ASK FOR', 'GAPS TO CLOSE']],
    [{ review: 1, intros: 1, gaps: 1 }, ['DO YOU KNOW THEM?', 'AN INTRODUCTION TO ASK FOR', 'ONE GAP TO CLOSE']],
    [{ review: 0, intros: 0, gaps: 1 }, ['ONE GAP TO CLOSE']],
    [{ review: 0, intros: 0, gaps: 0 }, []],
  ])('%o is headed %o, and no empty section is', async (counts, headings) => {
    const { text } = await renderEmail('weekly-digest', digest(counts, { tip: null }));
    const all = ['DO YOU KNOW THEM?', 'AN INTRODUCTION TO ASK FOR', 'INTRODUCTIONS TO ASK FOR', 'ONE GAP TO CLOSE', 'GAPS TO CLOSE'];
    expect(all.filter((h) => new RegExp(`(^|\\n)${h.replace('?', '\\?')}\\n`).test(text))).toEqual(headings);
  });

  it.each([
    [0, null],
    [1, '1 more on your review page'],
    [3, '3 more on your review page'],
    [1234, '1,234 more on your review page'],
  ])('with %d more items on the page, says %j', async (moreOnPage, more) => {
    const { html, text } = await renderEmail('weekly-digest', digest({ review: 2, intros: 0, gaps: 0 }, { moreOnPage }));
    const links = [...html.matchAll(new RegExp(`href="${REVIEW_URL}"[^>]*>([^<]*)</a>`, 'g'))].map(([, label]) => label);
    if (more === null) {
      expect(text).not.toContain('more on your review page');
      expect(links).toEqual(['Review page']);
    } else {
      expect(text).toContain(`${more} ${REVIEW_URL}`);
      expect(links).toEqual([more, 'Review page']);
    }
  });

  it('shows the tip', async () => {
    const { html, text } = await renderEmail('weekly-digest', digest({ review: 1, intros: 0, gaps: 0 }, { tip: { title: 'Say thanks', body: 'A short note works.' } }));
    expect(sectionsIn(html)).toContain('tip');
    expect(text).toContain('SAY THANKS\n\nA short note works.');
  });

  it.each<[WeeklyDigestProps['changes'], string | null]>([
    [null, null],
    [{ newConnections: 0, jobChanges: [], removed: 0 }, null],
    [{ newConnections: 30, jobChanges: Array.from({ length: 11 }, () => ({ name: 'A', company: 'B', position: 'C' })), removed: 0 }, 'Since your last upload: 30 new, 11 changed jobs.'],
    [{ newConnections: 1, jobChanges: [{ name: 'A', company: 'B', position: 'C' }], removed: 1 }, 'Since your last upload: 1 new, 1 changed job, 1 gone.'],
    [{ newConnections: 0, jobChanges: [], removed: 1234 }, 'Since your last upload: 1,234 gone.'],
    [{ newConnections: 1234, jobChanges: [], removed: 2 }, 'Since your last upload: 1,234 new, 2 gone.'],
  ])('sums up the changes %j as %j', async (changes, line) => {
    const { text } = await renderEmail('weekly-digest', digest({ review: 1, intros: 0, gaps: 0 }, { changes }));
    if (line === null) expect(text).not.toContain('Since your last upload');
    else expect(text).toContain(line);
  });
});

describe('weekly digest progress chart', () => {
  const week = (label: string, known: number, close: number) => ({ label, known, close });
  const progress = (weeks: ReturnType<typeof week>[], unreviewed = 355, evidenceShare = 0.2) => ({ progress: { weeks, unreviewed, evidenceShare } });

  it.each([
    [[], '0 you know · 355 to go'],
    [[week('5 Oct', 20, 10)], '30 you know · 355 to go'],
  ])('shows no bars, only the summary, for %j', async (weeks, summary) => {
    const { html, text } = await renderEmail('weekly-digest', digest({ review: 1, intros: 0, gaps: 0 }, progress(weeks)));
    expect(barsIn(html)).toBe(0);
    expect(text).toContain(summary);
    expect(text).not.toContain('This week');
    expect(text).not.toContain('Know well 10');
  });

  it.each([2, 3, 12])('draws %d bars for %d weeks, with labels and a legend', async (n) => {
    const weeks = Array.from({ length: n }, (_, i) => week(i === 0 ? '28 Sep' : `w${i}`, 10 + i, 5 + i));
    const { html, text } = await renderEmail('weekly-digest', digest({ review: 1, intros: 0, gaps: 0 }, progress(weeks)));
    expect(barsIn(html)).toBe(n);
    expect(text).toContain(`${15 + 2 * (n - 1)} you know · +2 this week · 355 to go`);
    // The bars and their end labels are a picture: in the HTML, not the plain text.
    expect(html).toContain('28 Sep');
    expect(html).toContain('This week');
    expect(text).not.toContain('This week');
    expect(text).toContain(`Know well ${5 + n - 1} Known ${10 + n - 1}`);
  });

  it('draws bars to scale, the tallest filling the chart', async () => {
    const { html } = await renderEmail('weekly-digest', digest({ review: 1, intros: 0, gaps: 0 }, progress([week('a', 10, 10), week('b', 5, 5)])));
    const bars = [...html.matchAll(/<td valign="bottom"[^>]*>(.*?)<\/td>/g)].map(([, cells]) => [...cells!.matchAll(/height:(\d+)px/g)].map(([, h]) => Number(h)));
    expect(bars).toEqual([
      [0, 20, 20],
      [20, 10, 10],
    ]);
  });

  it.each([
    [progress([week('a', 30, 1), week('b', 30, 1)], 0), '31 you know · no change this week · everyone reviewed'],
    [progress([week('a', 30, 5), week('b', 29, 1)], 1_234_567), '30 you know · −5 this week · 1,234,567 to go'],
    [progress([week('a', 29, 0), week('b', 20, 10)]), '30 you know · +1 this week · 355 to go'],
  ])('says %j as "%s"', async (overrides, summary) => {
    const { text } = await renderEmail('weekly-digest', digest({ review: 1, intros: 0, gaps: 0 }, overrides));
    expect(text).toContain(summary);
  });

  it.each([
    [0.4348, '43%'],
    [0, '0%'],
    [0.004, '0%'],
    [0.005, '1%'],
    [1, '100%'],
  ])('gives the share with a sign of a real tie, %d as %s', async (evidenceShare, shown) => {
    const { text } = await renderEmail('weekly-digest', digest({ review: 1, intros: 0, gaps: 0 }, progress([], 1, evidenceShare)));
    expect(text).toContain(`${shown} of your network shows a sign of a real tie.`);
  });
});

describe('weekly digest render time', () => {
  it('renders 5 reviews, 2 introductions and 2 gaps warm in a few milliseconds', async () => {
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
    // The compiled renderer fills strings (well under a millisecond); React takes tens of them, so
    // this fails if the digest fell back to React for ordinary props.
    expect(at(0.5)).toBeLessThan(5);
  });
});

describe('weekly digest: follow-ups to introductions', () => {
  const followup = (number: number): DigestItem => ({
    ...item(number, 'followup'),
    title: `Did Person Number${number} introduce you to Mia Chen?`,
    actions: ['Introduced', 'No answer yet'].map((label, i) => ({ label, url: `https://rapport.example/a/tok?item=${number}&answer=${i}` })),
  });

  it('shows the follow-ups first in the introductions\' section, the heading not linked, no line under it', async () => {
    const props = { ...digest({ review: 1, intros: 0, gaps: 0 }), followups: [followup(2)] };
    const alone = await renderEmail('weekly-digest', props);
    expect(alone.text).toMatch(/HOW DID YOUR INTRODUCTION GO\?/);
    expect(alone.html.indexOf('data-section="review"')).toBeLessThan(alone.html.indexOf('data-section="introductions"'));
    for (const label of ['Introduced', 'No answer yet']) expect(alone.html).toContain(`>${label}<`);
    const block = alone.html.slice(alone.html.indexOf('data-item="2"'));
    expect(block).not.toContain('linkedin.com/in/person-2');
    expect(block).not.toContain('Company 2');
    expect(replyExampleOf([...props.review, ...props.followups])).toBe('known 1, introduced 2');
    // Beside a new introduction, one section for both, the follow-up first.
    const both = await renderEmail('weekly-digest', { ...props, introductions: [item(3, 'intro')] });
    expect(both.text).toMatch(/YOUR INTRODUCTIONS/);
    expect(both.html.indexOf('data-item="2"')).toBeLessThan(both.html.indexOf('data-item="3"'));
    expect(both.html.match(/data-section="introductions"/g)).toHaveLength(1);
  });

  it('counts the introductions made this quarter in the line under the chart, only once there is one', async () => {
    const base = digest({ review: 1, intros: 0, gaps: 0 });
    const none = await renderEmail('weekly-digest', { ...base, progress: { ...base.progress, introductionsMade: 0 } });
    expect(none.text).not.toMatch(/made this quarter/);
    const one = await renderEmail('weekly-digest', { ...base, progress: { ...base.progress, introductionsMade: 1 } });
    expect(one.text).toContain('of your network shows a sign of a real tie. 1 introduction made this quarter.');
    const two = await renderEmail('weekly-digest', { ...base, progress: { ...base.progress, introductionsMade: 2 } });
    expect(two.html).toContain('2 introductions made this quarter.');
  });
});
