import { findBouncedRow, findUnsignedRowsByMessageId } from '../../db/queries/outbox.ts';
import { verifyBounceToken } from '../actions/tokens.ts';
import type { AppContext } from '../../runtime/context.ts';
import { findBounceToken } from '../mail/bounce-address.ts';
import type { Bounce } from './delivery-status.ts';

/** A hard bounce shown to answer one message Rapport sent, to the address that failed. */
export interface ProvenBounce extends Bounce {
  outboxId: string;
  subscriberId: string;
  proof: 'bounce address' | 'original Message-ID';
}

const MAX_MESSAGE_IDS = 20;

/** Content types of the part in which a report returns our message, or its headers (RFC 3462, RFC 6533). */
const RETURNED_PART = /^content-type:[ \t]*(?:message\/(?:rfc822|global|global-headers)|text\/rfc822-headers)\b[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*/gim;

/**
 * Message-IDs in the header block of the message a report returns (its message/rfc822 or
 * text/rfc822-headers part), and nowhere else. The report's own header (its In-Reply-To and
 * References included) is written by whoever sends the report, and Message-IDs leak: a forwarded
 * digest carries the original one in References.
 */
export function quotedMessageIds(raw: Buffer): string[] {
  const text = raw.subarray(0, 256 * 1024).toString('latin1');
  const split = /\r?\n\r?\n/.exec(text);
  const body = split ? text.slice(split.index) : '';
  const ids = new Set<string>();
  for (const part of body.matchAll(RETURNED_PART)) {
    // Past the part's own header lines, the returned header block runs to the next blank line.
    const afterPartHeader = body.slice(part.index + part[0].length);
    const blank = /\r?\n\r?\n/.exec(afterPartHeader);
    if (!blank) continue;
    const returned = afterPartHeader.slice(blank.index + blank[0].length);
    const end = /\r?\n\r?\n/.exec(returned);
    const head = `\n${end ? returned.slice(0, end.index) : returned.slice(0, 64 * 1024)}`;
    const id = /\nmessage-id:[ \t]*(?:\r?\n[ \t]+)?(<[^<>\s]{1,500}>)/i.exec(head);
    if (id) ids.add(id[1]!);
  }
  return [...ids].slice(0, MAX_MESSAGE_IDS);
}

/**
 * Which of a report's hard bounces are proven, and how. Proof is our signed bounce address (VERP)
 * for an outbox row whose recipient is the failed address; or, for a row sent before bounce
 * addresses existed (sent_with_bounce_address false), its Message-ID quoted in the returned
 * message. A row sent from a bounce address is proven by that address only: its Message-ID may
 * have leaked. A report without proof suppresses nothing, whoever it names: anyone can write one.
 */
export async function proveBounces(
  ctx: Pick<AppContext, 'db' | 'config'>,
  input: { addresses: string[]; raw: Buffer; bounces: Bounce[] },
): Promise<{ proven: ProvenBounce[]; unproven: Bounce[] }> {
  const proven: ProvenBounce[] = [];
  let open = input.bounces;
  const verp = findBounceToken(input.addresses, ctx.config.inboundDomain);
  if (verp && open.length) {
    const row = await findBouncedRow(ctx.db, verp.outboxId);
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
    const rows = await findUnsignedRowsByMessageId(ctx.db, messageIds);
    open = open.filter((bounce) => {
      const row = rows.find((r) => r.recipient.trim().toLowerCase() === bounce.recipient);
      if (row) proven.push({ ...bounce, outboxId: row.id, subscriberId: row.subscriber_id, proof: 'original Message-ID' });
      return !row;
    });
  }
  return { proven, unproven: open };
}
