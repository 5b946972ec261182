import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { resolveToken } from '../../../services/actions/tokens.ts';
import { pauseDigests, unsubscribe } from '../../../services/actions/subscription.ts';
import type { AppContext } from '../../../runtime/context.ts';
import { checkCsrf, csrfFor, fromOtherSite } from '../kit/csrf.ts';
import { answerOtherSitePost } from '../kit/error-pages.tsx';
import { CsrfField, MessagePage } from '../pages/components.tsx';
import { renderPage } from '../pages/page.tsx';
import { perLinkRateLimit } from '../kit/rate-limits.ts';
import { invalidLink, sendHtml } from '../kit/responses.tsx';
import { pathTo, publicPaths } from '../../../domain/public-links.ts';

/** How long a break the unsubscribe page offers, in weeks. */
const PAUSE_CHOICES = [2, 4, 8, 12];

/**
 * RFC 8058 one-click unsubscribe. Mail clients POST `List-Unsubscribe=One-Click` (urlencoded or
 * multipart) with no cookies; the answer is a plain 200, never a redirect. The footer link's GET
 * only shows a page with one button, since scanners open every link.
 */
export async function unsubscribeRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const secrets = ctx.config.tokenSecrets;
  await app.register(multipart, { attachFieldsToBody: 'keyValues', limits: { files: 0, fields: 5, fieldSize: 1024, parts: 5 } });

  app.get<{ Params: { token: string } }>(publicPaths.unsubscribe, { config: { rateLimit: perLinkRateLimit } }, async (req, reply) => {
    const link = await resolveToken(ctx.db, secrets, req.params.token, ['unsubscribe']);
    if (!link) return invalidLink(reply);
    return sendHtml(
      reply,
      renderPage(
        MessagePage({
          title: 'Unsubscribe from Rapport',
          children: (
            <>
              {/* A break first: most people who leave a weekly email want fewer of them, not none. */}
              <form method="post" action={pathTo('unsubscribePause', { token: req.params.token })}>
                <h2>Need a break instead?</h2>
                <p>Pause the digests and they start again by themselves, at their usual time.</p>
                <CsrfField value={csrfFor(secrets, req.params.token)} />
                <label htmlFor="weeks">Pause for</label>
                <select id="weeks" name="weeks" defaultValue="4">
                  {PAUSE_CHOICES.map((w) => (
                    <option key={w} value={w}>
                      {w} weeks
                    </option>
                  ))}
                </select>
                <button type="submit">Pause the digests</button>
              </form>
              <form method="post" action={pathTo('unsubscribe', { token: req.params.token })}>
                <h2>Or stop them</h2>
                <p>You will get no more weekly digests. You can come back at any time from the link in your last digest.</p>
                <CsrfField value={csrfFor(secrets, req.params.token)} />
                <button type="submit" className="secondary">
                  Unsubscribe
                </button>
              </form>
            </>
          ),
        }),
      ),
    );
  });

  app.post<{ Params: { token: string }; Body: Record<string, unknown> | undefined }>(publicPaths.unsubscribePause, { config: { rateLimit: perLinkRateLimit } }, async (req, reply) => {
    const link = await resolveToken(ctx.db, secrets, req.params.token, ['unsubscribe']);
    if (!link) return invalidLink(reply);
    const body = req.body ?? {};
    const weeks = Number(body.weeks);
    if (!checkCsrf(secrets, req.params.token, body.csrf) || !PAUSE_CHOICES.includes(weeks)) {
      return sendHtml(reply, renderPage(MessagePage({ title: 'Please try again', children: <p>Open the unsubscribe link from your email again and choose how long to pause.</p> })), 400);
    }
    const notice = await pauseDigests(ctx.db, link.subscriberId, weeks);
    req.log.info({ subscriberId: link.subscriberId, weeks }, 'paused from the unsubscribe page');
    return sendHtml(reply, renderPage(MessagePage({ title: 'Your digests are paused', children: <p>{notice}</p> })));
  });

  app.post<{ Params: { token: string }; Body: Record<string, unknown> | undefined }>(
    publicPaths.unsubscribe,
    // RFC 8058: mail providers post the one-click body from their servers, or from their webmail's
    // page, which is another site; the footer's button, like every other form, must be ours.
    { config: { rateLimit: perLinkRateLimit, otherSitesMayPost: 'RFC 8058 one-click unsubscribe' } },
    async (req, reply) => {
      const link = await resolveToken(ctx.db, secrets, req.params.token, ['unsubscribe']);
      if (!link) return invalidLink(reply);
      const body = req.body ?? {};
      const oneClick = body['List-Unsubscribe'] === 'One-Click';
      if (!oneClick && fromOtherSite(req, ctx.config.publicUrl)) return answerOtherSitePost(req, reply);
      if (!oneClick && !checkCsrf(secrets, req.params.token, body.csrf)) {
        return sendHtml(reply, renderPage(MessagePage({ title: 'Please try again', children: <p>Open the unsubscribe link from your email again and press the button.</p> })), 400);
      }
      await unsubscribe(ctx.db, link.subscriberId);
      req.log.info({ subscriberId: link.subscriberId, oneClick }, 'unsubscribed');
      return sendHtml(
        reply,
        renderPage(MessagePage({ title: 'You are unsubscribed', children: <p>No more digests will be sent to you. Thank you for the weeks you spent with Rapport.</p> })),
      );
    },
  );
}
