import { createWriteStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findSubscriberExportStatus } from '../../../db/queries/exports.ts';
import type { ExportRow } from '../../../db/types.ts';
import { claimLink, resolveToken } from '../../../services/actions/tokens.ts';
import type { AppContext } from '../../../runtime/context.ts';
import { makeSpoolDir } from '../../../services/import/spool.ts';
import { storeUpload, UploadLinkSpentError } from '../../../services/import/store-upload.ts';
import { ExportError } from '../../../domain/linkedin-export/types.ts';
import { refuseUnreadBody } from '../kit/body-limits.ts';
import { checkCsrf, csrfFor } from '../kit/csrf.ts';
import { MessagePage } from '../pages/components.tsx';
import { renderPage } from '../pages/page.tsx';
import { DeadUploadLinkPage, UploadPage, UploadStatusPage, UsedUploadLinkPage } from '../pages/upload.tsx';
import { checkFormCsrf, formCsrf } from '../kit/form-csrf.ts';
import { emailSchema } from '../../../db/queries/subscribers.ts';
import { requestUploadLinkByEmail, sendFreshUploadLink } from '../../../services/account/fresh-upload-link.ts';
import { perLinkRateLimit } from '../kit/rate-limits.ts';
import { invalidLink, sendHtml, wantsJson } from '../kit/responses.tsx';
import { pathTo, publicPaths } from '../../../domain/public-links.ts';

const staticDir = path.join(import.meta.dirname, '../static');

/** An upload made from the guided start (`?next=start`, a fixed value: never a redirect target) goes on to its last step. */
const fromStart = (req: FastifyRequest) => (req.query as Record<string, unknown> | undefined)?.next === 'start';

/** Room in an upload's body beyond the file: the CSRF field, part headers and boundaries. */
const MULTIPART_OVERHEAD = 64 * 1024;

export function describeExport(row: Pick<ExportRow, 'status' | 'summary' | 'error_message'>): string {
  switch (row.status) {
    case 'pending':
      return 'Your export is uploaded and waiting its turn to be read.';
    case 'importing':
      return 'Reading your export…';
    case 'imported': {
      const s = row.summary!;
      const undated = s.unreadableDates ? ` ${s.unreadableDates} dates could not be read; those connections are kept without a date.` : '';
      return `Done: ${s.connections} connections imported (${s.newConnections} new, ${s.removedConnections} gone, ${s.jobChanges} job changes).${undated} We have emailed you a summary.`;
    }
    case 'failed':
      return row.error_message ?? 'We could not read this export.';
  }
}


/**
 * The upload link from a digest or an `upload` reply: valid 7 days, bound to one subscriber.
 * Showing the page never spends it; a successful upload does. The file is streamed to a private
 * temp file under the size limit, stored in Postgres and handed to the import job.
 */
