import { compile } from 'html-to-text';

// Replies put what the person wrote first; quoted HTML below it can be large (Outlook quotes the
// whole digest with its styles). HTML parsing cost grows with the input and, for deep nesting,
// faster than linearly, so only the head of the HTML is converted.
const MAX_HTML_CHARS = 256 * 1024;

const convert = compile({
  // Unwrapped, so a quote header ("On … wrote:") stays on one line for the quote detector.
  wordwrap: false,
  // html-to-text walks the tree recursively; real mail nests far less than this.
  limits: { maxDepth: 500 },
  selectors: [
    // Link targets are noise for reading commands; the link text is what the person sees.
    { selector: 'a', format: 'anchor', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    // Outlook writes every line as a margin-less <p class="MsoNormal">: lines, not paragraphs.
    { selector: 'p.MsoNormal', format: 'block', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
    // Gmail's signature block, and Yahoo's quote, which is a plain div rather than a blockquote.
    { selector: '.gmail_signature', format: 'skip' },
    { selector: '.yahoo_quoted', format: 'skip' },
    // Outlook starts the quoted message with an <hr> above its From/Sent block. Drawn as "---", a
    // separator line, email-reply-parser hides what follows it.
    { selector: 'hr', format: 'horizontalLine', options: { length: 3 } },
  ],
});

/**
 * Plain text of an HTML-only reply. Blockquotes (Gmail, Apple Mail, Thunderbird quotes) come out as
 * "> " lines, html-to-text's default, which are always quoted history.
 */
export function htmlToReplyText(html: string): string {
  return convert(html.slice(0, MAX_HTML_CHARS));
}
