import { createHash } from 'node:crypto';
import { findOutboxIdByDedupKey } from '../../db/queries/outbox.ts';
import { findSubscriberByEmail, lockSubscriber } from '../../db/queries/subscribers.ts';
import type { Db } from '../../db/client.ts';
import { renderEmail } from '../../emails/render.ts';
import { claimLink, issueToken, tokenTtlDays } from '../actions/tokens.ts';
import type { AppContext } from '../../runtime/context.ts';
import type { Config } from '../../runtime/config.ts';
import { insertOutboxMessage } from '../../db/queries/outbox.ts';
import { senderDomain } from '../mail/outbox.ts';
import { enqueueSend } from '../mail/enqueue-send.ts';
import { startSession } from './sessions.ts';
import { linkTo } from '../../domain/public-links.ts';

type SignInConfig = Pick<Config, 'publicUrl' | 'mailFrom' | 'tokenSecrets'>;

/**
 * Anyone may ask for a sign-in link for any address, so one address gets at most one such email
 * per window, however often the form is sent (the page answers the same words either way).
 */
export const SIGN_IN_RESEND_WINDOW_MS = 5 * 60_000;
const SIGN_IN_LINK_MINUTES = Math.round(tokenTtlDays.sign_in * 1440);

/** 'unknown' and 'not-confirmed' are for logs and tests: the page answers them exactly like 'sent'. */
export type SignInRequestOutcome = 'sent' | 'already-sent' | 'unknown' | 'not-confirmed';

/**
 * Queues a single-use sign-in link to the subscriber's CURRENT address: the address is read in the
 * same transaction that issues the link, so a link never goes to an address the account has left.
 * Returns the outbox id to enqueue, or null when nothing is to be sent.
 */
async function queueSignInLink(db: Db, config: SignInConfig, subscriberId: string, now: Date = new Date()): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const subscriber = await lockSubscriber(trx, subscriberId);
    // A subscription never confirmed has no account to open; its address has not opted in to mail.
    if (!subscriber || subscriber.status === 'pending') return null;
    const dedupKey = `sign-in-${subscriberId}-${Math.floor(now.getTime() / SIGN_IN_RESEND_WINDOW_MS)}`;
    const already = await findOutboxIdByDedupKey(trx, dedupKey);
    if (already) return null;
    const token = await issueToken(trx, config.tokenSecrets, { subscriberId, scope: 'sign_in', now });
    const email = await renderEmail('sign-in-link', { signInUrl: linkTo(config.publicUrl, 'signIn', { token }), expiresInMinutes: SIGN_IN_LINK_MINUTES });
    const messageKey = createHash('sha256').update(dedupKey).digest('hex').slice(0, 24);
    return insertOutboxMessage(trx, {
      subscriberId,
      kind: 'sign_in',
      dedupKey,
      recipient: subscriber.email,
      subject: email.subject,
      html: email.html,
      text: email.text,
      // No reply address: nothing about signing in can be done by email.
      headers: {},
      messageId: `<sign-in-${messageKey}@${senderDomain(config.mailFrom)}>`,
    });
  });
}

/** What the "Sign in" form does with the address typed into it. */
export async function requestSignIn(ctx: Pick<AppContext, 'db' | 'config' | 'queues' | 'log'>, email: string, now: Date = new Date()): Promise<SignInRequestOutcome> {
  const subscriber = await findSubscriberByEmail(ctx.db, email);
  if (!subscriber) return 'unknown';
  if (subscriber.status === 'pending') return 'not-confirmed';
  return requestSignInFor(ctx, subscriber.id, now);
}

/** The same, for the subscriber a digest link belongs to ("email me a sign-in link"). */
export async function requestSignInFor(ctx: Pick<AppContext, 'db' | 'config' | 'queues' | 'log'>, subscriberId: string, now: Date = new Date()): Promise<SignInRequestOutcome> {
  const outboxId = await queueSignInLink(ctx.db, ctx.config, subscriberId, now);
  await enqueueSend(ctx, outboxId);
  return outboxId ? 'sent' : 'already-sent';
}

/**
 * Spends a sign-in link and starts a session, in one transaction: the conditional claim lets
 * exactly one of two presses at once through, and none once the link was revoked or ran out
 * after its page was opened. Null when the link was not spent.
 */
export async function signInWithLink(db: Db, link: { id: string; subscriberId: string }, now: Date = new Date()): Promise<{ id: string; value: string } | null> {
  return db.transaction().execute(async (trx) => {
    if (!(await claimLink(trx, { id: link.id, scope: 'sign_in' }, now))) return null;
    return startSession(trx, link.subscriberId, now);
  });
}
