import { expect, vi } from 'vitest';
import { inboundParseCommand } from '../../processes/cli/commands/inbound.ts';
import type { AppContext } from '../../runtime/context.ts';
import type { InboundOutcome } from '../../services/inbound/plan.ts';

export interface DryRun {
  status: InboundOutcome['status'];
  reason: string | null;
  wouldApply: string[];
  notUnderstood: string[];
}

/** What `rapport inbound parse --id` prints for a stored message. */
export async function dryRun(ctx: AppContext, inboundId: string): Promise<DryRun> {
  const printed: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
  try {
    await inboundParseCommand(ctx, undefined, { id: inboundId });
  } finally {
    spy.mockRestore();
  }
  return JSON.parse(printed.join('\n')) as DryRun;
}

// Whether an attached file is new or a duplicate is known only once it is stored; the dry run
// says it would import it, the worker says how that went.
const ATTACHMENT_LINE = /^(Importing your attached export|Your attached export|Your attachment could not be imported)/;
const attachmentAware = (lines: string[]) => lines.map((line) => (ATTACHMENT_LINE.test(line) ? '(the attached export)' : line));

/** The dry run printed the outcome the worker stored. */
export function expectDryRunAgrees(dry: DryRun, outcome: InboundOutcome, label: string) {
  expect(
    { status: dry.status, reason: dry.reason, applied: attachmentAware(dry.wouldApply), notUnderstood: dry.notUnderstood },
    `dry run and worker disagree on: ${label}`,
  ).toEqual({ status: outcome.status, reason: outcome.reason ?? null, applied: attachmentAware(outcome.applied), notUnderstood: outcome.notUnderstood });
}
