import { createElement, type FunctionComponent } from 'react';
import { render, toPlainText } from '@react-email/components';
import { ConfirmSubscription, type ConfirmSubscriptionProps } from './confirm-subscription.tsx';
import { countOf } from './format.ts';
import { ImportFailed, type ImportFailedProps } from './import-failed.tsx';
import { ImportFinished, type ImportFinishedProps } from './import-finished.tsx';
import { ReplyReceipt, type ReplyReceiptProps } from './reply-receipt.tsx';
import { UploadLink, type UploadLinkProps } from './upload-link.tsx';
import { UploadReminder, type UploadReminderProps } from './upload-reminder.tsx';
import { WeeklyDigest, digestSubject, type WeeklyDigestProps } from './weekly-digest.tsx';

export interface EmailProps {
  'weekly-digest': WeeklyDigestProps;
  'confirm-subscription': ConfirmSubscriptionProps;
  'upload-link': UploadLinkProps;
  'import-finished': ImportFinishedProps;
  'import-failed': ImportFailedProps;
  'reply-receipt': ReplyReceiptProps;
  'upload-reminder': UploadReminderProps;
}

export type EmailName = keyof EmailProps;

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

interface Template<P> {
  component: FunctionComponent<P>;
  subject: (props: P) => string;
}

function replyReceiptSubject({ applied, notUnderstood }: ReplyReceiptProps): string {
  if (applied.length === 0) {
    return notUnderstood.length > 0 ? 'We could not understand your reply' : 'We got your reply';
  }
  const done = `Done: ${countOf(applied.length, 'change', 'changes')} from your reply`;
  return notUnderstood.length > 0
    ? `${done}, ${countOf(notUnderstood.length, 'command', 'commands')} not understood`
    : done;
}

// Subjects never include subscriber-provided text (names, companies): they travel in a header and
// in inbox lists, where nothing escapes them.
const templates: { [N in EmailName]: Template<EmailProps[N]> } = {
  'weekly-digest': { component: WeeklyDigest, subject: digestSubject },
  'confirm-subscription': { component: ConfirmSubscription, subject: () => 'Confirm your Rapport subscription' },
  'upload-link': { component: UploadLink, subject: () => 'Your link to upload a LinkedIn export' },
  'import-finished': {
    component: ImportFinished,
    subject: ({ connections }) => `Your LinkedIn export is in: ${countOf(connections, 'connection', 'connections')}`,
  },
  'import-failed': { component: ImportFailed, subject: () => 'We could not import your LinkedIn export' },
  'reply-receipt': { component: ReplyReceipt, subject: replyReceiptSubject },
  'upload-reminder': { component: UploadReminder, subject: () => 'Time for a fresh LinkedIn export' },
};

export const EMAIL_NAMES = Object.keys(templates) as EmailName[];

export class EmailRenderError extends Error {
  override readonly name = 'EmailRenderError';

  constructor(
    readonly email: EmailName,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`${email}: ${reason}`, options);
  }
}

/**
 * Refuses output that would ship a broken email. `<!--$!-->` and `<template` are what React leaves
 * when a component throws inside a Suspense boundary and rendering "succeeds" anyway: Twenty sent
 * empty-bodied emails for a month that way (twentyhq/twenty#23307).
 */
export function assertRenderedEmail(email: EmailName, html: string, text: string): void {
  const problem =
    html.trim() === ''
      ? 'rendered HTML is empty'
      : !html.includes('</html>')
        ? 'rendered HTML has no </html>'
        : html.includes('<!--$!-->')
          ? 'a component threw inside a Suspense boundary'
          : html.includes('<template')
            ? 'rendered HTML contains a <template> left by React streaming'
            : text.trim() === ''
              ? 'plain-text part is empty'
              : null;
  if (problem !== null) throw new EmailRenderError(email, problem);
}

// A mailto: href in plain text is a long percent-encoded string that no client turns back into a
// one-click reply; the command beside it ("or reply: known 3") is what a text reader types.
const plainTextOptions = {
  selectors: [{ selector: 'a[href^="mailto:"]', format: 'anchor', options: { ignoreHref: true } }],
};

/** The plain-text part of a rendered email, derived from its HTML rather than a second render. */
export function plainTextOf(html: string): string {
  return toPlainText(html, plainTextOptions);
}

/** The only way to turn a template into mail: one React render, plain text derived from its HTML. */
export async function renderEmail<N extends EmailName>(name: N, props: EmailProps[N]): Promise<RenderedEmail> {
  const template: Template<EmailProps[N]> = templates[name];
  let html: string;
  try {
    html = await render(createElement(template.component, props));
  } catch (cause) {
    throw new EmailRenderError(name, 'a component threw while rendering', { cause });
  }
  const text = plainTextOf(html);
  assertRenderedEmail(name, html, text);
  return { subject: template.subject(props), html, text };
}
