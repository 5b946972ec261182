import { toPlainText } from '@react-email/components';

// No word wrapping (toPlainText's default, pinned here): each line of the text part is one block of
// the HTML however long its text, which the compiled digest renderer (emails/compiled/) relies on.
// A mailto: href in plain text is a long percent-encoded string that no client turns back into a
// one-click reply; the command beside it ("or reply: known 3") is what a text reader types.
const plainTextOptions = {
  wordwrap: false as const,
  selectors: [{ selector: 'a[href^="mailto:"]', format: 'anchor', options: { ignoreHref: true } }],
};

/** The plain-text part of a rendered email, derived from its HTML rather than a second render. */
export function plainTextOf(html: string): string {
  return toPlainText(html, plainTextOptions);
}
