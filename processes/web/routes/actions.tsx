import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { introDrafts } from '../../../db/queries/answers.ts';
import { progressNow } from '../../../db/queries/digests.ts';
import { answerOutcomes, isTieAnswer, itemAnswerSchema, type ItemAnswer, type TieAnswer } from '../../../domain/digest-items/index.ts';
import { progressView } from '../../../emails/components/progress-chart.tsx';
import { displayName } from '../../../emails/display-name.ts';
import { profileLink } from '../../../emails/profile-link.ts';
import { answerPeople, applyAnswers, itemsForReview, undoAnswer, type UndoResult } from '../../../services/actions/apply-answers.ts';
import { unreviewedAtTarget } from '../../../services/actions/people-at-target.ts';
import { shortWeekLabel } from '../../../services/digest/compose.ts';
import { resolveToken } from '../../../services/actions/tokens.ts';
import type { AppContext } from '../../../runtime/context.ts';
import { checkCsrf, csrfFor } from '../kit/csrf.ts';
import { perLinkRateLimit } from '../kit/rate-limits.ts';
import { MessagePage } from '../pages/components.tsx';
import { invalidLink, sendHtml } from '../kit/responses.tsx';
import { renderPage } from '../pages/page.tsx';
import { ReviewPage, SavedPage } from '../pages/review.tsx';
import { pathTo, publicPaths } from '../../../domain/public-links.ts';

// A person answered by id on the review page's list of people at a target; ids are uuids.
const PERSON_FIELD = /^person_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const tieAnswerSchema = itemAnswerSchema.refine((a): a is TieAnswer => isTieAnswer(a));

/** The chart as the page draws it: larger than in the email, today's answers as the last bar. */
function webProgress({ history, now }: Awaited<ReturnType<typeof progressNow>>) {
  const weeks = [...history.map((p) => ({ label: shortWeekLabel(p.isoWeek), known: p.known, close: p.close })), { label: 'Today', known: now.known, close: now.close }];
  return progressView(weeks, now.unreviewed, WEB_CHART_HEIGHT_PX);
}
const WEB_CHART_HEIGHT_PX = 96;

/** A drafted request as the page shows it, with where to send it from. */
function draftView(draft: Awaited<ReturnType<typeof introDrafts>>[number] | undefined) {
  if (!draft) return null;
  const via = displayName(`${draft.via_first_name} ${draft.via_last_name}`);
  return { subject: draft.subject, body: draft.body, viaName: via, viaProfileUrl: profileLink(draft.via_profile_url) };
}

/** `?item=3&answer=known`, repeated for several items, or `?pick=1:known,3:close`. */
function preselection(query: Record<string, unknown>): Map<number, ItemAnswer> {
  const picks = new Map<number, ItemAnswer>();
  const items = [query.item].flat().filter(Boolean).map(String);
  const answers = [query.answer].flat().filter(Boolean).map(String);
  items.forEach((item, i) => {
    const answer = itemAnswerSchema.safeParse(answers[i] ?? answers[0]);
    if (/^\d{1,3}$/.test(item) && answer.success) picks.set(Number(item), answer.data);
  });
  for (const pair of String(query.pick ?? '').split(',')) {
    const [item, answer] = pair.split(':');
    const parsed = itemAnswerSchema.safeParse(answer);
    if (item && /^\d{1,3}$/.test(item) && parsed.success) picks.set(Number(item), parsed.data);
  }
  return picks;
}

/**
 * Action links from the digest. GET (and HEAD, which Fastify derives from it) only shows the
 * review page: link scanners open every link and some run scripts, so nothing changes until the
 * page's form is posted. Posting is idempotent and every answer can be undone.
 */
