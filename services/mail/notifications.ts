import type { Db } from '../../db/client.ts';
import { findImportResult } from '../../db/queries/exports.ts';
import { findOutboxIdByDedupKey, insertOutboxMessage } from '../../db/queries/outbox.ts';
import { latestStrategy } from '../../db/queries/strategy.ts';
import { findRecipient } from '../../db/queries/subscribers.ts';
import type { OutboxKind } from '../../db/types.ts';
import { renderEmail, type EmailName, type EmailProps } from '../../emails/render.ts';
import type { UploadLinkReason } from '../../emails/upload-link.tsx';
import { issueToken, tokenTtlDays } from '../actions/tokens.ts';
import type { Config } from '../../runtime/config.ts';
import { senderDomain } from './outbox.ts';
import { unsubscribeHeaders } from './unsubscribe-headers.ts';
import { linkTo } from '../../domain/public-links.ts';

type NotifyConfig = Pick<Config, 'publicUrl' | 'inboundDomain' | 'mailFrom' | 'tokenSecrets'>;

/** The links a small email can carry, each made (and its token issued) only when asked for. */
export interface EmailLinks {
  uploadUrl: () => Promise<string>;
  /** The settings and questionnaire, through the sign-in step a settings link always takes. */
  preferencesUrl: () => Promise<string>;
  /** A digest's review page. */
  reviewUrl: (digestId: string) => Promise<string>;
  /** The page that takes back the answers of one reply or form post. */
  undoReplyUrl: (batchId: string) => Promise<string>;
}

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * Renders one of the small emails and records it in the outbox, once per dedup key. Returns the
 * outbox id to enqueue, or null when this email was already queued (a retried job).
 */
export async function queueEmail<N extends EmailName>(
  db: Db,
  config: NotifyConfig,
  input: {
    subscriberId: string;
    kind: OutboxKind;
    dedupKey: string;
    template: N;
    props: (context: EmailLinks & { name: string | null }) => Promise<EmailProps[N]> | EmailProps[N];
    headers?: Record<string, string>;
    /** Recurring mail (reminders) carries RFC 8058 one-click unsubscribe like the digest. */
    unsubscribe?: boolean;
    /** A receipt's answers: its reply address names them, so a reply "undo" takes them back. */
    replyBatchId?: string | null;
  },
): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    if (await findOutboxIdByDedupKey(trx, input.dedupKey)) return null;
    const subscriber = await findRecipient(trx, input.subscriberId);
    if (!subscriber) return null;
    // Each link's token is issued only when the email asks for it, in this transaction.
    const token = (scope: 'upload' | 'digest', digestId?: string) => issueToken(trx, config.tokenSecrets, { subscriberId: input.subscriberId, scope, digestId });
    const links: EmailLinks = {
      uploadUrl: async () => linkTo(config.publicUrl, 'upload', { token: await token('upload') }),
      preferencesUrl: async () => linkTo(config.publicUrl, 'preferences', { token: await token('digest') }),
      reviewUrl: async (digestId) => linkTo(config.publicUrl, 'answers', { token: await token('digest', digestId) }),
      undoReplyUrl: async (batchId) =>
        linkTo(config.publicUrl, 'undoReply', { token: await issueToken(trx, config.tokenSecrets, { subscriberId: input.subscriberId, scope: 'digest', answerBatchId: batchId }) }),
    };
    const props = await input.props({ name: subscriber.name, ...links });
    const email = await renderEmail(input.template, props);
    const reply = await issueToken(trx, config.tokenSecrets, { subscriberId: input.subscriberId, scope: 'reply', answerBatchId: input.replyBatchId });
    const replyAddress = `reply+${reply}@${config.inboundDomain}`;
    const listHeaders = input.unsubscribe
      ? unsubscribeHeaders(config.publicUrl, replyAddress, await issueToken(trx, config.tokenSecrets, { subscriberId: input.subscriberId, scope: 'unsubscribe' }))
      : {};
    return insertOutboxMessage(trx, {
      subscriberId: input.subscriberId,
      kind: input.kind,
      dedupKey: input.dedupKey,
      recipient: subscriber.email,
      subject: email.subject,
      html: email.html,
      text: email.text,
      headers: { 'Reply-To': replyAddress, ...listHeaders, ...input.headers },
      messageId: `<${input.dedupKey}@${senderDomain(config.mailFrom)}>`,
    });
  });
}

export function nextDigestLabel(schedule: { digest_weekday: number; digest_hour: number; time_zone: string }): string {
  return `on ${weekdays[schedule.digest_weekday - 1]} at ${String(schedule.digest_hour).padStart(2, '0')}:00 (${schedule.time_zone})`;
}

/** The import-finished or import-failed email for an upload made on the web or by email. */
export async function queueImportResult(db: Db, config: NotifyConfig, exportId: string): Promise<string | null> {
  const row = await findImportResult(db, exportId);
  if (!row || (row.status !== 'imported' && row.status !== 'failed')) return null;
  const base = { subscriberId: row.subscriber_id, kind: 'import_result' as const, dedupKey: `import-result-${exportId}` };
  if (row.status === 'failed') {
    return queueEmail(db, config, {
      ...base,
      template: 'import-failed',
      props: async ({ name, uploadUrl }) => ({ name, reason: row.error_message ?? 'The file could not be read.', uploadUrl: await uploadUrl() }),
    });
  }
  const s = row.summary!;
  // The one thing that makes the first digest better: targets, when there are none yet.
  const hasTargets = ((await latestStrategy(db, row.subscriber_id))?.targets.length ?? 0) > 0;
  return queueEmail(db, config, {
    ...base,
    template: 'import-finished',
    props: async ({ name, preferencesUrl }) => ({
      name,
      connections: s.connections,
      newConnections: s.newConnections,
      removedConnections: s.removedConnections,
      jobChanges: s.jobChanges,
      anonymous: s.anonymousConnections,
      rejectedRows: s.rejectedRows,
      unreadableDates: s.unreadableDates ?? 0,
      nextDigestLabel: nextDigestLabel(row),
      targetsUrl: hasTargets ? null : await preferencesUrl(),
    }),
  });
}

/** An upload link: the one a new subscriber gets on confirming, or a fresh one asked for (e.g. a reply `upload`). */
export function queueUploadLink(db: Db, config: NotifyConfig, subscriberId: string, dedupKey: string, reason: UploadLinkReason = 'asked'): Promise<string | null> {
  return queueEmail(db, config, {
    subscriberId,
    kind: 'upload_link',
    dedupKey,
    template: 'upload-link',
    props: async ({ name, uploadUrl }) => ({ name, uploadUrl: await uploadUrl(), expiresInDays: tokenTtlDays.upload, reason }),
  });
}
