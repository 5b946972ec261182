import { describe, expect, it } from 'vitest';
import { HELP_TEXT, type DigestItemContent } from '../../../../domain/digest-items/index.ts';
import type { ExtractedReply } from '../../../../domain/replies/index.ts';
import type { InboundFacts } from '../../../../services/inbound/facts.ts';
import { expectedOutcome, planInbound, receiptHelp } from '../../../../services/inbound/plan.ts';
import { NOT_VERIFIED, type SenderCheck } from '../../../../services/inbound/sender-check.ts';

const PASS: SenderCheck = { verdict: 'pass', method: 'mailauth', reason: 'dkim pass for example.com', fromDomain: 'example.com', spfAligned: true };
const person = (name: string): DigestItemContent => ({ kind: 'review', payload: { title: name, name, detail: '' } });
const gap: DigestItemContent = { kind: 'gap', payload: { title: 'Upload a fresh export', detail: 'Old. Next step: upload.', gap: 'stale_export' } };

function reply(text: string, extra: Partial<ExtractedReply> = {}): ExtractedReply {
  return { messageId: '<r@example.com>', inReplyTo: '<d@rapport>', references: [], from: 'ana@example.com', fromCount: 1, subject: 'Re: your week', visibleText: text, attachments: [], headers: new Map(), ...extra };
}

function facts(text: string, extra: Partial<InboundFacts> = {}, replyExtra: Partial<ExtractedReply> = {}): InboundFacts {
  return {
    reply: reply(text, replyExtra),
    unreadable: null,
    returnPath: 'ana@example.com',
    sender: PASS,
    delivery: null,
    replyAddress: { token: 'abc', address: 'reply+abc@in.example', inHeader: true },
    link: { id: 'link-1', subscriberId: 'sub-1', digestId: 'dig-1', scope: 'reply', usedAt: null, answerBatchId: null },
    subscriber: { id: 'sub-1', email: 'Ana@example.com' },
    bindingProblem: null,
    items: [
      { number: 1, answer: null, content: person('Bo Li') },
      { number: 2, answer: null, content: gap },
    ],
    ...extra,
  };
}

const plan = (f: InboundFacts, devMode = false) => planInbound(f, { devMode });

