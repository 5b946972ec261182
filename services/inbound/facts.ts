import { digestItems } from '../../db/queries/answers.ts';
import { findSubscriber } from '../../db/queries/subscribers.ts';
import { readItemContent, type DigestItemContent, type ItemAnswer } from '../../domain/digest-items/index.ts';
import { extractReply, type ExtractedReply } from '../../domain/replies/index.ts';
import type { AppContext } from '../../runtime/context.ts';
import { resolveToken, type ResolvedToken } from '../actions/tokens.ts';
import { proveBounces, type ProvenBounce } from './bounce-proof.ts';
import { isDeliveryStatusReport, parseDeliveryStatus, type Bounce } from './delivery-status.ts';
import { replyBindingProblem } from './reply-binding.ts';
import type { SenderCheck } from './sender-check.ts';

/**
 * Everything deciding what an inbound message does depends on, read without changing anything:
 * the worker reads these facts and applies the plan made from them (process-inbound.ts), the dry
 * run (`rapport inbound parse`) reads the same facts and prints the same plan.
 */
export interface InboundFacts {
  /** Null when the MIME parser refused the message; `unreadable` says why. */
  reply: ExtractedReply | null;
  unreadable: string | null;
  /** The envelope sender, or for a webhook (no envelope) the Return-Path header. */
  returnPath: string | null;
  sender: SenderCheck;
  /** Set for a delivery status report: its hard bounces, split by whether they answer a message we sent. */
  delivery: { proven: ProvenBounce[]; unproven: Bounce[]; hardBounces: number } | null;
  /** The reply address found and whether it is in To or Cc (not the envelope alone). */
  replyAddress: { token: string; address: string; inHeader: boolean } | null;
  link: ResolvedToken | null;
  subscriber: { id: string; email: string } | null;
  /** Why a verified sender still cannot act for this reply address; null when it can. */
  bindingProblem: string | null;
  /** The items of the digest the reply address belongs to; null when it belongs to none. */
  items: Array<{ number: number; answer: ItemAnswer | null; content: DigestItemContent }> | null;
}

export interface InboundInput {
  raw: Buffer;
  envelopeFrom: string | null;
  envelopeTo: string[];
  sender: SenderCheck;
}

/**
 * The first reply+TOKEN@domain among these addresses, with the token lower-cased. A reply acts
 * only for a token in its To or Cc fields, never one the envelope alone names: the envelope is
 * not signed, so anyone can point an old signed message at a reply address (see reply-binding.ts).
 */
export function findReplyToken(addresses: string[], inboundDomain: string): { token: string; address: string } | null {
  const domain = inboundDomain.toLowerCase();
  for (const address of addresses) {
    const match = /^reply\+([a-z2-7]+)@(.+)$/i.exec(address.trim());
    if (match?.[2]?.toLowerCase() === domain) return { token: match[1]!.toLowerCase(), address: address.trim().toLowerCase() };
  }
  return null;
}

function headerAddresses(reply: ExtractedReply, names = ['to', 'cc', 'delivered-to']): string[] {
  return names.flatMap((name) => {
    const value = reply.headers.get(name) as { value?: Array<{ address?: string }> } | string | undefined;
    if (!value) return [];
    if (typeof value === 'string') return [value];
    return (value.value ?? []).map((a) => a.address ?? '');
  });
}

function headerReturnPath(reply: ExtractedReply): string | null {
  const value = reply.headers.get('return-path') as { value?: Array<{ address?: string }>; text?: string } | string | undefined;
  if (value === undefined) return null;
  if (typeof value === 'string') return value.replace(/[<>\s]/g, '');
  return value.value?.[0]?.address ?? '';
}

/** The message/delivery-status part of a report, read from the raw message (mailparser folds it into text). */
function deliveryStatusPart(raw: Buffer): string {
  const text = raw.subarray(0, 256 * 1024).toString('utf8');
  const start = text.search(/^content-type:\s*message\/(global-)?delivery-status/im);
  return start < 0 ? '' : text.slice(start, start + 64 * 1024);
}

const NO_FACTS = { delivery: null, replyAddress: null, link: null, subscriber: null, bindingProblem: null, items: null } as const;

export async function loadFacts(ctx: Pick<AppContext, 'db' | 'config'>, input: InboundInput): Promise<InboundFacts> {
  let reply: ExtractedReply;
  try {
    reply = await extractReply(input.raw);
  } catch (error) {
    return { ...NO_FACTS, reply: null, unreadable: (error as Error).message.slice(0, 200), returnPath: input.envelopeFrom, sender: input.sender };
  }
  const base = { reply, unreadable: null, returnPath: input.envelopeFrom ?? headerReturnPath(reply), sender: input.sender };
  if (isDeliveryStatusReport(reply.headers.get('content-type'))) {
    const hard = parseDeliveryStatus(deliveryStatusPart(input.raw)).filter((b) => b.permanent);
    const { proven, unproven } = await proveBounces(ctx, { addresses: [...input.envelopeTo, ...headerAddresses(reply)], raw: input.raw, bounces: hard });
    return { ...NO_FACTS, ...base, delivery: { proven, unproven, hardBounces: hard.length } };
  }
  // A token only the envelope names still says whom to tell that nothing was done (see plan.ts).
  const inHeader = findReplyToken(headerAddresses(reply, ['to', 'cc']), ctx.config.inboundDomain);
  const found = inHeader ?? findReplyToken(input.envelopeTo, ctx.config.inboundDomain);
  const link = found ? await resolveToken(ctx.db, ctx.config.tokenSecrets, found.token, ['reply']) : null;
  if (!found || !link) return { ...NO_FACTS, ...base, replyAddress: found ? { ...found, inHeader: inHeader !== null } : null };
  const subscriber = await findSubscriber(ctx.db, link.subscriberId);
  const bindingProblem = inHeader
    ? await replyBindingProblem(ctx, { sender: input.sender, replyAddress: found.address, reply, subscriberId: link.subscriberId })
    : 'our reply address is not in its To or Cc';
  const items = link.digestId
    ? (await digestItems(ctx.db, link.digestId)).map((row) => ({ number: row.number, answer: row.answer, content: readItemContent(row) }))
    : null;
  return {
    ...base,
    delivery: null,
    replyAddress: { ...found, inHeader: inHeader !== null },
    link,
    subscriber: subscriber ? { id: subscriber.id, email: subscriber.email } : null,
    bindingProblem,
    items,
  };
}
