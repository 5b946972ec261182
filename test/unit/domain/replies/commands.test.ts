import { describe, expect, it } from 'vitest';
import type { ItemAnswer } from '../../../../domain/digest-items/index.ts';
import { describeCommand, parseCommands, type Command } from '../../../../domain/replies/index.ts';

const known = (item: number): Command => ({ kind: 'answer', answer: 'known', item });
const close = (item: number): Command => ({ kind: 'answer', answer: 'close', item });
const unknown = (item: number): Command => ({ kind: 'answer', answer: 'unknown', item });
const intro = (item: number): Command => ({ kind: 'answer', answer: 'intro', item });
const skip = (item: number): Command => ({ kind: 'answer', answer: 'skip', item });
const upload: Command = { kind: 'upload' };
const unsubscribe: Command = { kind: 'unsubscribe' };
const help: Command = { kind: 'help' };

interface Case {
  text: string;
  commands: Command[];
  notUnderstood?: string[];
  /** Items in the digest replied to; 6 unless said. */
  items?: number;
}

function expectParsed({ text, commands, notUnderstood = [], items = 6 }: Case) {
  expect(parseCommands(text, items)).toEqual({ commands, notUnderstood });
}

describe('parseCommands: the grammar', () => {
  it.each<[string, Case]>([
    ['one verb, one number', { text: 'known 3', commands: [known(3)] }],
    ['one verb, several numbers', { text: 'known 1 3', commands: [known(1), known(3)] }],
    ['close', { text: 'close 2', commands: [close(2)] }],
    ['unknown', { text: 'unknown 4', commands: [unknown(4)] }],
    ['intro', { text: 'intro 5', commands: [intro(5)] }],
    ['skip', { text: 'skip 6', commands: [skip(6)] }],
    [
      'the digest footer example',
      {
        text: 'known 1 3, close 2, unknown 4, intro 5',
        commands: [known(1), known(3), close(2), unknown(4), intro(5)],
      },
    ],
    ['a verb lasts until the next verb', { text: 'known 1 3 close 2', commands: [known(1), known(3), close(2)] }],
    ['a verb lasts across commas', { text: 'unknown 4, 5, 6', commands: [unknown(4), unknown(5), unknown(6)] }],
    ['a verb lasts across lines', { text: 'close 2\n5', commands: [close(2), close(5)] }],
    ['bare numbers are known', { text: '1 3', commands: [known(1), known(3)] }],
    ['bare numbers, then a verb', { text: '1 3, unknown 4', commands: [known(1), known(3), unknown(4)] }],
    ['a range', { text: 'known 1-4', commands: [known(1), known(2), known(3), known(4)] }],
    ['a range with an en dash', { text: 'unknown 1–3', commands: [unknown(1), unknown(2), unknown(3)] }],
    ['a range with spaces around the dash', { text: 'skip 4 - 6', commands: [skip(4), skip(5), skip(6)] }],
    ['a bare range', { text: '2-3', commands: [known(2), known(3)] }],
    ['a range written high to low', { text: 'close 3-1', commands: [close(1), close(2), close(3)] }],
    ['a range and single numbers', { text: 'known 1-2 5', commands: [known(1), known(2), known(5)] }],
    ['semicolons', { text: 'known 1; close 2; unknown 4', commands: [known(1), close(2), unknown(4)] }],
    ['"and"', { text: 'known 1 and 3 and close 2', commands: [known(1), known(3), close(2)] }],
    ['"&"', { text: 'known 1 & 3', commands: [known(1), known(3)] }],
    [
      'several lines',
      {
        text: 'known 1 3\nclose 2\nunknown 4\nintro 5',
        commands: [known(1), known(3), close(2), unknown(4), intro(5)],
      },
    ],
    ['CRLF lines', { text: 'known 1\r\nclose 2\r\n', commands: [known(1), close(2)] }],
    ['upper case', { text: 'KNOWN 1, Close 2, UnKnown 4', commands: [known(1), close(2), unknown(4)] }],
    ['a colon after the verb', { text: 'Known: 1, 3\nClose: 2', commands: [known(1), known(3), close(2)] }],
    ['a trailing full stop', { text: 'intro 5.', commands: [intro(5)] }],
    ['"item" and "#"', { text: 'known item 1, items 2 and 3, #4', commands: [known(1), known(2), known(3), known(4)] }],
    ['list bullets', { text: '- known 1\n* close 2\n• unknown 4', commands: [known(1), close(2), unknown(4)] }],
    ['a number glued to its verb', { text: 'known3', commands: [known(3)] }],
    ['please and thanks around commands', { text: 'Please known 3, thanks!', commands: [known(3)] }],
    ['emoji', { text: 'known 3 👍🏽 close 2 🙂', commands: [known(3), close(2)] }],
    ['quotes and brackets', { text: '“known 3” (and 4)', commands: [known(3), known(4)] }],
    ['blank input', { text: '', commands: [] }],
    ['only white space', { text: ' \n\t\n ', commands: [] }],
  ])('%s', (_name, testCase) => expectParsed(testCase));
});

