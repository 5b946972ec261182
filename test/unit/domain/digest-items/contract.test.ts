import { describe, expect, it } from 'vitest';
import { acceptsAnswer, answerOutcomes, choicesByKind, DIGEST_ITEM_KINDS, HELP_TEXT, ITEM_ANSWERS, readItemContent, StoredItemError } from '../../../../domain/digest-items/index.ts';
import { parseCommands } from '../../../../domain/replies/index.ts';

describe('the digest item contract', () => {
  it('offers every answer on some kind of item, and each kind at least one', () => {
    const offered = new Set(DIGEST_ITEM_KINDS.flatMap((kind) => choicesByKind[kind].map((c) => c.answer)));
    expect([...offered].sort()).toEqual([...ITEM_ANSWERS].sort());
    for (const kind of DIGEST_ITEM_KINDS) expect(choicesByKind[kind].length).toBeGreaterThan(0);
  });

  it('accepts an answer exactly for the kinds that offer it', () => {
    expect(acceptsAnswer('review', 'known')).toBe(true);
    expect(acceptsAnswer('gap', 'known')).toBe(false);
    expect(acceptsAnswer('intro', 'close')).toBe(false);
    expect(acceptsAnswer('intro', 'intro')).toBe(true);
  });

  it('every answer word is a reply command that the reply grammar reads as that answer, and the help text names it', () => {
    for (const answer of ITEM_ANSWERS) {
      expect(parseCommands(`${answer} 1`, 1).commands).toEqual([{ kind: 'answer', answer, item: 1 }]);
      expect(HELP_TEXT).toContain(`${answer} `);
      expect(answerOutcomes[answer]).toMatch(/\S/);
    }
  });

  it('reads a stored item back with the payload its kind carries', () => {
    const content = readItemContent({ kind: 'gap', payload: { title: 'No one at Acme', detail: 'Why. Next step: ask.', gap: 'target_company' } });
    expect(content.kind).toBe('gap');
    expect(content.payload.title).toBe('No one at Acme');
  });

  it('refuses a stored item whose payload is not the one its kind carries', () => {
    // A gap's payload names no person: stored as a review it would show a nameless question.
    expect(() => readItemContent({ kind: 'review', payload: { title: 'x', detail: 'y', gap: 'stale_export' } })).toThrow(StoredItemError);
    expect(() => readItemContent({ kind: 'intro', payload: { title: 'x', detail: 'y' } })).toThrow(/intro item/);
    expect(() => readItemContent({ kind: 'close', payload: null })).toThrow(StoredItemError);
  });
});
