import { z } from 'zod';
import type { DigestItemKind } from './item-kinds.ts';

/*
 * What a digest stores of each item (digest_items.payload) so that the review page, the saved page,
 * receipts and the intro request can show it again without the analysis that made it. The kind
 * lives in its own column; it is the discriminant here so one parse checks the pair.
 */

const text = z.string().max(2000);

/** Someone to place: the title is the question the email asked. */
const personPayload = z.object({ title: text, name: text, detail: text });

const introPayload = z.object({
  title: text,
  detail: text,
  targetLabel: text,
  viaName: text,
  toName: text.nullable(),
  draft: z.object({ subject: text, body: z.string().max(20_000) }),
});

const gapPayload = z.object({ title: text, detail: text, gap: z.string().max(100) });

/**
 * What came of an earlier request: the request it asks about (intro_requests.id), and who was
 * asked. `name` is the one asked, so replies can name the item by that person.
 */
const followupPayload = z.object({
  title: text,
  detail: text,
  introRequestId: z.string().uuid(),
  name: text,
  toName: text.nullable(),
  targetLabel: text,
  /** 1: one week after it was sent (or drafted); 2: three weeks after, the last time it is asked. */
  stage: z.union([z.literal(1), z.literal(2)]),
});

export const digestItemContentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('review'), payload: personPayload }),
  z.object({ kind: z.literal('close'), payload: personPayload }),
  z.object({ kind: z.literal('intro'), payload: introPayload }),
  z.object({ kind: z.literal('gap'), payload: gapPayload }),
  z.object({ kind: z.literal('followup'), payload: followupPayload }),
]);

/** An item's kind with the payload that kind carries. */
export type DigestItemContent = z.infer<typeof digestItemContentSchema>;

export type ItemPayload = DigestItemContent['payload'];

export type IntroPayload = z.infer<typeof introPayload>;

export type FollowupPayload = z.infer<typeof followupPayload>;

export class StoredItemError extends Error {}

/**
 * Checks a stored item against the contract. A row that fails was written by code that broke the
 * contract, so this throws rather than show a subscriber half an item.
 */
export function readItemContent(row: { kind: DigestItemKind; payload: unknown }): DigestItemContent {
  const parsed = digestItemContentSchema.safeParse({ kind: row.kind, payload: row.payload });
  if (!parsed.success) throw new StoredItemError(`stored ${row.kind} item does not match its payload contract: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

/** The person an item asks about, as the digest named them, for receipts to echo. */
export function shownName(content: DigestItemContent): string | null {
  return content.kind === 'review' || content.kind === 'close' ? content.payload.name : null;
}
