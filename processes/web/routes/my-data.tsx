import type { FastifyInstance, FastifyReply } from 'fastify';
import { countSubscriberData } from '../../../db/queries/data-export.ts';
import { collectSubscriberData, connectionsCsv } from '../../../services/account/data-export.ts';
import { eraseSubscriber } from '../../../services/account/erase.ts';
import type { Session } from '../../../services/account/sessions.ts';
import type { AppContext } from '../../../runtime/context.ts';
import { ErasedPage, MyDataPage } from '../pages/my-data.tsx';
import { renderPage } from '../pages/page.tsx';
import { accountLinkGate, sessionRateLimit, signedInPost, toSignIn, type SignedInBody, type TokenParams } from '../kit/account-access.tsx';
import { clearSessionCookie, sessionCsrf, sessionOf } from '../kit/session.ts';
import { perLinkRateLimit } from '../kit/rate-limits.ts';
import { sendHtml } from '../kit/responses.tsx';
import { publicPaths } from '../../../domain/public-links.ts';

type Params = TokenParams;
type Body = SignedInBody;

/** Building a download reads every row the subscriber has: a few a minute is plenty for a person. */
const downloadRateLimit = { max: 10, timeWindow: '1 minute' };

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Access and erasure (GDPR Art. 15, 17), for a signed-in browser only: a forwarded digest's link
 * leads to the sign-in (accountLinkGate). The downloads are GETs that change nothing; erasing is a
 * POST with an explicit confirmation.
 */
export async function myDataRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const page = async (reply: FastifyReply, session: Session, error?: string) => {
    const counts = await countSubscriberData(ctx.db, session.subscriberId);
    const view = MyDataPage({ base: '/my-data', settingsUrl: '/settings', csrf: sessionCsrf(ctx.config, session), counts, error });
    return sendHtml(reply, renderPage(view), error ? 400 : 200);
  };

  const download = (reply: FastifyReply, fileName: string, type: string, body: string) =>
    reply.header('cache-control', 'no-store').header('content-disposition', `attachment; filename="${fileName}"`).type(type).send(body);

  app.get<Params>(publicPaths.myData, { config: { rateLimit: perLinkRateLimit } }, (req, reply) => accountLinkGate(ctx, req, reply, '/my-data'));

  app.get('/my-data', { config: { rateLimit: sessionRateLimit } }, async (req, reply) => {
    const session = await sessionOf(req, ctx);
    return session ? page(reply, session) : toSignIn(reply);
  });

  app.get('/my-data/rapport-data.json', { config: { rateLimit: downloadRateLimit } }, async (req, reply) => {
    const session = await sessionOf(req, ctx);
    if (!session) return toSignIn(reply);
    const data = await collectSubscriberData(ctx.db, session.subscriberId);
    if (!data) return toSignIn(reply);
    return download(reply, `rapport-data-${today()}.json`, 'application/json; charset=utf-8', JSON.stringify(data, null, 2));
  });

  app.get('/my-data/connections.csv', { config: { rateLimit: downloadRateLimit } }, async (req, reply) => {
    const session = await sessionOf(req, ctx);
    if (!session) return toSignIn(reply);
    return download(reply, `rapport-connections-${today()}.csv`, 'text/csv; charset=utf-8', await connectionsCsv(ctx.db, session.subscriberId));
  });

  app.post<Body>('/my-data/erase', { config: { rateLimit: sessionRateLimit } }, async (req, reply) => {
    const session = await signedInPost(ctx, req, reply, '/my-data');
    if (!session) return reply;
    if (req.body?.confirm !== 'erase') return page(reply, session, 'Tick the box to confirm that you want everything erased. Nothing was erased yet.');
    const result = await eraseSubscriber(ctx, session.subscriberId);
    req.log.info({ erased: result && { ...result, jobsLeft: result.jobsLeft.length } }, 'subscriber erased');
    // The session row went with the subscriber; the cookie goes too.
    return sendHtml(clearSessionCookie(reply, ctx.config), renderPage(ErasedPage()));
  });
}
