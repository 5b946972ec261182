import type { AppContext } from '../../runtime/context.ts';
import { buildDigest } from '../../services/digest/build-digest.ts';
import { planDueDigests } from '../../services/digest/plan.ts';
import { seedSubscribers } from './seed-subscribers.ts';

export interface SeededDigest {
  subscriberId: string;
  email: string;
  digestId: string;
  actionToken: string;
  replyToken: string;
  /** Message-ID of the digest's outbox row, which a reply names in In-Reply-To. */
  messageId: string;
  outboxId: string;
}

/**
 * N subscribers who each got this week's digest, with the tokens their email carries (read back
 * out of the rendered message, since only hashes are stored).
 */
export async function seedDigests(ctx: AppContext, count: number, connections = 40): Promise<SeededDigest[]> {
  await seedSubscribers(ctx, { count, prefix: 'seed', export: { seed: 12, connections } });
  const digestIds = await planDueDigests(ctx.db, new Date(), { suppressionSecret: ctx.config.suppressionSecret, ignoreSlot: true });
  const seeded: SeededDigest[] = [];
  for (const digestId of digestIds) {
    const built = await buildDigest(ctx.db, ctx.config, digestId);
    if (built.status !== 'built') continue;
    const row = await ctx.db
      .selectFrom('outbox')
      .innerJoin('subscribers', 'subscribers.id', 'outbox.subscriber_id')
      .select(['outbox.html', 'outbox.headers', 'outbox.message_id', 'subscribers.id', 'subscribers.email'])
      .where('outbox.id', '=', built.outboxId)
      .executeTakeFirstOrThrow();
    seeded.push({
      subscriberId: row.id,
      email: row.email,
      digestId,
      actionToken: /\/a\/([a-z2-7]+)\?/.exec(row.html)![1]!,
      replyToken: /reply\+([a-z2-7]+)@/.exec(row.headers['Reply-To']!)![1]!,
      messageId: row.message_id,
      outboxId: built.outboxId,
    });
  }
  return seeded;
}
