import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findSubscriber } from '../../../db/queries/subscribers.ts';
import { confirmLink } from '../../../services/account/confirm-link.ts';
import { enqueueSend } from '../../../services/mail/enqueue-send.ts';
import { startSession } from '../../../services/account/sessions.ts';
import { parseSignUpForm } from '../../../services/account/sign-up-form.ts';
import { signUp } from '../../../services/account/sign-up.ts';
import { resolveToken } from '../../../services/actions/tokens.ts';
import type { AppContext } from '../../../runtime/context.ts';
import { queueUploadLink } from '../../../services/mail/notifications.ts';
import { START_STEPS } from '../pages/start.tsx';
import { checkCsrf, csrfFor } from '../kit/csrf.ts';
import { checkFormCsrf, formCsrf } from '../kit/form-csrf.ts';
import { MessagePage } from '../pages/components.tsx';
import { ConfirmPage } from '../pages/confirm.tsx';
import { CheckInboxPage, LandingPage } from '../pages/landing.tsx';
import { renderPage } from '../pages/page.tsx';
import { setSessionCookie } from '../kit/session.ts';
import { perLinkRateLimit } from '../kit/rate-limits.ts';
import { invalidLink, sendHtml } from '../kit/responses.tsx';
import { pathTo, publicPaths } from '../../../domain/public-links.ts';

const staticDir = path.join(import.meta.dirname, '../static');

type Body = Record<string, unknown> | undefined;

/** Each sign-up may email an address someone typed: ten per client address per ten minutes is plenty for a person. */
const signUpRateLimit = { max: 10, timeWindow: '10 minutes' };

/**
 * The landing page, sign-up with double opt-in, and the confirm link. The confirm link also
 * approves a change of address (see queueConfirmation): its page says which one it is.
 */
export async function signUpRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const secrets = ctx.config.tokenSecrets;

  const script = await readFile(path.join(staticDir, 'signup.js'));
  app.get('/static/signup.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(script));

  const landing = (req: FastifyRequest, reply: FastifyReply, extra: Omit<Parameters<typeof LandingPage>[0], 'csrf'> = {}, status = 200) =>
    sendHtml(reply, renderPage(LandingPage({ csrf: formCsrf(req, reply, ctx.config), ...extra })), status);

  app.get('/', async (req, reply) => landing(req, reply));

  app.post<{ Body: Body }>('/signup', { config: { rateLimit: signUpRateLimit } }, async (req, reply) => {
    const body = req.body ?? {};
    const parsed = parseSignUpForm(body);
    if (!checkFormCsrf(req, ctx.config, body.csrf)) {
      const values = parsed.ok ? { email: parsed.value.email, name: parsed.value.name ?? '' } : parsed.values;
      return landing(req, reply, { values, formError: 'This form was open too long, or did not come from this page. Please press Sign up again.' }, 403);
    }
    if (!parsed.ok) return landing(req, reply, { values: parsed.values, errors: parsed.errors }, 400);
    const outcome = await signUp(ctx, parsed.value);
    req.log.info({ outcome }, 'sign-up');
    return sendHtml(reply, renderPage(CheckInboxPage({ email: parsed.value.email })));
  });

  const usedLink = (reply: FastifyReply) =>
    sendHtml(
      reply,
      renderPage(
        MessagePage({
          title: 'This link was used already',
          children: (
            <p>
              It has done its job: your address is confirmed. <a href="/sign-in">Sign in</a> to open your settings.
            </p>
          ),
        }),
      ),
      410,
    );

  app.get<{ Params: { token: string } }>(publicPaths.confirm, { config: { rateLimit: perLinkRateLimit } }, async (req, reply) => {
    const link = await resolveToken(ctx.db, secrets, req.params.token, ['confirm']);
    if (!link) return invalidLink(reply);
    if (link.usedAt) return usedLink(reply);
    const subscriber = await findSubscriber(ctx.db, link.subscriberId);
    if (!subscriber) return invalidLink(reply);
    const page = ConfirmPage({ action: pathTo('confirm', { token: req.params.token }), csrf: csrfFor(secrets, req.params.token), newEmail: subscriber.pending_email });
    return sendHtml(reply, renderPage(page));
  });

  app.post<{ Params: { token: string }; Body: Body }>(publicPaths.confirm, { config: { rateLimit: perLinkRateLimit } }, async (req, reply) => {
    const token = req.params.token;
    const link = await resolveToken(ctx.db, secrets, token, ['confirm']);
    if (!link) return invalidLink(reply);
    if (!checkCsrf(secrets, token, req.body?.csrf)) {
      const again = <p>This form was open too long, or did not come from our page. <a href={pathTo('confirm', { token })}>Open the confirmation again</a>.</p>;
      return sendHtml(reply, renderPage(MessagePage({ title: 'Please try again', children: again })), 403);
    }
    const outcome = await confirmLink(ctx.db, ctx.config, link);
    req.log.info({ outcome: outcome.kind }, 'confirm link');
    switch (outcome.kind) {
      case 'subscribed': {
        // Pressing the button in a page opened from this inbox proves it as a sign-in link would: the questionnaire opens signed in.
        const session = await startSession(ctx.db, outcome.subscriberId);
        // The guided start comes next; the upload link waits in the inbox too, for when LinkedIn's export arrives.
        await enqueueSend(ctx, await queueUploadLink(ctx.db, ctx.config, outcome.subscriberId, `welcome-${link.id}`, 'welcome'));
        return setSessionCookie(reply, ctx.config, session.value).code(303).header('location', START_STEPS[0].path).send();
      }
      case 'email-changed': {
        // The old address is told, with its way back; every earlier session ended, so this browser starts a new one.
        await enqueueSend(ctx, outcome.noticeOutboxId);
        const session = await startSession(ctx.db, outcome.subscriberId);
        const done = (
          <p>
            Your digests now go to <strong>{outcome.email}</strong>. Links in earlier emails no longer work, and other browsers are signed
            out. <a href="/settings">Open your settings</a>
          </p>
        );
        return sendHtml(setSessionCookie(reply, ctx.config, session.value), renderPage(MessagePage({ title: 'Your address is changed', children: done })));
      }
      case 'address-taken': {
        const taken = <p>Another Rapport subscription already uses this address, so nothing was changed. Your digests keep going to your current address.</p>;
        return sendHtml(reply, renderPage(MessagePage({ title: 'This address is already in use', children: taken })), 409);
      }
      case 'used':
        return usedLink(reply);
      case 'missing':
        return invalidLink(reply);
    }
  });
}
