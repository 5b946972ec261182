import { describe, expect, it } from 'vitest';
import AddressChangedDefault, { AddressChanged } from '../../../emails/address-changed.tsx';
import ConfirmSubscriptionDefault, { ConfirmSubscription } from '../../../emails/confirm-subscription.tsx';
import ImportFailedDefault, { ImportFailed } from '../../../emails/import-failed.tsx';
import ImportFinishedDefault, { ImportFinished } from '../../../emails/import-finished.tsx';
import ReplyReceiptDefault, { ReplyReceipt } from '../../../emails/reply-receipt.tsx';
import SignInLinkDefault, { SignInLink } from '../../../emails/sign-in-link.tsx';
import UploadLinkDefault, { UploadLink } from '../../../emails/upload-link.tsx';
import UploadReminderDefault, { UploadReminder } from '../../../emails/upload-reminder.tsx';
import WeeklyDigestDefault, { WeeklyDigest } from '../../../emails/weekly-digest.tsx';
import {
  EMAIL_NAMES,
  EmailRenderError,
  assertRenderedEmail,
  plainTextOf,
  renderEmail,
  type EmailName,
  type EmailProps,
} from '../../../emails/render.ts';

// React Email's render hangs under fake timers: every test here runs on real ones.

interface Case<N extends EmailName> {
  component: unknown;
  defaultExport: unknown;
  props: EmailProps[N];
  subject: string;
  preview: string;
  links: string[];
  /** Words the plain-text part must carry, proving the body did not come out blank. */
  words: string[];
}

const cases: { [N in EmailName]: Case<N> } = {
  'weekly-digest': {
    component: WeeklyDigest,
    defaultExport: WeeklyDigestDefault,
    // A real digest, generated through the product's own import, analysis and composer.
    props: WeeklyDigest.PreviewProps,
    subject: 'Do you really know Jiří? And 2 others this week',
    // The composer's preheader repeats the hook, which the text part shows in capitals (an <h1>):
    // what must not be there is the preheader as such, padded and hidden.
    preview: 'Pablo Nguyen is now at Mistral Point Payments: time to say congratulations?',
    links: [
      'https://www.linkedin.com/in/jiri-ito',
      'https://rapport.example/a/preview?item=1&answer=known',
      'https://rapport.example/a/preview?item=4&answer=introduced',
      'https://rapport.example/a/preview?item=4&answer=waiting',
      'https://rapport.example/a/preview',
      'https://rapport.example/upload/preview',
      'https://rapport.example/preferences/preview',
      'https://rapport.example/u/preview',
      'mailto:reply+preview@rapport.example?subject=',
    ],
    words: [
      '1. Jiří Ito',
      'Growth Lead · Quillon Logistics',
      '4. What came of asking Benjamin Shah about engineering manager?',
      '5. 353 connections still to review',
      '2 more on your review page',
      '32 you know · +3 this week · 353 to go',
      'like known 1, unknown 2, introduced 4, skip 5, or in your own words.',
      'Since your last upload: 30 new, 11 changed jobs.',
      'Unsubscribe',
    ],
  },
  'confirm-subscription': {
    component: ConfirmSubscription,
    defaultExport: ConfirmSubscriptionDefault,
    props: ConfirmSubscription.PreviewProps,
    subject: 'Confirm your Rapport subscription',
    preview: 'One click to confirm, then four short questions about what you want from LinkedIn.',
    links: ['https://rapport.example/confirm/preview'],
    words: ['Hi,', 'Confirm my subscription'],
  },
  'upload-link': {
    component: UploadLink,
    defaultExport: UploadLinkDefault,
    props: UploadLink.PreviewProps,
    subject: 'Your link to upload a LinkedIn export',
    preview: 'Your link to upload a LinkedIn export. It works for 7 days.',
    links: ['https://rapport.example/upload/preview'],
    words: ['Get a copy of your data', 'Upload my export', 'works for 7 days'],
  },
  'import-finished': {
    component: ImportFinished,
    defaultExport: ImportFinishedDefault,
    props: ImportFinished.PreviewProps,
    subject: 'Your LinkedIn export is in: 1,234 connections',
    preview: '1,234 connections imported. Your next digest arrives on Monday 30 November at 08:00.',
    links: ['https://rapport.example/preferences/preview'],
    words: ['Add your targets', '12 new connections', '5 people changed jobs', '2 connections no longer', '7 rows with no name', '1 row we could not read'],
  },
  'import-failed': {
    component: ImportFailed,
    defaultExport: ImportFailedDefault,
    props: ImportFailed.PreviewProps,
    subject: 'We could not import your LinkedIn export',
    preview: 'Your network is unchanged. Here is what went wrong and how to try again.',
    links: ['https://rapport.example/upload/preview'],
    words: ['it has no Connections.csv', 'Upload again'],
  },
  'reply-receipt': {
    component: ReplyReceipt,
    defaultExport: ReplyReceiptDefault,
    props: ReplyReceipt.PreviewProps,
    subject: 'Done: 3 changes from your reply, 1 command not understood',
    preview: 'Done: 1. Jane Doe: known; 2. Sam Lee: known → known well; 3. Ask Priya Patel about Globex: draft ready, on the review page',
    links: ['https://rapport.example/a/preview', 'https://rapport.example/undo/preview'],
    words: ['See all your answers', '2. Sam Lee: known → known well', 'Already so, unchanged', '4. Tara Lind: known, as before', 'Undo this reply', 'maybe 7', 'known 1 3'],
  },
  'upload-reminder': {
    component: UploadReminder,
    defaultExport: UploadReminderDefault,
    props: UploadReminder.PreviewProps,
    subject: 'Time for a fresh LinkedIn export',
    preview: 'A fresh export lets your digest see new connections, job changes and recent messages.',
    links: ['https://rapport.example/upload/preview'],
    words: ['Upload a fresh export', 'Data privacy'],
  },
  'sign-in-link': {
    component: SignInLink,
    defaultExport: SignInLinkDefault,
    props: SignInLink.PreviewProps,
    subject: 'Your link to sign in to Rapport',
    preview: 'Your link to sign in to Rapport. It works once, for 15 minutes.',
    links: ['https://rapport.example/sign-in/preview'],
    words: ['Sign in', 'works once, for 15 minutes', 'did not ask to sign in'],
  },
  'address-changed': {
    component: AddressChanged,
    defaultExport: AddressChangedDefault,
    props: AddressChanged.PreviewProps,
    subject: 'Your Rapport address was changed',
    preview: 'Your Rapport digests now go to another address. If that was not you, one click puts it back.',
    links: ['https://rapport.example/revert/preview'],
    words: ['a•••@example.net', 'put my address back', 'works for 14 days'],
  },
};

