import { readFile } from 'node:fs/promises';
import path from 'node:path';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { pingDatabase } from '../../db/queries/health.ts';
import type { AppContext } from '../../runtime/context.ts';
import type { Config } from '../../runtime/config.ts';
import { mailboxDir } from '../../services/mail/transport.ts';
import { refuseOversizedBodies } from './kit/body-limits.ts';
import { refuseOtherSitesPosts } from './kit/csrf.ts';
import { answerError, answerErrorsWithPages, answerOtherSitePost, errorAnswer } from './kit/error-pages.tsx';
import { provideLinkTokenSecrets } from './kit/rate-limits.ts';
import { actionRoutes } from './routes/actions.tsx';
import { introRoutes } from './routes/intros.tsx';
import { adminRoutes } from './routes/admin.tsx';
import { devMailboxReplyRoutes } from './routes/dev-mailbox-reply.tsx';
import { devMailboxRoutes } from './routes/dev-mailbox.ts';
import { inboundWebhookRoutes } from './routes/inbound-webhook.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { myDataRoutes } from './routes/my-data.tsx';
import { signInRoutes } from './routes/sign-in.tsx';
import { signUpRoutes } from './routes/signup.tsx';
import { startRoutes } from './routes/start.tsx';
import { undoReplyRoutes } from './routes/undo-reply.tsx';
import { unsubscribeRoutes } from './routes/unsubscribe.tsx';
import { preferencesRoutes } from './routes/preferences.tsx';
import { uploadRoutes } from './routes/upload.tsx';
import { responseHeaders } from './kit/security-headers.ts';

/**
 * Fastify 5 refuses a bare hop count (it cannot tell a proxy from a client that sends enough
 * hops), so a count becomes Express's rule: trust the socket peer and the next hops-1 addresses.
 * That is right only when nothing reaches the web process except through those proxies; the docs
 * say so, and an address list is the safer choice.
 */
export function trustProxyOption(trust: Config['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust;
}

export function servesDevMailbox(ctx: Pick<AppContext, 'config' | 'mail'>): boolean {
  return ctx.config.devMode && ctx.mail.kind === 'dev-mailbox';
}

export async function buildWebApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log.child({ component: 'http' }) as FastifyBaseLogger,
    // Forms are small; uploads have their own limit on their own route.
    bodyLimit: 64 * 1024,
    // X-Forwarded-For is believed only from the proxies TRUST_PROXY names: from anyone else it would
    // let every request pick its own address and walk past the per-address limits.
    trustProxy: trustProxyOption(ctx.config.trustProxy),
    // Dev mailbox file names carry the Message-ID and run past Fastify's default of 100.
    routerOptions: { maxParamLength: 256 },
    // Errors the router raises before any route runs (bad URL, overlong parameter) get words too.
    frameworkErrors: (error, req, reply) => answerError(req, reply, error.statusCode ?? 400),
  });
  const headers = responseHeaders(ctx.config.publicUrl);
  answerErrorsWithPages(app);
  refuseOversizedBodies(app, headers, (req) => errorAnswer(req, 413));
  // Before any route, and before a body is read: a browser post from another site changes nothing.
  refuseOtherSitesPosts(app, ctx.config.publicUrl, answerOtherSitePost);
  provideLinkTokenSecrets(app, ctx.config.tokenSecrets);
  await app.register(formbody);
  // Limits are set per route (see perLinkRateLimit); pages without one are not limited.
  await app.register(rateLimit, { global: false });

  app.addHook('onSend', async (_req, reply) => {
    for (const [name, value] of Object.entries(headers)) if (!reply.hasHeader(name)) reply.header(name, value);
  });

  // The brand mark, for every page's tab (and for browsers that ask for /favicon.ico regardless): no page logs a 404 for it.
  const favicon = await readFile(path.join(import.meta.dirname, 'static/favicon.svg'));
  for (const url of ['/favicon.svg', '/favicon.ico']) {
    app.get(url, async (_req, reply) => reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(favicon));
  }

  app.get('/healthz', async (_req, reply) => {
    const checks = await Promise.allSettled([pingDatabase(ctx.db), ctx.redis.ping()]);
    const [database, redis] = checks.map((c) => (c.status === 'fulfilled' ? 'ok' : 'down'));
    const healthy = database === 'ok' && redis === 'ok';
    return reply.code(healthy ? 200 : 503).send({ status: healthy ? 'ok' : 'degraded', database, redis });
  });

  await app.register(actionRoutes, { ctx });
  await app.register(introRoutes, { ctx });
  await app.register(inboundWebhookRoutes, { ctx });
  await app.register(unsubscribeRoutes, { ctx });
  await app.register(undoReplyRoutes, { ctx });
  await app.register(uploadRoutes, { ctx });
  await app.register(preferencesRoutes, { ctx });
  await app.register(signUpRoutes, { ctx });
  await app.register(startRoutes, { ctx });
  await app.register(myDataRoutes, { ctx });
  await app.register(signInRoutes, { ctx });
  await app.register(adminRoutes, { ctx });
  await app.register(metricsRoutes, { ctx });
  // The mailbox shows every email with its links, and its reply form speaks as any subscriber: only
  // for development said out loud, never because SMTP_URL happens to be unset.
  if (servesDevMailbox(ctx)) {
    await app.register(devMailboxRoutes, { dir: mailboxDir(ctx.config.varDir) });
    await app.register(devMailboxReplyRoutes, { ctx });
  }

  return app;
}
