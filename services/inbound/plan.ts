import path from 'node:path';
import { answerOutcomes, answerProblem, HELP_TEXT, lastAnswerPerItem, shownName, type ItemAnswer } from '../../domain/digest-items/index.ts';
import { createWordReader, describeCommand, parseCommands, type Command, type NamedItem } from '../../domain/replies/index.ts';
import { automatedMailReason } from '../mail/auto-reply.ts';
import type { ProvenBounce } from './bounce-proof.ts';
import type { InboundFacts } from './facts.ts';
import type { SenderCheck } from './sender-check.ts';

/**
 * What an inbound message would do, and why, decided from its facts alone (facts.ts): pure, so the
 * worker (process-inbound.ts applies it) and the dry run (`rapport inbound parse` prints it) cannot
 * disagree. The outcome it predicts is what the worker stores, unless the digest changes between.
 */
export type InboundPlan =
  | { kind: 'ignore'; reason: string; subscriberId: string | null; notice: Notice | null }
  | { kind: 'delivery-report'; reason: string; subscriberId: string | null; suppress: ProvenBounce[]; unproven: number }
  | {
      kind: 'act';
      subscriberId: string;
      digestId: string | null;
      answers: Array<{ item: number; answer: ItemAnswer }>;
      /** Upload, unsubscribe and undo, in the order written; each of the last two once. */
      requests: Request[];
      /** The reply an "undo" takes back: the one the receipt being answered reported. */
      undoBatchId: string | null;
      help: boolean;
      attachment: { filename: string; content: Buffer } | null;
      notUnderstood: string[];
      /** The answers as they would be applied and rejected, from the digest's items as they are. */
      expected: { applied: string[]; rejected: string[] };
    };

export type Request = 'upload' | 'unsubscribe' | 'undo';

/** Who hears that nothing was done: never a stranger, and a forger cannot make it a flood. */
export type Notice = { kind: 'not-verified'; subscriberId: string; linkId: string } | { kind: 'other-address'; subscriberId: string; helpText: string };

/** What the worker records for a message and the dry run prints. */
export interface InboundOutcome {
  status: 'processed' | 'ignored';
  reason?: string;
  applied: string[];
  notUnderstood: string[];
}

/** An applied answer in the receipt, naming who it was about: a number alone is easy to have mistyped. */
export const appliedLine = (a: { item: number; answer: ItemAnswer; shown: { name: string | null; title: string } }) =>
  `${describeCommand({ kind: 'answer', answer: a.answer, item: a.item })}: ${a.shown.name ?? a.shown.title}`;

export const rejectedLine = (r: { item: number; answer: ItemAnswer; reason: string }) => `${r.answer} ${r.item} (${r.reason})`;

/** The receipt line for an export attached to a reply, before its import is known. */
/**
 * An answer as the receipt reports it, naming who it was about and what it replaced:
 * "3. Sofia Hansen: known well → known"; an unchanged one says so, and a draft where it waits.
 */
export function changeLine(a: { item: number; answer: ItemAnswer; before: ItemAnswer | null; changed: boolean; shown: { name: string | null; title: string } }): string {
  const who = `${a.item}. ${a.shown.name ?? a.shown.title}`;
  if (a.answer === 'intro') return `${who}: ${answerOutcomes.intro}, on the review page`;
  if (!a.changed) return `${who}: ${answerOutcomes[a.answer]}, as before`;
  return a.before ? `${who}: ${answerOutcomes[a.before]} → ${answerOutcomes[a.answer]}` : `${who}: ${answerOutcomes[a.answer]}`;
}

/** Why an "undo" changed nothing: it only takes back the reply whose receipt it answers. */
export const UNDO_WITHOUT_RECEIPT = 'undo (reply "undo" to the receipt of the reply you want to take back)';

export const attachmentLine = (filename: string) => `Importing your attached export ${filename}: we will email you when it is done`;

/** What a reply's text says about these items: commands and plain words, as the worker reads them. */
export function readReplyText(text: string, items: NonNullable<InboundFacts['items']>) {
  return parseCommands(text, items.length, createWordReader(items.map(namedItem)));
}

/** An item as the plain-words reader matches it: review and close items by the person, intros by via, to and target. */
function namedItem(item: NonNullable<InboundFacts['items']>[number]): NamedItem {
  const { content } = item;
  const shown = shownName(content) ?? content.payload.title;
  if (content.kind === 'intro') {
    const people = [content.payload.viaName, content.payload.toName].filter((name): name is string => Boolean(name));
    return { number: item.number, kind: content.kind, shown, people, labels: [content.payload.targetLabel] };
  }
  return { number: item.number, kind: content.kind, shown, people: content.kind === 'gap' ? [] : [content.payload.name], labels: [] };
}

/** Commands from the subject too: a List-Unsubscribe mailto arrives as subject "unsubscribe". */
function subjectCommands(subject: string): Command[] {
  const bare = subject.replace(/^(\s*(re|fwd?|aw|sv|tr)\s*:\s*)+/i, '').trim().toLowerCase();
  return bare === 'unsubscribe' || bare === 'stop' ? [{ kind: 'unsubscribe' }] : [];
}

const isExport = (a: { filename: string; contentType: string }) => /\.(zip|csv)$/i.test(a.filename) || /zip|csv/i.test(a.contentType);

/** The base name of an attachment: its name is a label, never a path. */
export const attachmentName = (filename: string) => path.basename(filename);

/**
 * A verified sender; or, in development mode said out loud (config.devMode, as for the dev mailbox
 * itself; NODE_ENV unset is not it), a reply written in the dev mailbox.
 */
function senderTrusted(sender: SenderCheck, devMode: boolean): boolean {
  return sender.verdict === 'pass' || (sender.verdict === 'local' && devMode);
}