describe('parseCommands: aliases', () => {
  it.each<[string, ItemAnswer]>([
    ['yes', 'known'],
    ['y', 'known'],
    ['know', 'known'],
    ['Known', 'known'],
    ['no', 'unknown'],
    ['n', 'unknown'],
    ['dont know', 'unknown'],
    ["don't know", 'unknown'],
    ['don’t know', 'unknown'],
    ["Don't Know", 'unknown'],
    ['stranger', 'unknown'],
    ['well', 'close'],
    ['know well', 'close'],
    ['close', 'close'],
    ['introduce', 'intro'],
    ['intro', 'intro'],
    ['later', 'skip'],
    ['skip', 'skip'],
  ])('"%s 2" answers %s', (verb, answer) => {
    expectParsed({ text: `${verb} 2`, commands: [{ kind: 'answer', answer, item: 2 }] });
  });

  it('"know well" is one answer, not known followed by close', () => {
    expectParsed({ text: 'know well 2, know 3', commands: [close(2), known(3)] });
  });
});

describe('parseCommands: subscription commands', () => {
  it.each<[string, Command[]]>([
    ['upload', [upload]],
    ['Upload please', [upload]],
    ['stop', [unsubscribe]],
    ['STOP', [unsubscribe]],
    ['unsubscribe', [unsubscribe]],
    ['help', [help]],
    ['help?', [help]],
    ['?', [help]],
    ['known 1, upload', [known(1), upload]],
    ['upload\nknown 2', [upload, known(2)]],
    ['stop stop', [unsubscribe]],
  ])('%j', (text, commands) => expectParsed({ text, commands }));

  it('rejects a number after a command that takes none', () => {
    expectParsed({ text: 'stop 3', commands: [], notUnderstood: ['stop 3 (stop takes no item number)'] });
  });
});

