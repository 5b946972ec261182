import { simpleParser, type ParsedMail } from 'mailparser';
import { htmlToReplyText } from './html-text.ts';
import { stripQuotedHistory } from './quoted-history.ts';

export interface ExtractedReply {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** Bare lowercased address of the From header. */
  from: string | null;
  /** How many addresses the From header fields name in all: a reply is acted on only with exactly one. */
  fromCount: number;
  subject: string;
  /** The new text the person wrote, quoted history and signature removed. */
  visibleText: string;
  attachments: Array<{ filename: string; contentType: string; size: number; content: Buffer }>;
  /** mailparser's headers, for auto-reply checks elsewhere. */
  headers: Map<string, unknown>;
}

const parserOptions = {
  // HTML is converted here, with quote-aware settings, and only when there is no plain text part.
  skipHtmlToText: true,
  skipTextToHtml: true,
  // Inlining cid: images as data: URLs would copy every embedded image into the HTML for nothing.
  keepCidLinks: true,
  skipImageLinks: true,
} as const;

/** Addresses in every From field, groups included; a second From field counts even if mailparser kept one. */
function countFromAddresses(mail: ParsedMail): number {
  const fields = mail.headerLines.filter((line) => line.key === 'from').length;
  const addresses = (mail.from?.value ?? []).flatMap((a) => (a.group ? a.group : [a])).filter((a) => a.address).length;
  return fields > 1 ? Math.max(fields, addresses) : addresses;
}

/** Parses a raw inbound message and finds what the person wrote in it. */
export async function extractReply(raw: Buffer): Promise<ExtractedReply> {
  const mail = await simpleParser(raw, parserOptions);
  return {
    messageId: mail.messageId ?? null,
    inReplyTo: mail.inReplyTo ?? null,
    references: typeof mail.references === 'string' ? [mail.references] : (mail.references ?? []),
    from: mail.from?.value[0]?.address?.toLowerCase() || null,
    fromCount: countFromAddresses(mail),
    // NUL never comes from a person, and Postgres text cannot hold it: drop it at the door.
    subject: withoutNul(mail.subject ?? ''),
    visibleText: stripQuotedHistory(withoutNul(bodyText(mail))),
    attachments: mail.attachments
      // Images the HTML shows inline (signature logos) are part of the layout, not something sent to us.
      .filter((attachment) => !attachment.related)
      .map((attachment) => ({
        filename: attachment.filename ?? 'attachment',
        contentType: attachment.contentType,
        size: attachment.size,
        content: attachment.content,
      })),
    headers: mail.headers,
  };
}

const withoutNul = (text: string) => text.replace(/\u0000/g, '');

/** The plain text part, or text derived from the HTML part when the plain one is missing or blank. */
function bodyText(mail: ParsedMail): string {
  if (mail.text !== undefined && mail.text.trim() !== '') return mail.text;
  return typeof mail.html === 'string' ? htmlToReplyText(mail.html) : '';
}
