import { sql } from 'kysely';
import { applyAnswers, type AnswerRequest } from '../actions/apply-answers.ts';
import { unsubscribe } from '../actions/subscription.ts';
import { resolveToken, type ResolvedToken } from '../actions/tokens.ts';
import type { AppContext } from '../../runtime/context.ts';
import { makeSpoolDir } from '../import/spool.ts';
import { storeUpload } from '../import/store-upload.ts';
import { automatedMailReason } from '../mail/auto-reply.ts';
import { queueEmail, queueUploadLink } from '../mail/notifications.ts';
import { describeCommand, extractReply, parseCommands, type Command, type ExtractedReply } from '../../domain/replies/index.ts';
import { suppress } from '../mail/suppressions.ts';
import { storedSenderCheck, type SenderCheck } from './sender-check.ts';
import { proveBounces } from './bounce-proof.ts';
import { replyBindingProblem } from './reply-binding.ts';
import { isDeliveryStatusReport, parseDeliveryStatus } from './delivery-status.ts';
import { writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { enqueueSend } from '../mail/enqueue-send.ts';
import { HELP_TEXT } from '../../domain/digest-items/index.ts';

/** A loop with another robot, or a flood of replies, never gets more than this many receipts an hour. */
export const MAX_RECEIPTS_PER_HOUR = 20;

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

/** Commands from the subject too: a List-Unsubscribe mailto arrives as subject "unsubscribe". */
function subjectCommands(subject: string): Command[] {
  const bare = subject.replace(/^(\s*(re|fwd?|aw|sv|tr)\s*:\s*)+/i, '').trim().toLowerCase();
  return bare === 'unsubscribe' || bare === 'stop' ? [{ kind: 'unsubscribe' }] : [];
}

const isExport = (a: { filename: string; contentType: string }) =>
  /\.(zip|csv)$/i.test(a.filename) || /zip|csv/i.test(a.contentType);

export interface InboundOutcome {
  status: 'processed' | 'ignored';
  reason?: string;
  applied: string[];
  notUnderstood: string[];
}

type Outcome = InboundOutcome & { receiptFor?: { subscriberId: string; helpText: string | null } };

/**
 * What an inbound message asks for, applied at most once. The raw message is already in Postgres;
 * this parses it, decides whether a person wrote it, ties it to a subscriber and digest by the
 * token in the address, applies commands idempotently and queues one receipt.
 */
export async function processInbound(ctx: AppContext, inboundId: string): Promise<InboundOutcome | 'already-done'> {
  const row = await ctx.db.selectFrom('inbound_messages').selectAll().where('id', '=', inboundId).executeTakeFirst();
  if (!row || row.status !== 'received') return 'already-done';
  let reply: ExtractedReply;
  try {
    reply = await extractReply(row.raw);
  } catch (error) {
    // A message the MIME parser refuses (too deep, too many parts, a giant header) will never
    // parse: record that and answer nobody, since a robot is the likely sender.
    const result: InboundOutcome = { status: 'ignored', reason: `unreadable message: ${(error as Error).message.slice(0, 200)}`, applied: [], notUnderstood: [] };
    await ctx.db.updateTable('inbound_messages').set({ status: 'ignored', result: JSON.stringify(result), processed_at: new Date() }).where('id', '=', inboundId).execute();
    return result;
  }
  const addresses = [...row.envelope_to, ...headerAddresses(reply)];
  if (isDeliveryStatusReport(reply.headers.get('content-type'))) {
    const { result, subscriberId } = await handleDeliveryReport(ctx, inboundId, addresses, row.raw);
    await ctx.db
      .updateTable('inbound_messages')
      .set({ status: result.status, result: JSON.stringify(result), subscriber_id: subscriberId, processed_at: new Date() })
      .where('id', '=', inboundId)
      .execute();
    return result;
  }
  // A token only the envelope names still says whom to tell that nothing was done (see decide).
  const inHeader = findReplyToken(headerAddresses(reply, ['to', 'cc']), ctx.config.inboundDomain);
  const found = inHeader ?? findReplyToken(row.envelope_to, ctx.config.inboundDomain);
  const link = found ? await resolveToken(ctx.db, ctx.config.tokenSecrets, found.token, ['reply']) : null;

  // Webhooks carry no envelope: the Return-Path header is the nearest thing.
  const returnPath = row.envelope_from ?? headerReturnPath(reply);
  // What the mx, webhook or dev mailbox decided on arrival: only they could know.
  const outcome = await decide(ctx, inboundId, returnPath, reply, link && found ? { ...link, address: found.address, inHeader: inHeader !== null } : null, storedSenderCheck(row.sender_verdict, row.sender_check));
  if (outcome.receiptFor) await queueReceipt(ctx, inboundId, outcome.receiptFor.subscriberId, outcome, outcome.receiptFor.helpText);
  const { receiptFor: _receipt, ...result } = outcome;
  await ctx.db
    .updateTable('inbound_messages')
    .set({ status: result.status, result: JSON.stringify(result), subscriber_id: link?.subscriberId ?? null, processed_at: new Date() })
    .where('id', '=', inboundId)
    .execute();
  return result;
}

/**
 * A delivery report suppresses an address only when it proves it answers a message we sent there
 * (services/inbound/bounce-proof.ts); any other report is kept, as every inbound message is, and
 * changes nothing. Never answered: reports come from robots.
 */
async function handleDeliveryReport(
  ctx: AppContext,
  inboundId: string,
  addresses: string[],
  raw: Buffer,
): Promise<{ result: InboundOutcome; subscriberId: string | null }> {
  const hard = parseDeliveryStatus(deliveryStatusPart(raw)).filter((b) => b.permanent);
  const { proven, unproven } = await proveBounces(ctx, { addresses, raw, bounces: hard });
  for (const bounce of proven) {
    await suppress(ctx.db, ctx.config.suppressionSecret, { email: bounce.recipient, reason: 'bounce', detail: `DSN ${bounce.status}, proven by the ${bounce.proof}` });
  }
  // Logged by ids and counts only: the addresses a report names stay in its stored raw message.
  if (unproven.length) ctx.log.warn({ inboundId, unproven: unproven.length }, 'delivery report without proof of a message we sent: ignored');
  if (proven.length) ctx.log.info({ inboundId, outboxIds: proven.map((b) => b.outboxId) }, 'hard bounce: address suppressed');
  const reason = proven.length
    ? `hard bounce (${proven.map((b) => `${b.status}, proven by the ${b.proof}`).join('; ')})`
    : hard.length
      ? 'delivery report that does not answer a message we sent: nothing suppressed'
      : 'delivery report without a hard bounce';
  // Linking the report to the subscriber means erasing them also erases it (it quotes their address).
  return { result: { status: 'ignored', reason, applied: [], notUnderstood: [] }, subscriberId: proven[0]?.subscriberId ?? null };
}

async function decide(
  ctx: AppContext,
  inboundId: string,
  envelopeFrom: string | null,
  reply: ExtractedReply,
  link: (ResolvedToken & { address: string; inHeader: boolean }) | null,
  sender: SenderCheck,
): Promise<Outcome> {
  const ignored = (reason: string): Outcome => ({ status: 'ignored', reason, applied: [], notUnderstood: [] });

  const automated = automatedMailReason(reply.headers, envelopeFrom);
  if (automated) return ignored(`automated mail (${automated})`);
  // Without a valid token we do not know whom it concerns, and answering strangers is backscatter.
  if (!link) return ignored('no valid reply address');

  const subscriber = await ctx.db.selectFrom('subscribers').select(['id', 'email', 'status']).where('id', '=', link.subscriberId).executeTakeFirstOrThrow();
  if (reply.fromCount !== 1) {
    await queueNotVerifiedNotice(ctx, link);
    return ignored(reply.fromCount === 0 ? 'names no sender' : 'names more than one sender');
  }
  if (reply.from !== subscriber.email.toLowerCase()) {
    return {
      ...ignored('sent from another address'),
      receiptFor: {
        subscriberId: subscriber.id,
        helpText:
          `We received a reply to your digest from another address (${reply.from ?? 'unknown'}), so we changed nothing. ` +
          'If it was you, reply from this address, or use the buttons in the digest.',
      },
    };
  }

  if (!senderTrusted(ctx, sender)) {
    await queueNotVerifiedNotice(ctx, link);
    return ignored(`sender not verified: ${sender.reason}`);
  }
  const unbound = link.inHeader
    ? await replyBindingProblem(ctx, { sender, replyAddress: link.address, reply, subscriberId: subscriber.id })
    : 'our reply address is not in its To or Cc';
  if (unbound) {
    await queueNotVerifiedNotice(ctx, link);
    return ignored(`sender not verified: ${unbound}`);
  }

  const itemCount = link.digestId
    ? Number((await ctx.db.selectFrom('digest_items').select(sql<string>`count(*)`.as('n')).where('digest_id', '=', link.digestId).executeTakeFirstOrThrow()).n)
    : 0;
  const parsed = parseCommands(reply.visibleText, itemCount);
  const commands = [...parsed.commands, ...subjectCommands(reply.subject)];
  const applied: string[] = [];
  const notUnderstood = [...parsed.notUnderstood];

  const answers: AnswerRequest[] = commands.flatMap((c) => (c.kind === 'answer' ? [{ item: c.item, answer: c.answer }] : []));
  if (answers.length && link.digestId) {
    const result = await applyAnswers(ctx.db, { subscriberId: subscriber.id, digestId: link.digestId, answers, source: 'reply' });
    // The receipt names who each answer was about: a number alone is easy to have mistyped.
    applied.push(...result.applied.map((a) => `${describeCommand({ kind: 'answer', answer: a.answer, item: a.item })}: ${a.shown.name ?? a.shown.title ?? ''}`));
    notUnderstood.push(...result.rejected.map((r) => `${r.answer} ${r.item} (${r.reason})`));
  }
  let helpText: string | null = null;
  for (const command of commands) {
    if (command.kind === 'upload') {
      const outboxId = await queueUploadLink(ctx.db, ctx.config, subscriber.id, `upload-link-${inboundId}`);
      await enqueueSend(ctx, outboxId);
      applied.push(describeCommand(command));
    } else if (command.kind === 'unsubscribe' && !applied.includes(describeCommand(command))) {
      await unsubscribe(ctx.db, subscriber.id);
      applied.push(describeCommand(command));
    } else if (command.kind === 'help') {
      helpText = HELP_TEXT;
    }
  }

  for (const attachment of reply.attachments.filter(isExport).slice(0, 1)) {
    applied.push(await importAttachment(ctx, subscriber.id, attachment));
  }
  if (applied.length === 0 && notUnderstood.length > 0) helpText ??= HELP_TEXT;
  return { status: 'processed', applied, notUnderstood, receiptFor: { subscriberId: subscriber.id, helpText } };
}

/**
 * A verified sender; or, in development mode said out loud (config.devMode, as for the dev mailbox
 * itself; NODE_ENV unset is not it), a reply written in the dev mailbox.
 */
function senderTrusted(ctx: AppContext, sender: SenderCheck): boolean {
  return sender.verdict === 'pass' || (sender.verdict === 'local' && ctx.config.devMode);
}

/**
 * Replies that fail the sender check change nothing, and the subscriber hears about it once per
 * reply address (one digest's worth), however many arrive: a forger must not be able to flood them.
 */
async function queueNotVerifiedNotice(ctx: AppContext, link: ResolvedToken) {
  const outboxId = await queueEmail(ctx.db, ctx.config, {
    subscriberId: link.subscriberId,
    kind: 'receipt',
    dedupKey: `reply-not-verified-${link.id}`,
    template: 'reply-receipt',
    props: ({ name }) => ({ name, applied: [], notUnderstood: [], helpText: NOT_VERIFIED_TEXT }),
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
  try {
    const file = path.join(dir, 'attachment');
    await writeFile(file, attachment.content, { mode: 0o600 });
    const stored = await storeUpload(ctx.db, { subscriberId, filePath: file, fileName: path.basename(attachment.filename), source: 'email', maxBytes: ctx.config.maxUploadBytes });
    if (stored.duplicate) return `Your attached export ${path.basename(attachment.filename)} was imported before`;
    await ctx.queues.enqueue('import.export', { exportId: stored.exportId });
    return `Importing your attached export ${path.basename(attachment.filename)}: we will email you when it is done`;
  } catch (error) {
    return `Your attachment could not be imported: ${(error as Error).message}`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function queueReceipt(ctx: AppContext, inboundId: string, subscriberId: string, outcome: Outcome, helpText: string | null) {
  const recent = await ctx.db
    .selectFrom('outbox')
    .select(sql<string>`count(*)`.as('n'))
    .where('subscriber_id', '=', subscriberId)
    .where('kind', '=', 'receipt')
    .where('created_at', '>', new Date(Date.now() - 3600_000))
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= MAX_RECEIPTS_PER_HOUR) return;
  const outboxId = await queueEmail(ctx.db, ctx.config, {
    subscriberId,
    kind: 'receipt',
    dedupKey: `receipt-${inboundId}`,
    template: 'reply-receipt',
    props: ({ name }) => ({ name, applied: outcome.applied, notUnderstood: outcome.notUnderstood, helpText }),
    // RFC 3834: mark it automatic, so well-behaved responders do not answer it back.
    headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
  });
  await enqueueSend(ctx, outboxId);
}