describe('parseCommands: what is reported, never guessed', () => {
  it.each<[string, Case]>([
    ['a number past the last item', { text: 'known 9', commands: [], notUnderstood: ['known 9 (there is no item 9)'] }],
    ['item 0', { text: 'close 0', commands: [], notUnderstood: ['close 0 (there is no item 0)'] }],
    ['a bare number out of range', { text: '7', commands: [], notUnderstood: ['7 (there is no item 7)'] }],
    [
      'out of range among good numbers',
      { text: 'known 1 9 3', commands: [known(1), known(3)], notUnderstood: ['known 9 (there is no item 9)'] },
    ],
    ['the verb as written', { text: 'Yes 12', commands: [], notUnderstood: ['Yes 12 (there is no item 12)'] }],
    [
      'a huge number',
      {
        text: 'known 123456789012345678901234567890',
        commands: [],
        notUnderstood: ['known 123456789012345678901234567890 (there is no item 123456789012345678901234567890)'],
      },
    ],
    [
      'a range past the last item is clipped',
      {
        text: 'known 1-10',
        commands: [known(1), known(2), known(3), known(4), known(5), known(6)],
        notUnderstood: ['known 1-10 (only items 1-6 exist; used 1-6)'],
      },
    ],
    [
      'a range from 0 is clipped',
      {
        text: 'unknown 0-2',
        commands: [unknown(1), unknown(2)],
        notUnderstood: ['unknown 0-2 (only items 1-6 exist; used 1-2)'],
      },
    ],
    [
      'a range clipped to one item',
      { text: 'skip 6-8', commands: [skip(6)], notUnderstood: ['skip 6-8 (only items 1-6 exist; used 6)'] },
    ],
    [
      'a range entirely out of range',
      { text: 'known 7-9', commands: [], notUnderstood: ['known 7-9 (only items 1-6 exist)'] },
    ],
    [
      'a digest with one item',
      { text: 'known 1-3', items: 1, commands: [known(1)], notUnderstood: ['known 1-3 (only item 1 exists; used 1)'] },
    ],
    [
      'a digest with no items',
      { text: 'known 1', items: 0, commands: [], notUnderstood: ['known 1 (there is no item 1)'] },
    ],
    ['an unknown word', { text: 'maybe 3', commands: [], notUnderstood: ['maybe 3'] }],
    [
      'an unknown word rejects its whole line',
      {
        text: 'known 1 3, close 2, and not sure about 4',
        commands: [],
        notUnderstood: ['known 1 3, close 2, and not sure about 4'],
      },
    ],
    [
      'other lines still apply',
      { text: 'known 1\nmaybe 3\nclose 2', commands: [known(1), close(2)], notUnderstood: ['maybe 3'] },
    ],
    ['a verb with no number', { text: 'known', commands: [], notUnderstood: ['known (no item number after known)'] }],
    [
      'a verb after the numbers',
      { text: '3 close', commands: [], notUnderstood: ['3 close (no item number after close)'] },
    ],
    [
      'two verbs in a row',
      { text: 'known close 2', commands: [], notUnderstood: ['known close 2 (no item number after known)'] },
    ],
    [
      'an answer with no item',
      { text: 'Yes please', commands: [], notUnderstood: ['Yes please (no item number after Yes)'] },
    ],
    ['a dangling dash', { text: 'known 1-', commands: [], notUnderstood: ['known 1-'] }],
    ['a slash', { text: 'known 1/3', commands: [], notUnderstood: ['known 1/3'] }],
    ['a numbered list of names', { text: '1. Jane Doe', commands: [], notUnderstood: ['1. Jane Doe'] }],
    ['a question', { text: 'What does close mean?', commands: [], notUnderstood: ['What does close mean?'] }],
    [
      'an unsubscribe request in prose',
      { text: 'Stop sending me these', commands: [], notUnderstood: ['Stop sending me these'] },
    ],
    ['digits of another script', { text: 'known ٣', commands: [], notUnderstood: ['known ٣'] }],
    [
      'the same fragment twice is reported once',
      { text: 'maybe 3\nmaybe 3', commands: [], notUnderstood: ['maybe 3'] },
    ],
  ])('%s', (_name, testCase) => expectParsed(testCase));

  it('does not read bare numbers after an unreadable line that named an answer', () => {
    // "No to 1 and 3" might make 3 unknown; a following bare "4" must not become known 4.
    expectParsed({
      text: 'No to 1 and 3\n4\nclose 2',
      commands: [close(2)],
      notUnderstood: ['No to 1 and 3', '4 (which answer? Put known, close, unknown, intro or skip before it)'],
    });
  });

  it('does not carry a verb over an unreadable line', () => {
    expectParsed({
      text: 'close 2\nnot sure about the rest\n5',
      commands: [close(2)],
      notUnderstood: [
        'not sure about the rest',
        '5 (which answer? Put known, close, unknown, intro or skip before it)',
      ],
    });
  });

  it('reads bare numbers after an unreadable line that named no answer', () => {
    expectParsed({ text: 'Here you go:\n1 3', commands: [known(1), known(3)], notUnderstood: ['Here you go:'] });
  });

  it('shortens a long fragment in the report', () => {
    const text = `known 1 ${'blah '.repeat(40)}`;
    const { notUnderstood } = parseCommands(text, 6);
    expect(notUnderstood).toHaveLength(1);
    expect(notUnderstood[0]).toHaveLength(100);
    expect(notUnderstood[0]).toMatch(/^known 1 blah .*…$/);
  });

  it('caps the number of reported fragments', () => {
    const text = Array.from({ length: 30 }, (_, index) => `maybe ${index}`).join('\n');
    const { notUnderstood } = parseCommands(text, 6);
    expect(notUnderstood).toHaveLength(21);
    expect(notUnderstood.at(-1)).toBe('(and 10 more not understood)');
  });
});

describe('parseCommands: the same item twice', () => {
  it.each<[string, Case]>([
    ['repeated number', { text: 'known 2 2', commands: [known(2)] }],
    ['repeated across lines', { text: 'known 2\nknown 2', commands: [known(2)] }],
    ['the last answer wins', { text: 'known 2, close 2', commands: [close(2)] }],
    ['the last answer wins across lines', { text: 'close 3\nknown 1\nunknown 3', commands: [known(1), unknown(3)] }],
    ['a range then a single change', { text: 'known 1-3, close 2', commands: [known(1), known(3), close(2)] }],
  ])('%s', (_name, testCase) => expectParsed(testCase));
});