export async function actionRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const secrets = ctx.config.tokenSecrets;
  const linkRoute = { config: { rateLimit: perLinkRateLimit } };

  const copyScript = await readFile(path.join(import.meta.dirname, '../static/copy.js'));
  app.get('/static/copy.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(copyScript));

  /** The digest a link answers and the review page's own address, or null for the generic invalid page. */
  async function digestLink(token: string) {
    const link = await resolveToken(ctx.db, secrets, token, ['digest']);
    return link?.digestId ? { subscriberId: link.subscriberId, digestId: link.digestId, action: pathTo('answers', { token }) } : null;
  }

  /** A post whose form token does not check out changes nothing and leads back to the page. */
  const expiredForm = (reply: FastifyReply, action: string) =>
    sendHtml(reply, renderPage(MessagePage({ title: 'Please try again', children: <ExpiredForm action={action} /> })), 403);

  app.get<{ Params: { token: string }; Querystring: Record<string, unknown> }>(publicPaths.answers, linkRoute, async (req, reply) => {
    const link = await digestLink(req.params.token);
    if (!link) return invalidLink(reply);
    const targetValue = typeof req.query.target === 'string' ? req.query.target.slice(0, 200) : null;
    const [items, progress, target] = await Promise.all([
      itemsForReview(ctx.db, link.digestId),
      progressNow(ctx.db, link.subscriberId),
      targetValue ? unreviewedAtTarget(ctx.db, link.subscriberId, targetValue) : null,
    ]);
    const csrf = csrfFor(secrets, req.params.token);
    return sendHtml(reply, renderPage(ReviewPage({ action: link.action, csrf, items, preselect: preselection(req.query), progress: webProgress(progress), target })));
  });

  app.post<{ Params: { token: string }; Body: Record<string, unknown> }>(publicPaths.answers, linkRoute, async (req, reply) => {
    const link = await digestLink(req.params.token);
    if (!link) return invalidLink(reply);
    const body = req.body ?? {};
    if (!checkCsrf(secrets, req.params.token, body.csrf)) return expiredForm(reply, link.action);
    const answers = Object.entries(body)
      .filter(([key, value]) => /^item_\d{1,3}$/.test(key) && value !== '')
      .map(([key, value]) => ({ item: Number(key.slice(5)), answer: itemAnswerSchema.safeParse(value) }))
      .flatMap(({ item, answer }) => (answer.success ? [{ item, answer: answer.data }] : []));
    const people = Object.entries(body)
      .filter(([key, value]) => PERSON_FIELD.test(key) && value !== '')
      .flatMap(([key, value]) => {
        const tie = tieAnswerSchema.safeParse(value);
        return tie.success ? [{ connectionId: key.slice('person_'.length), tie: tie.data }] : [];
      });
    const result = await applyAnswers(ctx.db, { subscriberId: link.subscriberId, digestId: link.digestId, answers, source: 'web' });
    const peopleSaved = await answerPeople(ctx.db, { subscriberId: link.subscriberId, digestId: link.digestId, answers: people });
    // Each round trip to Postgres costs milliseconds under load: drafts are read only when an answer asked for one.
    const drafts = result.applied.some((a) => a.answer === 'intro') ? await introDrafts(ctx.db, link.digestId) : [];
    const saved = result.applied.map((a) => ({
      number: a.item,
      title: a.shown.title,
      answer: a.answer,
      draft: a.answer === 'intro' ? draftView(drafts.find((d) => d.item_number === a.item)) : null,
    }));
    const rejected = result.rejected.map((r) => `Item ${r.item}: ${r.reason}.`);
    const csrf = csrfFor(secrets, req.params.token);
    return sendHtml(reply, renderPage(SavedPage({ action: link.action, undoAction: pathTo('undoAnswer', { token: req.params.token }), csrf, saved, peopleSaved, rejected })));
  });

  app.post<{ Params: { token: string }; Body: Record<string, unknown> }>(publicPaths.undoAnswer, linkRoute, async (req, reply) => {
    const link = await digestLink(req.params.token);
    if (!link) return invalidLink(reply);
    const body = req.body ?? {};
    if (!checkCsrf(secrets, req.params.token, body.csrf)) return expiredForm(reply, link.action);
    const item = Number(body.item);
    const result = Number.isInteger(item) && item > 0 && item < 1000 ? await undoAnswer(ctx.db, { subscriberId: link.subscriberId, digestId: link.digestId, item }) : ({ status: 'nothing' } as const);
    const page = MessagePage({ title: UNDO_TITLES[result.status], children: <p>{undoWords(result, item)} <a href={link.action}>Back to all answers</a></p> });
    return sendHtml(reply, renderPage(page));
  });
}

const UNDO_TITLES = { undone: 'Undone', nothing: 'Nothing to undo', 'answered-since': 'Kept your newer answer' } as const;

/** What an undo did, in a sentence naming the item. */
function undoWords(result: UndoResult, item: number): string {
  switch (result.status) {
    case 'undone':
      return result.restored ? `Item ${item} is back to "${answerOutcomes[result.restored]}".` : `Item ${item} is unanswered again.`;
    case 'answered-since':
      return `You answered about ${result.shown.name ?? result.shown.title} again since, so that newer answer stays.`;
    case 'nothing':
      return `Item ${Number.isInteger(item) ? item : '?'} had no answer to undo.`;
  }
}

function ExpiredForm({ action }: { action: string }) {
  return (
    <p>
      This form was not sent from the page we showed you, or it was open for too long. <a href={action}>Open your answers again</a>.
    </p>
  );
}