describe('planning an inbound message', () => {
  it('applies a verified reply and names who each answer was about; refuses answers its items do not take', () => {
    const outcome = expectedOutcome(plan(facts('known 1\nclose 2')));
    expect(outcome).toEqual({
      status: 'processed',
      applied: ['Marked item 1 as known: Bo Li'],
      notUnderstood: ['close 2 (item 2 cannot be answered "close")'],
    });
  });

  it('ignores automated mail before anything else, and answers nobody', () => {
    const p = plan(facts('known 1', {}, { headers: new Map([['auto-submitted', 'auto-replied']]) }));
    expect(p).toMatchObject({ kind: 'ignore', reason: 'automated mail (Auto-Submitted: auto-replied)', notice: null });
  });

  it('tells the subscriber, and changes nothing, for a reply from another address', () => {
    const p = plan(facts('known 1', {}, { from: 'mallory@example.net' }));
    expect(p).toMatchObject({ kind: 'ignore', reason: 'sent from another address', notice: { kind: 'other-address', subscriberId: 'sub-1' } });
    expect(expectedOutcome(p).applied).toEqual([]);
  });

  it('sends the once-per-link notice for an unverified sender, a reply bound to nothing, or two senders', () => {
    expect(plan(facts('known 1', { sender: NOT_VERIFIED }))).toMatchObject({ reason: `sender not verified: ${NOT_VERIFIED.reason}`, notice: { kind: 'not-verified', linkId: 'link-1' } });
    expect(plan(facts('known 1', { bindingProblem: 'it does not answer a message we sent to this subscriber' }))).toMatchObject({ kind: 'ignore', notice: { kind: 'not-verified' } });
    expect(plan(facts('known 1', {}, { fromCount: 2 }))).toMatchObject({ reason: 'names more than one sender', notice: { kind: 'not-verified' } });
  });

  it('trusts the dev mailbox only in development mode', () => {
    const local: SenderCheck = { verdict: 'local', method: 'dev-mailbox', reason: 'written in the dev mailbox', fromDomain: null };
    expect(plan(facts('known 1', { sender: local })).kind).toBe('ignore');
    expect(plan(facts('known 1', { sender: local }), true).kind).toBe('act');
  });

  it('without a valid reply address, answers nobody', () => {
    expect(plan(facts('known 1', { link: null, subscriber: null }))).toMatchObject({ kind: 'ignore', reason: 'no valid reply address', notice: null });
  });

  it('reads a reply to a link without a digest against no items at all', () => {
    const outcome = expectedOutcome(plan(facts('known 1', { items: null, link: { id: 'l', subscriberId: 'sub-1', digestId: null, scope: 'reply', usedAt: null, answerBatchId: null } })));
    expect(outcome.applied).toEqual([]);
    expect(outcome.notUnderstood.length).toBeGreaterThan(0);
  });

  it('unsubscribes once however often it is asked, from the text or the subject', () => {
    const p = plan(facts('stop\nunsubscribe', {}, { subject: 'unsubscribe' }));
    expect(p).toMatchObject({ kind: 'act', requests: ['unsubscribe'] });
  });

  it('sends the help text when asked, or when nothing at all was understood', () => {
    expect(receiptHelp(true, ['x'], [])).toBe(HELP_TEXT);
    expect(receiptHelp(false, [], ['maybe 3'])).toBe(HELP_TEXT);
    expect(receiptHelp(false, ['x'], ['maybe 3'])).toBeNull();
  });

  it('applies plain-word answers by name and lists what it is not sure of, with the command to send', () => {
    const intro: DigestItemContent = {
      kind: 'intro',
      payload: { title: 'Ask Lars Berg about Globex', detail: '', targetLabel: 'Globex', viaName: 'Lars Berg', toName: null, draft: { subject: 's', body: 'b' } },
    };
    const items: InboundFacts['items'] = [
      { number: 1, answer: null, content: person('Tara Singh') },
      { number: 2, answer: null, content: person('Kai Weber') },
      { number: 3, answer: null, content: intro },
      { number: 4, answer: null, content: gap },
    ];
    const p = plan(facts('I know Tara from my PhD days, never heard of Kai. Yes please draft the Globex intro.\nmaybe skip the upload one', { items }));
    expect(p).toMatchObject({ kind: 'act', answers: [{ item: 1, answer: 'known' }, { item: 2, answer: 'unknown' }, { item: 3, answer: 'intro' }] });
    expect(expectedOutcome(p)).toEqual({
      status: 'processed',
      applied: ['Marked item 1 as known: Tara Singh', 'Marked item 2 as someone you don’t know: Kai Weber', 'Draft ready for item 3, on the review page: Ask Lars Berg about Globex'],
      // A gap item names nobody: it is answered by number only.
      notUnderstood: ['Not sure what you meant by "maybe skip the upload one" (it names nobody in this digest)'],
    });
    const unsure = expectedOutcome(plan(facts('Maybe I know Kai\nLars: draft it, please', { items })));
    expect(unsure.applied).toEqual(['Draft ready for item 3, on the review page: Ask Lars Berg about Globex']);
    expect(unsure.notUnderstood).toEqual(['Not sure what you meant by "Maybe I know Kai" (it sounds unsure or negated): reply known 2']);
  });

  it('reads no names without a digest', () => {
    const outcome = expectedOutcome(plan(facts('I know Bo', { items: null, link: { id: 'l', subscriberId: 'sub-1', digestId: null, scope: 'reply', usedAt: null, answerBatchId: null } })));
    expect(outcome).toEqual({ status: 'processed', applied: [], notUnderstood: ['Not sure what you meant by "I know Bo" (it names nobody in this digest)'] });
  });

  it('names an unreadable message and answers nobody', () => {
    expect(plan({ ...facts(''), reply: null, unreadable: 'too deep' })).toEqual({ kind: 'ignore', reason: 'unreadable message: too deep', subscriberId: null, notice: null });
  });
});
