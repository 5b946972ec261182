import { sentToSubscriberAmong } from '../../db/queries/outbox.ts';
import type { AppContext } from '../../runtime/context.ts';
import type { ExtractedReply } from '../../domain/replies/index.ts';
import type { SenderCheck } from './sender-check.ts';

/** More threading ids than this are not looked at: a real reply names a handful. */
const MAX_THREAD_IDS = 50;

/** Message-IDs a reply says it answers, In-Reply-To first. */
function threadIds(reply: Pick<ExtractedReply, 'inReplyTo' | 'references'>): string[] {
  const ids = [reply.inReplyTo ?? '', ...reply.references].flatMap((value) => value.match(/<[^<>\s]{1,500}>/g) ?? []);
  return [...new Set(ids)].slice(0, MAX_THREAD_IDS);
}

/**
 * Why a reply whose sender passed the check still cannot act for the reply address it names, or
 * null when it can. A DKIM-signed message can be sent again unchanged to any envelope recipient
 * (her old "stop" to someone else's newsletter, pointed at her reply address), so a verified
 * sender must also have written to that address: it is in a To or Cc field that the passing
 * signature covers (unless SPF, which a replayer cannot pass, vouches for the delivery), and the
 * message answers one we sent this subscriber (In-Reply-To or References, which every major
 * client sets on a reply). Written in plain words for the stored result.
 */
export async function replyBindingProblem(
  ctx: Pick<AppContext, 'db'>,
  input: { sender: SenderCheck; replyAddress: string; reply: Pick<ExtractedReply, 'inReplyTo' | 'references'>; subscriberId: string },
): Promise<string | null> {
  const { sender } = input;
  if (sender.verdict === 'pass' && !sender.spfAligned && !(sender.signedRecipients ?? []).includes(input.replyAddress.toLowerCase())) {
    return "the signature of the sender's domain does not cover our reply address in To or Cc";
  }
  const ids = threadIds(input.reply);
  if (ids.length === 0) return 'it does not say which of our messages it answers (no In-Reply-To)';
  return (await sentToSubscriberAmong(ctx.db, input.subscriberId, ids)) ? null : 'it does not answer a message we sent to this subscriber';
}
