import { STATUS_CODES } from 'node:http';
import { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** Security headers for answers written straight to the socket, where onSend hooks do not run. */
    rawAnswerHeaders: Record<string, string>;
  }
  interface FastifyContextConfig {
    /** The answer for a body over this route's bodyLimit, when the route has words of its own for it. */
    bodyTooLarge?: (req: FastifyRequest) => { type: string; body: string };
  }
}

/** How long a refused client gets to read the answer before the connection is cut. */
const LINGER_MS = 2_000;

/**
 * Answers a request whose body is too large and stops reading it. Left to itself, Node reads an
 * unread body to its end after the answer (to reuse the connection), so a client could make the
 * server swallow a gigabyte. Here the answer is written straight to the socket with
 * `Connection: close`, nothing more is read (the socket is paused, the parser fed no further),
 * and the connection is dropped once the client has had time to read the answer: closing at once
 * with data unread would reset the connection and lose the answer on the client's side.
 */
export function refuseUnreadBody(req: FastifyRequest, reply: FastifyReply, answer: { type: string; body: string }, status = 413): FastifyReply {
  const socket = req.raw.socket;
  // Injected requests (app.inject) have no connection to keep from reading: answer them plainly.
  if (!(socket instanceof Socket)) return reply.code(status).header('cache-control', 'no-store').type(answer.type).send(answer.body);
  reply.hijack();
  req.raw.unpipe();
  socket.pause();
  const body = Buffer.from(answer.body);
  const headers: Record<string, string | number> = {
    ...req.server.rawAnswerHeaders,
    'content-type': answer.type,
    'content-length': body.length,
    'cache-control': 'no-store',
    connection: 'close',
  };
  const head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Refused'}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
  req.log.info({ statusCode: status, declaredLength: req.headers['content-length'] ?? null, bytesRead: socket.bytesRead }, 'request body refused');
  socket.end(Buffer.concat([Buffer.from(head), body]));
  const cut = setTimeout(() => socket.destroy(), LINGER_MS);
  cut.unref();
  socket.once('close', () => clearTimeout(cut));
  return reply;
}

/**
 * Refuses a declared Content-Length over the route's bodyLimit before a byte of the body is read
 * (Fastify's own check comes only when a parser starts, and multipart routes have none). Bodies
 * without a length are cut where they cross the limit: by Fastify's parser (its 413 reaches
 * refuseUnreadBody through the error handler) or by the upload route's file size limit.
 */
export function refuseOversizedBodies(app: FastifyInstance, headers: Record<string, string>, answer: (req: FastifyRequest) => { type: string; body: string }) {
  app.decorate('rawAnswerHeaders', headers);
  app.addHook('onRequest', async (req, reply) => {
    const declared = Number(req.headers['content-length']);
    if (!Number.isFinite(declared) || declared <= req.routeOptions.bodyLimit) return;
    const tooLarge = req.routeOptions.config.bodyTooLarge ?? answer;
    return refuseUnreadBody(req, reply, tooLarge(req));
  });
}
