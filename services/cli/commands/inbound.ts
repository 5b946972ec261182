import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { resolveToken } from '../../actions/tokens.ts';
import type { AppContext } from '../../app/context.ts';
import { findReplyToken } from '../../inbound/process-inbound.ts';
import { automatedMailReason } from '../../mail/auto-reply.ts';
import { describeCommand, extractReply, parseCommands } from '../../replies/index.ts';
import { CliError } from '../context.ts';

/** Shows what a raw reply would do, changing nothing: for support and for testing mail clients. */
export async function inboundParseCommand(ctx: AppContext, file: string) {
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch {
    throw new CliError(`Cannot read ${file}.`);
  }
  const reply = await extractReply(raw);
  const to = ['to', 'cc', 'delivered-to'].flatMap((name) => {
    const value = reply.headers.get(name) as { value?: Array<{ address?: string }> } | undefined;
    return (value?.value ?? []).map((a) => a.address ?? '');
  });
  const token = findReplyToken(to, ctx.config.inboundDomain);
  const link = token ? await resolveToken(ctx.db, ctx.config.tokenSecrets, token, ['reply']) : null;
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