export const OTHER_ADDRESS_TEXT = (from: string | null) =>
  `We received a reply to your digest from another address (${from ?? 'unknown'}), so we changed nothing. ` +
  'If it was you, reply from this address, or use the buttons in the digest.';

export function planInbound(facts: InboundFacts, options: { devMode: boolean }): InboundPlan {
  const { reply, link, subscriber } = facts;
  const subscriberId = link?.subscriberId ?? null;
  const ignore = (reason: string, notice: Notice | null = null): InboundPlan => ({ kind: 'ignore', reason, subscriberId, notice });

  // A message the MIME parser refuses (too deep, too many parts, a giant header) will never parse;
  // a robot is the likely sender, so nobody is answered.
  if (!reply) return { kind: 'ignore', reason: `unreadable message: ${facts.unreadable}`, subscriberId: null, notice: null };
  if (facts.delivery) return deliveryPlan(facts.delivery);

  const automated = automatedMailReason(reply.headers, facts.returnPath);
  if (automated) return ignore(`automated mail (${automated})`);
  // Without a valid token we do not know whom it concerns, and answering strangers is backscatter.
  if (!link || !subscriber) return ignore('no valid reply address');
  const notVerified: Notice = { kind: 'not-verified', subscriberId: subscriber.id, linkId: link.id };
  if (reply.fromCount !== 1) return ignore(reply.fromCount === 0 ? 'names no sender' : 'names more than one sender', notVerified);
  if (reply.from !== subscriber.email.toLowerCase()) {
    return ignore('sent from another address', { kind: 'other-address', subscriberId: subscriber.id, helpText: OTHER_ADDRESS_TEXT(reply.from) });
  }
  if (!senderTrusted(facts.sender, options.devMode)) return ignore(`sender not verified: ${facts.sender.reason}`, notVerified);
  if (facts.bindingProblem) return ignore(`sender not verified: ${facts.bindingProblem}`, notVerified);

  const items = facts.items ?? [];
  const parsed = readReplyText(reply.visibleText, items);
  const commands = [...parsed.commands, ...subjectCommands(reply.subject)];
  const answers = link.digestId ? commands.flatMap((c) => (c.kind === 'answer' ? [{ item: c.item, answer: c.answer }] : [])) : [];
  const requests: Request[] = [];
  const notUnderstood = [...parsed.notUnderstood];
  for (const command of commands) {
    if (command.kind === 'upload') requests.push('upload');
    else if ((command.kind === 'unsubscribe' || command.kind === 'undo') && !requests.includes(command.kind)) requests.push(command.kind);
  }
  if (requests.includes('undo') && !link.answerBatchId) {
    requests.splice(requests.indexOf('undo'), 1);
    notUnderstood.push(UNDO_WITHOUT_RECEIPT);
  }
  const attachment = reply.attachments.find(isExport) ?? null;
  const byNumber = new Map(items.map((i) => [i.number, i]));
  const expected = { applied: [] as string[], rejected: [] as string[] };
  for (const [item, answer] of lastAnswerPerItem(answers)) {
    const found = byNumber.get(item);
    const problem = answerProblem(found?.content.kind, item, answer);
    if (!found || problem) expected.rejected.push(rejectedLine({ item, answer, reason: problem! }));
    else expected.applied.push(appliedLine({ item, answer, shown: { name: shownName(found.content), title: found.content.payload.title } }));
  }
  return {
    kind: 'act',
    subscriberId: subscriber.id,
    digestId: link.digestId,
    answers,
    requests,
    undoBatchId: requests.includes('undo') ? link.answerBatchId : null,
    help: commands.some((c) => c.kind === 'help'),
    attachment: attachment ? { filename: attachment.filename, content: attachment.content } : null,
    notUnderstood,
    expected,
  };
}

/**
 * A delivery report suppresses an address only when it proves it answers a message we sent there
 * (bounce-proof.ts); any other report is kept, as every inbound message is, and changes nothing.
 * Never answered: reports come from robots. Linked to the subscriber, so erasing them erases it.
 */
function deliveryPlan(delivery: NonNullable<InboundFacts['delivery']>): InboundPlan {
  const { proven, unproven, hardBounces } = delivery;
  const reason = proven.length
    ? `hard bounce (${proven.map((b) => `${b.status}, proven by the ${b.proof}`).join('; ')})`
    : hardBounces
      ? 'delivery report that does not answer a message we sent: nothing suppressed'
      : 'delivery report without a hard bounce';
  return { kind: 'delivery-report', reason, subscriberId: proven[0]?.subscriberId ?? null, suppress: proven, unproven: unproven.length };
}

const REQUEST_LINES = { upload: describeCommand({ kind: 'upload' }), unsubscribe: describeCommand({ kind: 'unsubscribe' }), undo: describeCommand({ kind: 'undo' }) };

/** The receipt lines for requests, in order. */
export const requestLine = (request: Request) => REQUEST_LINES[request];

/** The help text a receipt carries: asked for, or when nothing at all was understood. */
export const receiptHelp = (help: boolean, applied: string[], notUnderstood: string[]) =>
  help || (applied.length === 0 && notUnderstood.length > 0) ? HELP_TEXT : null;

/** The outcome this plan predicts, as the dry run prints it. */
export function expectedOutcome(plan: InboundPlan): InboundOutcome {
  if (plan.kind !== 'act') return { status: 'ignored', reason: plan.reason, applied: [], notUnderstood: [] };
  return {
    status: 'processed',
    applied: [...plan.expected.applied, ...plan.requests.map(requestLine), ...(plan.attachment ? [attachmentLine(attachmentName(plan.attachment.filename))] : [])],
    notUnderstood: [...plan.notUnderstood, ...plan.expected.rejected],
  };
}
