import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { introDrafts } from '../../../db/queries/answers.ts';
import { progressNow } from '../../../db/queries/digests.ts';
import { answerOutcomes, isTieAnswer, ITEM_ANSWERS, itemAnswerSchema, type ItemAnswer, type TieAnswer } from '../../../domain/digest-items/index.ts';
import { ProgressChart, progressView } from '../../../emails/components/progress-chart.tsx';
import { renderToStaticMarkup } from 'react-dom/server';
import { displayName } from '../../../emails/display-name.ts';
import { profileLink } from '../../../emails/profile-link.ts';
import { answerPeople, applyAnswers, itemsForReview, undoAnswer, undoPersonAnswer, type UndoResult } from '../../../services/actions/apply-answers.ts';
import { unreviewedAtTarget } from '../../../services/actions/people-at-target.ts';
import { shortWeekLabel } from '../../../services/digest/compose.ts';
import { resolveToken } from '../../../services/actions/tokens.ts';
import type { AppContext } from '../../../runtime/context.ts';
import { checkCsrf, csrfFor } from '../kit/csrf.ts';
import { perLinkRateLimit } from '../kit/rate-limits.ts';
import { MessagePage } from '../pages/components.tsx';
import { invalidLink, sendHtml, wantsJson } from '../kit/responses.tsx';
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

/** The chart as it stands after a script's save or undo, for the page to show in place of the one it opened with. */
async function chartNow(db: AppContext['db'], subscriberId: string): Promise<string> {
  return renderToStaticMarkup(<ProgressChart view={webProgress(await progressNow(db, subscriberId))} />);
}

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

/** The answers a review form's fields give, and the fields that name no item or no answer, in words. */
function answersInForm(body: Record<string, unknown>) {
  const answers: Array<{ item: number; answer: ItemAnswer }> = [];
  const people: Array<{ connectionId: string; tie: TieAnswer }> = [];
  const unreadable: Array<{ item: number | null; message: string }> = [];
  for (const [key, value] of Object.entries(body)) {
    if (value === '' || key === 'csrf') continue;
    if (/^item_\d{1,3}$/.test(key)) {
      const item = Number(key.slice(5));
      const answer = itemAnswerSchema.safeParse(value);
      if (answer.success) answers.push({ item, answer: answer.data });
      else unreadable.push({ item, message: `Item ${item}: that is not one of the answers (${ITEM_ANSWERS.join(', ')}).` });
    } else if (PERSON_FIELD.test(key)) {
      const tie = tieAnswerSchema.safeParse(value);
      if (tie.success) people.push({ connectionId: key.slice('person_'.length), tie: tie.data });
      else unreadable.push({ item: null, message: 'An answer about a person was not one of known, known well or don\'t know.' });
    } else if (/^(item|person)_/.test(key)) {
      unreadable.push({ item: null, message: 'An answer named an item that is not on this page.' });
    }
  }
  return { answers, people, unreadable };
}

/** The words a script shows for a refused request, with the status the page would have had. */
const jsonRefusal = (reply: FastifyReply, status: number, error: string) => reply.code(status).header('cache-control', 'no-store').send({ error });
const INVALID_LINK_WORDS = 'This link no longer works. Your latest digest has fresh links.';
const EXPIRED_FORM_WORDS = 'Not saved: this page was open for too long, or the answer did not come from it. Reload the page and choose again.';

/**
 * Action links from the digest. GET (and HEAD, which Fastify derives from it) only shows the
 * review page: link scanners open every link and some run scripts, so nothing changes until the
 * page's form is posted. Posting is idempotent and every answer can be undone.
 *
 * The page's script (review.js) posts the same forms, one item at a time, asking for JSON
 * (`Accept: application/json`): the same form token, limits and checks, answered in JSON words.
 */
