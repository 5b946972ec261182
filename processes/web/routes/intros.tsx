import type { FastifyInstance } from 'fastify';
import { markIntroSent } from '../../../db/queries/intros.ts';
import { pathTo, publicPaths } from '../../../domain/public-links.ts';
import type { AppContext } from '../../../runtime/context.ts';
import { resolveToken } from '../../../services/actions/tokens.ts';
import { checkCsrf } from '../kit/csrf.ts';
import { perLinkRateLimit } from '../kit/rate-limits.ts';
import { invalidLink, sendHtml } from '../kit/responses.tsx';
import { MessagePage } from '../pages/components.tsx';
import { renderPage } from '../pages/page.tsx';

/**
 * What happens to an introduction after its draft: "I sent it" on the saved page marks the request
 * sent, so the follow-ups count from then. Only a POST with the page's form token changes anything
 * (there is no GET: link scanners open every link); the digest link authorises it, and only a request
 * drafted from that digest, the link's subscriber's own, can change. Posting twice records it once.
 */
export async function introRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const secrets = ctx.config.tokenSecrets;
  const linkRoute = { config: { rateLimit: perLinkRateLimit } };

  app.post<{ Params: { token: string }; Body: Record<string, unknown> }>(publicPaths.introSent, linkRoute, async (req, reply) => {
    const link = await resolveToken(ctx.db, secrets, req.params.token, ['digest']);
    if (!link?.digestId) return invalidLink(reply);
    const answers = pathTo('answers', { token: req.params.token });
    const body = req.body ?? {};
    if (!checkCsrf(secrets, req.params.token, body.csrf)) {
      const page = MessagePage({
        title: 'Please try again',
        children: (
          <p>
            This form was not sent from the page we showed you, or it was open for too long. <a href={answers}>Open your answers again</a>.
          </p>
        ),
      });
      return sendHtml(reply, renderPage(page), 403);
    }
    const item = typeof body.item === 'string' && /^\d{1,3}$/.test(body.item) ? Number(body.item) : null;
    const marked = item === null ? 'missing' : await markIntroSent(ctx.db, { subscriberId: link.subscriberId, digestId: link.digestId, item, source: 'web' });
    if (marked === 'missing') {
      const page = MessagePage({ title: 'Nothing to mark', children: <p>This digest has no drafted introduction with that number. <a href={answers}>Back to all answers</a></p> });
      return sendHtml(reply, renderPage(page), 404);
    }
    const page = MessagePage({
      title: 'Marked as sent',
      children: (
        <p>
          {marked === 'sent' ? 'Noted: you sent it.' : 'It was already marked as sent.'} In a week your digest asks what came of it. <a href={answers}>Back to all answers</a>
        </p>
      ),
    });
    return sendHtml(reply, renderPage(page));
  });
}