const escapeHtml = (s: string) => s.replaceAll('&', '&amp;');

describe.each(EMAIL_NAMES)('%s with its PreviewProps', (name) => {
  const c = cases[name];

  it('exports the component as named and default export', () => {
    expect(c.defaultExport).toBe(c.component);
  });

  it('renders a complete, single-render email', async () => {
    const { subject, html, text } = await renderEmail(name, c.props);

    expect(subject).toBe(c.subject);
    expect(html).toContain('</html>');
    expect(html).not.toContain('<!--$!-->');
    expect(html).not.toContain('<template');
    expect(text.trim()).not.toBe('');
    expect(text).not.toContain('<');
    // The text part is this very HTML converted, not a second React render.
    expect(text).toBe(plainTextOf(html));
    for (const word of c.words) expect(text).toContain(word);
    for (const link of c.links) expect(html).toContain(`href="${escapeHtml(link)}`);
  });

  it('puts the preview text inside <body>, hidden from the text part', async () => {
    const { html, text } = await renderEmail(name, c.props);
    const body = html.indexOf('<body');
    const preview = html.indexOf(`data-skip-in-text="true">${c.preview}`);

    expect(body).toBeGreaterThan(html.indexOf('</head>'));
    expect(preview).toBeGreaterThan(body);
    expect(text).not.toContain(c.preview);
  });

  it('reads on a phone and in dark mode, with no remote images', async () => {
    const { html } = await renderEmail(name, c.props);

    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    expect(html).toContain('<meta name="color-scheme" content="light dark"/>');
    expect(html).toContain('max-width:600px');
    expect(html).toContain('font-size:16px');
    expect(html).not.toMatch(/<img\b/);
    expect(html).not.toMatch(/url\(/);
  });
});

const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
const escapedHostile = '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;';

// The sign-in email takes no text at all (anyone can have it sent), so it has no hostile case.
type TextEmail = Exclude<EmailName, 'sign-in-link'>;
const hostileCases: { [N in TextEmail]: EmailProps[N] } = {
  'weekly-digest': {
    ...WeeklyDigest.PreviewProps,
    name: hostile,
    hook: hostile,
    preheader: hostile,
    review: [
      {
        number: 1,
        kind: 'review',
        // Accepted by profileLink, whose rebuilt link carries the slug percent-encoded.
        person: { id: hostile, name: hostile, company: hostile, position: hostile, profileUrl: `https://www.linkedin.com/in/${encodeURIComponent(hostile)}` },
        title: hostile,
        detail: hostile,
        actions: [{ label: hostile, url: 'https://rapport.example/a/1' }],
      },
    ],
    introductions: [],
    gaps: [],
    tip: { title: hostile, body: hostile },
    changes: { newConnections: 0, jobChanges: [{ name: hostile, company: hostile, position: hostile }], removed: 0 },
    progress: { weeks: [{ label: hostile, known: 1, close: 0 }, { label: hostile, known: 2, close: 1 }], unreviewed: 3, evidenceShare: 0.5 },
  },
  // Takes no subscriber text at all (it goes to an address that has not opted in): the hostile
  // value stands in the only prop there is, the link, where it is escaped like any other.
  'confirm-subscription': { confirmUrl: `https://rapport.example/confirm/${hostile}` },
  'upload-link': { ...UploadLink.PreviewProps, name: hostile },
  'import-finished': { ...ImportFinished.PreviewProps, name: hostile, nextDigestLabel: hostile },
  'import-failed': { ...ImportFailed.PreviewProps, name: hostile, reason: hostile },
  'reply-receipt': { name: hostile, applied: [hostile], unchanged: [hostile], notUnderstood: [hostile], helpText: hostile, reviewUrl: `https://rapport.example/a/${hostile}`, undoUrl: `https://rapport.example/undo/${hostile}` },
  'upload-reminder': { ...UploadReminder.PreviewProps, name: hostile },
  'address-changed': { ...AddressChanged.PreviewProps, newAddressHint: hostile },
};

describe.each(EMAIL_NAMES.filter((n): n is TextEmail => n !== 'sign-in-link'))('%s with hostile subscriber text', (name) => {
  it('escapes it in HTML and keeps it out of the subject', async () => {
    const { subject, html, text } = await renderEmail(name, hostileCases[name]);

    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/<img\b/);
    expect(html).toContain(escapedHostile);
    // Apart from its escaped (text) and percent-encoded (mailto) forms, no trace of it is left.
    expect(html.replaceAll(escapedHostile, '').replaceAll(encodeURIComponent(hostile), '')).not.toContain('alert(');
    // Plain text is not HTML: there the words are shown as typed.
    expect(text).toContain('<script>alert(1)</script>');
    expect(subject).not.toContain('<');
  });
});

