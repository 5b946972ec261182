import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ReactNode } from 'react';
import { answerBatch } from '../../../db/queries/answers.ts';
import { answerOutcomes, readItemContent, shownName, type DigestItemKind, type ItemAnswer } from '../../../domain/digest-items/index.ts';
import { pathTo, publicPaths } from '../../../domain/public-links.ts';
import type { AppContext } from '../../../runtime/context.ts';
import { undoBatch } from '../../../services/actions/apply-answers.ts';
import { resolveToken } from '../../../services/actions/tokens.ts';
import { checkCsrf, csrfFor } from '../kit/csrf.ts';
import { perLinkRateLimit } from '../kit/rate-limits.ts';
import { invalidLink, sendHtml } from '../kit/responses.tsx';
import { CsrfField, MessagePage } from '../pages/components.tsx';
import { renderPage } from '../pages/page.tsx';

/**
 * A receipt's "Undo this reply": the GET shows what the reply changed and one button (scanners open
 * every link, so only the POST takes anything back); the POST takes back exactly that reply's
 * answers, keeping any item answered again since. Its token names the batch and its subscriber.
 */
export async function undoReplyRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const secrets = ctx.config.tokenSecrets;
  const linkRoute = { config: { rateLimit: perLinkRateLimit } };

  async function batchLink(token: string) {
    const link = await resolveToken(ctx.db, secrets, token, ['digest']);
    if (!link?.answerBatchId) return null;
    const batch = await answerBatch(ctx.db, { subscriberId: link.subscriberId, batchId: link.answerBatchId });
    return batch ? { subscriberId: link.subscriberId, batch, action: pathTo('undoReply', { token }) } : null;
  }

  app.get<{ Params: { token: string } }>(publicPaths.undoReply, linkRoute, async (req, reply) => {
    const link = await batchLink(req.params.token);
    if (!link) return invalidLink(reply);
    const standing = link.batch.answers.filter((a) => !a.undone_at);
    if (link.batch.undone_at || standing.length === 0) return page(reply, 'Already taken back', <p>The answers of that reply were taken back already. Nothing to do.</p>);
    return page(
      reply,
      'Take back this reply?',
      <form method="post" action={link.action}>
        <CsrfField value={csrfFor(secrets, req.params.token)} />
        <p>{standing.length === 1 ? 'It gave this answer:' : `It gave these ${standing.length} answers:`}</p>
        <ul>
          {standing.map((a) => (
            <li key={a.item_number}>
              <bdi>{answerLine(a)}</bdi>
            </li>
          ))}
        </ul>
        <p>Each goes back to what it was before, unless you have answered about that person again since.</p>
        <button type="submit">Take these answers back</button>
      </form>,
    );
  });

  app.post<{ Params: { token: string }; Body: Record<string, unknown> }>(publicPaths.undoReply, linkRoute, async (req, reply) => {
    const link = await batchLink(req.params.token);
    if (!link) return invalidLink(reply);
    if (!checkCsrf(secrets, req.params.token, (req.body ?? {}).csrf)) {
      return page(reply, 'Please try again', <p>This form was open for too long or did not come from our page. Open the link in your receipt again.</p>, 403);
    }
    const result = await undoBatch(ctx.db, { subscriberId: link.subscriberId, batchId: link.batch.id });
    if (!result.found) return page(reply, 'Already taken back', <p>The answers of that reply were taken back already. Nothing changed.</p>);
    const name = (s: { name: string | null; title: string }) => s.name ?? s.title;
    return page(
      reply,
      'Taken back',
      <>
        {result.undone.length ? (
          <ul>
            {result.undone.map((u) => (
              <li key={u.item}>
                <bdi>{`${u.item}. ${name(u.shown)}`}</bdi>: back to what it was
              </li>
            ))}
          </ul>
        ) : null}
        {result.kept.length ? (
          <p>
            {`Kept as you answered since: `}
            <bdi>{result.kept.map((k) => `${k.item}. ${name(k.shown)}`).join(', ')}</bdi>.
          </p>
        ) : null}
      </>,
    );
  });
}

function page(reply: FastifyReply, title: string, children: ReactNode, status = 200) {
  return sendHtml(reply, renderPage(MessagePage({ title, children })), status);
}

/** "3. Sofia Hansen: known", as the receipt said it. */
function answerLine(a: { item_number: number; answer: string; kind: DigestItemKind; payload: unknown }) {
  const content = readItemContent(a);
  return `${a.item_number}. ${shownName(content) ?? content.payload.title}: ${answerOutcomes[a.answer as ItemAnswer]}`;
}