export async function uploadRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const secrets = ctx.config.tokenSecrets;
  const maxBytes = ctx.config.maxUploadBytes;
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 3, fieldSize: 1024, parts: 5 } });

  const script = await readFile(path.join(staticDir, 'upload.js'));
  app.get('/static/upload.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(script));

  const maxMb = Math.floor(maxBytes / 1024 / 1024);
  /** The form's own address, keeping the guided start's `next` so an error shown again still leads on. */
  const uploadAction = (req: FastifyRequest, token: string) => pathTo('upload', { token }, fromStart(req) ? { next: 'start' } : {});
  const uploadPage = (req: FastifyRequest, reply: FastifyReply, token: string, error?: string, status = 200) =>
    sendHtml(reply, renderPage(UploadPage({ action: uploadAction(req, token), csrf: csrfFor(secrets, token), maxMb, error, fromStart: fromStart(req) })), status);

  const USED_LINK_WORDS = 'This upload link was used already: each works once. Open it again to have a fresh one emailed to you.';
  const DEAD_LINK_WORDS = 'This link no longer works: upload links last 7 days and work once. Open it again to have a fresh one emailed to you.';
  const usedLink = (reply: FastifyReply, token: string) =>
    sendHtml(reply, renderPage(UsedUploadLinkPage({ freshAction: pathTo('uploadFresh', { token }), csrf: csrfFor(secrets, token) })), 410);
  const deadLink = (req: FastifyRequest, reply: FastifyReply, extra: { error?: string; email?: string } = {}, status = 404) =>
    sendHtml(reply, renderPage(DeadUploadLinkPage({ action: pathTo('uploadLinkRequest', {}), csrf: formCsrf(req, reply, ctx.config), ...extra })), status);
  /** A link that resolves to nothing: the page's script gets words it can show, a browser the page with the box. */
  const refuseDeadLink = (req: FastifyRequest, reply: FastifyReply) =>
    wantsJson(req) ? reply.code(404).send({ status: 'rejected', message: DEAD_LINK_WORDS }) : deadLink(req, reply);

  /** One answer for a spent link, however the race went: the page's script gets words, a browser the page. */
  const refuseUsedLink = (req: FastifyRequest, reply: FastifyReply) =>
    wantsJson(req) ? reply.code(409).send({ status: 'rejected', message: USED_LINK_WORDS }) : usedLink(reply, (req.params as { token: string }).token);

  const failWith = (req: FastifyRequest, reply: FastifyReply, token: string, message: string, status: number) =>
    wantsJson(req) ? reply.code(status).send({ status: 'rejected', message }) : uploadPage(req, reply, token, message, status);

  const tooLargeMessage = `This file is larger than ${Math.floor(maxBytes / 1024 / 1024)} MB, the most Rapport accepts.`;
  /** The too-large answer as words for the page or its script, for refuseUnreadBody to write. */
  const tooLarge = (req: FastifyRequest) => {
    const token = (req.params as { token?: string }).token ?? '';
    return wantsJson(req)
      ? { type: 'application/json; charset=utf-8', body: JSON.stringify({ status: 'rejected', message: tooLargeMessage }) }
      : { type: 'text/html; charset=utf-8', body: renderPage(UploadPage({ action: uploadAction(req, token), csrf: csrfFor(secrets, token), maxMb, error: tooLargeMessage, fromStart: fromStart(req) })) };
  };

  app.get<{ Params: { token: string } }>(publicPaths.upload, { config: { rateLimit: perLinkRateLimit } }, async (req, reply) => {
    const link = await resolveToken(ctx.db, secrets, req.params.token, ['upload']);
    if (!link) return deadLink(req, reply);
    if (link.usedAt) return usedLink(reply, req.params.token);
    return uploadPage(req, reply, req.params.token);
  });

  // A spent link still names its subscriber: one press sends them a fresh one (once an hour at most).
  app.post<{ Params: { token: string }; Body: Record<string, unknown> | undefined }>(publicPaths.uploadFresh, { config: { rateLimit: perLinkRateLimit } }, async (req, reply) => {
    const link = await resolveToken(ctx.db, secrets, req.params.token, ['upload']);
    if (!link) return deadLink(req, reply);
    if (!checkCsrf(secrets, req.params.token, req.body?.csrf)) return usedLink(reply, req.params.token);
    await sendFreshUploadLink(ctx, link.subscriberId);
    return sendHtml(reply, renderPage(MessagePage({ title: 'A fresh link is on its way', children: <p>Check your inbox: the new upload link works for 7 days.</p> })));
  });

  // Each request may email an address someone typed: a few an hour per client is plenty for a person.
  app.post<{ Body: Record<string, unknown> | undefined }>(publicPaths.uploadLinkRequest, { config: { rateLimit: { max: 5, timeWindow: '1 hour' } } }, async (req, reply) => {
    const body = req.body ?? {};
    const typed = typeof body.email === 'string' ? body.email.trim().slice(0, 320) : '';
    if (!checkFormCsrf(req, ctx.config, body.csrf)) return deadLink(req, reply, { email: typed, error: 'This form was open too long, or did not come from this page. Please press the button again.' }, 403);
    const email = emailSchema.safeParse(typed);
    if (!email.success) return deadLink(req, reply, { email: typed, error: 'That does not look like an email address. It should look like name@example.com.' }, 400);
    // The same words whether or not the address has an account, sent before the address is even
    // looked up: how long the answer takes must not tell either.
    await sendHtml(
      reply,
      renderPage(MessagePage({ title: 'Check your inbox', children: <p>If that address gets Rapport digests, a fresh upload link is on its way to it. It works for 7 days.</p> })),
    );
    try {
      await requestUploadLinkByEmail(ctx, email.data);
    } catch (error) {
      req.log.error({ err: error }, 'fresh upload link by address failed');
    }
    return reply;
  });

  // The declared size is checked before anything is read (see refuseOversizedBodies): the file
  // plus room for the form's other fields and the multipart framing.
  const uploadRoute = { bodyLimit: maxBytes + MULTIPART_OVERHEAD, config: { rateLimit: { ...perLinkRateLimit, max: 10 }, bodyTooLarge: tooLarge } };
  app.post<{ Params: { token: string } }>(publicPaths.upload, uploadRoute, async (req, reply) => {
    const token = req.params.token;
    const link = await resolveToken(ctx.db, secrets, token, ['upload']);
    if (!link) return refuseDeadLink(req, reply);
    if (link.usedAt) return refuseUsedLink(req, reply);
    if (!req.isMultipart()) return failWith(req, reply, token, 'Please choose a file to upload.', 400);

    const dir = await makeSpoolDir(ctx.config.varDir, 'upload');
    try {
      let part;
      try {
        part = await req.file();
      } catch {
        // A multipart body without its boundary, or with more parts than allowed.
        return failWith(req, reply, token, 'The upload did not arrive in one piece. Please choose the file again.', 400);
      }
      if (!part) return failWith(req, reply, token, 'Please choose a file to upload.', 400);
      const csrf = (part.fields.csrf as { value?: unknown } | undefined)?.value;
      if (!checkCsrf(secrets, token, csrf)) {
        part.file.resume();
        return failWith(req, reply, token, 'This form was open too long or did not come from our page. Please try again.', 403);
      }
      const file = path.join(dir, 'upload');
      // busboy only truncates a file at the limit and goes on reading the body to its end: cut the
      // stream there instead, so the answer comes at once and the rest is never read.
      part.file.once('limit', () => part.file.destroy(new app.multipartErrors.RequestFileTooLargeError()));
      try {
        await pipeline(part.file, createWriteStream(file, { mode: 0o600 }));
      } catch (error) {
        // The file crossed the size limit mid-stream: stop there instead of reading the rest.
        if (error instanceof app.multipartErrors.RequestFileTooLargeError) return refuseUnreadBody(req, reply, tooLarge(req));
        throw error;
      }
      let stored;
      try {
        // Spent in the transaction that keeps the file: a failed store leaves the link usable, and of
        // two posts of one link only one keeps its file.
        stored = await storeUpload(ctx.db, { subscriberId: link.subscriberId, filePath: file, fileName: part.filename || 'upload', source: 'web', maxBytes }, (trx) =>
          claimLink(trx, link),
        );
      } catch (error) {
        if (error instanceof ExportError) return failWith(req, reply, token, error.message, 413);
        if (error instanceof UploadLinkSpentError) return refuseUsedLink(req, reply);
        throw error;
      }
      if (!stored.duplicate) await ctx.queues.enqueue('import.export', { exportId: stored.exportId });
      const statusUrl = pathTo('uploadStatus', { token, exportId: stored.exportId }, fromStart(req) ? { next: 'start' } : {});
      const message = stored.duplicate ? 'You uploaded this exact file before; it was imported then.' : 'Uploaded. Reading your export…';
      if (wantsJson(req)) return reply.code(202).send({ status: 'uploaded', message, statusUrl: `${statusUrl}` });
      return reply.code(303).header('location', statusUrl).send();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  app.get<{ Params: { token: string; exportId: string } }>(
    publicPaths.uploadStatus,
    { config: { rateLimit: perLinkRateLimit } },
    async (req, reply) => {
      // A spent link still shows the status of the upload it was spent on.
      const link = await resolveToken(ctx.db, secrets, req.params.token, ['upload']);
      if (!link || !/^[0-9a-f-]{36}$/.test(req.params.exportId)) return invalidLink(reply);
      const row = await findSubscriberExportStatus(ctx.db, req.params.exportId, link.subscriberId);
      if (!row) return invalidLink(reply);
      const message = describeExport(row);
      if (wantsJson(req)) return reply.header('cache-control', 'no-store').send({ status: row.status, message });
      const refresh = row.status === 'pending' || row.status === 'importing';
      return sendHtml(reply, renderPage(UploadStatusPage({ status: row.status, message, refresh, fromStart: fromStart(req) })));
    },
  );
}
