import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DbOrTx } from '../../db/client.ts';
import type { TokenScope } from '../../db/types.ts';
import { findTokenByHash, findTokenUsedAt, insertActionTokens, revokeSubscriberTokens, spendToken } from '../../db/queries/tokens.ts';

/**
 * Link and reply-address tokens: `<key id><random><mac>` in lowercase base32, so they survive
 * mail systems that lowercase the local part of reply+TOKEN@domain. The MAC rejects forgeries
 * without touching the database; the database (which stores only a hash of the random part) makes
 * tokens expiring, revocable and bound to one subscriber and one scope. The key id lets a rotated-out
 * secret keep verifying until its tokens expire.
 */

const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
const RANDOM_BYTES = 20; // 160 bits: unguessable
const MAC_BYTES = 10;
const RANDOM_CHARS = 32;
const MAC_CHARS = 16;
export const TOKEN_LENGTH = 1 + RANDOM_CHARS + MAC_CHARS;

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

function keyId(secret: string): string {
  return base32(createHash('sha256').update(secret).digest()).charAt(0);
}

function mac(secret: string, body: string): string {
  return base32(createHmac('sha256', secret).update(body).digest().subarray(0, MAC_BYTES));
}

function hashRandom(random: string): Buffer {
  return createHash('sha256').update(random).digest();
}

export const tokenTtlDays: Record<TokenScope, number> = {
  digest: 30,
  reply: 30,
  unsubscribe: 365,
  upload: 7,
  confirm: 7,
  // A sign-in link is a key to the whole account: short-lived and single use (OWASP: expiring, single use).
  sign_in: 15 / 1440,
  // Long enough for someone back from a holiday to notice their address was changed and undo it.
  revert: 14,
};

export interface IssueTokenInput {
  subscriberId: string;
  scope: TokenScope;
  digestId?: string | null;
  /** The answers a receipt reports, for its undo link and its reply address. */
  answerBatchId?: string | null;
  now?: Date;
}

/** Issues several tokens with one INSERT; returns them in the order asked. */
export async function issueTokens(db: DbOrTx, secrets: readonly string[], inputs: IssueTokenInput[]): Promise<string[]> {
  const secret = secrets[0];
  if (!secret) throw new Error('no token secret configured');
  const issued = inputs.map((input) => {
    const random = base32(randomBytes(RANDOM_BYTES));
    const body = keyId(secret) + random;
    const now = input.now ?? new Date();
    return {
      token: body + mac(secret, body),
      row: {
        token_hash: hashRandom(random),
        subscriber_id: input.subscriberId,
        digest_id: input.digestId ?? null,
        answer_batch_id: input.answerBatchId ?? null,
        scope: input.scope,
        expires_at: new Date(now.getTime() + tokenTtlDays[input.scope] * 86_400_000),
      },
    };
  });
  if (issued.length) await insertActionTokens(db, issued.map((i) => i.row));
  return issued.map((i) => i.token);
}

export async function issueToken(db: DbOrTx, secrets: readonly string[], input: IssueTokenInput): Promise<string> {
  const [token] = await issueTokens(db, secrets, [input]);
  return token!;
}

/** The MAC check alone: cheap, constant-time, no database. */
export function verifyTokenSignature(secrets: readonly string[], token: string): string | null {
  const normalised = token.trim().toLowerCase();
  if (normalised.length !== TOKEN_LENGTH || /[^a-z2-7]/.test(normalised)) return null;
  const body = normalised.slice(0, 1 + RANDOM_CHARS);
  const given = Buffer.from(normalised.slice(1 + RANDOM_CHARS));
  for (const secret of secrets) {
    if (keyId(secret) !== body.charAt(0)) continue;
    const expected = Buffer.from(mac(secret, body));
    if (expected.length === given.length && timingSafeEqual(expected, given)) return body.slice(1);
  }
  return null;
}

export interface ResolvedToken {
  id: string;
  subscriberId: string;
  digestId: string | null;
  scope: TokenScope;
  usedAt: Date | null;
  answerBatchId: string | null;
}

/**
 * Every failure (forged, unknown, expired, revoked, other scope) is the same `null`, so callers
 * answer them all with one generic page and give nothing away.
 */
