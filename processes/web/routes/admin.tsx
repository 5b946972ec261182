import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../runtime/context.ts';
import { adminSession, adminSessionCookie, adminSessionValue, adminTokenMatches, clearedAdminCookie } from '../admin-auth.ts';
import { adminGuard } from '../admin-guesses.ts';
import { answerError } from '../kit/error-pages.tsx';
import { lookUpSubscriber } from '../admin-lookup.ts';
import { checkCsrf, csrfFor } from '../kit/csrf.ts';
import { checkFormCsrf, formCsrf } from '../kit/form-csrf.ts';
import { AdminHomePage, AdminSignInPage, AdminSubscriberPage } from '../pages/admin.tsx';
import { renderPage } from '../pages/page.tsx';
import { sendHtml } from '../kit/responses.tsx';

type Body = Record<string, unknown> | undefined;

/** Guessing the token: ten tries per quarter hour per address. */
const signInRateLimit = { max: 10, timeWindow: '15 minutes' };

/**
 * The dashboard's page is a bundled app: it loads its own styles and sets a <base>, both of which
 * the site-wide policy forbids. Fonts from Google are still refused: admin pages call nobody else.
 */
const dashboardCsp =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'self'; frame-ancestors 'none'";

/**
 * Admin pages behind ADMIN_TOKEN: a sign-in form (or a Bearer header), the BullMQ dashboard and a
 * subscriber lookup. The session cookie is SameSite=Strict, which is also what keeps other sites
 * from driving the dashboard's JSON API; the sign-out form carries its own CSRF field.
 */
export async function adminRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const config = ctx.config;
  const signOutCsrf = (req: FastifyRequest) => csrfFor(config.tokenSecrets, `admin:${adminSession(req) ?? 'bearer'}`);
  const signInPage = (req: FastifyRequest, reply: FastifyReply, error?: string, status = 200) =>
    sendHtml(reply, renderPage(AdminSignInPage({ csrf: formCsrf(req, reply, config), error })), status);
  const adminAccess = adminGuard(app, config);

  app.get('/admin', async (req, reply) => {
    const access = await adminAccess(req);
    if (access === 'too-many-guesses') return answerError(req, reply, 429);
    return access === 'admin' ? sendHtml(reply, renderPage(AdminHomePage({ signOutCsrf: signOutCsrf(req) }))) : signInPage(req, reply);
  });

  app.post<{ Body: Body }>('/admin/sign-in', { config: { rateLimit: signInRateLimit } }, async (req, reply) => {
    if (!checkFormCsrf(req, config, req.body?.csrf)) return signInPage(req, reply, 'This form was open too long, or did not come from this page. Please sign in again.', 403);
    if (!adminTokenMatches(config, req.body?.token)) return signInPage(req, reply, 'That is not the admin token.', 401);
    return reply.code(303).header('set-cookie', adminSessionCookie(config, adminSessionValue(config))).header('location', '/admin').send();
  });

  app.post<{ Body: Body }>('/admin/sign-out', async (req, reply) => {
    if ((await adminAccess(req)) === 'admin' && checkCsrf(config.tokenSecrets, `admin:${adminSession(req) ?? 'bearer'}`, req.body?.csrf)) {
      reply.header('set-cookie', clearedAdminCookie(config));
    }
    return reply.code(303).header('location', '/admin').send();
  });

  await app.register(async (admin) => {
    admin.addHook('onRequest', async (req, reply) => {
      const access = await adminAccess(req);
      if (access === 'admin') return;
      if (access === 'too-many-guesses') return answerError(req, reply, 429);
      reply.header('www-authenticate', 'Bearer realm="rapport-admin"');
      return signInPage(req, reply, undefined, 401);
    });

    admin.get<{ Querystring: { email?: string } }>('/admin/subscribers', async (req, reply) => {
      const email = typeof req.query.email === 'string' ? req.query.email.trim().slice(0, 254) : '';
      const found = email ? await lookUpSubscriber(ctx.db, email) : null;
      return sendHtml(reply, renderPage(AdminSubscriberPage({ signOutCsrf: signOutCsrf(req), email, found })));
    });

    await admin.register(async (dashboard) => {
      dashboard.addHook('onRequest', async (_req, reply) => {
        reply.header('content-security-policy', dashboardCsp);
      });
      const serverAdapter = new FastifyAdapter();
      serverAdapter.setBasePath('/admin/queues');
      createBullBoard({
        queues: Object.values(ctx.queues.byName).map((queue) => new BullMQAdapter(queue)),
        serverAdapter,
        options: { uiConfig: { boardTitle: 'Rapport queues' } },
      });
      await dashboard.register(serverAdapter.registerPlugin(), { prefix: '/admin/queues' });
    });
  });
}
