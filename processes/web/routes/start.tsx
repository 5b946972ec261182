import type { FastifyInstance, FastifyReply } from 'fastify';
import { latestExportOf } from '../../../db/queries/exports.ts';
import { latestStrategy, saveStrategy } from '../../../db/queries/strategy.ts';
import { findSubscriber } from '../../../db/queries/subscribers.ts';
import type { Session } from '../../../services/account/sessions.ts';
import { issueToken } from '../../../services/actions/tokens.ts';
import { nextDigestLabel } from '../../../services/mail/notifications.ts';
import { parseStrategyForm, storedFields, typedFields, type FieldErrors, type PreferencesFields } from '../../../services/strategy/form.ts';
import type { AppContext } from '../../../runtime/context.ts';
import { pathTo } from '../../../domain/public-links.ts';
import { csrfFor } from '../kit/csrf.ts';
import { sessionRateLimit, signedInPost, toSignIn, type SignedInBody } from '../kit/account-access.tsx';
import { sessionCsrf, sessionOf } from '../kit/session.ts';
import { sendHtml } from '../kit/responses.tsx';
import { renderPage } from '../pages/page.tsx';
import { ReadyPage, START_STEPS, StartQuestionsPage, StartUploadPage, WelcomePage, type ReadyState } from '../pages/start.tsx';
import { strategySavedWords } from './preferences.tsx';
import { describeExport } from './upload.tsx';

/**
 * The guided start, for a signed-in browser (confirming the address signs it in and lands here).
 * Every step can be opened again later; none is required to get digests.
 */
export async function startRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const route = { config: { rateLimit: sessionRateLimit } };

  /** The step's page for the signed-in subscriber, or the sign-in page. */
  async function signedIn(req: Parameters<typeof sessionOf>[0], reply: FastifyReply, show: (session: Session) => Promise<unknown>) {
    const session = await sessionOf(req, ctx);
    return session ? show(session) : toSignIn(reply);
  }

  async function questions(reply: FastifyReply, session: Session, extra: { errors?: FieldErrors; fields?: PreferencesFields; notice?: string } = {}, status = 200) {
    const subscriber = await findSubscriber(ctx.db, session.subscriberId);
    if (!subscriber) return toSignIn(reply);
    const fields =
      extra.fields ??
      storedFields({ answers: await latestStrategy(ctx.db, subscriber.id), reviewSize: subscriber.review_size, weekday: subscriber.digest_weekday, hour: subscriber.digest_hour, timeZone: subscriber.time_zone });
    return sendHtml(reply, renderPage(StartQuestionsPage({ csrf: sessionCsrf(ctx.config, session), ...extra, fields })), status);
  }

  app.get(START_STEPS[0].path, route, (req, reply) =>
    signedIn(req, reply, async (session) => {
      const subscriber = await findSubscriber(ctx.db, session.subscriberId);
      if (!subscriber) return toSignIn(reply);
      return sendHtml(reply, renderPage(WelcomePage({ name: subscriber.name, nextDigest: nextDigestLabel(subscriber) })));
    }),
  );

  app.get(START_STEPS[1].path, route, (req, reply) => signedIn(req, reply, (session) => questions(reply, session)));

  app.post<SignedInBody>(START_STEPS[1].path, route, async (req, reply) => {
    const session = await signedInPost(ctx, req, reply, START_STEPS[1].path);
    if (!session) return reply;
    const parsed = parseStrategyForm(req.body ?? {});
    if (!parsed.ok) return questions(reply, session, { errors: parsed.errors, fields: typedFields(req.body ?? {}) }, 400);
    await saveStrategy(ctx.db, session.subscriberId, parsed.value);
    // Saved either way; without a target the step stays, once, to say what one is for.
    if (!parsed.value.targets.length) return questions(reply, session, { fields: typedFields(req.body ?? {}), notice: strategySavedWords(parsed.value) });
    return reply.code(303).header('location', START_STEPS[2].path).send();
  });

  app.get(START_STEPS[2].path, route, (req, reply) =>
    signedIn(req, reply, async (session) => {
      // A fresh upload link for this page: the upload route, its checks and its status page are the
      // emailed link's, and a failed import (which spends a link) is retried by opening the step again.
      const token = await issueToken(ctx.db, ctx.config.tokenSecrets, { subscriberId: session.subscriberId, scope: 'upload' });
      const page = StartUploadPage({ action: pathTo('upload', { token }, { next: 'start' }), csrf: csrfFor(ctx.config.tokenSecrets, token), maxMb: Math.floor(ctx.config.maxUploadBytes / 1024 / 1024) });
      return sendHtml(reply.header('cache-control', 'no-store'), renderPage(page));
    }),
  );

  app.get(START_STEPS[3].path, route, (req, reply) =>
    signedIn(req, reply, async (session) => {
      const [subscriber, latest] = await Promise.all([findSubscriber(ctx.db, session.subscriberId), latestExportOf(ctx.db, session.subscriberId)]);
      if (!subscriber) return toSignIn(reply);
      const state: ReadyState = !latest
        ? { kind: 'none' }
        : latest.status === 'imported'
          ? { kind: 'imported', connections: latest.summary?.connections ?? 0 }
          : latest.status === 'failed'
            ? { kind: 'failed', message: describeExport(latest) }
            : { kind: 'reading' };
      return sendHtml(reply.header('cache-control', 'no-store'), renderPage(ReadyPage({ state, nextDigest: nextDigestLabel(subscriber) })));
    }),
  );
}
