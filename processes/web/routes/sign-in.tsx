import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findChangeByRevertToken } from '../../../db/queries/email-changes.ts';
import { addressHint, revertAddressChange } from '../../../services/account/address-change.ts';
import { endAllSessions, endSession, startSession } from '../../../services/account/sessions.ts';
import { requestSignIn, requestSignInFor, signInWithLink } from '../../../services/account/sign-in.ts';
import { parseNewEmail } from '../../../services/account/sign-up-form.ts';
import { resolveToken } from '../../../services/actions/tokens.ts';
import type { AppContext } from '../../../runtime/context.ts';
import type { TokenScope } from '../../../db/types.ts';
import { checkCsrf, csrfFor } from '../kit/csrf.ts';
import { checkFormCsrf, formCsrf } from '../kit/form-csrf.ts';
import { MessagePage } from '../pages/components.tsx';
import { renderPage } from '../pages/page.tsx';
import { RevertPage, SignInLinkPage, SignInPage, SignInSentPage } from '../pages/sign-in.tsx';
import { checkSessionCsrf, clearSessionCookie, sessionOf, setSessionCookie } from '../kit/session.ts';
import { perLinkRateLimit } from '../kit/rate-limits.ts';
import { invalidLink, sendHtml } from '../kit/responses.tsx';
import { pathTo, publicPaths } from '../../../domain/public-links.ts';

type Body = Record<string, unknown> | undefined;

/** Each request may email an address someone typed: ten per client address per ten minutes is plenty for a person. */
const signInFormRateLimit = { max: 10, timeWindow: '10 minutes' };
/** "Email me a sign-in link" from a digest: the resend window already caps the emails; this caps the work. */
const signInForLinkRateLimit = { ...perLinkRateLimit, max: 10, timeWindow: '10 minutes' };

const tryAgain = (reply: FastifyReply, href: string) =>
  sendHtml(
    reply,
    renderPage(MessagePage({ title: 'Please try again', children: <p>This form was open too long, or did not come from our page. Nothing changed. <a href={href}>Start again</a>.</p> })),
    403,
  );

const usedLink = (reply: FastifyReply, what: string) =>
  sendHtml(
    reply,
    renderPage(MessagePage({ title: 'This link was used already', children: <p>{what} <a href="/sign-in">Ask for a new sign-in link</a>.</p> })),
    410,
  );

/**
 * Sign-in by emailed link, sign-out, the digest links' way to a sign-in, and the revert link sent
 * to an old address. Every link's GET shows a button and changes nothing (mail scanners open links);
 * the button's POST acts, once.
 */
