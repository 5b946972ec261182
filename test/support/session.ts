import { startSession } from '../../services/account/sessions.ts';
import { SESSION_COOKIE, sessionCsrf } from '../../processes/web/kit/session.ts';
import type { TestContext } from './test-context.ts';

/** A signed-in browser for a subscriber, as a sign-in link would leave it: its cookie header and its forms' CSRF value. */
export async function signedIn(ctx: TestContext, subscriberId: string, now?: Date) {
  const session = await startSession(ctx.db, subscriberId, now);
  return { id: session.id, cookie: `${SESSION_COOKIE}=${session.value}`, csrf: sessionCsrf(ctx.config, { id: session.id, subscriberId }) };
}
