import { describe, expect, it } from 'vitest';
import type { ItemAnswer } from '../../../../domain/digest-items/index.ts';
import { createWordReader, parseCommands, type NamedItem } from '../../../../domain/replies/index.ts';
import { english } from '../../../../domain/replies/languages/en.ts';
import { stripQuotedHistory } from '../../../../domain/replies/quoted-history.ts';
import { CORPUS_ITEMS as ITEMS, englishReplies, germanReplies, mixedReplies, unsureReplies, type ReplyCase as Case } from '../../../support/reply-corpus.ts';

const reader = createWordReader(ITEMS);
const read = (text: string) => parseCommands(text, ITEMS.length, reader);

function expectRead({ text, applied, unsure = [] }: Case) {
  const parsed = read(text);
  const got = Object.fromEntries(parsed.commands.flatMap((c) => (c.kind === 'answer' ? [[c.item, c.answer]] : [])));
  expect(got).toEqual(applied);
  expect(parsed.notUnderstood, JSON.stringify(parsed.notUnderstood)).toHaveLength(unsure.length);
  unsure.forEach((pattern, index) => expect(parsed.notUnderstood[index]).toMatch(pattern));
}

describe('plain-word replies: ordinary English', () => {
  it.each(englishReplies)('%s', (_name, c) => expectRead(c));
});

describe('plain-word replies: German', () => {
  it.each(germanReplies)('%s', (_name, c) => expectRead(c));
});

describe('plain-word replies: what is not applied', () => {
  it.each(unsureReplies)('%s', (_name, c) => expectRead(c));
});

describe('plain-word replies: commands and words together', () => {
  it.each(mixedReplies)('%s', (_name, c) => expectRead(c));
});

describe('plain-word replies: quoted history and signatures', () => {
  it('reads nothing from quoted history, however it names people', () => {
    const text = stripQuotedHistory(
      ['Thanks!', '', 'On Mon, 30 Nov 2026 at 09:00, Rapport <digest@rapport.example> wrote:', '> Do you know Tara Singh? I know Tara well.', '> Never heard of Kai? Reply unknown 2', '> Please draft the Lars intro'].join('\n'),
    );
    expect(read(text)).toEqual({ commands: [], notUnderstood: [] });
  });

  it('reads nothing from ">" lines left in the text', () => {
    expect(read('> I know Tara well\n> never heard of Kai')).toEqual({ commands: [], notUnderstood: [] });
  });

  it('reads what is above the quote and nothing of it', () => {
    const text = stripQuotedHistory(['Never heard of Kai.', '', 'On Mon, 30 Nov 2026, Rapport wrote:', '> I know Tara well'].join('\n'));
    expect(read(text).commands).toEqual([{ kind: 'answer', answer: 'unknown', item: 2 }]);
  });

  it('stops at a signature that names a person of the digest', () => {
    expect(read('Never heard of Kai.\n\nBest regards,\nTara Singh\nI know everyone at Globex')).toEqual({ commands: [{ kind: 'answer', answer: 'unknown', item: 2 }], notUnderstood: [] });
    expect(read('I know Tara\n-- \nKai Weber, never heard of spam')).toEqual({ commands: [{ kind: 'answer', answer: 'known', item: 1 }], notUnderstood: [] });
  });

  it('skips a name alone after a blank line, as a signature', () => {
    expect(read('I know Tara well\n\nKai Weber')).toEqual({ commands: [{ kind: 'answer', answer: 'close', item: 1 }], notUnderstood: [] });
  });
});

describe('plain-word replies: bounds', () => {
  it('reads a long paragraph in one line', () => {
    const filler = 'We had a lovely week at the lake and the kids loved it. '.repeat(20);
    const parsed = read(`${filler}By the way I know Tara from my PhD days.`);
    expect(parsed.commands).toEqual([{ kind: 'answer', answer: 'known', item: 1 }]);
  });

  it('refuses a pasted essay whole, in one line of the receipt', () => {
    const essay = Array.from({ length: 90 }, () => 'I know Tara from my PhD days and we talk every week about work.').join('\n');
    const parsed = read(essay);
    expect(parsed.commands).toEqual([]);
    expect(parsed.notUnderstood).toHaveLength(1);
    expect(parsed.notUnderstood[0]).toMatch(/too long to read as sentences/);
  });

  it('reads a very long reply in bounded time and caps the receipt', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `Tara? maybe ${i}`).join('\n\n');
    const started = performance.now();
    const parsed = read(text);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(parsed.commands).toEqual([]);
    expect(parsed.notUnderstood.length).toBeLessThanOrEqual(22);
  });

  it('keeps every receipt line short', () => {
    const parsed = read(`I know Tara ${'and so on '.repeat(30)}maybe`);
    for (const line of parsed.notUnderstood) expect(line.length).toBeLessThan(300);
  });
});

describe('phrase lists are data', () => {
  it('reads a language it is given and no other', () => {
    const englishOnly = createWordReader(ITEMS, [english]);
    expect(parseCommands('Kai kenne ich nicht', ITEMS.length, englishOnly).commands).toEqual([]);
    expect(parseCommands('never heard of Kai', ITEMS.length, englishOnly).commands).toEqual([{ kind: 'answer', answer: 'unknown', item: 2 }]);
  });

  it('refuses a phrase that begins with the gap', () => {
    expect(() => createWordReader(ITEMS, [{ ...english, answers: { '… know': 'known' } }])).toThrow(/must begin with a word/);
  });
});

describe('a person on two items: a review and the intro they would make', () => {
  const items: NamedItem[] = [
    { number: 1, kind: 'review', shown: 'Lars Berg', people: ['Lars Berg'], labels: [] },
    { number: 2, kind: 'intro', shown: 'Ask Lars Berg to introduce you to Globex', people: ['Lars Berg'], labels: ['Globex'] },
  ];
  const twoItems = createWordReader(items);
  const answered = (text: string) => parseCommands(text, items.length, twoItems);

  it.each<[string, string, Array<{ item: number; answer: ItemAnswer }>]>([
    ['the answer leaves one: only the intro drafts', 'Please draft the Lars one', [{ item: 2, answer: 'intro' }]],
    ['the answer leaves one: only the review is known', 'I know Lars', [{ item: 1, answer: 'known' }]],
    ['an intro word leaves one: skip the intro', 'Skip the Lars intro', [{ item: 2, answer: 'skip' }]],
  ])('%s', (_name, text, expected) => {
    expect(answered(text)).toEqual({ commands: expected.map((e) => ({ kind: 'answer', ...e })), notUnderstood: [] });
  });

  it('without either, skipping Lars is not guessed', () => {
    expect(answered('Skip Lars')).toEqual({ commands: [], notUnderstood: ['Not sure what you meant by "Skip Lars" (it could be item 1, Lars Berg or item 2, Ask Lars Berg to introduce you to Globex): reply skip 1 or skip 2'] });
  });
});
