import type { DbOrTx } from '../../db/client.ts';
import { findInboundByMessageId, insertInbound } from '../../db/queries/inbound.ts';
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
  const id = await insertInbound(db, { ...input, messageId });
  if (id) return { id, duplicate: false, pending: true };
  // Only a Message-ID can collide: a message without one is always inserted.
  const existing = await findInboundByMessageId(db, messageId!);
  return { id: existing.id, duplicate: true, pending: existing.status === 'received' };
}