export async function actionRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const secrets = ctx.config.tokenSecrets;
  const linkRoute = { config: { rateLimit: perLinkRateLimit } };

  for (const name of ['copy.js', 'review.js']) {
    const script = await readFile(path.join(import.meta.dirname, '../static', name));
    app.get(`/static/${name}`, async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(script));
  }

  /** The digest a link answers and the review page's own address, or null for the generic invalid page. */
  async function digestLink(token: string) {
    const link = await resolveToken(ctx.db, secrets, token, ['digest']);
    return link?.digestId ? { subscriberId: link.subscriberId, digestId: link.digestId, action: pathTo('answers', { token }) } : null;
  }

  /** A post whose form token does not check out changes nothing and leads back to the page. */
  const expiredForm = (req: FastifyRequest, reply: FastifyReply, action: string) =>
    wantsJson(req)
      ? jsonRefusal(reply, 403, EXPIRED_FORM_WORDS)
      : sendHtml(reply, renderPage(MessagePage({ title: 'Please try again', children: <ExpiredForm action={action} /> })), 403);
  const noLink = (req: FastifyRequest, reply: FastifyReply) => (wantsJson(req) ? jsonRefusal(reply, 404, INVALID_LINK_WORDS) : invalidLink(reply));

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
    const undoAction = pathTo('undoAnswer', { token: req.params.token });
    return sendHtml(reply, renderPage(ReviewPage({ action: link.action, undoAction, csrf, items, preselect: preselection(req.query), progress: webProgress(progress), target })));
  });

  app.post<{ Params: { token: string }; Body: Record<string, unknown> }>(publicPaths.answers, linkRoute, async (req, reply) => {
    const link = await digestLink(req.params.token);
    if (!link) return noLink(req, reply);
    const body = req.body ?? {};
    if (!checkCsrf(secrets, req.params.token, body.csrf)) return expiredForm(req, reply, link.action);
    const { answers, people, unreadable } = answersInForm(body);
    const json = wantsJson(req);
    if (json && answers.length === 0 && people.length === 0 && unreadable.length === 0) return jsonRefusal(reply, 400, 'There was no answer to save.');
    const result = await applyAnswers(ctx.db, { subscriberId: link.subscriberId, digestId: link.digestId, answers, source: 'web' });
    const peopleSaved = await answerPeople(ctx.db, { subscriberId: link.subscriberId, digestId: link.digestId, answers: people });
    if (json) {
      const saved = result.applied.map((a) => ({ item: a.item, answer: a.answer, outcome: answerOutcomes[a.answer], before: a.before, changed: a.changed, title: a.shown.title }));
      const rejected = [...unreadable, ...result.rejected.map((r) => ({ item: r.item, message: `Item ${r.item}: ${r.reason}.` }))];
      // One answer per person, the last given, as answerPeople applies them.
      const peopleAnswered = [...new Map(people.map((p) => [p.connectionId, p.tie]))].map(([person, answer]) => ({ person, answer, outcome: answerOutcomes[answer] }));
      const nothingTaken = saved.length === 0 && peopleAnswered.length === 0;
      const changed = saved.some((a) => a.changed) || peopleSaved > 0;
      return reply
        .code(nothingTaken ? 422 : 200)
        .header('cache-control', 'no-store')
        .send({ saved, people: peopleAnswered, peopleChanged: peopleSaved, rejected, chart: changed ? await chartNow(ctx.db, link.subscriberId) : null });
    }
    // Each round trip to Postgres costs milliseconds under load: drafts are read only when an answer asked for one.
    const drafts = result.applied.some((a) => a.answer === 'intro') ? await introDrafts(ctx.db, link.digestId) : [];
    const saved = result.applied.map((a) => ({
      number: a.item,
      title: a.shown.title,
      answer: a.answer,
      draft: a.answer === 'intro' ? draftView(drafts.find((d) => d.item_number === a.item)) : null,
    }));
    const rejected = [...unreadable.map((u) => u.message), ...result.rejected.map((r) => `Item ${r.item}: ${r.reason}.`)];
    const csrf = csrfFor(secrets, req.params.token);
    return sendHtml(reply, renderPage(SavedPage({ action: link.action, undoAction: pathTo('undoAnswer', { token: req.params.token }), csrf, saved, peopleSaved, rejected })));
  });

  app.post<{ Params: { token: string }; Body: Record<string, unknown> }>(publicPaths.undoAnswer, linkRoute, async (req, reply) => {
    const link = await digestLink(req.params.token);
    if (!link) return noLink(req, reply);
    const body = req.body ?? {};
    if (!checkCsrf(secrets, req.params.token, body.csrf)) return expiredForm(req, reply, link.action);
    // A person answered on the page's list of people at a target (the page's script only).
    if (typeof body.person === 'string' && wantsJson(req)) {
      if (!PERSON_FIELD.test(`person_${body.person}`)) return jsonRefusal(reply, 400, 'Nothing was undone: that is not a person on this page.');
      const undone = await undoPersonAnswer(ctx.db, { subscriberId: link.subscriberId, digestId: link.digestId, connectionId: body.person });
      const restored = undone.status === 'undone' ? undone.restored : null;
      return reply.header('cache-control', 'no-store').send({
        status: undone.status,
        person: body.person,
        restored,
        outcome: restored ? answerOutcomes[restored] : null,
        message: PERSON_UNDO_WORDS[undone.status](restored),
        chart: undone.status === 'undone' ? await chartNow(ctx.db, link.subscriberId) : null,
      });
    }
    const item = Number(body.item);
    const valid = typeof body.item === 'string' && /^\d{1,3}$/.test(body.item) && item > 0;
    if (wantsJson(req) && !valid) return jsonRefusal(reply, 400, 'Nothing was undone: that is not an item number on this page.');
    const result = Number.isInteger(item) && item > 0 && item < 1000 ? await undoAnswer(ctx.db, { subscriberId: link.subscriberId, digestId: link.digestId, item }) : ({ status: 'nothing' } as const);
    if (wantsJson(req)) {
      const restored = result.status === 'undone' ? result.restored : null;
      return reply
        .header('cache-control', 'no-store')
        .send({
          status: result.status,
          item,
          restored,
          outcome: restored ? answerOutcomes[restored] : null,
          title: UNDO_TITLES[result.status],
          message: undoWords(result, item),
          chart: result.status === 'undone' ? await chartNow(ctx.db, link.subscriberId) : null,
        });
    }
    const page = MessagePage({ title: UNDO_TITLES[result.status], children: <p>{undoWords(result, item)} <a href={link.action}>Back to all answers</a></p> });
    return sendHtml(reply, renderPage(page));
  });
}

const PERSON_UNDO_WORDS = {
  undone: (restored: ItemAnswer | null) => (restored ? `Back to "${answerOutcomes[restored]}".` : 'Unanswered again.'),
  nothing: () => 'There was no answer to undo.',
  'answered-since': () => 'You answered about this person again since, so that newer answer stays.',
} as const;

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
