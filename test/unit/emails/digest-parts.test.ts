import { describe, expect, it } from 'vitest';
import { AVATAR_COLOURS, avatarColourOf, initialsOf } from '../../../emails/components/person.tsx';
import { progressView, type ProgressWeek } from '../../../emails/components/progress-chart.tsx';
import { profileLink } from '../../../emails/profile-link.ts';
import { replyExampleOf, type DigestItem } from '../../../emails/weekly-digest.tsx';
import { prng } from '../../../dev/generate-network.ts';

const graphemes = (s: string) => [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(s)].length;

describe('replyExampleOf', () => {
  const item = (number: number, kind: DigestItem['kind']): DigestItem => ({
    number,
    kind,
    person: null,
    title: `Item ${number}`,
    detail: 'Why.',
    actions: [],
  });

  it('answers the first item of each kind as usual, and the second review item "unknown"', () => {
    const items = [item(1, 'review'), item(2, 'review'), item(3, 'review'), item(4, 'close'), item(5, 'close'), item(6, 'intro'), item(7, 'intro'), item(8, 'gap'), item(9, 'gap')];
    expect(replyExampleOf(items)).toBe('known 1, unknown 2, close 4, intro 6, skip 8');
  });

  it.each<[DigestItem['kind'][], string]>([
    [['review'], 'known 1'],
    [['close'], 'close 1'],
    [['intro'], 'intro 1'],
    [['gap'], 'skip 1'],
    [['review', 'close'], 'known 1, close 2'],
    // A close item is no second review item.
    [['review', 'close', 'close'], 'known 1, close 2'],
    [['intro', 'gap', 'gap'], 'intro 1, skip 2'],
    [['gap', 'intro'], 'skip 1, intro 2'],
  ])('%o → "%s"', (kinds, example) => {
    expect(replyExampleOf(kinds.map((kind, i) => item(i + 1, kind)))).toBe(example);
  });

  it('uses the items\' own numbers, not their positions', () => {
    expect(replyExampleOf([item(7, 'review'), item(12, 'review'), item(30, 'gap')])).toBe('known 7, unknown 12, skip 30');
  });

  it('is null without items', () => {
    expect(replyExampleOf([])).toBeNull();
  });
});

