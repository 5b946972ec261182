import type { FastifyInstance, FastifyReply } from 'fastify';
import { latestStrategy, savePreferences } from '../../../db/queries/strategy.ts';
import { findSubscriber } from '../../../db/queries/subscribers.ts';
import { requestEmailChange } from '../../account/email-change.ts';
import { parseNewEmail } from '../../account/sign-up-form.ts';
import { unsubscribe } from '../../actions/subscription.ts';
import { resolveToken } from '../../actions/tokens.ts';
import type { AppContext } from '../../app/context.ts';
import { parsePreferencesForm, type FieldErrors } from '../../strategy/form.ts';
import { checkCsrf, csrfFor } from '../csrf.ts';
import { MessagePage } from '../pages/components.tsx';
import { renderPage } from '../pages/page.tsx';
import { PreferencesPage } from '../pages/preferences.tsx';
import { invalidLink, perLinkRateLimit, sendHtml } from './actions.tsx';

type Params = { Params: { token: string }; Body: Record<string, unknown> };

/** Strategy questionnaire and settings, reached with the (30-day) link in every digest. */
export async function preferencesRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const secrets = ctx.config.tokenSecrets;
  const resolve = (token: string) => resolveToken(ctx.db, secrets, token, ['digest']);

  async function show(reply: FastifyReply, token: string, subscriberId: string, extra: { errors?: FieldErrors; notice?: string } = {}, status = 200) {
    const subscriber = await findSubscriber(ctx.db, subscriberId);
    if (!subscriber) return invalidLink(reply);
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
      answers: await latestStrategy(ctx.db, subscriberId),
    };
    return sendHtml(reply, renderPage(PreferencesPage({ base: `/preferences/${token}`, myDataUrl: `/my-data/${token}`, csrf: csrfFor(secrets, token), view, ...extra })), status);
  }

  const refuse = (reply: FastifyReply, token: string) =>
    sendHtml(reply, renderPage(MessagePage({ title: 'Please try again', children: <p>This form did not come from our page or was open too long. <a href={`/preferences/${token}`}>Open your settings again</a>.</p> })), 403);

  app.get<Params>('/preferences/:token', { config: { rateLimit: perLinkRateLimit } }, async (req, reply) => {
    const link = await resolve(req.params.token);
    if (!link) return invalidLink(reply);
    return show(reply, req.params.token, link.subscriberId);
  });

  app.post<Params>('/preferences/:token', { config: { rateLimit: perLinkRateLimit } }, async (req, reply) => {
    const link = await resolve(req.params.token);
    if (!link) return invalidLink(reply);
    if (!checkCsrf(secrets, req.params.token, req.body?.csrf)) return refuse(reply, req.params.token);
    const parsed = parsePreferencesForm(req.body ?? {});
    if (!parsed.ok) return show(reply, req.params.token, link.subscriberId, { errors: parsed.errors }, 400);
    await savePreferences(ctx.db, link.subscriberId, parsed.value);
    return show(reply, req.params.token, link.subscriberId, { notice: 'Saved. Your next digest will use these answers.' });
  });

  app.post<Params>('/preferences/:token/pause', { config: { rateLimit: perLinkRateLimit } }, async (req, reply) => {
    const link = await resolve(req.params.token);
    if (!link) return invalidLink(reply);
    if (!checkCsrf(secrets, req.params.token, req.body?.csrf)) return refuse(reply, req.params.token);
    const weeks = Number(req.body?.weeks);
    if (!Number.isInteger(weeks) || weeks < 0 || weeks > 52) return show(reply, req.params.token, link.subscriberId, { notice: 'Choose how many weeks to pause.' }, 400);
    const until = weeks === 0 ? null : new Date(Date.now() + weeks * 7 * 86_400_000);
    await ctx.db.updateTable('subscribers').set({ paused_until: until, updated_at: new Date() }).where('id', '=', link.subscriberId).execute();
    const notice = until ? `Paused until ${until.toISOString().slice(0, 10)}.` : 'Resumed: your next digest comes at its usual time.';
    return show(reply, req.params.token, link.subscriberId, { notice });
  });

  // Each request emails an address typed by whoever holds the link: a handful an hour is plenty.
  app.post<Params>('/preferences/:token/email', { config: { rateLimit: { ...perLinkRateLimit, max: 5, timeWindow: '1 hour' } } }, async (req, reply) => {
    const link = await resolve(req.params.token);
    if (!link) return invalidLink(reply);
    if (!checkCsrf(secrets, req.params.token, req.body?.csrf)) return refuse(reply, req.params.token);
    const parsed = parseNewEmail(req.body?.new_email);
    if (!parsed.ok) return show(reply, req.params.token, link.subscriberId, { errors: { new_email: parsed.error } }, 400);
    const outcome = await requestEmailChange(ctx, link.subscriberId, parsed.email);
    req.log.info({ outcome }, 'email change requested');
    if (outcome === 'same-address') return show(reply, req.params.token, link.subscriberId, { errors: { new_email: 'That is already your address.' } }, 400);
    return show(reply, req.params.token, link.subscriberId, { notice: `We sent a link to ${parsed.email}. Open it there to confirm the change.` });
  });

  app.post<Params>('/preferences/:token/subscription', { config: { rateLimit: perLinkRateLimit } }, async (req, reply) => {
    const link = await resolve(req.params.token);
    if (!link) return invalidLink(reply);
    if (!checkCsrf(secrets, req.params.token, req.body?.csrf)) return refuse(reply, req.params.token);
    if (req.body?.action === 'resubscribe') {
      await ctx.db.updateTable('subscribers').set({ status: 'active', updated_at: new Date() }).where('id', '=', link.subscriberId).where('status', '=', 'unsubscribed').execute();
      return show(reply, req.params.token, link.subscriberId, { notice: 'Welcome back: your digests start again.' });
    }
    await unsubscribe(ctx.db, link.subscriberId);
    return show(reply, req.params.token, link.subscriberId, { notice: 'You are unsubscribed. No more digests will be sent.' });
  });
}
