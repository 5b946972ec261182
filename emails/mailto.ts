/**
 * A one-click reply: opens the mail client with the command already written, so answering is
 * "click, then Send". encodeURIComponent writes spaces as %20: mail clients do not read '+' as a
 * space in mailto: URIs (RFC 6068), so URLSearchParams-style encoding would reach us as "known+3".
 */
export function replyMailto(address: string, subject: string, body: string): string {
  return `mailto:${address}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}
