import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../runtime/context.ts';
import { readMailboxMessage } from '../../../services/mail/dev-mailbox.ts';
import { DEV_MAILBOX_CHECK } from '../../../services/inbound/sender-check.ts';
import { storeInbound } from '../../../services/mail/inbound-store.ts';
import { mailboxDir } from '../../../services/mail/transport.ts';
import { checkCsrf, csrfFor } from '../kit/csrf.ts';
import { composeDevReply } from '../dev-reply.ts';
import { DevReplyPage, DevReplySentPage } from '../pages/mailbox-reply.tsx';
import { renderPage } from '../pages/page.tsx';
import { sendHtml } from '../kit/responses.tsx';

type Params = { Params: { file: string }; Body: Record<string, unknown> | undefined };

const MAX_REPLY_CHARS = 20_000;

/**
 * Answering a message in the dev mailbox: the reply is stored and enqueued exactly as the mx
 * process stores real mail, so the whole reply path can be tried without an SMTP server. Mounted
 * only with the dev mailbox.
 */
export async function devMailboxReplyRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const dir = mailboxDir(ctx.config.varDir);
  const secrets = ctx.config.tokenSecrets;
  const csrfScope = (file: string) => `dev-mailbox:${file}`;
  const action = (file: string) => `/dev/mailbox/${encodeURIComponent(file)}/reply`;

  app.get<Params>('/dev/mailbox/:file/reply', async (req, reply) => {
    const message = await readMailboxMessage(dir, req.params.file);
    if (!message) return reply.code(404).type('text/plain').send('No such message.');
    return sendHtml(reply, renderPage(DevReplyPage({ message, action: action(message.file), csrf: csrfFor(secrets, csrfScope(message.file)) })));
  });

  app.post<Params>('/dev/mailbox/:file/reply', async (req, reply) => {
    const message = await readMailboxMessage(dir, req.params.file);
    if (!message) return reply.code(404).type('text/plain').send('No such message.');
    const csrf = csrfFor(secrets, csrfScope(message.file));
    const body = typeof req.body?.body === 'string' ? req.body.body : '';
    const again = (error: string, status: number) =>
      sendHtml(reply, renderPage(DevReplyPage({ message, action: action(message.file), csrf, body, error })), status);
    if (!checkCsrf(secrets, csrfScope(message.file), req.body?.csrf)) return again('This form did not come from this page. Please send it again.', 403);
    if (body.trim() === '') return again('Write something to send, for example: known 1.', 400);
    if (body.length > MAX_REPLY_CHARS) return again(`Please keep the reply under ${MAX_REPLY_CHARS.toLocaleString('en-US')} characters.`, 400);
    const composed = await composeDevReply(message, body);
    if (!composed) return again('This message has no Reply-To address, so there is nothing to reply to.', 400);
    // Marked local at the source: processing trusts that only in development mode.
    const stored = await storeInbound(ctx.db, { raw: composed.raw, via: 'dev', envelopeFrom: composed.envelopeFrom, envelopeTo: composed.envelopeTo, senderCheck: DEV_MAILBOX_CHECK });
    if (stored.pending) await ctx.queues.enqueue('inbound.process', { inboundId: stored.id });
    return sendHtml(reply, renderPage(DevReplySentPage({ file: message.file, inboundId: stored.id, duplicate: stored.duplicate })));
  });
}
