import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH, displayName, stripBidiControls } from '../../../emails/display-name.ts';
import { ImportFailed } from '../../../emails/import-failed.tsx';
import { renderEmail } from '../../../emails/render.ts';
import { UploadLink } from '../../../emails/upload-link.tsx';
import { UploadReminder } from '../../../emails/upload-reminder.tsx';
import { initialsOf } from '../../../emails/components/person.tsx';
import { WeeklyDigest, type DigestItem, type DigestPerson, type WeeklyDigestProps } from '../../../emails/weekly-digest.tsx';
import { introductionTexts } from '../../../domain/network/drafts.ts';
import { BIDI_CONTROLS, BIDI_NAMES, LONG_NAME } from '../../support/hostile/names.ts';
import { connection } from '../domain/network/builders.ts';

const anyControl = new RegExp(`[${BIDI_CONTROLS.join('')}]`);
const escapeHtml = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#x27;');

describe('displayName', () => {
  it.each(BIDI_NAMES)('drops every bidirectional control from %j', (name) => {
    expect(displayName(name)).not.toMatch(anyControl);
    expect(stripBidiControls(name)).not.toMatch(anyControl);
  });

  it('keeps right-to-left letters, which need no control to show', () => {
    expect(displayName('محمد علي')).toBe('محمد علي');
    expect(displayName('  Zoë   Ångström\u00a0Weiß ')).toBe('Zoë Ångström Weiß');
  });

  it(`shortens past ${MAX_NAME_LENGTH} characters at a character boundary, with an ellipsis`, () => {
    const shown = displayName(LONG_NAME);
    expect(shown.endsWith('…')).toBe(true);
    expect([...new Intl.Segmenter().segment(shown)]).toHaveLength(MAX_NAME_LENGTH);
    expect(LONG_NAME.startsWith(shown.slice(0, -1))).toBe(true);
    // A family emoji is one character of seven code points: never cut in the middle.
    const emoji = displayName('👩‍👩‍👧'.repeat(100));
    expect(emoji).toBe(`${'👩‍👩‍👧'.repeat(MAX_NAME_LENGTH - 1)}…`);
  });

  it.each([...BIDI_NAMES, LONG_NAME, 'Ada Lovelace', ' x  y ', '👩‍👩‍👧'.repeat(100)])('is idempotent for %j', (name) => {
    expect(displayName(displayName(name))).toBe(displayName(name));
  });
});

describe('names in emails', () => {
  const preview = WeeklyDigest.PreviewProps;
  const first = preview.review[0]!;
  // The composer heads a review item with the shown name (domain/network/prepare.ts applies
  // displayName); the person's name is given here raw, so the email must show it by the rule too.
  const reviewed = (name: string, number: number, extra: Partial<DigestPerson> = {}): DigestItem => ({
    ...first,
    number,
    title: displayName(name),
    person: { ...first.person!, id: `id-${number}`, name, ...extra },
  });
  const digest = (names: string[], extra: Partial<DigestPerson> = {}): WeeklyDigestProps => ({
    ...preview,
    review: names.map((name, i) => reviewed(name, i + 1, extra)),
    introductions: [],
    gaps: [],
  });

  it('isolates names with <bdi> and keeps bidi controls out of the text part', async () => {
    const { html, text } = await renderEmail('weekly-digest', digest(BIDI_NAMES));
    BIDI_NAMES.forEach((name, i) => {
      expect(html).toContain(`<bdi>${escapeHtml(displayName(name))}</bdi>`);
      expect(text).toContain(`${i + 1}. ${displayName(name)}`);
      expect(html).toContain(`>${initialsOf(displayName(name))}</div>`);
    });
    // (The HTML keeps none either but in <Preview>'s padding, which is made of U+200C..U+200F.)
    expect(html.slice(html.indexOf('data-item="1"'))).not.toMatch(anyControl);
    expect(text).not.toMatch(anyControl);
  });

  it('isolates the position and company line with <bdi>', async () => {
    const { html } = await renderEmail('weekly-digest', digest(['Ada Lovelace'], { position: 'مهندسة', company: 'Acme' }));
    expect(html).toContain('<bdi>مهندسة · Acme</bdi>');
  });

  it('keeps bidi controls of a position or company out of the text part', async () => {
    const { html, text } = await renderEmail('weekly-digest', digest(['Ada Lovelace'], { position: '\u202Eoidutsgnp', company: 'Acme\u202B Ltd' }));
    // In the HTML, <bdi> contains them; plain text has no way to, so they go.
    expect(html).toContain('<bdi>\u202Eoidutsgnp · Acme\u202B Ltd</bdi>');
    expect(text).toContain('oidutsgnp · Acme Ltd');
    expect(text).not.toMatch(anyControl);
  });

  it('shortens a very long name for display', async () => {
    const { html, text } = await renderEmail('weekly-digest', digest([LONG_NAME]));
    for (const part of [html, text]) {
      expect(part).not.toContain(LONG_NAME);
      expect(part).toContain(displayName(LONG_NAME));
    }
  });

  it.each([
    ['upload-link', () => renderEmail('upload-link', { ...UploadLink.PreviewProps, name: BIDI_NAMES[0]! })],
    ['import-failed', () => renderEmail('import-failed', { ...ImportFailed.PreviewProps, name: BIDI_NAMES[0]! })],
    ['upload-reminder', () => renderEmail('upload-reminder', { ...UploadReminder.PreviewProps, name: BIDI_NAMES[0]! })],
  ] as const)('%s greets with the name isolated, controls dropped', async (_email, rendered) => {
    const { html, text } = await rendered();
    expect(html).toContain(`Hi <bdi>${displayName(BIDI_NAMES[0]!)}</bdi>,`);
    expect(text).not.toMatch(anyControl);
  });
});

describe('names in introduction drafts', () => {
  it('follow the same rule: no bidi controls in the title, the why or the draft a subscriber copies', () => {
    const via = connection('via', { firstName: BIDI_NAMES[0]!, lastName: 'Ng' });
    const to = connection('to', { firstName: `\u202E${LONG_NAME}`, lastName: 'Roe' });
    const texts = introductionTexts(via, 'close', to, 'job_search', BIDI_NAMES[1]!);
    for (const text of [texts.title, ...texts.whys, texts.draft.subject, texts.draft.body]) expect(text).not.toMatch(anyControl);
    expect(texts.draft.body).toContain(`Hi ${displayName(BIDI_NAMES[0]!)},`);
    expect(texts.draft.body.endsWith(displayName(BIDI_NAMES[1]!))).toBe(true);
    expect(texts.draft.subject).toContain(displayName(LONG_NAME));
  });
});
