import type { FastifyInstance, FastifyReply } from 'fastify';
import { latestStrategy, saveSchedule, saveStrategy } from '../../../db/queries/strategy.ts';
import { findSubscriber, resubscribe } from '../../../db/queries/subscribers.ts';
import { requestEmailChange } from '../../../services/account/email-change.ts';
import type { Session } from '../../../services/account/sessions.ts';
import type { StrategyAnswers } from '../../../domain/network/types.ts';
import { parseNewEmail } from '../../../services/account/sign-up-form.ts';
import { MAX_PAUSE_WEEKS, pauseDigests, unsubscribe } from '../../../services/actions/subscription.ts';
import type { AppContext } from '../../../runtime/context.ts';
import { parseScheduleForm, parseStrategyForm, saysNothing, storedFields, typedFields, type FieldErrors, type PreferencesFields } from '../../../services/strategy/form.ts';
import { accountLinkGate, sessionRateLimit, signedInPost, toSignIn, type SignedInBody, type TokenParams } from '../kit/account-access.tsx';
import { renderPage } from '../pages/page.tsx';
import { SettingsPage, StrategyPage } from '../pages/preferences.tsx';
import { sessionCsrf, sessionOf } from '../kit/session.ts';
import { perLinkRateLimit } from '../kit/rate-limits.ts';
import { sendHtml } from '../kit/responses.tsx';
import { publicPaths } from '../../../domain/public-links.ts';

type Body = SignedInBody;
type Params = TokenParams;

/** The strategy questionnaire and the settings, each on its own page, for a signed-in browser. */
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
    };
    const page = SettingsPage({ base: '/settings', myDataUrl: '/my-data', signOutUrl: '/sign-out', csrf: sessionCsrf(ctx.config, session), view, ...extra });
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
    const parsed = parseScheduleForm(req.body ?? {});
    if (!parsed.ok) return show(reply, session, { errors: parsed.errors, fields: typedFields(req.body ?? {}) }, 400);
    await saveSchedule(ctx.db, session.subscriberId, parsed.value);
    return show(reply, session, { notice: 'Saved. Your next digest comes at this time.' });
  });

  async function showStrategy(reply: FastifyReply, session: Session, extra: { errors?: FieldErrors; fields?: PreferencesFields; notice?: string } = {}, status = 200) {
    const subscriber = await findSubscriber(ctx.db, session.subscriberId);
    if (!subscriber) return toSignIn(reply);
    const fields = extra.fields ?? storedFields({ answers: await latestStrategy(ctx.db, subscriber.id), reviewSize: subscriber.review_size, weekday: subscriber.digest_weekday, hour: subscriber.digest_hour, timeZone: subscriber.time_zone });
    return sendHtml(reply, renderPage(StrategyPage({ action: '/strategy', csrf: sessionCsrf(ctx.config, session), ...extra, fields })), status);
  }

  app.get('/strategy', { config: { rateLimit: sessionRateLimit } }, async (req, reply) => {
    const session = await sessionOf(req, ctx);
    return session ? showStrategy(reply, session) : toSignIn(reply);
  });

  app.post<Body>('/strategy', { config: { rateLimit: sessionRateLimit } }, async (req, reply) => {
    const session = await signedInPost(ctx, req, reply, '/strategy');
    if (!session) return reply;
    const parsed = parseStrategyForm(req.body ?? {});
    if (!parsed.ok) return showStrategy(reply, session, { errors: parsed.errors, fields: typedFields(req.body ?? {}) }, 400);
    await saveStrategy(ctx.db, session.subscriberId, parsed.value);
    return showStrategy(reply, session, { notice: strategySavedWords(parsed.value) });
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

/** Saved as asked, with a nudge: with nothing to go on, the digest can only guess. */
export function strategySavedWords(answers: StrategyAnswers): string {
  if (saysNothing(answers)) return 'Saved, though your strategy is still empty: the digest can only guess what matters to you. One target company is enough for it to look for introductions.';
  if (!answers.targets.length) return 'Saved. Add one target company when you can: it is where the digest looks for introductions.';
  return 'Saved. Your next digest will use these answers.';
}
