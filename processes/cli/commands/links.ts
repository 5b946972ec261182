import { findSubscriberByEmail } from '../../../db/queries/subscribers.ts';
import type { TokenScope } from '../../../db/types.ts';
import { revokeTokens } from '../../../services/actions/tokens.ts';
import type { AppContext } from '../../../runtime/context.ts';
import { CliError } from '../context.ts';

const scopes: TokenScope[] = ['digest', 'reply', 'unsubscribe', 'upload', 'confirm'];

/** Support: a subscriber's digest was forwarded, or their mailbox is shared: kill their links. */
export async function linksRevokeCommand(ctx: AppContext, options: { subscriber: string; scope?: string[] }) {
  const subscriber = await findSubscriberByEmail(ctx.db, options.subscriber);
  if (!subscriber) throw new CliError(`No subscriber with the address ${options.subscriber}.`);
  const unknown = (options.scope ?? []).filter((s) => !scopes.includes(s as TokenScope));
  if (unknown.length) throw new CliError(`Unknown scope(s): ${unknown.join(', ')}. Choose from ${scopes.join(', ')}.`);
  const count = await revokeTokens(ctx.db, subscriber.id, options.scope as TokenScope[] | undefined);
  console.log(`Revoked ${count} link(s). The next digest carries fresh ones.`);
}
