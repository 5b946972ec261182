import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH, displayName, stripBidiControls } from '../../../emails/display-name.ts';
import { ImportFailed } from '../../../emails/import-failed.tsx';
import { renderEmail } from '../../../emails/render.ts';
import { UploadLink } from '../../../emails/upload-link.tsx';
import { UploadReminder } from '../../../emails/upload-reminder.tsx';
import { WeeklyDigest } from '../../../emails/weekly-digest.tsx';
import { introductionTexts } from '../../../domain/network/drafts.ts';
import { BIDI_CONTROLS, BIDI_NAMES, LONG_NAME } from '../../support/hostile/names.ts';
import { connection } from '../domain/network/builders.ts';

const anyControl = new RegExp(`[${BIDI_CONTROLS.join('')}]`);

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
  const digest = (name: string) => ({
    ...WeeklyDigest.PreviewProps,
    name,
    review: [{ ...WeeklyDigest.PreviewProps.review[0]!, title: displayName(BIDI_NAMES[0]!) }],
    changes: { newConnections: 0, removed: 0, jobChanges: [{ name: LONG_NAME, company: 'Acme', position: 'CTO' }, { name: BIDI_NAMES[1]!, company: 'Initech', position: 'CFO' }] },
  });

  it('isolates names with <bdi> and keeps bidi controls out of the text part', async () => {
    const { html, text } = await renderEmail('weekly-digest', digest(BIDI_NAMES[1]!));
    expect(html).toContain(`Hi <bdi>${displayName(BIDI_NAMES[1]!)}</bdi>,`);
    expect(html).toContain(`<bdi>${displayName(BIDI_NAMES[0]!)}</bdi>`);
    expect(html).toContain(`<bdi>${displayName(BIDI_NAMES[1]!)}</bdi>: CFO at Initech`);
    expect(text).not.toMatch(anyControl);
    expect(text).toContain(`Hi ${displayName(BIDI_NAMES[1]!)},`);
  });

  it('shortens a very long name for display', async () => {
    const { html, text } = await renderEmail('weekly-digest', digest(LONG_NAME));
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
