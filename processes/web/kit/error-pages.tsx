import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { refuseUnreadBody } from './body-limits.ts';
import { MessagePage } from '../pages/components.tsx';
import { renderPage } from '../pages/page.tsx';
import { sendHtml, wantsJson } from './responses.tsx';

const messages: Record<number, [string, string]> = {
  400: ['We could not read that', 'The page sent something we could not make sense of. Please go back and try again.'],
  404: ['Not found', 'There is no page at this address.'],
  405: ['Not allowed', 'This page cannot be used that way.'],
  413: ['That was too much', 'What you sent is larger than this page accepts. Uploads of exports have their own page and limit.'],
  414: ['That address is too long', 'The link is longer than any link we send. Please open it again from the email.'],
  415: ['We could not read that', 'The page sent data of a kind it does not accept. Please go back and try again.'],
  429: ['Please wait a moment', 'That was a lot of tries in a short time. Please wait a few minutes, then try again.'],
  431: ['We could not read that', 'The request carried more headers than we accept.'],
};

/** Machine clients (the webhook, metrics, health, scripts) get JSON; people get a page in words. */
const answersInJson = (req: FastifyRequest) => /^\/(inbound|metrics|healthz)\b/.test(req.url) || wantsJson(req);

/** The answer for an error status, as a content type and body, for replies and raw sockets alike. */
export function errorAnswer(req: FastifyRequest, status: number): { type: string; body: string } {
  const [title, text] = messages[status] ?? (status >= 500 ? ['Something went wrong on our side', 'Nothing was changed. Please try again in a little while.'] : messages[400]!);
  if (answersInJson(req)) return { type: 'application/json; charset=utf-8', body: JSON.stringify({ error: title }) };
  return { type: 'text/html; charset=utf-8', body: renderPage(MessagePage({ title, children: <p>{text}</p> })) };
}

export function answerError(req: FastifyRequest, reply: FastifyReply, status: number) {
  const answer = errorAnswer(req, status);
  if (answer.type.startsWith('application/json')) return reply.code(status).type(answer.type).send(answer.body);
  return sendHtml(reply, answer.body, status);
}

const otherSite: [string, string] = [
  'This form came from another site',
  'Nothing was changed: Rapport takes its forms only from its own pages. Open the link from your email again, or go to Rapport yourself, and press the button there.',
];

/** The 403 for a browser post from another site (see refuseOtherSitesPosts), in words. */
export function answerOtherSitePost(req: FastifyRequest, reply: FastifyReply) {
  const [title, text] = otherSite;
  if (answersInJson(req)) return reply.code(403).type('application/json; charset=utf-8').send(JSON.stringify({ error: title }));
  return sendHtml(reply, renderPage(MessagePage({ title, children: <p>{text}</p> })), 403);
}

/**
 * One error handler for the whole app: Fastify's default would show its internal error codes
 * (FST_ERR_…) and, for a bug, its message; a subscriber gets words instead, and bugs are logged.
 */
export function answerErrorsWithPages(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) req.log.error({ err: error }, 'request failed');
    // A body over its limit that is still arriving: answer and stop reading, rather than let Node
    // read the rest of it to keep the connection alive.
    if (status === 413 && !req.raw.complete) return refuseUnreadBody(req, reply, errorAnswer(req, 413));
    return answerError(req, reply, status);
  });
  app.setNotFoundHandler((req, reply) => answerError(req, reply, 404));
}
