/**
 * The query functions of accounts and digests (db/queries/{tokens,sessions,email-changes,subscribers,
 * inbound-messages,data-export,digests}.ts) on a real database: the corners of each statement that
 * the use cases' tests do not single out (a second spend, a revoked or expired row, another
 * subscriber's row, a cutoff, a duplicate).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { countSubscriberData, findRowIdsOf } from '../../db/queries/data-export.ts';
import { findDigestEligibleSubscribers, findUploadReminderCandidates, insertPlannedDigests, lockDigestStatus } from '../../db/queries/digests.ts';
import { closeChangesFrom, findOpenChangeByRevertToken, insertEmailChange } from '../../db/queries/email-changes.ts';
import { deleteInboundMessages, findInboundMessageIdsOf } from '../../db/queries/inbound.ts';
import { deleteSessionsEndedBefore, findSessionByHash, insertSession } from '../../db/queries/sessions.ts';
import {
  findOrCreateSubscriber,
  insertPendingSubscriber,
  markUnsubscribed,
  resubscribe,
  setPausedUntil,
} from '../../db/queries/subscribers.ts';
import { findTokenUsedAt, insertActionTokens, revokeSubscriberTokens, revokeTokensExceptOpenReverts, spendToken } from '../../db/queries/tokens.ts';
import type { TokenScope } from '../../db/types.ts';
import { importedSubscriber } from '../support/fixtures.ts';
import { useTestContext } from '../support/test-context.ts';

const DAY = 86_400_000;
const hash = (s: string) => createHash('sha256').update(s).digest();

describe('query layer: accounts and digests', () => {
  const ctx = useTestContext();

  /** Inserts one token row and returns its id. */
  async function token(subscriberId: string, scope: TokenScope, expiresAt = new Date(Date.now() + DAY)): Promise<string> {
    const tokenHash = hash(`${subscriberId}-${scope}-${Math.random()}`);
    await insertActionTokens(ctx.db, [{ token_hash: tokenHash, subscriber_id: subscriberId, digest_id: null, scope, expires_at: expiresAt }]);
    const row = await ctx.db.selectFrom('action_tokens').select('id').where('token_hash', '=', tokenHash).executeTakeFirstOrThrow();
    return row.id;
  }
  const revokedAt = async (id: string) => (await ctx.db.selectFrom('action_tokens').select('revoked_at').where('id', '=', id).executeTakeFirstOrThrow()).revoked_at;

  describe('tokens', () => {
    it('spends a link once, and never one of another scope, revoked or expired', async () => {
      const s = await findOrCreateSubscriber(ctx.db, { email: 'qa.spend@example.com' });
      const now = new Date();
      const good = await token(s.id, 'sign_in');
      expect(await spendToken(ctx.db, { id: good, scope: 'confirm' }, now)).toBe(false);
      expect(await findTokenUsedAt(ctx.db, good)).toBeNull();
      const twice = await Promise.all([spendToken(ctx.db, { id: good, scope: 'sign_in' }, now), spendToken(ctx.db, { id: good, scope: 'sign_in' }, now)]);
      expect(twice.filter(Boolean)).toHaveLength(1);
      expect(await findTokenUsedAt(ctx.db, good)).toEqual(now);

      const expired = await token(s.id, 'sign_in', new Date(now.getTime() - 1000));
      expect(await spendToken(ctx.db, { id: expired, scope: 'sign_in' }, now)).toBe(false);
      const revoked = await token(s.id, 'confirm');
      expect(await revokeSubscriberTokens(ctx.db, s.id, ['confirm'], now)).toBe(1);
      expect(await spendToken(ctx.db, { id: revoked, scope: 'confirm' }, now)).toBe(false);
      expect(await findTokenUsedAt(ctx.db, revoked)).toBeNull();
    });

    it('revokes by scope only what is live and the subscriber’s own', async () => {
      const s = await findOrCreateSubscriber(ctx.db, { email: 'qa.revoke@example.com' });
      const other = await findOrCreateSubscriber(ctx.db, { email: 'qa.revoke.other@example.com' });
      const digest = await token(s.id, 'digest');
      const upload = await token(s.id, 'upload');
      const othersDigest = await token(other.id, 'digest');
      expect(await revokeSubscriberTokens(ctx.db, s.id, ['digest'], new Date())).toBe(1);
      expect(await revokedAt(digest)).not.toBeNull();
      expect(await revokedAt(upload)).toBeNull();
      expect(await revokedAt(othersDigest)).toBeNull();
      // Already revoked rows are not counted again; no scopes means all of them.
      expect(await revokeSubscriberTokens(ctx.db, s.id, undefined, new Date())).toBe(1);
    });

    it('keeps the revert links of open changes and revokes everything else, closed changes’ links included', async () => {
      const s = await findOrCreateSubscriber(ctx.db, { email: 'qa.chain@example.com' });
      const now = new Date();
      const firstRevert = await token(s.id, 'revert');
      const secondRevert = await token(s.id, 'revert');
      const digest = await token(s.id, 'digest');
      await insertEmailChange(ctx.db, { subscriberId: s.id, oldEmail: 'qa.chain@example.com', newEmail: 'b@example.com', revertTokenId: firstRevert, now });
      await insertEmailChange(ctx.db, { subscriberId: s.id, oldEmail: 'b@example.com', newEmail: 'c@example.com', revertTokenId: secondRevert, now });
      const second = await findOpenChangeByRevertToken(ctx.db, s.id, secondRevert);
      const first = await findOpenChangeByRevertToken(ctx.db, s.id, firstRevert);
      expect(second!.seq).toBeGreaterThan(first!.seq);
      expect(await findOpenChangeByRevertToken(ctx.db, MISSING_ID, secondRevert)).toBeUndefined();

      await closeChangesFrom(ctx.db, s.id, second!.seq, now);
      expect(await findOpenChangeByRevertToken(ctx.db, s.id, secondRevert)).toBeUndefined();
      expect(await findOpenChangeByRevertToken(ctx.db, s.id, firstRevert)).toMatchObject({ old_email: 'qa.chain@example.com' });

      await revokeTokensExceptOpenReverts(ctx.db, s.id, now);
      expect(await revokedAt(firstRevert)).toBeNull();
      expect(await revokedAt(secondRevert)).not.toBeNull();
      expect(await revokedAt(digest)).not.toBeNull();
    });
  });

  describe('sessions', () => {
    it('deletes sessions ended before the cutoffs and keeps live and recently ended ones', async () => {
      const s = await findOrCreateSubscriber(ctx.db, { email: 'qa.sessions@example.com' });
      const now = new Date();
      const cutoff = new Date(now.getTime() - 30 * DAY);
      const idleCutoff = new Date(cutoff.getTime() - 7 * DAY);
      const make = async (name: string, at: Date, expiresAt: Date) => {
        await insertSession(ctx.db, { tokenHash: hash(name), subscriberId: s.id, now: at, expiresAt });
        return hash(name);
      };
      const live = await make('live', now, new Date(now.getTime() + DAY));
      const expiredLongAgo = await make('expired', new Date(cutoff.getTime() - DAY), new Date(cutoff.getTime() - 1));
      const idleLongAgo = await make('idle', new Date(idleCutoff.getTime() - 1), new Date(now.getTime() + DAY));
      const revokedRecently = await make('revoked-recently', now, new Date(now.getTime() + DAY));
      await ctx.db.updateTable('account_sessions').set({ revoked_at: now }).where('token_hash', '=', revokedRecently).execute();
      const revokedLongAgo = await make('revoked-long-ago', now, new Date(now.getTime() + DAY));
      await ctx.db.updateTable('account_sessions').set({ revoked_at: new Date(cutoff.getTime() - 1) }).where('token_hash', '=', revokedLongAgo).execute();

      expect(await deleteSessionsEndedBefore(ctx.db, cutoff, idleCutoff)).toBe(3);
      expect(await findSessionByHash(ctx.db, live)).toBeDefined();
      expect(await findSessionByHash(ctx.db, revokedRecently)).toBeDefined();
      for (const gone of [expiredLongAgo, idleLongAgo, revokedLongAgo]) expect(await findSessionByHash(ctx.db, gone)).toBeUndefined();
    });
  });

  describe('subscribers', () => {
    it('creates a pending subscriber once per address, whatever its case', async () => {
      const created = await insertPendingSubscriber(ctx.db, { email: 'qa.pending@example.com', name: null, timeZone: 'Europe/Paris' });
      expect(created).toMatchObject({ status: 'pending', time_zone: 'Europe/Paris' });
      expect(await insertPendingSubscriber(ctx.db, { email: 'QA.Pending@example.com', name: 'Other', timeZone: 'UTC' })).toBeUndefined();
    });

    it('unsubscribes once, and resubscribes only the unsubscribed', async () => {
      const s = await findOrCreateSubscriber(ctx.db, { email: 'qa.unsub@example.com' });
      const now = new Date();
      expect(await markUnsubscribed(ctx.db, s.id, now)).toBe(true);
      expect(await markUnsubscribed(ctx.db, s.id, now)).toBe(false);
      await resubscribe(ctx.db, s.id, now);
      const pending = (await insertPendingSubscriber(ctx.db, { email: 'qa.unsub.pending@example.com', name: null, timeZone: 'UTC' }))!;
      await resubscribe(ctx.db, pending.id, now);
      const statuses = await ctx.db.selectFrom('subscribers').select(['id', 'status']).where('id', 'in', [s.id, pending.id]).execute();
      expect(Object.fromEntries(statuses.map((r) => [r.id, r.status]))).toEqual({ [s.id]: 'active', [pending.id]: 'pending' });
    });
  });

  describe('inbound messages and My data', () => {
    it('counts as a subscriber’s inbound mail what is tied to them and what came untied from either of their addresses', async () => {
      const s = await findOrCreateSubscriber(ctx.db, { email: 'qa.inbound@example.com' });
      const other = await findOrCreateSubscriber(ctx.db, { email: 'qa.inbound.other@example.com' });
      await ctx.db.updateTable('subscribers').set({ pending_email: 'qa.inbound.new@example.com' }).where('id', '=', s.id).execute();
      const insert = async (from: string, subscriberId: string | null) =>
        (await ctx.db.insertInto('inbound_messages').values({ via: 'dev', envelope_from: from, raw: Buffer.from('x'), subscriber_id: subscriberId }).returning('id').executeTakeFirstOrThrow()).id;
      const tied = await insert('elsewhere@example.com', s.id);
      const fromOld = await insert('QA.Inbound@Example.com', null);
      const fromPending = await insert('qa.inbound.new@example.com', null);
      await insert('qa.inbound@example.com', other.id); // tied to someone else: theirs
      await insert('stranger@example.com', null);

      const subscriber = (await ctx.db.selectFrom('subscribers').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow());
      expect((await findInboundMessageIdsOf(ctx.db, subscriber)).sort()).toEqual([tied, fromOld, fromPending].sort());
      expect(await countSubscriberData(ctx.db, s.id)).toMatchObject({ inboundMessages: 1, exports: 0, emails: 0 });

      await deleteInboundMessages(ctx.db, [fromOld, fromPending]);
      expect(await findInboundMessageIdsOf(ctx.db, subscriber)).toEqual([tied]);
    });

    it('counts and lists only the subscriber’s own rows', async () => {
      const { subscriber } = await importedSubscriber(ctx, 'qa.counts@example.com', { seed: 31, connections: 12 });
      const other = await findOrCreateSubscriber(ctx.db, { email: 'qa.counts.other@example.com' });
      const counts = await countSubscriberData(ctx.db, subscriber.id);
      expect(counts).toMatchObject({ exports: 1, connections: 12, digests: 0 });
      expect(await countSubscriberData(ctx.db, other.id)).toMatchObject({ exports: 0, connections: 0 });
      expect(await findRowIdsOf(ctx.db, 'exports', subscriber.id)).toHaveLength(1);
      expect(await findRowIdsOf(ctx.db, 'exports', other.id)).toEqual([]);
    });
  });

  describe('digests', () => {
    it('plans one digest per subscriber and week, for subscribers with an import who are not paused', async () => {
      const { subscriber } = await importedSubscriber(ctx, 'qa.plan@example.com', { seed: 32, connections: 5 });
      const nothingImported = await findOrCreateSubscriber(ctx.db, { email: 'qa.plan.empty@example.com' });
      const now = new Date();
      const eligibleIds = async () => (await findDigestEligibleSubscribers(ctx.db, now, ctx.config.suppressionSecret)).map((r) => r.id);
      expect(await eligibleIds()).toContain(subscriber.id);
      expect(await eligibleIds()).not.toContain(nothingImported.id);
      expect((await findDigestEligibleSubscribers(ctx.db, now, ctx.config.suppressionSecret, nothingImported.id))).toEqual([]);

      const reminderIds = (await findUploadReminderCandidates(ctx.db, now, ctx.config.suppressionSecret, new Date(now.getTime() - 14 * DAY))).map((r) => r.id);
      expect(reminderIds).toContain(nothingImported.id);
      expect(reminderIds).not.toContain(subscriber.id);

      await setPausedUntil(ctx.db, subscriber.id, new Date(now.getTime() + DAY), now);
      expect(await eligibleIds()).not.toContain(subscriber.id);
      await setPausedUntil(ctx.db, subscriber.id, null, now);

      const [created] = await insertPlannedDigests(ctx.db, [{ subscriberId: subscriber.id, isoWeek: '2026-W49' }]);
      expect(created).toBeDefined();
      expect(await insertPlannedDigests(ctx.db, [{ subscriberId: subscriber.id, isoWeek: '2026-W49' }, { subscriberId: subscriber.id, isoWeek: '2026-W50' }])).toHaveLength(1);
    });

    it('locks a digest row: a second locker waits until the first transaction ends', async () => {
      const { subscriber } = await importedSubscriber(ctx, 'qa.lock@example.com', { seed: 33, connections: 5 });
      const [digestId] = await insertPlannedDigests(ctx.db, [{ subscriberId: subscriber.id, isoWeek: '2026-W51' }]);
      const order: string[] = [];
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const firstHasLock = new Promise<void>((resolve) => (locked = resolve));
      const first = ctx.db.transaction().execute(async (trx) => {
        expect(await lockDigestStatus(trx, digestId!)).toBe('planned');
        locked();
        await held;
        await trx.updateTable('digests').set({ status: 'built' }).where('id', '=', digestId!).execute();
        order.push('first commits');
      });
      await firstHasLock;
      const second = ctx.db.transaction().execute(async (trx) => {
        const status = await lockDigestStatus(trx, digestId!);
        order.push(`second sees ${status}`);
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(order).toEqual([]);
      release();
      await Promise.all([first, second]);
      expect(order).toEqual(['first commits', 'second sees built']);
    });
  });
});

const MISSING_ID = '00000000-0000-4000-8000-000000000000';