export async function resolveToken(
  db: DbOrTx,
  secrets: readonly string[],
  token: string,
  scopes: readonly TokenScope[],
  now: Date = new Date(),
): Promise<ResolvedToken | null> {
  const random = verifyTokenSignature(secrets, token);
  if (!random) return null;
  const row = await findTokenByHash(db, hashRandom(random));
  if (!row || row.revoked_at || row.expires_at <= now || !scopes.includes(row.scope)) return null;
  return { id: row.id, subscriberId: row.subscriber_id, digestId: row.digest_id, scope: row.scope, usedAt: row.used_at, answerBatchId: row.answer_batch_id };
}

/**
 * Spends a single-use link: the conditional update succeeds for exactly one caller, and only while
 * the link is still good. Resolving the link earlier is not enough: between that read and this
 * write the link may have been revoked (an address change, a revert) or have run out, and a claim
 * that looked at used_at alone would still let it through. False: refused, nothing spent.
 */
export async function claimLink(db: DbOrTx, link: { id: string; scope: TokenScope }, now: Date = new Date()): Promise<boolean> {
  return spendToken(db, link, now);
}

/** After a refused claim: was the link spent (say "used already") rather than revoked or expired (say "no longer works")? */
export async function linkWasUsed(db: DbOrTx, id: string): Promise<boolean> {
  return (await findTokenUsedAt(db, id)) !== null;
}

/**
 * Revokes a subscriber's live tokens (all, or of some scopes): for when a digest was forwarded or a
 * mailbox is no longer theirs alone. Revoked links get the same generic page as forged ones.
 */
export async function revokeTokens(db: DbOrTx, subscriberId: string, scopes?: readonly TokenScope[], now: Date = new Date()): Promise<number> {
  return revokeSubscriberTokens(db, subscriberId, scopes, now);
}

/**
 * Bounce addresses (VERP): bounce+TOKEN@INBOUND_DOMAIN as the envelope sender of each outgoing
 * message, so a delivery report names the exact message it answers. Unlike link tokens these need
 * no row of their own: the token carries the outbox row's id in the clear (hex, which survives
 * lower-casing) and a MAC over that id and the recipient, under the same rotating secrets. A
 * report can therefore only suppress the address the signed message was sent to.
 */
const OUTBOX_ID_CHARS = 32;
export const BOUNCE_TOKEN_LENGTH = 1 + OUTBOX_ID_CHARS + MAC_CHARS;

function bounceMacBody(outboxIdHex: string, recipient: string): string {
  // The scope prefix keeps a bounce MAC from ever being valid as some other kind of signature.
  return `bounce:${outboxIdHex}:${recipient.trim().toLowerCase()}`;
}

export function signBounceToken(secrets: readonly string[], outboxId: string, recipient: string): string {
  const secret = secrets[0];
  if (!secret) throw new Error('no token secret configured');
  const hex = outboxId.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error('outbox ids are uuids');
  return keyId(secret) + hex + mac(secret, bounceMacBody(hex, recipient));
}

/** The outbox id a bounce token names, before its MAC can be checked (the MAC needs that row's recipient). */
export function bounceTokenOutboxId(token: string): string | null {
  const normalised = token.trim().toLowerCase();
  const match = /^[a-z2-7]([0-9a-f]{32})[a-z2-7]{16}$/.exec(normalised);
  if (!match) return null;
  const hex = match[1]!;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Constant-time: true when the token was signed by one of our secrets for this outbox row and recipient. */
export function verifyBounceToken(secrets: readonly string[], token: string, outboxId: string, recipient: string): boolean {
  const normalised = token.trim().toLowerCase();
  if (normalised.length !== BOUNCE_TOKEN_LENGTH || bounceTokenOutboxId(normalised) !== outboxId.toLowerCase()) return false;
  const hex = normalised.slice(1, 1 + OUTBOX_ID_CHARS);
  const given = Buffer.from(normalised.slice(1 + OUTBOX_ID_CHARS));
  for (const secret of secrets) {
    if (keyId(secret) !== normalised.charAt(0)) continue;
    const expected = Buffer.from(mac(secret, bounceMacBody(hex, recipient)));
    if (expected.length === given.length && timingSafeEqual(expected, given)) return true;
  }
  return false;
}
