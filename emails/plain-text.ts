import { toPlainText } from '@react-email/components';
import { HAS_BIDI_CONTROL, stripBidiControls } from './display-name.ts';

// No word wrapping (toPlainText's default, pinned here): each line of the text part is one block of
// the HTML however long its text, which the compiled digest renderer (emails/compiled/) relies on.
// A mailto: href in plain text is a long percent-encoded string that no client turns back into a
// one-click reply; the command beside it ("or reply: known 3") is what a text reader types.
const plainTextOptions = {
  wordwrap: false as const,
  selectors: [{ selector: 'a[href^="mailto:"]', format: 'anchor', options: { ignoreHref: true } }],
};

/**
 * The plain-text part of a rendered email, derived from its HTML rather than a second render.
 * Plain text cannot isolate a name the way <bdi> does, so bidirectional controls are dropped
 * (a U+202E in a name would reverse the rest of its line), and the spaces a control stood
 * between close up as html-to-text would have left them.
 */
export function plainTextOf(html: string): string {
  const text = toPlainText(html, plainTextOptions);
  return HAS_BIDI_CONTROL.test(text) ? tidyLines(stripBidiControls(text)) : text;
}

/** One space between words, none at either end of a line: html-to-text's own layout. */
export function tidyLines(text: string): string {
  return text.replace(/ {2,}/g, ' ').replace(/^ | $/gm, '');
}
