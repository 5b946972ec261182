import { describe, expect, it } from 'vitest';
import { HELP_TEXT } from '../../../../domain/digest-items/index.ts';
import { createWordReader, parseCommands, type NamedItem } from '../../../../domain/replies/index.ts';

/** A digest with a follow-up (item 1, named by the one who was asked) beside people and an intro. */
const ITEMS: NamedItem[] = [
  { number: 1, kind: 'followup', shown: 'Did Lars Berg introduce you to Mia Chen?', people: ['Lars Berg'], labels: [] },
  { number: 2, kind: 'review', shown: 'Tara Singh', people: ['Tara Singh'], labels: [] },
  { number: 3, kind: 'intro', shown: 'Ask Ola Nordmann about Globex', people: ['Ola Nordmann'], labels: ['Globex'] },
  { number: 4, kind: 'followup', shown: 'What came of asking Kai Weber about Initech?', people: ['Kai Weber'], labels: [] },
];
const reader = createWordReader(ITEMS);
const answers = (text: string) =>
  Object.fromEntries(parseCommands(text, ITEMS.length, reader).commands.flatMap((c) => (c.kind === 'answer' ? [[c.item, c.answer]] : [])));

describe('replies to follow-ups', () => {
  it('reads the follow-up commands', () => {
    expect(answers('introduced 1')).toEqual({ 1: 'introduced' });
    expect(answers('declined 4')).toEqual({ 4: 'declined' });
    expect(answers('waiting 1, unneeded 4')).toEqual({ 1: 'waiting', 4: 'unneeded' });
    expect(answers('no answer 1')).toEqual({ 1: 'waiting' });
    // "no" alone is still unknown.
    expect(answers('no 2')).toEqual({ 2: 'unknown' });
  });

  it('reads plain words naming the one who was asked, in English and German', () => {
    expect(answers('Lars introduced me')).toEqual({ 1: 'introduced' });
    // When the person comes first, the phrase must end the clause (as for every answer).
    expect(answers('Lars introduced me to his brother')).toEqual({});
    expect(answers('Lars: introduced')).toEqual({ 1: 'introduced' });
    expect(answers('No answer yet from Lars')).toEqual({ 1: 'waiting' });
    expect(answers('Kai declined')).toEqual({ 4: 'declined' });
    expect(answers('The Kai intro is not needed any more')).toEqual({ 4: 'unneeded' });
    expect(answers('Lars hat abgelehnt')).toEqual({ 1: 'declined' });
    expect(answers('Kai: noch keine Antwort')).toEqual({ 4: 'waiting' });
    expect(answers('Lars: vorgestellt')).toEqual({ 1: 'introduced' });
    expect(answers('Kai: nicht mehr nötig')).toEqual({ 4: 'unneeded' });
    expect(answers('Lars made the introduction')).toEqual({ 1: 'introduced' });
    expect(answers('Still waiting on Kai')).toEqual({ 4: 'waiting' });
    expect(answers('Kai said no')).toEqual({ 4: 'declined' });
    expect(answers('Lars: no longer needed')).toEqual({ 1: 'unneeded' });
  });

  it('does not give a follow-up answer to an item of another kind', () => {
    const parsed = parseCommands('introduced 2', ITEMS.length, reader);
    // The grammar reads it; applying refuses it (answerProblem), as for any answer a kind does not take.
    expect(parsed.commands).toEqual([{ kind: 'answer', answer: 'introduced', item: 2 }]);
    expect(answers('Tara declined')).toEqual({});
  });

  it('the help text names every follow-up command', () => {
    for (const word of ['introduced 7', 'waiting 7', 'declined 7', 'unneeded 7']) expect(HELP_TEXT).toContain(word);
  });
});
