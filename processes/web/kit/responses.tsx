import type { FastifyReply, FastifyRequest } from 'fastify';
import { InvalidLinkPage } from '../pages/components.tsx';
import { renderPage } from '../pages/page.tsx';

/**
 * The answers every route shares. Pages carry subscriber data and live links, so no cache keeps
 * them; every bad, expired or revoked link gets the one generic page, which tells an attacker nothing.
 */
export function sendHtml(reply: FastifyReply, html: string, status = 200) {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

export function invalidLink(reply: FastifyReply) {
  return sendHtml(reply, renderPage(InvalidLinkPage()), 404);
}

/** A script or a machine asked (Accept names JSON): answer in JSON words, not a page. */
export const wantsJson = (req: FastifyRequest) => (req.headers.accept ?? '').includes('application/json');