describe('profileLink', () => {
  it.each([
    ['https://www.linkedin.com/in/jane-doe', 'jane-doe'],
    ['https://linkedin.com/in/jane-doe', 'jane-doe'],
    ['http://www.linkedin.com/in/jane-doe', 'jane-doe'],
    ['https://uk.linkedin.com/in/jane-doe', 'jane-doe'],
    ['https://fr.linkedin.com/in/jane-doe/', 'jane-doe'],
    ['https://www.linkedin.com/in/jane-doe?trk=people-guest&x=<b>', 'jane-doe'],
    ['https://www.linkedin.com/in/jane-doe/?utm_source=share#about', 'jane-doe'],
    // Read as the importer reads profile URLs (normaliseProfileUrl): slugs are case-insensitive,
    // a scheme-less address (as in Endorsements) and a page under the profile are the profile.
    ['HTTPS://WWW.LINKEDIN.COM/IN/Jane-Doe', 'jane-doe'],
    ['www.linkedin.com/in/jane-doe', 'jane-doe'],
    ['https://www.linkedin.com/in/x/details/experience', 'x'],
    ['  https://www.linkedin.com/in/jane-doe \n', 'jane-doe'],
    // Percent-encoded slugs are decoded, then encoded once again: never twice.
    ['https://www.linkedin.com/in/siobhan-fern%C3%A1ndez-d4f6661f', 'siobhan-fern%C3%A1ndez-d4f6661f'],
    ['https://www.linkedin.com/in/siobhan-fernández', 'siobhan-fern%C3%A1ndez'],
    // Whatever the slug holds is encoded: it cannot leave the path or the attribute.
    ['https://www.linkedin.com/in/a"b<c>&d\'e(f)', 'a%22b%3Cc%3E%26d%27e%28f%29'],
    // An encoded slash decodes to a path: the importer's key, and so the link, is the slug before it.
    ['https://www.linkedin.com/in/a%2Fb%3Fc', 'a'],
  ])('accepts %j as https://www.linkedin.com/in/%s', (url, slug) => {
    expect(profileLink(url)).toBe(`https://www.linkedin.com/in/${slug}`);
  });

  it.each([
    null,
    '',
    'jane-doe',
    'ftp://www.linkedin.com/in/jane-doe',
    'https://evil.example/in/jane-doe',
    'https://linkedin.com.evil.example/in/x',
    'https://www.linkedin.com.evil.example/in/x',
    'https://evillinkedin.com/in/x',
    'https://evil.example/?https://www.linkedin.com/in/x',
    'https://evil.example/#https://www.linkedin.com/in/x',
    'https://www.linkedin.com@evil.example/in/x',
    'https://user@linkedin.com/in/x',
    'https://www.linkedin.com:8080/in/x',
    'https://a.b.linkedin.com/in/x',
    'https://www.linkedin.com/company/acme',
    'https://www.linkedin.com/school/x',
    'https://www.linkedin.com/in/',
    'https://www.linkedin.com/in//',
    'https://www.linkedin.com/in/?x=1',
    'https://www.linkedin.com/in/.',
    'https://www.linkedin.com/in/..',
    'https://www.linkedin.com/in/%2e%2e',
    'https://www.linkedin.com/in/jane doe',
    'https://www.linkedin.com/in/%ZZ',
    'https://www.linkedin.com/in/%E2%82',
    'javascript:alert(1)',
    'javascript://www.linkedin.com/in/x',
    'JavaScript:alert(1)//https://www.linkedin.com/in/x',
    'data:text/html,https://www.linkedin.com/in/x',
    'data:text/html;base64,PHNjcmlwdD4=',
    'vbscript:msgbox(1)',
  ])('refuses %j', (url) => {
    expect(profileLink(url)).toBeNull();
  });

  it('always gives https://www.linkedin.com/in/<encoded slug>, whatever it is given', () => {
    const random = prng(42);
    const pieces = ['https://', 'http://', 'www.', 'uk.', 'linkedin.com', '/in/', '/', '?', '#', '%', '%2', '%C3%A1', 'á', ' ', '"', '<', 'x', '..', '.evil.example', 'javascript:', '@'];
    let accepted = 0;
    for (let i = 0; i < 3000; i++) {
      const url = Array.from({ length: 2 + Math.floor(random() * 8) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const link = profileLink(i % 2 === 0 ? `https://www.linkedin.com/in/${url}` : url);
      if (link === null) continue;
      accepted++;
      const slug = link.slice('https://www.linkedin.com/in/'.length);
      expect(link.startsWith('https://www.linkedin.com/in/'), url).toBe(true);
      expect(slug, url).toBe(encodeURIComponent(decodeURIComponent(slug)));
      expect(slug, url).not.toBe('');
      expect(link, url).toMatch(/^https:\/\/www\.linkedin\.com\/in\/[A-Za-z0-9\-_.!~*'()%]+$/);
      // A link given back is accepted again as itself.
      expect(profileLink(link), url).toBe(link);
    }
    expect(accepted).toBeGreaterThan(100);
  });
});

describe('initialsOf', () => {
  it.each([
    ['Hugo Menon', 'HM'],
    ['ada lovelace', 'AL'],
    ['Ada', 'A'],
    ['Ada Augusta King Lovelace', 'AL'],
    ['  Ada    de   Lovelace  ', 'AL'],
    ['Ada\u00a0Lovelace', 'AL'],
    ['(Bob) Smith', 'BS'],
    ['"Teddy" Hughes', 'TH'],
    ['Sarah "Teddy" Hughes', 'SH'],
    ['Emma .', 'E'],
    ['Jean - Luc', 'JL'],
    ['😀Ann Lee', 'AL'],
    ['3M Team', '3T'],
    ['李小龙', '李'],
    ['محمد علي', 'مع'],
    ['Σωκράτης Παπαδόπουλος', 'ΣΠ'],
    ['Ørjan Ås', 'ØÅ'],
  ])('%j → %j', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });

  it('keeps a letter with its combining mark, and a keycap, whole', () => {
    const decomposed = initialsOf('E\u0301milie Dupont');
    expect(decomposed).toBe('E\u0301D');
    expect(graphemes(decomposed)).toBe(2);
    const keycap = initialsOf('1\uFE0F\u20E3 Smith');
    expect(keycap).toBe('1\uFE0F\u20E3S');
    expect(graphemes(keycap)).toBe(2);
  });

  it('takes one whole character per word in any script', () => {
    for (const name of ['क्षत्रिय राज', 'ნინო ბერიძე', 'Zoë Ångström-Weiß', 'Nguyễn Văn']) {
      const initials = initialsOf(name);
      const words = name.split(' ');
      expect(graphemes(initials), name).toBe(2);
      const [first] = new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(initials);
      expect(words[0]!.toLocaleUpperCase('en').startsWith(first!.segment), name).toBe(true);
    }
  });

  it.each(['', '   ', '...', '😀 👩‍👩‍👧', '- –', '\u200b'])('is "?" for %j, which has no letter', (name) => {
    expect(initialsOf(name)).toBe('?');
  });
});

describe('avatarColourOf', () => {
  const ids = Array.from({ length: 2000 }, (_, i) => (i % 3 === 0 ? `${i}` : i % 3 === 1 ? crypto.randomUUID() : `person-${'x'.repeat(i)}`));

  it('always gives one of AVATAR_COLOURS, the same for the same id', () => {
    for (const id of [...ids, '', '😀', '\u0000']) {
      const colour = avatarColourOf(id);
      expect(AVATAR_COLOURS, id).toContain(colour);
      expect(avatarColourOf(`${id}`), id).toBe(colour);
    }
  });

  it('does not change from one release to the next: a person keeps their colour week after week', () => {
    // Pinned: the hash of "a" is 97, of "" is 0; a changed hash would repaint every face.
    expect(avatarColourOf('')).toBe(AVATAR_COLOURS[0]);
    expect(avatarColourOf('a')).toBe(AVATAR_COLOURS[97 % AVATAR_COLOURS.length]);
    expect(avatarColourOf('2238a847-0626-4e6e-81c5-153473acbd53')).toBe(avatarColourOf('2238a847-0626-4e6e-81c5-153473acbd53'));
  });

  it('spreads people over every colour', () => {
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(avatarColourOf(id), (counts.get(avatarColourOf(id)) ?? 0) + 1);
    expect(counts.size).toBe(AVATAR_COLOURS.length);
    for (const n of counts.values()) expect(n).toBeGreaterThan(ids.length / AVATAR_COLOURS.length / 3);
  });
});

describe('progressView', () => {
  const HEIGHT = 40;
  const week = (known: number, close: number, label = 'w'): ProgressWeek => ({ label, known, close });
  const px = (css: string) => {
    expect(css).toMatch(/^\d+px$/);
    return Number(css.slice(0, -2));
  };
  const heights = (weeks: ProgressWeek[]) => progressView(weeks, 1, HEIGHT).bars.map((b) => ({ rest: px(b.rest), known: px(b.known), close: px(b.close) }));

  it('has no bars and no change for a single week, which is no trend', () => {
    const view = progressView([week(20, 10, '5 Oct')], 355, HEIGHT);
    expect(view.bars).toEqual([]);
    expect(view.summary).toBe('30 you know · 355 to go');
    expect(view.from).toBe('5 Oct');
    expect(view.to).toBe('');
  });

  it('has no bars for no week at all', () => {
    const view = progressView([], 355, HEIGHT);
    expect(view.bars).toEqual([]);
    expect(view.summary).toBe('0 you know · 355 to go');
  });

  it('draws one bar per week from the second week on, labelled from the first to "This week"', () => {
    const view = progressView([week(20, 9, '28 Sep'), week(20, 10, '5 Oct')], 355, HEIGHT);
    expect(view.bars).toHaveLength(2);
    expect(view.summary).toBe('30 you know · +1 this week · 355 to go');
    expect([view.from, view.to]).toEqual(['28 Sep', 'This week']);
    expect([view.legendClose, view.legendKnown]).toEqual(['Know well 10', 'Known 20']);
    const twelve = progressView(Array.from({ length: 12 }, (_, i) => week(i, i)), 1, HEIGHT);
    expect(twelve.bars).toHaveLength(12);
    expect(twelve.chartWidth).toBe(String(12 * 25));
    expect(view.chartWidth).toBe('120');
  });

  it.each<[ProgressWeek[], number, string]>([
    [[week(10, 0), week(12, 2)], 5, '14 you know · +4 this week · 5 to go'],
    [[week(12, 2), week(10, 1)], 5, '11 you know · −3 this week · 5 to go'],
    [[week(12, 2), week(13, 1)], 5, '14 you know · no change this week · 5 to go'],
    [[week(1, 2), week(3, 4)], 0, '7 you know · +4 this week · everyone reviewed'],
    [[week(0, 0), week(1_234_000, 567)], 1_000_000, '1,234,567 you know · +1,234,567 this week · 1,000,000 to go'],
  ])('summarises %j with %d to go as "%s"', (weeks, unreviewed, summary) => {
    expect(progressView(weeks, unreviewed, HEIGHT).summary).toBe(summary);
  });

  it('scales bars to the tallest week, which fills the chart', () => {
    expect(heights([week(10, 10), week(5, 5), week(0, 0)])).toEqual([
      { rest: 0, known: 20, close: 20 },
      { rest: 20, known: 10, close: 10 },
      { rest: 40, known: 0, close: 0 },
    ]);
  });

  it('keeps a count above zero at least 2px tall, and a zero at 0', () => {
    const [tallest, one, other] = heights([week(10_000, 0), week(1, 0), week(0, 1)]);
    expect(tallest).toEqual({ rest: 0, known: 40, close: 0 });
    expect(one).toEqual({ rest: 38, known: 2, close: 0 });
    expect(other).toEqual({ rest: 38, known: 0, close: 2 });
  });

  it('fills the chart height exactly, bar by bar, for random weeks', () => {
    const random = prng(7);
    for (let run = 0; run < 500; run++) {
      // Counts in steps of a fortieth of the tallest bar, as most are; see the rounding case below.
      const unit = 1 + Math.floor(random() * 50);
      const weeks = Array.from({ length: 2 + Math.floor(random() * 11) }, () => week(unit * Math.floor(random() * 21), unit * Math.floor(random() * 21)));
      weeks.push(week(unit * 20, unit * 20));
      for (const bar of heights(weeks)) expect(bar.rest + bar.known + bar.close).toBe(HEIGHT);
    }
  });

  // Each part rounded, and raised to 2px, on its own used to make a bar taller than the chart.
  it.each<[string, ProgressWeek[]]>([
    ['two halves rounded up (20.5 → 21, 19.5 → 20)', [week(41, 39), week(1, 1)]],
    ['a 2px minimum next to a full bar', [week(1, 999), week(0, 0)]],
  ])('fills the chart height exactly with %s', (_, weeks) => {
    for (const bar of heights(weeks)) expect(bar.rest + bar.known + bar.close).toBe(HEIGHT);
  });
});

describe('initialsOf, against the grapheme segmenter', () => {
  // initialsOf only asks the (slow) segmenter when the first code point may join the next: for any
  // name it must give what asking it always would.
  const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
  const grapheme = (word: string) => segmenter.segment(word)[Symbol.iterator]().next().value?.segment ?? '';
  function reference(name: string): string {
    const words = name.split(/\s+/u).filter((w) => /\p{L}|\p{N}/u.test(w));
    if (words.length === 0) return '?';
    const picked = words.length === 1 ? [words[0]!] : [words[0]!, words[words.length - 1]!];
    return picked.map((w) => grapheme(grapheme(w.replace(/^[^\p{L}\p{N}]+/u, '')).toLocaleUpperCase('en'))).join('');
  }
  const PIECES = ['e\u0301', 'é', 'ß', 'ǆ', '👩‍👩‍👧', '👍🏽', '🇫🇷', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '\u1100\u1161', '가', 'क्षि', 'ﷺ', 'a\ufe0f', '\ud83d', 'x', 'Zoë', '李', 'محمد', '\u200d', '1', '-', 'İ', 'ŉ'];
  it('agrees on 5,000 random names', () => {
    const random = prng(77);
    const pick = () => PIECES[Math.floor(random() * PIECES.length)]!;
    for (let i = 0; i < 5000; i++) {
      const name = Array.from({ length: 1 + Math.floor(random() * 3) }, () => Array.from({ length: 1 + Math.floor(random() * 3) }, pick).join('')).join(' ');
      expect(initialsOf(name), JSON.stringify(name)).toBe(reference(name));
    }
  });
});
