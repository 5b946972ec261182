import { createElement } from 'react';
import { render } from '@react-email/components';
import { describe, expect, it } from 'vitest';
import { renderCompiledDigest } from '../../../emails/compiled/weekly-digest.tsx';
import { EmailRenderError, plainTextOf, renderEmail } from '../../../emails/render.ts';
import { WeeklyDigest, digestSubject, type DigestItem, type WeeklyDigestProps } from '../../../emails/weekly-digest.tsx';
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

function items(first: number, count: number, actions: number): DigestItem[] {
  return Array.from({ length: count }, (_, i) => ({
    number: first + i,
    title: `Person ${first + i}`,
    detail: 'Connected in 2019, no messages since.',
    actions: Array.from({ length: actions }, (_, k) => ({ label: `Answer ${k}`, url: `https://rapport.example/a/${first + i}-${k}` })),
    replyCommand: `known ${first + i}`,
  }));
}

const jobChanges = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `Person ${i}`, company: 'Acme', position: 'CTO' }));

describe('compiled weekly digest', () => {
  it('matches React for every shape: sections, buttons, tip, changes and trend present or not', async () => {
    const sectionsOptions = [
      { review: [], introductions: [], gaps: [] },
      { review: items(1, 1, 3), introductions: [], gaps: [] },
      { review: items(1, 3, 3), introductions: items(4, 1, 1), gaps: items(5, 2, 0) },
    ];
    const changesOptions: WeeklyDigestProps['changes'][] = [null, { newConnections: 0, jobChanges: [], removed: 0 }];
    for (const newConnections of [0, 1, 1234]) {
      for (const changed of [0, 1, 10, 11, 40]) {
        for (const removed of [0, 1, 2]) changesOptions.push({ newConnections, jobChanges: jobChanges(changed), removed });
      }
    }
    let run = 0;
    for (const sections of sectionsOptions) {
      for (const changes of changesOptions) {
        for (const [tip, knownShareChange, name] of [
          [base.tip, 0.04, 'Alex'],
          [null, null, null],
          [base.tip, 0, '  '],
          [null, -0.013, 'Zoë'],
        ] as const) {
          const props = { ...base, ...sections, changes, tip, name, quality: { ...base.quality, knownShareChange } };
          await expectSameAsReact(props, `shape ${run++}`);
        }
      }
    }
  }, 120_000);

  it('matches React for 400 random digests with hostile text', async () => {
    let compiled = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const props = randomDigestProps(seed);
      // The few the compiled renderer leaves to React are covered below.
      if ((await renderCompiledDigest(props)) === null) continue;
      await expectSameAsReact(props, `seed ${seed}`);
      compiled++;
    }
    expect(compiled).toBeGreaterThanOrEqual(350);
  }, 300_000);

  it.each(HOSTILE_TEXTS.map((text) => [JSON.stringify(text), text]))('matches React with %s in every text', async (_, text) => {
    // encodeURIComponent rejects a lone surrogate, so the text of mailto: links cannot carry one (see the last test).
    const mailtoText = text.toWellFormed();
    const item = (number: number): DigestItem => ({
      number,
      title: text,
      detail: text,
      actions: [{ label: text, url: `https://rapport.example/a/${number}` }],
      replyCommand: mailtoText,
    });
    await expectSameAsReact(
      {
        ...base,
        name: text,
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
    ['a button linking to #, which the plain text drops', { review: [{ ...base.review[0]!, actions: [{ label: 'Known', url: '#known' }] }] }],
    ['a button labelled with its own URL, shown once in the plain text', { review: [{ ...base.review[0]!, actions: [{ label: 'https://x.example/', url: 'https://x.example/' }] }] }],
    ['a blank tip title, dropped from the plain text with its line breaks', { tip: { title: ' \u200b', body: 'Body' } }],
  ])('leaves %s to React', async (_, overrides) => {
    const props = { ...base, ...overrides };
    expect(await renderCompiledDigest(props)).toBeNull();
    const { html, text } = await renderEmail('weekly-digest', props);
    expect({ html, text }).toEqual(await reactRender(props));
  });

  it('is what renderEmail sends', async () => {
    const props = randomDigestProps(7);
    const { subject, html, text } = await renderEmail('weekly-digest', props);
    expect(subject).toBe(digestSubject(props));
    expect(html === (await renderCompiledDigest(props))!.html).toBe(true);
    expect(text).toBe((await reactRender(props)).text);
  });

  it('fails as the React render does on text a mailto: link cannot encode', async () => {
    const props = { ...base, replySubject: 'Re: \ud83d' };
    await expect(renderEmail('weekly-digest', props)).rejects.toThrow(EmailRenderError);
    await expect(reactRender(props)).rejects.toThrow(URIError);
  });
});
