import { createElement } from 'react';
import { render } from '@react-email/components';
import { describe, expect, it } from 'vitest';
import { renderCompiledDigest } from '../../../emails/compiled/weekly-digest.tsx';
import { EmailRenderError, plainTextOf, renderEmail } from '../../../emails/render.ts';
import { profileLink } from '../../../emails/profile-link.ts';
import { WeeklyDigest, digestSubject, digestView, type DigestItem, type WeeklyDigestProps } from '../../../emails/weekly-digest.tsx';
import { HOSTILE_TEXTS, randomDigestProps } from './random-digest.ts';

// React Email's render hangs under fake timers: every test here runs on real ones.

/** What the compiled renderer must reproduce: one React render, and the plain text derived from it. */
async function reactRender(props: WeeklyDigestProps) {
  const html = await render(createElement(WeeklyDigest, props));
  return { html, text: plainTextOf(html) };
}

async function expectSameAsReact(props: WeeklyDigestProps, label: string) {
  const compiled = await renderCompiledDigest(props);
  expect(compiled, `${label}: compiled`).not.toBeNull();
  const expected = await reactRender(props);
  // Compared by hand: a failing toBe on 50 kB strings prints nothing readable.
  for (const part of ['html', 'text'] as const) {
    const [a, b] = [compiled![part], expected[part]];
    if (a === b) continue;
    let at = 0;
    while (a[at] === b[at]) at++;
    expect.fail(`${label}: ${part} differs at ${at}:\n compiled ${JSON.stringify(a.slice(at - 80, at + 80))}\n react    ${JSON.stringify(b.slice(at - 80, at + 80))}`);
  }
}

const base = WeeklyDigest.PreviewProps;

type Person = 'none' | 'plain' | 'linked' | 'bare';

/** A person with or without a profile link profileLink accepts, and with or without a line. */
function person(n: number, kind: Person): DigestItem['person'] {
  if (kind === 'none') return null;
  return {
    id: `p${n}`,
    name: `Person ${n}`,
    company: kind === 'bare' ? ' ' : 'Acme',
    position: kind === 'bare' ? '' : 'CTO',
    profileUrl: kind === 'linked' ? `https://uk.linkedin.com/in/person-${n}/` : kind === 'plain' ? 'https://linkedin.com.evil.example/in/x' : null,
  };
}

function items(first: number, count: number, actions: number, kind: DigestItem['kind'], people: readonly Person[]): DigestItem[] {
  return Array.from({ length: count }, (_, i) => ({
    number: first + i,
    kind,
    person: person(first + i, people[i % people.length]!),
    title: `Person ${first + i}`,
    detail: 'Connected in 2019, no messages since.',
    actions: Array.from({ length: actions }, (_, k) => ({ label: `Answer ${k}`, url: `https://rapport.example/a/${first + i}-${k}` })),
  }));
}

const weeks = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `${i + 1} Oct`, known: i * 1000, close: i === 1 ? 0 : 7 * i }));
const jobChanges = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `Person ${i}`, company: 'Acme', position: 'CTO' }));

