import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { MailboxMessage } from '../../services/mail/dev-mailbox.ts';

export interface DevReply {
  raw: Buffer;
  envelopeFrom: string;
  envelopeTo: string[];
}

/** The address in a header value such as `Rapport <digest@example.com>` or a bare `a@b`. */
export function bareAddress(value: string | undefined): string | null {
  const match = /<([^<>\s]+@[^<>\s]+)>/.exec(value ?? '') ?? /([^\s<>,"]+@[^\s<>,"]+)/.exec(value ?? '');
  return match?.[1] ?? null;
}

const quote = (text: string) =>
  text
    .replace(/\r\n/g, '\n')
    .trimEnd()
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');

/**
 * The reply a mail client would send to a message in the dev mailbox: from the address it was
 * sent to, to its Reply-To, threaded with In-Reply-To and References, the original quoted under an
 * attribution line as clients do (so the inbound path sees the usual quoted history). Null when the
 * message has no Reply-To to answer.
 */
export async function composeDevReply(message: MailboxMessage, body: string, now: Date = new Date()): Promise<DevReply | null> {
  const to = bareAddress(message.headers['reply-to']);
  const from = bareAddress(message.headers.to ?? message.to);
  if (!to || !from) return null;
  const originalId = message.headers['message-id']?.trim();
  const references = [message.headers.references, originalId].filter(Boolean).join(' ').replace(/\s+/g, ' ');
  const sent = message.date ?? now;
  const text = `${body.replace(/\r\n/g, '\n').trimEnd()}\n\nOn ${sent.toUTCString()}, ${message.from} wrote:\n${quote(message.text)}\n`;
  const composer = new MailComposer({
    from,
    to,
    subject: /^re:/i.test(message.subject) ? message.subject : `Re: ${message.subject}`,
    text,
    date: now,
    messageId: `<dev-reply-${randomBytes(8).toString('hex')}@dev.rapport.localhost>`,
    inReplyTo: originalId,
    references: references || undefined,
  });
  return { raw: await composer.compile().build(), envelopeFrom: from, envelopeTo: [to] };
}
