import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Session } from '../../../services/account/sessions.ts';
import { resolveToken } from '../../../services/actions/tokens.ts';
import type { AppContext } from '../../../runtime/context.ts';
import { csrfFor } from './csrf.ts';
import { MessagePage } from '../pages/components.tsx';
import { renderPage } from '../pages/page.tsx';
import { SignInNeededPage } from '../pages/sign-in.tsx';
import { invalidLink, sendHtml } from './responses.tsx';
import { checkSessionCsrf, sessionOf } from './session.ts';
import { pathTo } from '../../../domain/public-links.ts';

/*
 * The line between the two kinds of access: a digest's token answers that digest's items (routes/
 * actions.tsx); the whole account answers only a signed-in browser. These are the checks every
 * account page uses.
 */

export type SignedInBody = { Body: Record<string, unknown> | undefined };
export type TokenParams = { Params: { token: string } };

/** Per client address: a person saving settings a few times a minute is far below it. */
export const sessionRateLimit = { max: 120, timeWindow: '1 minute' };

export const toSignIn = (reply: FastifyReply) => reply.code(303).header('location', '/sign-in').send();

/**
 * What a digest's link to an account page (settings, My data) does: a browser already signed in
 * as that subscriber goes straight there; any other browser gets a button that emails a sign-in
 * link to the subscriber's current address. The token alone opens nothing of the account.
 */
export async function accountLinkGate(ctx: AppContext, req: FastifyRequest<TokenParams>, reply: FastifyReply, destination: string) {
  const link = await resolveToken(ctx.db, ctx.config.tokenSecrets, req.params.token, ['digest']);
  if (!link) return invalidLink(reply);
  const session = await sessionOf(req, ctx);
  if (session?.subscriberId === link.subscriberId) return reply.code(303).header('location', destination).send();
  const page = SignInNeededPage({ action: pathTo('preferencesSignIn', { token: req.params.token }), csrf: csrfFor(ctx.config.tokenSecrets, req.params.token) });
  return sendHtml(reply, renderPage(page));
}

/**
 * Checks a signed-in page's POST: the session, then its form token. Answers the request itself
 * (sign-in redirect, or "please try again") and returns null when the POST must not go on.
 */
export async function signedInPost(ctx: AppContext, req: FastifyRequest<SignedInBody>, reply: FastifyReply, again: string): Promise<Session | null> {
  const session = await sessionOf(req, ctx);
  if (!session) {
    await toSignIn(reply);
    return null;
  }
  if (!checkSessionCsrf(ctx.config, session, req.body?.csrf)) {
    const children = <p>This form did not come from our page or was open too long. Nothing changed. <a href={again}>Open the page again</a>.</p>;
    await sendHtml(reply, renderPage(MessagePage({ title: 'Please try again', children })), 403);
    return null;
  }
  return session;
}

