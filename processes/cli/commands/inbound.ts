import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { resolveToken } from '../../../services/actions/tokens.ts';
import type { AppContext } from '../../../runtime/context.ts';
import { findReplyToken } from '../../../services/inbound/process-inbound.ts';
import { replyBindingProblem } from '../../../services/inbound/reply-binding.ts';
import { automatedMailReason } from '../../../services/mail/auto-reply.ts';
import { describeCommand, extractReply, parseCommands } from '../../../domain/replies/index.ts';
import { NOT_VERIFIED, storedSenderCheck, type SenderCheck, type SenderVerdict } from '../../../services/inbound/sender-check.ts';
import { CliError } from '../context.ts';

/** Words for a verdict, as support reads them. */
const verdictWords: Record<SenderVerdict, string> = { pass: 'verified', fail: 'failed verification', local: 'dev mailbox (trusted in development mode only)', unverified: 'not verified' };

/** The raw message and the sender check made when it arrived; a bare file was never checked. */
async function loadMessage(ctx: AppContext, target: { file?: string; id?: string }): Promise<{ raw: Buffer; sender: SenderCheck }> {
  if (target.id) {
    const row = /^[0-9a-f-]{36}$/i.test(target.id)
      ? await ctx.db.selectFrom('inbound_messages').select(['raw', 'sender_verdict', 'sender_check']).where('id', '=', target.id).executeTakeFirst()
      : undefined;
    if (!row) throw new CliError(`No stored inbound message ${target.id}.`);
    return { raw: row.raw, sender: storedSenderCheck(row.sender_verdict, row.sender_check) };
  }
  if (!target.file) throw new CliError('Name a .eml file, or --id of a stored inbound message.');
  try {
    return { raw: await readFile(target.file), sender: { ...NOT_VERIFIED, reason: 'not verified: a bare file carries no check of who sent it' } };
  } catch {
    throw new CliError(`Cannot read ${target.file}.`);
  }
}

/** Shows what a raw reply would do, changing nothing: for support and for testing mail clients. */
export async function inboundParseCommand(ctx: AppContext, file: string | undefined, options: { id?: string } = {}) {
  const { raw, sender } = await loadMessage(ctx, { file, id: options.id });
  const reply = await extractReply(raw);
  // The To and Cc fields only, as processing reads them (services/inbound/process-inbound.ts).
  const to = ['to', 'cc'].flatMap((name) => {
    const value = reply.headers.get(name) as { value?: Array<{ address?: string }> } | undefined;
    return (value?.value ?? []).map((a) => a.address ?? '');
  });
  const token = findReplyToken(to, ctx.config.inboundDomain);
  const link = token ? await resolveToken(ctx.db, ctx.config.tokenSecrets, token.token, ['reply']) : null;
  const unbound = link && token ? await replyBindingProblem(ctx, { sender, replyAddress: token.address, reply, subscriberId: link.subscriberId }) : null;
  const subscriber = link ? await ctx.db.selectFrom('subscribers').select('email').where('id', '=', link.subscriberId).executeTakeFirst() : null;
  const itemCount = link?.digestId
    ? Number((await ctx.db.selectFrom('digest_items').select(sql<string>`count(*)`.as('n')).where('digest_id', '=', link.digestId).executeTakeFirstOrThrow()).n)
    : 99;
  const parsed = parseCommands(reply.visibleText, itemCount);
  const returnPath = (reply.headers.get('return-path') as { value?: Array<{ address?: string }> } | undefined)?.value?.[0]?.address ?? reply.from;
  console.log(
    JSON.stringify(
      {
        from: reply.from,
        senders: reply.fromCount,
        sender: verdictWords[sender.verdict],
        senderCheck: sender.reason,
        // Why a verified sender still could not act for this reply address, if so.
        replyAddressCheck: link ? (unbound ?? 'answers a message we sent to this subscriber') : null,
        subject: reply.subject,
        replyAddress: token ? (link ? 'valid' : 'invalid or expired') : 'none',
        senderMatchesSubscriber: subscriber ? subscriber.email.toLowerCase() === reply.from : null,
        automated: automatedMailReason(reply.headers, returnPath ?? null),
        visibleText: reply.visibleText,
        wouldApply: parsed.commands.map(describeCommand),
        notUnderstood: parsed.notUnderstood,
        attachments: reply.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size })),
        itemsInDigest: link?.digestId ? itemCount : null,
      },
      null,
      2,
    ),
  );
}
