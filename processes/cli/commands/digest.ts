import { loadAnalysisInput } from '../../../db/queries/analysis-input.ts';
import { findDigestOutboxStatus } from '../../../db/queries/outbox.ts';
import { findSubscriberByEmail } from '../../../db/queries/subscribers.ts';
import type { AppContext } from '../../../runtime/context.ts';
import { buildDigest } from '../../../services/digest/build-digest.ts';
import { planDigestNow, planDueDigests } from '../../../services/digest/plan.ts';
import { sendFromOutbox } from '../../../services/mail/outbox.ts';
import { analyseNetwork } from '../../../domain/network/index.ts';
import type { Analysis } from '../../../domain/network/types.ts';
import { CliError } from '../context.ts';

async function subscriberId(ctx: AppContext, email: string): Promise<string> {
  const subscriber = await findSubscriberByEmail(ctx.db, email);
  if (!subscriber) throw new CliError(`No subscriber with the address ${email}.`);
  return subscriber.id;
}

/**
 * Plans, builds and sends in this process, without a worker: the operator sees each result.
 * The same functions the jobs use, so the exactly-once rules hold here too.
 */
export async function digestRunCommand(ctx: AppContext, options: { subscriber?: string; now?: boolean }) {
  const now = new Date();
  let digestIds: string[];
  const id = options.subscriber ? await subscriberId(ctx, options.subscriber) : undefined;
  if (id && options.now) {
    const planned = await planDigestNow(ctx.db, id, now, ctx.config.suppressionSecret);
    if (!planned) throw new CliError('This subscriber gets no digest: not active, paused, suppressed, or nothing imported yet.');
    digestIds = [planned.digestId];
  } else {
    // Without --now only digests whose slot has come are planned, exactly as the scheduler would.
    digestIds = await planDueDigests(ctx.db, now, { suppressionSecret: ctx.config.suppressionSecret, subscriberId: id, ignoreSlot: options.now });
  }
  const results = [];
  for (const digestId of digestIds) {
    const built = await buildDigest(ctx.db, ctx.config, digestId, now);
    let sent = null;
    if (built.status === 'built') sent = await sendFromOutbox(ctx.db, ctx.mail, { outboxId: built.outboxId, config: ctx.config });
    const row = await findDigestOutboxStatus(ctx.db, digestId);
    results.push({ digestId, build: built.status, send: sent, subject: row?.subject ?? null, deliveredTo: row?.delivered_to ?? null });
  }
  if (results.length === 0) console.log('No digest is due.');
  for (const r of results) console.log(`${r.digestId}: ${r.build}${r.send ? `, ${r.send}` : ''}${r.deliveredTo ? ` → ${r.deliveredTo}` : ''}`);
  return results;
}

function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function formatAnalysis(a: Analysis): string {
  const lines: string[] = [];
  const q = a.quality;
  lines.push(`Network: ${q.connections} connections, ${q.known + q.close} known or close (${pct(q.knownShare)}), ${q.unreviewed} to review, ${pct(q.evidenceShare)} with evidence` +
    (q.knownShareChange === null ? '' : ` (known ${q.knownShareChange >= 0 ? '+' : ''}${Math.round(q.knownShareChange * 100)} pts)`));
  let n = 1;
  if (a.review.length) lines.push('', 'Do you know them?');
  for (const r of a.review) lines.push(`  ${n++}. [${r.kind}] ${r.person.name}${r.person.company ? `, ${r.person.company}` : ''}: ${r.why}`);
  if (a.introductions.length) lines.push('', 'Introductions to ask for:');
  for (const i of a.introductions) lines.push(`  ${n++}. ${i.title}: ${i.why}`);
  if (a.gaps.length) lines.push('', 'Strategy gaps:');
  for (const g of a.gaps) lines.push(`  ${n++}. ${g.title}: ${g.reason} Next: ${g.nextStep}`);
  if (a.tip) lines.push('', `Tip: ${a.tip.title}: ${a.tip.body}`);
  const c = a.changes;
  lines.push('', `Changes: ${c.newConnections} new, ${c.jobChanges.length} job changes, ${c.removed} removed`);
  for (const j of c.jobChanges.slice(0, 10)) lines.push(`  ${j.person.name}: now ${j.person.position} at ${j.person.company}`);
  return lines.join('\n');
}

export async function digestPreviewCommand(ctx: AppContext, options: { subscriber: string; json?: boolean }) {
  const id = await subscriberId(ctx, options.subscriber);
  const input = await loadAnalysisInput(ctx.db, id, { now: new Date() });
  if (!input) throw new CliError(`No subscriber with the address ${options.subscriber}.`);
  const analysis = analyseNetwork(input);
  console.log(options.json ? JSON.stringify(analysis, null, 2) : formatAnalysis(analysis));
  return analysis;
}
