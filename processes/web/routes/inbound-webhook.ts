import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../runtime/context.ts';
import { checkAtWebhook } from '../../../services/inbound/sender-check.ts';
import { storeInbound } from '../../../services/mail/inbound-store.ts';
import { MAX_INBOUND_BYTES } from '../../mx/server.ts';

function sameSecret(given: string, expected: string): boolean {
  // Hash both sides so the comparison is constant-time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Inbound mail from a provider that POSTs the raw MIME message (Postmark, SendGrid, Mailgun raw
 * modes): authenticated with a shared secret, stored raw before anything else, answered 202 fast.
 * A wrong secret gets 403, which providers take as "do not retry".
 */
export async function inboundWebhookRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const secret = ctx.config.inboundWebhookSecret;
  if (!secret) return;
  app.addContentTypeParser(['message/rfc822', 'application/octet-stream', 'text/plain'], { parseAs: 'buffer', bodyLimit: MAX_INBOUND_BYTES }, (_req, body, done) =>
    done(null, body),
  );

  app.post<{ Body: Buffer }>('/inbound/webhook', { bodyLimit: MAX_INBOUND_BYTES }, async (req, reply) => {
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!sameSecret(given, secret)) return reply.code(403).send({ error: 'forbidden' });
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) return reply.code(400).send({ error: 'send the raw message as message/rfc822' });
    const envelopeTo = [req.headers['x-envelope-to']].flat().filter((v): v is string => typeof v === 'string').flatMap((v) => v.split(','));
    const envelopeFrom = typeof req.headers['x-envelope-from'] === 'string' ? req.headers['x-envelope-from'] : null;
    // We saw no SMTP session: only the provider's own Authentication-Results (when it is the
    // configured trusted authserv-id) can say who sent it; otherwise it stays not verified.
    const senderCheck = checkAtWebhook(req.body, ctx.config.inboundTrustedAuthservId);
    const stored = await storeInbound(ctx.db, { raw: req.body, via: 'webhook', envelopeFrom, envelopeTo, senderCheck });
    // If Redis is down the row is still safe: the sweeper queues it later. Say "accepted" either way.
    if (stored.pending) await ctx.queues.enqueue('inbound.process', { inboundId: stored.id }).catch((error) => req.log.warn({ err: error }, 'inbound enqueue failed; the sweeper will retry'));
    return reply.code(202).send({ id: stored.id, duplicate: stored.duplicate });
  });
}
