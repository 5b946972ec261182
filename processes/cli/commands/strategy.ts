import { latestStrategy, savePreferences } from '../../../db/queries/strategy.ts';
import { findSubscriberByEmail } from '../../../db/queries/subscribers.ts';
import type { AppContext } from '../../../runtime/context.ts';
import { parsePreferencesForm } from '../../../services/strategy/form.ts';
import { CliError } from '../context.ts';

export interface StrategyFlags {
  subscriber: string;
  purpose?: string[];
  gain?: string;
  company?: string[];
  role?: string[];
  industry?: string[];
  keyword?: string[];
  profile?: string;
  numbers?: string;
  reviewSize?: string;
  day?: string;
  hour?: string;
  timeZone?: string;
}

/**
 * Sets strategy answers and schedule from flags, through the same validation as the web form.
 * Flags not given keep their current values; every change is a new row in the answers' history.
 */
export async function strategySetCommand(ctx: AppContext, flags: StrategyFlags) {
  const subscriber = await findSubscriberByEmail(ctx.db, flags.subscriber);
  if (!subscriber) throw new CliError(`No subscriber with the address ${flags.subscriber}.`);
  const current = await latestStrategy(ctx.db, subscriber.id);
  const targetsOf = (kind: string) => (current?.targets ?? []).filter((t) => t.kind === kind).map((t) => t.value).join(',');
  const yesNo = (value: boolean | null | undefined) => (value === true ? 'yes' : value === false ? 'no' : undefined);
  const body = {
    purposes: flags.purpose ?? current?.purposes ?? [],
    gain: flags.gain ?? current?.gain ?? '',
    targets_company: flags.company?.join(',') ?? targetsOf('company'),
    targets_role: flags.role?.join(',') ?? targetsOf('role'),
    targets_industry: flags.industry?.join(',') ?? targetsOf('industry'),
    targets_keyword: flags.keyword?.join(',') ?? targetsOf('keyword'),
    profile_confidence: flags.profile ?? current?.profileConfidence ?? undefined,
    numbers_focus: flags.numbers ?? yesNo(current?.numbersFocus),
    review_size: flags.reviewSize ?? String(subscriber.review_size),
    weekday: flags.day ?? String(subscriber.digest_weekday),
    hour: flags.hour ?? String(subscriber.digest_hour),
    time_zone: flags.timeZone ?? subscriber.time_zone,
  };
  const parsed = parsePreferencesForm(body);
  if (!parsed.ok) throw new CliError(Object.entries(parsed.errors).map(([field, message]) => `${field}: ${message}`).join('\n'));
  await savePreferences(ctx.db, subscriber.id, parsed.value);
  console.log(JSON.stringify(parsed.value, null, 2));
}
