import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { listMailbox, readMailboxMessage } from '../../../services/mail/dev-mailbox.ts';
import { MailboxListPage, MailboxMessagePage } from '../pages/mailbox.tsx';
import { renderPage } from '../pages/page.tsx';

/** Only mounted when no SMTP server is configured: the mailbox is a development tool. */
export async function devMailboxRoutes(app: FastifyInstance, options: { dir: string }) {
  app.get('/dev/mailbox', async (_req, reply) => {
    const entries = await listMailbox(options.dir);
    return reply.type('text/html; charset=utf-8').send(renderPage(MailboxListPage({ entries })));
  });

  app.get<{ Params: { file: string } }>('/dev/mailbox/:file', async (req, reply) => {
    const message = await readMailboxMessage(options.dir, req.params.file);
    if (!message) return reply.code(404).type('text/plain').send('No such message.');
    return reply.type('text/html; charset=utf-8').send(renderPage(MailboxMessagePage({ message })));
  });

  app.get<{ Params: { file: string } }>('/dev/mailbox/:file/raw', async (req, reply) => {
    if (!/^[\w.-]+\.eml$/.test(req.params.file)) return reply.code(404).send('No such message.');
    try {
      const raw = await readFile(path.join(options.dir, req.params.file));
      return reply.type('text/plain; charset=utf-8').send(raw);
    } catch {
      return reply.code(404).type('text/plain').send('No such message.');
    }
  });
}
