/**
 * Hostile free-text names: what a stranger types into the sign-up form's name field, or what an
 * export's names can carry. Each must be shown as the person's name and nothing more: never as
 * an advert in mail to an address that did not ask for it, never reordering the text around it.
 */

/** Sign-up names that try to turn the confirmation email into someone else's message. */
export const SIGN_UP_SPAM_NAMES = [
  'Win a prize at http://evil.example',
  'your bank. Call +1 555 0100 now to keep your account',
  '<a href="https://evil.example">Claim</a>',
];

/** Right-to-left override, embeddings and isolates, each able to reorder what follows it. */
export const BIDI_CONTROLS = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];

/** Names that flip the text after them: "Alice" followed by "exe.gnp" reads as "Alicegnp.exe" when shown raw. */
export const BIDI_NAMES = [
  'Alice\u202Eexe.gnp',
  '\u2067Mallory\u2069 \u202Eyap ot deen uoY',
  'Bob\u200F\u202B Ltd',
];

/** Longer than any name; shown shortened, kept whole where the data is given back. */
export const LONG_NAME = `Maximilian ${'Alexander-'.repeat(30)}Smith`;
