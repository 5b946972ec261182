import { createElement, type FunctionComponent } from 'react';
import { render } from '@react-email/components';
import { AddressChanged, type AddressChangedProps } from './address-changed.tsx';
import { ConfirmSubscription, type ConfirmSubscriptionProps } from './confirm-subscription.tsx';
import { renderCompiledDigest } from './compiled/weekly-digest.tsx';
import { countOf } from './format.ts';
import { ImportFailed, type ImportFailedProps } from './import-failed.tsx';
import { ImportFinished, type ImportFinishedProps } from './import-finished.tsx';
import { plainTextOf } from './plain-text.ts';
import { ReplyReceipt, type ReplyReceiptProps } from './reply-receipt.tsx';
import { SignInLink, type SignInLinkProps } from './sign-in-link.tsx';
import { UploadLink, type UploadLinkProps } from './upload-link.tsx';
import { UploadReminder, type UploadReminderProps } from './upload-reminder.tsx';
import { WeeklyDigest, digestSubject, type WeeklyDigestProps } from './weekly-digest.tsx';

// In a module of its own so that emails/compiled/ can derive text the same way without importing this one.
export { plainTextOf };

export interface EmailProps {
  'weekly-digest': WeeklyDigestProps;
  'confirm-subscription': ConfirmSubscriptionProps;
  'upload-link': UploadLinkProps;
  'import-finished': ImportFinishedProps;
  'import-failed': ImportFailedProps;
  'reply-receipt': ReplyReceiptProps;
  'upload-reminder': UploadReminderProps;
  'sign-in-link': SignInLinkProps;
  'address-changed': AddressChangedProps;
}

export type EmailName = keyof EmailProps;

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

type EmailBody = Omit<RenderedEmail, 'subject'>;

interface Template<P> {
  component: FunctionComponent<P>;
  subject: (props: P) => string;
  /** The same HTML and text without React, for the props it can take; null leaves them to React. */
  compiled?: (props: P) => Promise<EmailBody | null>;
}

function replyReceiptSubject({ applied, unchanged, notUnderstood }: ReplyReceiptProps): string {
  if (applied.length === 0) {
    if (unchanged.length > 0 && notUnderstood.length === 0) return 'Got your reply: nothing needed changing';
    return notUnderstood.length > 0 ? 'We could not understand your reply' : 'We got your reply';
  }
  const done = `Done: ${countOf(applied.length, 'change', 'changes')} from your reply`;
  return notUnderstood.length > 0
    ? `${done}, ${countOf(notUnderstood.length, 'command', 'commands')} not understood`
    : done;
}

// Subjects travel in a header and in inbox lists, where nothing escapes them: the digest's names a
// person and a target, which the composer passes through the display rule (no controls, no line
// breaks, bounded length); the others hold no subscriber-provided text.
const templates: { [N in EmailName]: Template<EmailProps[N]> } = {
  'weekly-digest': { component: WeeklyDigest, subject: digestSubject, compiled: renderCompiledDigest },
  'confirm-subscription': { component: ConfirmSubscription, subject: () => 'Confirm your Rapport subscription' },
  'upload-link': { component: UploadLink, subject: () => 'Your link to upload a LinkedIn export' },
  'import-finished': {
    component: ImportFinished,
    subject: ({ connections }) => `Your LinkedIn export is in: ${countOf(connections, 'connection', 'connections')}`,
  },
  'import-failed': { component: ImportFailed, subject: () => 'We could not import your LinkedIn export' },
  'reply-receipt': { component: ReplyReceipt, subject: replyReceiptSubject },
  'upload-reminder': { component: UploadReminder, subject: () => 'Time for a fresh LinkedIn export' },
  'sign-in-link': { component: SignInLink, subject: () => 'Your link to sign in to Rapport' },
  'address-changed': { component: AddressChanged, subject: () => 'Your Rapport address was changed' },
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

// Every email sent goes through these checks, so they scan the HTML as little as they can: '</html>'
// ends the document and is looked for from the end, and one regex finds either leftover in a single
// pass (several times faster than String.includes on long HTML with non-Latin-1 text).
const REACT_LEFTOVER = /<!--\$!-->|<template/;

/**
 * Refuses output that would ship a broken email. `<!--$!-->` and `<template` are what React leaves
 * when a component throws inside a Suspense boundary and rendering "succeeds" anyway: Twenty sent
 * empty-bodied emails for a month that way (twentyhq/twenty#23307).
 */
export function assertRenderedEmail(email: EmailName, html: string, text: string): void {
  const leftover = REACT_LEFTOVER.test(html);
  const problem =
    html.trim() === ''
      ? 'rendered HTML is empty'
      : html.lastIndexOf('</html>') < 0
        ? 'rendered HTML has no </html>'
        : leftover && html.includes('<!--$!-->')
          ? 'a component threw inside a Suspense boundary'
          : leftover
            ? 'rendered HTML contains a <template> left by React streaming'
            : text.trim() === ''
              ? 'plain-text part is empty'
              : null;
  if (problem !== null) throw new EmailRenderError(email, problem);
}

async function renderWithReact<P extends object>(component: FunctionComponent<P>, props: P): Promise<EmailBody> {
  const html = await render(createElement(component, props));
  return { html, text: plainTextOf(html) };
}

/**
 * The only way to turn a template into mail: one React render, plain text derived from its HTML;
 * or, for the weekly digest, the compiled equivalent of both (emails/compiled/).
 */
export async function renderEmail<N extends EmailName>(name: N, props: EmailProps[N]): Promise<RenderedEmail> {
  const template: Template<EmailProps[N]> = templates[name];
  let body: EmailBody;
  try {
    body = (await template.compiled?.(props)) ?? (await renderWithReact(template.component, props));
  } catch (cause) {
    throw new EmailRenderError(name, 'a component threw while rendering', { cause });
  }
  assertRenderedEmail(name, body.html, body.text);
  return { subject: template.subject(props), ...body };
}
