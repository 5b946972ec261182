import { sql } from 'kysely';
import type { DbOrTx } from '../../db/client.ts';
import type { SenderCheck } from '../inbound/sender-check.ts';

/** The Message-ID header of a raw message, read without parsing the body. */
export function extractMessageId(raw: Buffer): string | null {
  const end = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
  const head = raw.subarray(0, end >= 0 ? end : Math.min(raw.length, 64 * 1024)).toString('latin1');
  // Headers may be folded onto the next line.
  const match = /^message-id:[ \t]*(?:\r?\n[ \t]+)?(<[^>\r\n]{1,500}>)/im.exec(head);
  return match?.[1] ?? null;
}

export interface StoredInbound {
  id: string;
  duplicate: boolean;
  /** Still waiting for its job: enqueue it (again), the job id keeps that harmless. */
  pending: boolean;
}

/**
 * The raw message is stored before anything else is done with it, so a crash loses nothing;
 * the same Message-ID delivered twice (webhook retries, a re-sent SMTP transaction) is stored once.
 */
export async function storeInbound(
  db: DbOrTx,
  input: { raw: Buffer; via: 'mx' | 'webhook' | 'dev'; envelopeFrom: string | null; envelopeTo: string[]; senderCheck: SenderCheck },
): Promise<StoredInbound> {
  const messageId = extractMessageId(input.raw);
  const inserted = await db
    .insertInto('inbound_messages')
    .values({
      message_id: messageId,
      via: input.via,
      envelope_from: input.envelopeFrom,
      envelope_to: input.envelopeTo,
      raw: input.raw,
      sender_verdict: input.senderCheck.verdict,
      sender_check: JSON.stringify(input.senderCheck),
    })
    .onConflict((oc) => oc.column('message_id').where(sql.ref('message_id'), 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, duplicate: false, pending: true };
  const existing = await db
    .selectFrom('inbound_messages')
    .select(['id', 'status'])
    .where('message_id', '=', messageId)
    .executeTakeFirstOrThrow();
  return { id: existing.id, duplicate: true, pending: existing.status === 'received' };
}
