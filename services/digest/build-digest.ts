import type { Db } from '../../db/client.ts';
import { loadAnalysisInput } from '../../db/queries/analysis-input.ts';
import { findDigestToBuild, insertDigestItems, lockDigestStatus, markDigestBuilt, skipPlannedDigest, skipWaitingForDiskOnCommit } from '../../db/queries/digests.ts';
import { renderEmail } from '../../emails/render.ts';
import { issueTokens } from '../actions/tokens.ts';
import type { Config } from '../../runtime/config.ts';
import { insertOutboxMessage } from '../../db/queries/outbox.ts';
import { markFollowupsAsked } from '../../db/queries/intros.ts';
import { senderDomain } from '../mail/outbox.ts';
import { unsubscribeHeaders } from '../mail/unsubscribe-headers.ts';
import { analyseNetwork } from '../../domain/network/index.ts';
import { composeDigest } from './compose.ts';
import { linkTo } from '../../domain/public-links.ts';

export type BuildOutcome =
  | { status: 'built'; outboxId: string }
  | { status: 'already-built' | 'missing' | 'skipped' };

type LinkConfig = Pick<Config, 'publicUrl' | 'inboundDomain' | 'mailFrom' | 'tokenSecrets'>;

/** Headers every digest carries. */
export function digestHeaders(config: LinkConfig, tokens: { reply: string; unsubscribe: string }): Record<string, string> {
  const replyAddress = `reply+${tokens.reply}@${config.inboundDomain}`;
  return {
    'Reply-To': replyAddress,
    ...unsubscribeHeaders(config.publicUrl, replyAddress, tokens.unsubscribe),
    'List-Id': `Rapport weekly digest <digest.${senderDomain(config.mailFrom)}>`,
  };
}

/**
 * Builds one planned digest: analysis (three reads in all), numbered items, tokens, the rendered
 * email and its outbox row, all in one transaction. A digest already built is left alone, so
 * retries and duplicate jobs are harmless; the caller enqueues the send after commit.
 */
export async function buildDigest(db: Db, config: LinkConfig, digestId: string, now: Date = new Date()): Promise<BuildOutcome> {
  const digest = await findDigestToBuild(db, digestId);
  if (!digest) return { status: 'missing' };
  if (digest.status !== 'planned') return { status: 'already-built' };
  if (digest.subscriber_status !== 'active') {
    await skipPlannedDigest(db, digestId);
    return { status: 'skipped' };
  }

  const input = await loadAnalysisInput(db, digest.subscriber_id, { now, excludeDigestId: digestId });
  if (!input) return { status: 'missing' };
  const analysis = analyseNetwork(input);

  return db.transaction().execute(async (trx) => {
    // A build lost in a crash is rebuilt by the sweeper, and nothing is sent before the send job's
    // own (synchronous) commit flushes this one too: waiting for the disk here buys nothing.
    await skipWaitingForDiskOnCommit(trx);
    // Lock the row: a duplicate build racing this one waits, then sees 'built' and stops.
    const lockedStatus = await lockDigestStatus(trx, digestId);
    if (lockedStatus !== 'planned') return { status: 'already-built' } as const;

    const subscriberId = digest.subscriber_id;
    const [digestToken, reply, unsubscribe, upload] = await issueTokens(trx, config.tokenSecrets, [
      { subscriberId, scope: 'digest', digestId, now },
      { subscriberId, scope: 'reply', digestId, now },
      { subscriberId, scope: 'unsubscribe', digestId, now },
      { subscriberId, scope: 'upload', digestId, now },
    ]);
    const links = {
      publicUrl: config.publicUrl,
      digestToken: digestToken!,
      replyAddress: `reply+${reply}@${config.inboundDomain}`,
      uploadUrl: linkTo(config.publicUrl, 'upload', { token: upload! }),
      preferencesUrl: linkTo(config.publicUrl, 'preferences', { token: digestToken! }),
      unsubscribeUrl: linkTo(config.publicUrl, 'unsubscribe', { token: unsubscribe! }),
    };
    const composed = composeDigest({ analysis, name: digest.name, isoWeek: digest.iso_week, links, history: input.history });
    const email = await renderEmail('weekly-digest', composed.props);

    if (composed.items.length) await insertDigestItems(trx, digestId, composed.items);
    // Each follow-up is asked once per stage: the next digests know this one asked it.
    await markFollowupsAsked(
      trx,
      { subscriberId, digestId },
      composed.items.flatMap((i) => (i.kind === 'followup' ? [{ introRequestId: i.payload.introRequestId, stage: i.payload.stage }] : [])),
    );
    const outboxId = await insertOutboxMessage(trx, {
      subscriberId,
      kind: 'digest',
      dedupKey: `digest-${digestId}`,
      digestId,
      recipient: digest.email,
      subject: email.subject,
      html: email.html,
      text: email.text,
      headers: digestHeaders(config, { reply: reply!, unsubscribe: unsubscribe! }),
      messageId: `<digest-${digestId}@${senderDomain(config.mailFrom)}>`,
    });
    if (!outboxId) throw new Error(`outbox row for digest ${digestId} exists although the digest was still planned`);
    await markDigestBuilt(trx, digestId, { subject: email.subject, analysis: composed.analysis, now });
    return { status: 'built', outboxId } as const;
  });
}
