import { jobs, type JobName, type JobPayload, type QueueName } from '../../jobs/registry.ts';
import type { AppContext } from '../../runtime/context.ts';
import { findRowIdsOf } from '../../db/queries/data-export.ts';
import { deleteInboundMessages, findInboundMessageIdsOf } from '../../db/queries/inbound.ts';
import { deleteSubscriber, lockSubscriber } from '../../db/queries/subscribers.ts';

export interface ErasureResult {
  exports: number;
  digests: number;
  emails: number;
  inboundMessages: number;
  jobsRemoved: number;
  /** Jobs still in Redis: running at that moment (locked) or Redis was unreachable. */
  jobsLeft: string[];
}

/** Where the job for a payload lives, by the same deterministic id the producer gave it. */
function locateJob<N extends JobName>(name: N, payload: JobPayload<N>): [QueueName, string] {
  const definition = jobs[name];
  const idOf = definition.jobId as ((p: JobPayload<N>) => string) | null;
  if (!idOf) throw new Error(`${name} jobs have no deterministic id`);
  return [definition.queue, idOf(payload)];
}

/**
 * Erases a subscriber (GDPR Art. 17). Postgres first, in one transaction: the ids of their exports,
 * digests, emails and inbound messages are collected, then deleting the subscriber row cascades to
 * every table (raw upload chunks, connections, evidence, ties, digests, tokens, outbox…), so every
 * old link falls through to the generic invalid page. Then the jobs naming those ids are removed
 * from Redis. A job running right then cannot be removed; it finds its row gone and ends, and the
 * queue's retention settings drop it, with nothing in it but ids of rows that no longer exist.
 * Suppressions are kept: they record that an address must not be mailed, under a keyed hash of the
 * address (services/mail/suppressions.ts), so the erased address itself is not kept.
 */
export async function eraseSubscriber(ctx: Pick<AppContext, 'db' | 'queues' | 'log'>, subscriberId: string): Promise<ErasureResult | null> {
  const erased = await ctx.db.transaction().execute(async (trx) => {
    const subscriber = await lockSubscriber(trx, subscriberId);
    if (!subscriber) return null;
    const exportIds = await findRowIdsOf(trx, 'exports', subscriberId);
    const digestIds = await findRowIdsOf(trx, 'digests', subscriberId);
    const outboxIds = await findRowIdsOf(trx, 'outbox', subscriberId);
    const inboundIds = await findInboundMessageIdsOf(trx, subscriber);
    // Messages tied to the subscriber would cascade; those from their address that never were must go by id.
    if (inboundIds.length) await deleteInboundMessages(trx, inboundIds);
    await deleteSubscriber(trx, subscriberId);
    return { exportIds, digestIds, outboxIds, inboundIds };
  });
  if (!erased) return null;

  const jobIds = [
    ...erased.exportIds.map((exportId) => locateJob('import.export', { exportId })),
    ...erased.digestIds.map((digestId) => locateJob('digest.build', { digestId })),
    ...erased.outboxIds.map((outboxId) => locateJob('email.send', { outboxId })),
    ...erased.inboundIds.map((inboundId) => locateJob('inbound.process', { inboundId })),
  ];
  let jobsRemoved = 0;
  const jobsLeft: string[] = [];
  for (const [queueName, jobId] of jobIds) {
    const queue = ctx.queues.byName[queueName];
    try {
      if ((await queue.remove(jobId)) === 1) jobsRemoved++;
      else if (await queue.getJob(jobId)) jobsLeft.push(jobId);
    } catch (error) {
      ctx.log.warn({ err: error, jobId }, 'could not remove a job of an erased subscriber');
      jobsLeft.push(jobId);
    }
  }
  if (jobsLeft.length) ctx.log.warn({ jobsLeft }, 'jobs of an erased subscriber left in Redis until retention drops them');
  return {
    exports: erased.exportIds.length,
    digests: erased.digestIds.length,
    emails: erased.outboxIds.length,
    inboundMessages: erased.inboundIds.length,
    jobsRemoved,
    jobsLeft,
  };
}