describe('parseCommands: small talk and sign-offs', () => {
  it.each<[string, Case]>([
    ['thanks after the commands', { text: 'known 1 3\n\nThanks!', commands: [known(1), known(3)] }],
    ['thank you', { text: 'known 1\nThank you so much', commands: [known(1)] }],
    ['cheers and a name', { text: 'close 2\n\nCheers,\nJane', commands: [close(2)] }],
    [
      'best and a signature block',
      { text: 'unknown 4\n\nBest,\nJane Doe\nHead of Sales | Acme\n+44 20 7946 0958', commands: [unknown(4)] },
    ],
    ['kind regards', { text: 'intro 5\nKind regards,\nJane', commands: [intro(5)] }],
    ['regards', { text: 'skip 6\n\nRegards\nJ.', commands: [skip(6)] }],
    ['a name on its own line after a blank line', { text: 'known 3\n\nJane', commands: [known(3)] }],
    ['a full name after a blank line', { text: 'known 3\n\nJane van der Berg', commands: [known(3)] }],
    ['a greeting', { text: 'Hi Rapport team,\n\nknown 1', commands: [known(1)] }],
    ['a German reply', { text: 'Hallo,\nknown 2\n\nViele Grüße\nJane', commands: [known(2)] }],
    ['a French reply', { text: 'Bonjour,\nintro 5\n\nMerci !\nJane', commands: [intro(5)] }],
    ['a Spanish reply', { text: 'Hola,\nunknown 4\n\nUn saludo,\nJane', commands: [unknown(4)] }],
    ['thanks before the commands', { text: 'Thanks!\nknown 1', commands: [known(1)] }],
    ['thanks on the command line', { text: 'Thanks, known 3', commands: [known(3)] }],
    ['a closing with a command is read', { text: 'known 1\nThanks, stop', commands: [known(1), unsubscribe] }],
    ['a signature delimiter', { text: 'known 3\n--\nJane Doe\nCall me on 555 0100', commands: [known(3)] }],
    ['"Sent from my iPhone"', { text: 'known 3\n\nSent from my iPhone', commands: [known(3)] }],
    ['"Get Outlook for Android"', { text: 'known 3\n\nGet Outlook for Android', commands: [known(3)] }],
    [
      'quoted lines',
      { text: 'known 3\n> or reply: known 1\n> known 1 3, close 2, unknown 4, intro 5', commands: [known(3)] },
    ],
    [
      'a name without a blank line before it is reported',
      { text: 'known 3\nJane', commands: [known(3)], notUnderstood: ['Jane'] },
    ],
  ])('%s', (_name, testCase) => expectParsed(testCase));
});

describe('parseCommands: bounds', () => {
  it('reads only the first 100 lines, and says so', () => {
    const text = `${'\n'.repeat(99)}known 1\nknown 2`;
    expect(parseCommands(text, 6)).toEqual({
      commands: [known(1)],
      notUnderstood: ['(the rest of the reply was too long to read)'],
    });
  });

  it('reports a line too long to be a command', () => {
    const { commands, notUnderstood } = parseCommands(`known 1 ${'3 '.repeat(1000)}`, 6);
    expect(commands).toEqual([]);
    expect(notUnderstood).toEqual([expect.stringMatching(/^known 1 3 3 .*… \(too long to read as commands\)$/)]);
  });

  it('handles a 10 MB reply', () => {
    const { commands, notUnderstood } = parseCommands('known 1 3\n'.repeat(1024 * 1024), 6);
    expect(commands).toEqual([known(1), known(3)]);
    expect(notUnderstood).toEqual(['(the rest of the reply was too long to read)']);
  });

  it.each([
    ['one 10 MB line', 'known 1 '.repeat(1.3 * 1024 * 1024)],
    ['nested dashes and digits', '1-'.repeat(5 * 1024 * 1024)],
    ['many short lines of ranges', '1-6 '.repeat(120).concat('\n').repeat(200)],
    ['unbalanced apostrophes', `don${"'".repeat(1_000_000)}t know 3`],
    ['a word without end', 'k'.repeat(10 * 1024 * 1024)],
  ])('handles %s', (_name, text) => {
    const { commands, notUnderstood } = parseCommands(text, 6);
    expect(commands.length).toBeLessThanOrEqual(6);
    expect(notUnderstood.length).toBeLessThanOrEqual(21);
  });

  it('refuses an item count no digest has', () => {
    expect(() => parseCommands('known 1', -1)).toThrow(RangeError);
    expect(() => parseCommands('known 1', 1.5)).toThrow(RangeError);
    expect(() => parseCommands('known 1', 1_000_000)).toThrow(RangeError);
  });
});

describe('describeCommand', () => {
  it.each<[Command, string]>([
    [known(3), 'Marked item 3 as known'],
    [close(2), 'Marked item 2 as someone you know well'],
    [unknown(4), 'Marked item 4 as someone you don’t know'],
    [intro(5), 'Draft ready for item 5, on the review page'],
    [skip(6), 'Skipped item 6 for now'],
    [upload, 'Sending you a fresh upload link'],
    [unsubscribe, 'Unsubscribed you from Rapport emails'],
    [help, 'Sending you the list of reply commands'],
  ])('%j', (command, text) => expect(describeCommand(command)).toBe(text));
});
