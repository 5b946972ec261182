import { simpleParser } from 'mailparser';
import { resolveToken } from '../../services/actions/tokens.ts';
import { automatedMailReason } from '../../services/mail/auto-reply.ts';
import type { JobHandler } from './types.ts';

/** reply+TOKEN@domain, wherever the token survived: envelope first, then the To header. */
export function findReplyToken(addresses: string[], inboundDomain: string): string | null {
  const domain = inboundDomain.toLowerCase();
  for (const address of addresses) {
    const match = /^reply\+([a-z2-7]+)@(.+)$/i.exec(address.trim());
    if (match?.[2]?.toLowerCase() === domain) return match[1]!.toLowerCase();
  }
  return null;
}

/**
 * Identifies what arrived: automated mail is set aside without an answer (no robot loops), a
 * reply is tied to its subscriber and digest through the token in its address.
 */
export const handleInboundProcess: JobHandler<'inbound.process'> = async (ctx, { inboundId }) => {
  const row = await ctx.db.selectFrom('inbound_messages').selectAll().where('id', '=', inboundId).executeTakeFirst();
  if (!row || row.status !== 'received') return 'already-done';
  const parsed = await simpleParser(row.raw);
  const automated = automatedMailReason(parsed.headers, row.envelope_from);
  const headerTo = [parsed.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address ?? ''));
  const token = findReplyToken([...row.envelope_to, ...headerTo], ctx.config.inboundDomain);
  const resolved = token ? await resolveToken(ctx.db, ctx.config.tokenSecrets, token, ['reply']) : null;
  const status = automated || !resolved ? 'ignored' : 'processed';
  const result = automated
    ? { reason: `automated mail (${automated})` }
    : resolved
      ? { digestId: resolved.digestId }
      : { reason: 'no valid reply address' };
  await ctx.db
    .updateTable('inbound_messages')
    .set({ status, result: JSON.stringify(result), subscriber_id: resolved?.subscriberId ?? null, processed_at: new Date() })
    .where('id', '=', inboundId)
    .execute();
  ctx.log.info({ inboundId, status }, 'inbound message handled');
  return status;
};
