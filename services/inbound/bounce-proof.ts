import { verifyBounceToken } from '../actions/tokens.ts';
import type { AppContext } from '../app/context.ts';
import { findBounceToken } from '../mail/bounce-address.ts';
import type { Bounce } from './delivery-status.ts';

/** A hard bounce shown to answer one message Rapport sent, to the address that failed. */
export interface ProvenBounce extends Bounce {
  outboxId: string;
  subscriberId: string;
  proof: 'bounce address' | 'original Message-ID';
}

const MAX_MESSAGE_IDS = 20;

/**
 * Message-IDs a report quotes from the message it returns (the message/rfc822 or
 * text/rfc822-headers part), and its own In-Reply-To and References: whichever names a message we
 * sent. The report's own Message-ID (in its top-level header) is left out.
 */
export function quotedMessageIds(raw: Buffer): string[] {
  const text = raw.subarray(0, 256 * 1024).toString('latin1');
  const split = /\r?\n\r?\n/.exec(text);
  const head = split ? text.slice(0, split.index) : text;
  const body = split ? text.slice(split.index) : '';
  const ids = new Set<string>();
  const threading = /^(?:in-reply-to|references):((?:.*)(?:\r?\n[ \t].*)*)/gim;
  for (const match of head.matchAll(threading)) for (const id of match[1]!.match(/<[^<>\s]{1,500}>/g) ?? []) ids.add(id);
  for (const match of body.matchAll(/^message-id:[ \t]*(?:\r?\n[ \t]+)?(<[^<>\s]{1,500}>)/gim)) ids.add(match[1]!);
  return [...ids].slice(0, MAX_MESSAGE_IDS);
}

/**
 * Which of a report's hard bounces are proven, and how. Proof is either our signed bounce address
 * (VERP) for an outbox row whose recipient is the failed address, or the Message-ID of an outbox
 * row sent to that address. A report without either suppresses nothing, whoever it names: anyone
 * can write a delivery report.
 */
export async function proveBounces(
  ctx: Pick<AppContext, 'db' | 'config'>,
  input: { addresses: string[]; raw: Buffer; bounces: Bounce[] },
): Promise<{ proven: ProvenBounce[]; unproven: Bounce[] }> {
  const proven: ProvenBounce[] = [];
  let open = input.bounces;
  const verp = findBounceToken(input.addresses, ctx.config.inboundDomain);
  if (verp && open.length) {
    const row = await ctx.db.selectFrom('outbox').select(['id', 'recipient', 'subscriber_id']).where('id', '=', verp.outboxId).executeTakeFirst();
    if (row && verifyBounceToken(ctx.config.tokenSecrets, verp.token, row.id, row.recipient)) {
      const recipient = row.recipient.trim().toLowerCase();
      for (const bounce of open) {
        if (bounce.recipient === recipient) proven.push({ ...bounce, outboxId: row.id, subscriberId: row.subscriber_id, proof: 'bounce address' });
      }
      open = open.filter((b) => b.recipient !== recipient);
    }
  }
  const messageIds = open.length ? quotedMessageIds(input.raw) : [];
  if (messageIds.length) {
    const rows = await ctx.db.selectFrom('outbox').select(['id', 'recipient', 'subscriber_id']).where('message_id', 'in', messageIds).execute();
    open = open.filter((bounce) => {
      const row = rows.find((r) => r.recipient.trim().toLowerCase() === bounce.recipient);
      if (row) proven.push({ ...bounce, outboxId: row.id, subscriberId: row.subscriber_id, proof: 'original Message-ID' });
      return !row;
    });
  }
  return { proven, unproven: open };
}
