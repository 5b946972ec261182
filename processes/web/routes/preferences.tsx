import type { FastifyInstance, FastifyReply } from 'fastify';
import { latestStrategy, savePreferences } from '../../../db/queries/strategy.ts';
import { findSubscriber, resubscribe } from '../../../db/queries/subscribers.ts';
import { requestEmailChange } from '../../../services/account/email-change.ts';
import type { Session } from '../../../services/account/sessions.ts';
import { parseNewEmail } from '../../../services/account/sign-up-form.ts';
import { MAX_PAUSE_WEEKS, pauseDigests, unsubscribe } from '../../../services/actions/subscription.ts';
import type { AppContext } from '../../../runtime/context.ts';
import { parsePreferencesForm, saysNothing, typedFields, type FieldErrors, type PreferencesFields } from '../../../services/strategy/form.ts';
import { accountLinkGate, sessionRateLimit, signedInPost, toSignIn, type SignedInBody, type TokenParams } from '../kit/account-access.tsx';
import { renderPage } from '../pages/page.tsx';
import { PreferencesPage } from '../pages/preferences.tsx';
import { sessionCsrf, sessionOf } from '../kit/session.ts';
import { perLinkRateLimit } from '../kit/rate-limits.ts';
import { sendHtml } from '../kit/responses.tsx';
import { publicPaths } from '../../../domain/public-links.ts';

type Body = SignedInBody;
type Params = TokenParams;

/** Strategy questionnaire and settings, for a signed-in browser. */
export async function preferencesRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  async function show(reply: FastifyReply, session: Session, extra: { errors?: FieldErrors; fields?: PreferencesFields; notice?: string } = {}, status = 200) {
    const subscriber = await findSubscriber(ctx.db, session.subscriberId);
    if (!subscriber) return toSignIn(reply);
    const view = {
      email: subscriber.email,
      pendingEmail: subscriber.pending_email,
      name: subscriber.name,
      status: subscriber.status,
      pausedUntil: subscriber.paused_until,
      reviewSize: subscriber.review_size,
      weekday: subscriber.digest_weekday,
      hour: subscriber.digest_hour,
      timeZone: subscriber.time_zone,
      answers: await latestStrategy(ctx.db, subscriber.id),
    };
    const page = PreferencesPage({ base: '/settings', myDataUrl: '/my-data', signOutUrl: '/sign-out', csrf: sessionCsrf(ctx.config, session), view, ...extra });
    return sendHtml(reply, renderPage(page), status);
  }

  app.get<Params>(publicPaths.preferences, { config: { rateLimit: perLinkRateLimit } }, (req, reply) => accountLinkGate(ctx, req, reply, '/settings'));

  app.get('/settings', { config: { rateLimit: sessionRateLimit } }, async (req, reply) => {
    const session = await sessionOf(req, ctx);
    return session ? show(reply, session) : toSignIn(reply);
  });

  app.post<Body>('/settings', { config: { rateLimit: sessionRateLimit } }, async (req, reply) => {
    const session = await signedInPost(ctx, req, reply, '/settings');
    if (!session) return reply;
    const parsed = parsePreferencesForm(req.body ?? {});
    if (!parsed.ok) return show(reply, session, { errors: parsed.errors, fields: typedFields(req.body ?? {}) }, 400);
    await savePreferences(ctx.db, session.subscriberId, parsed.value);
    // Saved as asked, with a nudge: with nothing to go on, the digest can only guess.
    const notice = saysNothing(parsed.value.answers)
      ? 'Saved, though your strategy is still empty: the digest can only guess what matters to you. One target company is enough for it to look for introductions.'
      : 'Saved. Your next digest will use these answers.';
    return show(reply, session, { notice });
  });

  app.post<Body>('/settings/pause', { config: { rateLimit: sessionRateLimit } }, async (req, reply) => {
    const session = await signedInPost(ctx, req, reply, '/settings');
    if (!session) return reply;
    const weeks = Number(req.body?.weeks);
    if (!Number.isInteger(weeks) || weeks < 0 || weeks > MAX_PAUSE_WEEKS) return show(reply, session, { notice: 'Choose how many weeks to pause.' }, 400);
    return show(reply, session, { notice: await pauseDigests(ctx.db, session.subscriberId, weeks) });
  });

  // Each request emails an address typed by whoever is signed in: a handful an hour is plenty.
  app.post<Body>('/settings/email', { config: { rateLimit: { max: 5, timeWindow: '1 hour' } } }, async (req, reply) => {
    const session = await signedInPost(ctx, req, reply, '/settings');
    if (!session) return reply;
    const parsed = parseNewEmail(req.body?.new_email);
    if (!parsed.ok) return show(reply, session, { errors: { new_email: parsed.error } }, 400);
    const outcome = await requestEmailChange(ctx, session.subscriberId, parsed.email);
    req.log.info({ outcome }, 'email change requested');
    if (outcome === 'same-address') return show(reply, session, { errors: { new_email: 'That is already your address.' } }, 400);
    return show(reply, session, { notice: `We sent a link to ${parsed.email}. Open it there to confirm the change.` });
  });

  app.post<Body>('/settings/subscription', { config: { rateLimit: sessionRateLimit } }, async (req, reply) => {
    const session = await signedInPost(ctx, req, reply, '/settings');
    if (!session) return reply;
    if (req.body?.action === 'resubscribe') {
      await resubscribe(ctx.db, session.subscriberId, new Date());
      return show(reply, session, { notice: 'Welcome back: your digests start again.' });
    }
    await unsubscribe(ctx.db, session.subscriberId);
    return show(reply, session, { notice: 'You are unsubscribed. No more digests will be sent.' });
  });
}
