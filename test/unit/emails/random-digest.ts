import type { DigestAction, DigestItem, WeeklyDigestProps } from '../../../emails/weekly-digest.tsx';
import { prng } from '../../../dev/generate-network.ts';

/**
 * Seeded random weekly-digest props for the compiled-renderer proof: every shape the template has
 * (empty and crowded sections, 1 or 3 buttons, no tip, 0 / 1 / more than 10 job changes, no name,
 * no trend) filled with text that stresses escaping and the plain-text part's whitespace rules.
 */

/** Text that stresses escaping, whitespace handling, Unicode and the compiled renderer's markers. */
export const HOSTILE_TEXTS = [
  '<script>alert("x")</script>',
  '&amp; &lt;b&gt; &#x27; &nbsp;',
  `"double" and 'single' quotes`,
  'back\\slash \\n',
  '😀 emoji 👩‍👩‍👧 flags 🇫🇷',
  'Zoë Ångström-Weiß',
  '李小龙',
  'محمد علي',
  '\u202Eevil\u202C rtl override',
  'Alice\u202Eexe.gnp',
  'x \u202E y \u2067\u2069 z',
  '\u2066',
  ' \u200F ',
  'multiple   spaces',
  'tab\there',
  'new\nline\r\nand\rreturn',
  ' leading',
  'trailing ',
  '  ',
  '',
  '\u200b',
  '\u00a0nbsp\u00a0',
  '\u3000ideographic space\u2028line sep',
  '\f\v',
  '\uE000',
  '\uE001',
  '\uE000m0\uE001',
  '\uE000M3\uE001 \uE000x',
  '\u0000nul',
  '\ud83d lone surrogate',
  '<!-- --> <!DOCTYPE html> ]]>',
  '$& $1 $$ $<x>',
  'https://rapport.example/a/x',
  'Known',
  'x',
];

const LONE_SURROGATE = /\ud83d(?![\udc00-\udfff])/g;

const WORDS = ['Jane', 'Doe', 'at', 'Acme', 'product', 'lead', 'since', '2019', 'know', 'well', 'Globex', 'intro'];

export function randomDigestProps(seed: number): WeeklyDigestProps {
  const random = prng(seed);
  const int = (max: number) => Math.floor(random() * (max + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length - 1)]!;
  const chance = (p: number) => random() < p;

  const plain = () => Array.from({ length: 1 + int(6) }, () => pick(WORDS)).join(' ');
  const long = () => `${plain()} `.repeat(50 + int(400));
  /** Mostly ordinary words, with hostile pieces mixed in. */
  const text = (): string => {
    if (chance(0.03)) return long();
    return Array.from({ length: 1 + int(3) }, () => (chance(0.5) ? pick(HOSTILE_TEXTS) : plain())).join(chance(0.7) ? ' ' : '');
  };
  // encodeURIComponent throws on a lone surrogate, so text that ends up in a mailto: link leaves it out.
  const mailtoText = () => text().replace(LONE_SURROGATE, '');
  const url = (path: string) =>
    `https://rapport.example/${path}/${'abcdefghij'.slice(int(9))}${chance(0.2) ? `?q=${pick(HOSTILE_TEXTS)}&x=1` : ''}`;

  const action = (): DigestAction => {
    // A button whose label is its own URL shows the URL only once in the plain-text part.
    if (chance(0.003)) {
      const same = url('same');
      return { label: same, url: same };
    }
    return { label: chance(0.8) ? pick(['Known', 'Know well', 'Don’t know', 'Draft intro']) : text(), url: url('a') };
  };
  let number = 1;
  const items = (): DigestItem[] =>
    Array.from({ length: pick([0, 0, 1, 2, 3, 8]) }, () => ({
      number: number++,
      title: text(),
      detail: text(),
      actions: Array.from({ length: pick([1, 3, 3, 0, 2]) }, action),
      replyCommand: chance(0.8) ? `known ${number - 1}` : mailtoText(),
    }));
  const review = items();
  const introductions = items();
  const gaps = items();

  const count = () => pick([0, 0, 1, 2, 17, 1234, 1_000_000]);
  const share = () => pick([0, 1, 0.004, 0.005, 0.5, random()]);
  return {
    name: pick([null, 'Alex', text(), text(), '   ', '']),
    weekLabel: chance(0.8) ? 'Week of 23 November 2026' : text(),
    review,
    introductions,
    gaps,
    tip: chance(0.6) ? { title: text(), body: text() } : null,
    changes: chance(0.2)
      ? null
      : {
          newConnections: count(),
          jobChanges: Array.from({ length: pick([0, 0, 1, 2, 10, 11, 25]) }, () => ({
            name: text(),
            company: text(),
            position: text(),
          })),
          removed: count(),
        },
    quality: {
      connections: count(),
      known: count(),
      unreviewed: count(),
      knownShare: share(),
      evidenceShare: share(),
      knownShareChange: pick([null, 0, 0.004, -0.004, 0.01, -0.01, 0.042, -0.5, random() - 0.5]),
    },
    replyAddress: chance(0.8) ? 'reply+tok_AbC-123@rapport.example' : `reply+${text()}@rapport.example`,
    replySubject: `Re: ${mailtoText()}`,
    uploadUrl: url('upload'),
    preferencesUrl: url('preferences'),
    unsubscribeUrl: url('u'),
  };
}