describe('compiled weekly digest', () => {
  it('matches React for every item shape: with and without a person, a profile link, a line, buttons', async () => {
    const people: Person[] = ['none', 'plain', 'linked', 'bare'];
    let run = 0;
    for (const kind of ['review', 'close', 'intro', 'gap'] as const) {
      for (const who of people) {
        for (const actions of [0, 1, 3]) {
          // The item alone, and next to items of every other shape in one section.
          await expectSameAsReact({ ...base, review: items(1, 1, actions, kind, [who]), introductions: [], gaps: [] }, `item ${run++}`);
          await expectSameAsReact(
            { ...base, review: items(1, 4, actions, kind, [who, ...people]), introductions: items(5, 2, 1, 'intro', people), gaps: items(7, 2, actions, 'gap', ['none']) },
            `item ${run++}`,
          );
        }
      }
    }
  }, 120_000);

  it('matches React for every document shape: sections, more, tip, changes, bars and reply example present or not', async () => {
    const sectionsOptions = [
      { review: [], introductions: [], gaps: [] },
      { review: items(1, 1, 3, 'review', ['linked']), introductions: [], gaps: [] },
      { review: [], introductions: items(1, 1, 1, 'intro', ['plain']), gaps: [] },
      { review: [], introductions: [], gaps: items(1, 2, 1, 'gap', ['none']) },
      { review: items(1, 3, 3, 'review', ['linked', 'plain', 'bare']), introductions: items(4, 1, 1, 'intro', ['plain']), gaps: items(5, 2, 0, 'gap', ['none']) },
    ];
    const changesOptions: WeeklyDigestProps['changes'][] = [null, { newConnections: 0, jobChanges: [], removed: 0 }];
    for (const newConnections of [0, 1, 1234]) {
      for (const changed of [0, 1, 11]) {
        for (const removed of [0, 1, 2]) changesOptions.push({ newConnections, jobChanges: jobChanges(changed), removed });
      }
    }
    let run = 0;
    for (const sections of sectionsOptions) {
      for (const changes of changesOptions) {
        for (const [tip, weekCount, moreOnPage, unreviewed] of [
          [base.tip, 2, 0, 0],
          [null, 0, 3, 355],
          [{ title: 'A tip', body: 'Its body.' }, 1, 1234, 1],
          [null, 12, 1, 1_000_000],
        ] as const) {
          const progress = { weeks: weeks(weekCount), unreviewed, evidenceShare: 0.21 };
          await expectSameAsReact({ ...base, ...sections, changes, tip, moreOnPage, progress }, `shape ${run++}`);
        }
      }
    }
  }, 120_000);

  it('matches React for at least 400 random digests with hostile text, covering every shape', async () => {
    let compiled = 0;
    const seen = new Set<string>();
    for (let seed = 1; seed <= 450; seed++) {
      const props = randomDigestProps(seed);
      // The few the compiled renderer leaves to React are covered below.
      if ((await renderCompiledDigest(props)) === null) continue;
      await expectSameAsReact(props, `seed ${seed}`);
      compiled++;
      const view = digestView(props);
      const shown = view.sections.flatMap((s) => s.items);
      seen.add(view.progress.bars.length > 0 ? 'bars' : 'no bars');
      seen.add(view.more === null ? 'no more' : 'more');
      seen.add(view.replyExample === null ? 'no example' : 'example');
      for (const item of shown) {
        seen.add(`avatar ${item.avatar !== null}`).add(`link ${item.headingUrl !== null}`).add(`line ${item.line !== null}`).add(`actions ${item.actions.length > 0}`);
      }
      const people = [...props.review, ...props.introductions].flatMap((i) => (i.person ? [i.person.profileUrl] : []));
      if (people.some((url) => url !== null && profileLink(url) === null)) seen.add('refused link');
    }
    expect(compiled).toBeGreaterThanOrEqual(400);
    // The generator must reach every optional part, or this proof proves less than it says.
    expect([...seen].sort()).toEqual(
      ['actions false', 'actions true', 'avatar false', 'avatar true', 'bars', 'example', 'line false', 'line true', 'link false', 'link true', 'more', 'no bars', 'no example', 'no more', 'refused link'].sort(),
    );
  }, 300_000);

  it.each(HOSTILE_TEXTS.map((text) => [JSON.stringify(text), text]))('matches React with %s in every text', async (_, text) => {
    // encodeURIComponent rejects a lone surrogate, so the text of mailto: links cannot carry one (see the last test).
    const mailtoText = text.toWellFormed();
    const item = (number: number): DigestItem => ({
      number,
      kind: number === 1 ? 'review' : 'intro',
      person: { id: text, name: text, company: text, position: text, profileUrl: `https://www.linkedin.com/in/${encodeURIComponent(mailtoText)}` },
      title: text,
      detail: text,
      actions: [{ label: text, url: `https://rapport.example/a/${number}` }],
    });
    await expectSameAsReact(
      {
        ...base,
        name: text,
        // A blank week label is left to React (below), so it keeps a word.
        weekLabel: `Week ${text}`,
        subject: text,
        hook: text,
        preheader: text,
        moreOnPage: 2,
        progress: { weeks: [{ label: text, known: 1, close: 2 }, { label: text, known: 3, close: 4 }], unreviewed: 5, evidenceShare: 0.5 },
        // A blank tip title is left to React (below), so the tip keeps a word.
        tip: { title: `Tip ${text}`, body: text },
        review: [item(1), item(2)],
        changes: { newConnections: 2, jobChanges: [{ name: text, company: text, position: text }], removed: 0 },
        replyAddress: `reply+${text}@rapport.example`,
        replySubject: mailtoText,
        uploadUrl: `https://rapport.example/upload/${text}`,
      },
      JSON.stringify(text),
    );
  });

  it.each<[string, Partial<WeeklyDigestProps>]>([
    ['a javascript: link, which React rewrites', { uploadUrl: 'javascript:alert(1)' }],
    ['an empty link, which the plain text drops', { preferencesUrl: '' }],
    ['a review page that is no web URL', { reviewUrl: 'mailto:someone@example.com' }],
    ['a button linking to #, which the plain text drops', { review: [{ ...base.review[0]!, actions: [{ label: 'Known', url: '#known' }] }] }],
    ['a button labelled with its own URL, shown once in the plain text', { review: [{ ...base.review[0]!, actions: [{ label: 'https://x.example/', url: 'https://x.example/' }] }] }],
    ['a blank tip title, dropped from the plain text with its line breaks', { tip: { title: ' \u200b', body: 'Body' } }],
    ['a blank week label, dropped from the plain text with its line breaks', { weekLabel: '\u200b ' }],
  ])('leaves %s to React', async (_, overrides) => {
    const props = { ...base, ...overrides };
    expect(await renderCompiledDigest(props)).toBeNull();
    const { html, text } = await renderEmail('weekly-digest', props);
    expect({ html, text }).toEqual(await reactRender(props));
  });

  it('is what renderEmail sends', async () => {
    let seed = 7;
    while ((await renderCompiledDigest(randomDigestProps(seed))) === null) seed++;
    const props = randomDigestProps(seed);
    const { subject, html, text } = await renderEmail('weekly-digest', props);
    expect(subject).toBe(digestSubject(props));
    expect(subject).toBe(props.subject);
    expect(html === (await renderCompiledDigest(props))!.html).toBe(true);
    expect(text).toBe((await reactRender(props)).text);
  });

  it('fails as the React render does on text a mailto: link cannot encode', async () => {
    const props = { ...base, replySubject: 'Re: \ud83d' };
    await expect(renderEmail('weekly-digest', props)).rejects.toThrow(EmailRenderError);
    await expect(reactRender(props)).rejects.toThrow(URIError);
  });
});
