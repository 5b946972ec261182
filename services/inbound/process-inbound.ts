import { writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { findInboundMessage, recordInboundResult } from '../../db/queries/inbound.ts';
import { countReceiptsSince } from '../../db/queries/outbox.ts';
import type { AppContext } from '../../runtime/context.ts';
import { applyAnswers, undoBatch, type BatchUndoResult } from '../actions/apply-answers.ts';
import { unsubscribe } from '../actions/subscription.ts';
import { makeSpoolDir } from '../import/spool.ts';
import { storeUpload } from '../import/store-upload.ts';
import { enqueueSend } from '../mail/enqueue-send.ts';
import { queueEmail, queueUploadLink } from '../mail/notifications.ts';
import { suppress } from '../mail/suppressions.ts';
import { loadFacts } from './facts.ts';
import {
  appliedLine,
  attachmentLine,
  changeLine,
  attachmentName,
  planInbound,
  receiptHelp,
  rejectedLine,
  requestLine,
  type InboundOutcome,
  type InboundPlan,
  type Notice,
} from './plan.ts';
import { storedSenderCheck } from './sender-check.ts';

/** A loop with another robot, or a flood of replies, never gets more than this many receipts an hour. */
export const MAX_RECEIPTS_PER_HOUR = 20;

/**
 * What an inbound message asks for, applied at most once. The raw message is already in Postgres;
 * its facts are read (facts.ts), a plan is made from them (plan.ts, the same the dry run prints)
 * and carried out here: answers applied idempotently, requests queued, one receipt or notice.
 */
export async function processInbound(ctx: AppContext, inboundId: string): Promise<InboundOutcome | 'already-done'> {
  const row = await findInboundMessage(ctx.db, inboundId);
  if (!row || row.status !== 'received') return 'already-done';
  const facts = await loadFacts(ctx, {
    raw: row.raw,
    envelopeFrom: row.envelope_from,
    envelopeTo: row.envelope_to,
    // What the mx, webhook or dev mailbox decided on arrival: only they could know.
    sender: storedSenderCheck(row.sender_verdict, row.sender_check),
  });
  const plan = planInbound(facts, { devMode: ctx.config.devMode });
  const outcome = await applyPlan(ctx, inboundId, plan);
  await recordInboundResult(ctx.db, inboundId, { status: outcome.status, result: outcome, subscriberId: plan.subscriberId });
  return outcome;
}

async function applyPlan(ctx: AppContext, inboundId: string, plan: InboundPlan): Promise<InboundOutcome> {
  switch (plan.kind) {
    case 'ignore':
      if (plan.notice) await sendNotice(ctx, inboundId, plan.notice);
      return { status: 'ignored', reason: plan.reason, applied: [], notUnderstood: [] };
    case 'delivery-report':
      for (const bounce of plan.suppress) {
        await suppress(ctx.db, ctx.config.suppressionSecret, { email: bounce.recipient, reason: 'bounce', detail: `DSN ${bounce.status}, proven by the ${bounce.proof}` });
      }
      // Logged by ids and counts only: the addresses a report names stay in its stored raw message.
      if (plan.unproven) ctx.log.warn({ inboundId, unproven: plan.unproven }, 'delivery report without proof of a message we sent: ignored');
      if (plan.suppress.length) ctx.log.info({ inboundId, outboxIds: plan.suppress.map((b) => b.outboxId) }, 'hard bounce: address suppressed');
      return { status: 'ignored', reason: plan.reason, applied: [], notUnderstood: [] };
    case 'act':
      return act(ctx, inboundId, plan);
  }
}

async function act(ctx: AppContext, inboundId: string, plan: Extract<InboundPlan, { kind: 'act' }>): Promise<InboundOutcome> {
  // `applied` is what the dry run predicts too; the receipt says more: what each answer replaced.
  const applied: string[] = [];
  const receipt: ReceiptLines = { done: [], unchanged: [], batchId: null };
  const notUnderstood = [...plan.notUnderstood];
  if (plan.answers.length && plan.digestId) {
    // Applied under the items' lock, so this result, not the plan's expectation, is what happened.
    const result = await applyAnswers(ctx.db, { subscriberId: plan.subscriberId, digestId: plan.digestId, answers: plan.answers, source: 'reply' });
    applied.push(...result.applied.map(appliedLine));
    for (const answer of result.applied) (answer.changed ? receipt.done : receipt.unchanged).push(changeLine(answer));
    notUnderstood.push(...result.rejected.map(rejectedLine));
    receipt.batchId = result.batchId;
  }
  for (const request of plan.requests) {
    if (request === 'upload') {
      const outboxId = await queueUploadLink(ctx.db, ctx.config, plan.subscriberId, `upload-link-${inboundId}`);
      await enqueueSend(ctx, outboxId);
      receipt.done.push(requestLine(request));
    } else if (request === 'undo') {
      receipt.done.push(...undoLines(await undoBatch(ctx.db, { subscriberId: plan.subscriberId, batchId: plan.undoBatchId! })));
    } else {
      await unsubscribe(ctx.db, plan.subscriberId);
      receipt.done.push(requestLine(request));
    }
    applied.push(requestLine(request));
  }
  if (plan.attachment) {
    const line = await importAttachment(ctx, plan.subscriberId, plan.attachment);
    applied.push(line);
    receipt.done.push(line);
  }
  const outcome: InboundOutcome = { status: 'processed', applied, notUnderstood };
  await queueReceipt(ctx, inboundId, plan.subscriberId, outcome, receipt, receiptHelp(plan.help, applied, notUnderstood), plan.digestId);
  return outcome;
}

/** What a receipt lists: changes, answers that were already so (not counted), and the batch its undo takes back. */
interface ReceiptLines {
  done: string[];
  unchanged: string[];
  batchId: string | null;
}

/** An undo by reply, as its receipt reports it, item by item. */
function undoLines(result: BatchUndoResult): string[] {
  if (!result.found) return ['That reply was taken back already: nothing changed'];
  return [
    ...result.undone.map((u) => `Took back your answer to ${u.item}. ${u.shown.name ?? u.shown.title}`),
    ...result.kept.map((k) => `Kept ${k.item}. ${k.shown.name ?? k.shown.title}: you answered again since`),
  ];
}

/**
 * Replies that fail the sender check change nothing, and the subscriber hears about it once per
 * reply address (one digest's worth), however many arrive: a forger must not be able to flood them.
 * A reply from another address gets one receipt saying so, under the receipt cap.
 */
async function sendNotice(ctx: AppContext, inboundId: string, notice: Notice) {
  if (notice.kind === 'other-address') {
    await queueReceipt(ctx, inboundId, notice.subscriberId, { status: 'ignored', applied: [], notUnderstood: [] }, { done: [], unchanged: [], batchId: null }, notice.helpText, null);
    return;
  }
  const outboxId = await queueEmail(ctx.db, ctx.config, {
    subscriberId: notice.subscriberId,
    kind: 'receipt',
    dedupKey: `reply-not-verified-${notice.linkId}`,
    template: 'reply-receipt',
    props: ({ name }) => ({ name, applied: [], unchanged: [], notUnderstood: [], helpText: NOT_VERIFIED_TEXT, reviewUrl: null, undoUrl: null }),
    headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
  });
  await enqueueSend(ctx, outboxId);
}

export const NOT_VERIFIED_TEXT =
  'We received a reply to your digest that claimed to come from you, but we could not confirm that your email provider sent it, so we changed nothing. ' +
  'If it was you, use the buttons in the digest instead. We will not write again about other such replies to this digest.';

/** An export attached to a reply goes through the same limits and import job as an upload. */
async function importAttachment(ctx: AppContext, subscriberId: string, attachment: { filename: string; content: Buffer }): Promise<string> {
  const dir = await makeSpoolDir(ctx.config.varDir, 'attachment');
  const name = attachmentName(attachment.filename);
  try {
    const file = path.join(dir, 'attachment');
    await writeFile(file, attachment.content, { mode: 0o600 });
    const stored = await storeUpload(ctx.db, { subscriberId, filePath: file, fileName: name, source: 'email', maxBytes: ctx.config.maxUploadBytes });
    if (stored.duplicate) return `Your attached export ${name} was imported before`;
    await ctx.queues.enqueue('import.export', { exportId: stored.exportId });
    return attachmentLine(name);
  } catch (error) {
    return `Your attachment could not be imported: ${(error as Error).message}`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function queueReceipt(
  ctx: AppContext,
  inboundId: string,
  subscriberId: string,
  outcome: InboundOutcome,
  lines: ReceiptLines,
  helpText: string | null,
  digestId: string | null,
) {
  if ((await countReceiptsSince(ctx.db, subscriberId, new Date(Date.now() - 3600_000))) >= MAX_RECEIPTS_PER_HOUR) return;
  const outboxId = await queueEmail(ctx.db, ctx.config, {
    subscriberId,
    kind: 'receipt',
    dedupKey: `receipt-${inboundId}`,
    template: 'reply-receipt',
    // The receipt goes to the account's own address, whoever sent the reply: its links are safe there.
    props: async ({ name, reviewUrl, undoReplyUrl }) => ({
      name,
      applied: lines.done,
      unchanged: lines.unchanged,
      notUnderstood: outcome.notUnderstood,
      helpText,
      reviewUrl: digestId ? await reviewUrl(digestId) : null,
      undoUrl: lines.batchId ? await undoReplyUrl(lines.batchId) : null,
    }),
    // Replying "undo" to the receipt takes back exactly the reply it reports.
    replyBatchId: lines.batchId,
    // RFC 3834: mark it automatic, so well-behaved responders do not answer it back.
    headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
  });
  await enqueueSend(ctx, outboxId);
}