describe('renderEmail when a component throws', () => {
  it('rejects with EmailRenderError carrying the cause', async () => {
    const boom = new Error('boom');
    const item = {
      number: 1,
      kind: 'review' as const,
      person: null,
      get title(): string {
        throw boom;
      },
      detail: 'x',
      actions: [],
    };
    const props = { ...WeeklyDigest.PreviewProps, review: [item], introductions: [], gaps: [] };

    const error = await renderEmail('weekly-digest', props).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(EmailRenderError);
    expect((error as EmailRenderError).email).toBe('weekly-digest');
    expect((error as EmailRenderError).cause).toBe(boom);
  });

  it('rejects when a required prop is missing at runtime', async () => {
    await expect(
      renderEmail('weekly-digest', { ...WeeklyDigest.PreviewProps, progress: null as unknown as EmailProps['weekly-digest']['progress'] }),
    ).rejects.toBeInstanceOf(EmailRenderError);
  });
});

describe('assertRenderedEmail', () => {
  const good = '<html><body><p>Hi</p></body></html>';
  it.each([
    ['empty HTML', '', 'Hi'],
    ['whitespace HTML', '  \n', 'Hi'],
    ['no </html>', '<html><body><p>Hi</p></body>', 'Hi'],
    ['errored Suspense boundary', '<html><body><!--$!--><template data-dgst="x"></template><!--/$--></body></html>', 'Hi'],
    ['leftover <template>', '<html><body><template></template></body></html>', 'Hi'],
    ['empty text', good, ' \n '],
  ])('rejects %s', (_case, html, text) => {
    expect(() => assertRenderedEmail('upload-reminder', html, text)).toThrow(EmailRenderError);
  });

  it('accepts a complete email', () => {
    expect(() => assertRenderedEmail('upload-reminder', good, 'Hi')).not.toThrow();
  });
});
