import { readFile } from 'node:fs/promises';
import { findInboundMessage } from '../../../db/queries/inbound.ts';
import type { AppContext } from '../../../runtime/context.ts';
import { describeCommand } from '../../../domain/replies/index.ts';
import { loadFacts, type InboundInput } from '../../../services/inbound/facts.ts';
import { expectedOutcome, planInbound, readReplyText } from '../../../services/inbound/plan.ts';
import { automatedMailReason } from '../../../services/mail/auto-reply.ts';
import { NOT_VERIFIED, storedSenderCheck, type SenderVerdict } from '../../../services/inbound/sender-check.ts';
import { CliError } from '../context.ts';

/** Words for a verdict, as support reads them. */
const verdictWords: Record<SenderVerdict, string> = { pass: 'verified', fail: 'failed verification', local: 'dev mailbox (trusted in development mode only)', unverified: 'not verified' };

/** A stored message with what was known when it arrived; a bare file has no envelope and was never checked. */
async function loadMessage(ctx: AppContext, target: { file?: string; id?: string }): Promise<InboundInput> {
  if (target.id) {
    const row = /^[0-9a-f-]{36}$/i.test(target.id) ? await findInboundMessage(ctx.db, target.id) : undefined;
    if (!row) throw new CliError(`No stored inbound message ${target.id}.`);
    return { raw: row.raw, envelopeFrom: row.envelope_from, envelopeTo: row.envelope_to, sender: storedSenderCheck(row.sender_verdict, row.sender_check) };
  }
  if (!target.file) throw new CliError('Name a .eml file, or --id of a stored inbound message.');
  try {
    return { raw: await readFile(target.file), envelopeFrom: null, envelopeTo: [], sender: { ...NOT_VERIFIED, reason: 'not verified: a bare file carries no check of who sent it' } };
  } catch {
    throw new CliError(`Cannot read ${target.file}.`);
  }
}

/**
 * Shows what a raw reply would do, changing nothing: for support and for testing mail clients. The
 * decision is the worker's own plan (services/inbound/plan.ts) made from the same facts, so what
 * this prints as status, reason, wouldApply and notUnderstood is what processing would store.
 */
export async function inboundParseCommand(ctx: AppContext, file: string | undefined, options: { id?: string } = {}) {
  const input = await loadMessage(ctx, { file, id: options.id });
  const facts = await loadFacts(ctx, input);
  const plan = planInbound(facts, { devMode: ctx.config.devMode });
  const outcome = expectedOutcome(plan);
  const { reply, link, subscriber, sender } = facts;
  console.log(
    JSON.stringify(
      {
        status: outcome.status,
        reason: outcome.reason ?? null,
        wouldApply: outcome.applied,
        notUnderstood: outcome.notUnderstood,
        // Who would hear that nothing was done, if anyone.
        wouldNotify: plan.kind === 'ignore' && plan.notice ? plan.notice.kind : null,
        from: reply?.from ?? null,
        senders: reply?.fromCount ?? null,
        sender: verdictWords[sender.verdict],
        senderCheck: sender.reason,
        // Why a verified sender still could not act for this reply address, if so.
        replyAddressCheck: link ? (facts.bindingProblem ?? 'answers a message we sent to this subscriber') : null,
        subject: reply?.subject ?? null,
        replyAddress: facts.replyAddress ? (link ? 'valid' : 'invalid or expired') : 'none',
        senderMatchesSubscriber: subscriber && reply ? subscriber.email.toLowerCase() === reply.from : null,
        automated: reply ? automatedMailReason(reply.headers, facts.returnPath) : null,
        visibleText: reply?.visibleText ?? null,
        // What the text says, whoever sent it: for checking how a mail client's reply reads.
        commandsRead: reply && facts.items ? readReplyText(reply.visibleText, facts.items).commands.map(describeCommand) : [],
        attachments: reply?.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size })) ?? [],
        itemsInDigest: facts.items?.length ?? null,
      },
      null,
      2,
    ),
  );
}