export async function signInRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const secrets = ctx.config.tokenSecrets;

  /**
   * The link a button's POST acts on, or null once the answer is sent: the generic page for a bad
   * link, a form to start again (on the link's own page) when the form token does not check out.
   */
  async function postedLink(req: FastifyRequest<{ Params: { token: string }; Body: Body }>, reply: FastifyReply, scope: TokenScope, page: 'signIn' | 'revert' | 'preferences') {
    const token = req.params.token;
    const link = await resolveToken(ctx.db, secrets, token, [scope]);
    if (!link) await invalidLink(reply);
    else if (!checkCsrf(secrets, token, req.body?.csrf)) await tryAgain(reply, pathTo(page, { token }));
    else return link;
    return null;
  }

  const signInPage = (req: FastifyRequest, reply: FastifyReply, extra: { email?: string; error?: string; formError?: string } = {}, status = 200) =>
    sendHtml(reply, renderPage(SignInPage({ csrf: formCsrf(req, reply, ctx.config), ...extra })), status);

  app.get('/sign-in', async (req, reply) => {
    if (await sessionOf(req, ctx)) return reply.code(303).header('location', '/settings').send();
    return signInPage(req, reply);
  });

  app.post<{ Body: Body }>('/sign-in', { config: { rateLimit: signInFormRateLimit } }, async (req, reply) => {
    const typed = typeof req.body?.email === 'string' ? req.body.email.slice(0, 254) : '';
    if (!checkFormCsrf(req, ctx.config, req.body?.csrf)) {
      return signInPage(req, reply, { email: typed, formError: 'This form was open too long, or did not come from this page. Please press the button again.' }, 403);
    }
    const parsed = parseNewEmail(req.body?.email);
    if (!parsed.ok) return signInPage(req, reply, { email: typed, error: parsed.error }, 400);
    // The same words whatever the outcome, and sent before the address is even looked up: neither
    // the page nor how long it takes tells who subscribes. Awaiting a reply waits until it is sent.
    await sendHtml(reply, renderPage(SignInSentPage({ email: parsed.email })));
    try {
      const outcome = await requestSignIn(ctx, parsed.email);
      req.log.info({ outcome }, 'sign-in link requested');
    } catch (error) {
      req.log.error({ err: error }, 'could not queue a sign-in link');
    }
    return reply;
  });

  app.get<{ Params: { token: string } }>(publicPaths.signIn, { config: { rateLimit: perLinkRateLimit } }, async (req, reply) => {
    const link = await resolveToken(ctx.db, secrets, req.params.token, ['sign_in']);
    if (!link) return invalidLink(reply);
    if (link.usedAt) return usedLink(reply, 'A sign-in link works once, and this one has signed a browser in.');
    return sendHtml(reply, renderPage(SignInLinkPage({ action: pathTo('signIn', { token: req.params.token }), csrf: csrfFor(secrets, req.params.token) })));
  });

  app.post<{ Params: { token: string }; Body: Body }>(publicPaths.signIn, { config: { rateLimit: perLinkRateLimit } }, async (req, reply) => {
    const link = await postedLink(req, reply, 'sign_in', 'signIn');
    if (!link) return reply;
    const session = await signInWithLink(ctx.db, link);
    req.log.info({ signedIn: session !== null }, 'sign-in link used');
    if (!session) return usedLink(reply, 'A sign-in link works once, and this one has signed a browser in.');
    return setSessionCookie(reply, ctx.config, session.value).code(303).header('location', '/settings').send();
  });

  // A digest's settings and data links: the digest token names the subscriber; the link goes to their current address.
  app.post<{ Params: { token: string }; Body: Body }>(publicPaths.preferencesSignIn, { config: { rateLimit: signInForLinkRateLimit } }, async (req, reply) => {
    const link = await postedLink(req, reply, 'digest', 'preferences');
    if (!link) return reply;
    const outcome = await requestSignInFor(ctx, link.subscriberId);
    req.log.info({ outcome }, 'sign-in link requested from a digest');
    return sendHtml(reply, renderPage(SignInSentPage({})));
  });

  app.post<{ Body: Body }>('/sign-out', async (req, reply) => {
    const session = await sessionOf(req, ctx);
    if (session) {
      if (!checkSessionCsrf(ctx.config, session, req.body?.csrf)) return tryAgain(reply, '/settings');
      if (req.body?.everywhere === 'yes') {
        const ended = await endAllSessions(ctx.db, session.subscriberId);
        req.log.info({ ended }, 'signed out everywhere');
      } else {
        await endSession(ctx.db, session.id);
      }
    }
    const everywhere = req.body?.everywhere === 'yes';
    const done = <p>{everywhere ? 'Every browser that was signed in to your account is signed out.' : 'This browser is signed out.'} <a href="/sign-in">Sign in again</a>.</p>;
    return sendHtml(clearSessionCookie(reply, ctx.config), renderPage(MessagePage({ title: 'Signed out', children: done })));
  });

  app.get<{ Params: { token: string } }>(publicPaths.revert, { config: { rateLimit: perLinkRateLimit } }, async (req, reply) => {
    const link = await resolveToken(ctx.db, secrets, req.params.token, ['revert']);
    if (!link) return invalidLink(reply);
    if (link.usedAt) return usedLink(reply, 'Your address was put back already.');
    const change = await findChangeByRevertToken(ctx.db, link.id);
    if (!change) return invalidLink(reply);
    const page = RevertPage({ action: pathTo('revert', { token: req.params.token }), csrf: csrfFor(secrets, req.params.token), hint: addressHint(change.new_email) });
    return sendHtml(reply, renderPage(page));
  });

  app.post<{ Params: { token: string }; Body: Body }>(publicPaths.revert, { config: { rateLimit: perLinkRateLimit } }, async (req, reply) => {
    const link = await postedLink(req, reply, 'revert', 'revert');
    if (!link) return reply;
    const outcome = await revertAddressChange(ctx.db, link);
    req.log.info({ outcome: outcome.kind }, 'address change reverted');
    switch (outcome.kind) {
      case 'reverted': {
        // Pressing the button proved this inbox is the account's again: this browser is signed in, no other is.
        const session = await startSession(ctx.db, outcome.subscriberId);
        const done = (
          <p>
            Your digests go to <strong>{outcome.email}</strong> again. Every other browser is signed out, and the links in
            earlier digests stopped working: the next digest brings new ones. <a href="/settings">Open your settings</a>
          </p>
        );
        return sendHtml(setSessionCookie(reply, ctx.config, session.value), renderPage(MessagePage({ title: 'Your address is back', children: done })));
      }
      case 'address-taken': {
        const taken = <p>Another Rapport subscription uses this address now, so nothing was changed. Write to us if you need help.</p>;
        return sendHtml(reply, renderPage(MessagePage({ title: 'This address is already in use', children: taken })), 409);
      }
      case 'used':
        return usedLink(reply, 'Your address was put back already.');
      case 'missing':
        return invalidLink(reply);
    }
  });
}

