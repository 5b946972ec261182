import type { FastifyInstance, FastifyReply } from 'fastify';
import { dataCounts } from '../../account/data-counts.ts';
import { collectSubscriberData, connectionsCsv } from '../../account/data-export.ts';
import { eraseSubscriber } from '../../account/erase.ts';
import { resolveToken } from '../../actions/tokens.ts';
import type { AppContext } from '../../app/context.ts';
import { checkCsrf, csrfFor } from '../csrf.ts';
import { MessagePage } from '../pages/components.tsx';
import { ErasedPage, MyDataPage } from '../pages/my-data.tsx';
import { renderPage } from '../pages/page.tsx';
import { invalidLink, perLinkRateLimit, sendHtml } from './actions.tsx';

type Params = { Params: { token: string }; Body: Record<string, unknown> | undefined };

/** Building a download reads every row the subscriber has: a few a minute is plenty for a person. */
const downloadRateLimit = { ...perLinkRateLimit, max: 10 };

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Access and erasure (GDPR Art. 15, 17), reached from the settings page with the same link. The
 * downloads are GETs that change nothing; erasing is a POST with an explicit confirmation.
 */
export async function myDataRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const secrets = ctx.config.tokenSecrets;
  const resolve = (token: string) => resolveToken(ctx.db, secrets, token, ['digest']);

  const page = async (reply: FastifyReply, token: string, subscriberId: string, error?: string) => {
    const counts = await dataCounts(ctx.db, subscriberId);
    const view = MyDataPage({ base: `/my-data/${token}`, settingsUrl: `/preferences/${token}`, csrf: csrfFor(secrets, token), counts, error });
    return sendHtml(reply, renderPage(view), error ? 400 : 200);
  };

  const download = (reply: FastifyReply, fileName: string, type: string, body: string) =>
    reply.header('cache-control', 'no-store').header('content-disposition', `attachment; filename="${fileName}"`).type(type).send(body);

  app.get<Params>('/my-data/:token', { config: { rateLimit: perLinkRateLimit } }, async (req, reply) => {
    const link = await resolve(req.params.token);
    if (!link) return invalidLink(reply);
    return page(reply, req.params.token, link.subscriberId);
  });

  app.get<Params>('/my-data/:token/rapport-data.json', { config: { rateLimit: downloadRateLimit } }, async (req, reply) => {
    const link = await resolve(req.params.token);
    if (!link) return invalidLink(reply);
    const data = await collectSubscriberData(ctx.db, link.subscriberId);
    if (!data) return invalidLink(reply);
    return download(reply, `rapport-data-${today()}.json`, 'application/json; charset=utf-8', JSON.stringify(data, null, 2));
  });

  app.get<Params>('/my-data/:token/connections.csv', { config: { rateLimit: downloadRateLimit } }, async (req, reply) => {
    const link = await resolve(req.params.token);
    if (!link) return invalidLink(reply);
    return download(reply, `rapport-connections-${today()}.csv`, 'text/csv; charset=utf-8', await connectionsCsv(ctx.db, link.subscriberId));
  });

  app.post<Params>('/my-data/:token/erase', { config: { rateLimit: perLinkRateLimit } }, async (req, reply) => {
    const token = req.params.token;
    const link = await resolve(token);
    if (!link) return invalidLink(reply);
    if (!checkCsrf(secrets, token, req.body?.csrf)) {
      const again = <p>This form was open too long, or did not come from our page. Nothing was erased. <a href={`/my-data/${token}`}>Open your data page again</a>.</p>;
      return sendHtml(reply, renderPage(MessagePage({ title: 'Please try again', children: again })), 403);
    }
    if (req.body?.confirm !== 'erase') return page(reply, token, link.subscriberId, 'Tick the box to confirm that you want everything erased. Nothing was erased yet.');
    const result = await eraseSubscriber(ctx, link.subscriberId);
    req.log.info({ erased: result && { ...result, jobsLeft: result.jobsLeft.length } }, 'subscriber erased');
    return sendHtml(reply, renderPage(ErasedPage()));
  });
}
