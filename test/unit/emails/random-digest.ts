import type { DigestAction, DigestItem, DigestPerson, WeeklyDigestProps } from '../../../emails/weekly-digest.tsx';
import type { DigestItemKind } from '../../../domain/digest-items/index.ts';
import { prng } from '../../../dev/generate-network.ts';

/**
 * Seeded random weekly-digest props for the compiled-renderer proof: every shape the template has
 * (empty and crowded sections, 0 to 3 buttons, items with and without a person, a profile link or a
 * line, no tip, no changes, 0 to 12 weeks of progress with large counts, more items on the page or
 * none) filled with text that stresses escaping and the plain-text part's whitespace rules.
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

/** Profile URLs as an export may carry them: accepted ones, and ones profileLink must refuse. */
export const PROFILE_URLS = [
  'https://www.linkedin.com/in/jane-doe',
  'https://linkedin.com/in/jane-doe/',
  'http://uk.linkedin.com/in/jane-doe?trk=x&y=<b>',
  'https://www.linkedin.com/in/siobhan-fern%C3%A1ndez-d4f6661f',
  'https://www.linkedin.com/in/%E2%80%AEevil',
  'https://www.linkedin.com/in/a%22b%3Cc%3E%26',
  'https://www.linkedin.com/in/%ZZ',
  'https://www.linkedin.com/in/',
  'https://www.linkedin.com/company/acme',
  'https://linkedin.com.evil.example/in/x',
  'https://evil.example/?https://www.linkedin.com/in/x',
  'javascript:alert(1)//linkedin.com/in/x',
  'data:text/html,<script>alert(1)</script>',
  ' https://www.linkedin.com/in/jane ',
  '',
];

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
  const person = (): DigestPerson => ({
    id: chance(0.7) ? `${seed}-${int(1_000_000)}` : text(),
    name: chance(0.6) ? plain() : text(),
    company: chance(0.3) ? '' : text(),
    position: chance(0.3) ? pick(['', '  ']) : text(),
    profileUrl: chance(0.15) ? null : chance(0.5) ? pick(PROFILE_URLS) : `https://www.linkedin.com/in/${encodeURIComponent(mailtoText())}`,
  });
  let number = 1;
  const items = (kinds: readonly DigestItemKind[]): DigestItem[] =>
    Array.from({ length: pick([0, 0, 1, 2, 3, 8]) }, () => {
      const kind = pick(kinds);
      return {
        number: number++,
        kind,
        // A gap is about no one, as the composer builds it; now and then one is anyway.
        person: kind === 'gap' ? (chance(0.1) ? person() : null) : chance(0.9) ? person() : null,
        title: text(),
        detail: text(),
        actions: Array.from({ length: pick([1, 3, 3, 0, 2]) }, action),
      };
    });
  const followups = items(['followup']);
  const review = items(['review', 'review', 'close']);
  const introductions = items(['intro']);
  const gaps = items(['gap']);

  const count = () => pick([0, 0, 1, 2, 17, 1234, 1_000_000]);
  const weeks = Array.from({ length: pick([0, 1, 1, 2, 3, 5, 8, 12, int(12)]) }, () => ({
    label: chance(0.8) ? `${1 + int(27)} Oct` : text(),
    known: count(),
    close: count(),
  }));
  return {
    name: pick([null, 'Alex', text(), text(), '   ', '']),
    weekLabel: chance(0.8) ? 'Week of 23 November 2026' : text(),
    subject: text(),
    hook: text(),
    preheader: chance(0.1) ? long() : text(),
    followups,
    review,
    introductions,
    gaps,
    moreOnPage: pick([0, 0, 1, 3, 1234]),
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
    progress: { weeks, unreviewed: count(), evidenceShare: pick([0, 1, 0.004, 0.005, 0.5, random()]), introductionsMade: pick([0, 0, 1, 2, 1234]) },
    replyAddress: chance(0.8) ? 'reply+tok_AbC-123@rapport.example' : `reply+${text()}@rapport.example`,
    replySubject: `Re: ${mailtoText()}`,
    reviewUrl: url('review'),
    uploadUrl: url('upload'),
    preferencesUrl: url('preferences'),
    unsubscribeUrl: url('u'),
  };
}
