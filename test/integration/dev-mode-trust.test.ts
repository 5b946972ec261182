/**
 * Issue #13: a reply marked as written in the dev mailbox ("local") is trusted only in development
 * mode said out loud (config.devMode), never because NODE_ENV was left unset.
 */
import { describe, expect, it } from 'vitest';
import { DEV_MAILBOX_CHECK } from '../../services/inbound/sender-check.ts';
import { processInbound } from '../../services/inbound/process-inbound.ts';
import { storeInbound } from '../../services/mail/inbound-store.ts';
import { sendFromOutbox } from '../../services/mail/outbox.ts';
import { builtDigest, importedSubscriber } from '../support/fixtures.ts';
import { reply } from '../support/hostile/emails.ts';
import { useTestContext } from '../support/test-context.ts';

const ADDRESS = 'local.reply@example.com';

describe.each([
  ['NODE_ENV unset', { NODE_ENV: '' }, 'ignored'],
  ['NODE_ENV=development', { NODE_ENV: 'development' }, 'processed'],
] as const)('a dev-mailbox reply with %s', (_label, env, expected) => {
  const ctx = useTestContext(env);

  it(`is ${expected}`, async () => {
    expect(ctx.config.devMode).toBe(expected === 'processed');
    const { subscriber } = await importedSubscriber(ctx, ADDRESS);
    const links = await builtDigest(ctx, subscriber.id);
    await sendFromOutbox(ctx.db, ctx.mail, { outboxId: links.outboxId, config: ctx.config });
    const digest = await ctx.db.selectFrom('outbox').select('message_id').where('id', '=', links.outboxId).executeTakeFirstOrThrow();
    const to = `reply+${links.replyToken}@${ctx.config.inboundDomain}`;
    const raw = reply(ADDRESS, to, 'stop', { headers: [['In-Reply-To', digest.message_id]] });
    const stored = await storeInbound(ctx.db, { raw, via: 'dev', envelopeFrom: ADDRESS, envelopeTo: [to], senderCheck: DEV_MAILBOX_CHECK });
    const outcome = await processInbound(ctx, stored.id);
    expect(outcome).toMatchObject({ status: expected });
    const status = (await ctx.db.selectFrom('subscribers').select('status').where('id', '=', subscriber.id).executeTakeFirstOrThrow()).status;
    expect(status).toBe(expected === 'processed' ? 'unsubscribed' : 'active');
  });
});
