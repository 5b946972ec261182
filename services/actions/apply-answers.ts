import type { Db } from '../../db/client.ts';
import {
  applyTieChanges,
  deleteIntroRequest,
  digestItems,
  insertIntroRequest,
  lockDigestItem,
  lockDigestItems,
  restoreTieBeforeDigest,
  setItemAnswer,
  setTiesByConnection,
  type TieChange,
} from '../../db/queries/answers.ts';
import { restoreIntroOutcome, setIntroOutcome } from '../../db/queries/intros.ts';
import { answerProblem, isIntroOutcome, isTieAnswer, lastAnswerPerItem, readItemContent, shownName, type DigestItemKind, type ItemAnswer, type TieAnswer } from '../../domain/digest-items/index.ts';

export interface AnswerRequest {
  item: number;
  answer: ItemAnswer;
}

export interface AppliedAnswer {
  item: number;
  answer: ItemAnswer;
  /** False when the item already had this answer: applying is idempotent. */
  changed: boolean;
  /** Who or what the item is about, as the digest showed it, for pages and receipts to name. */
  shown: { name: string | null; title: string };
}

export interface RejectedAnswer {
  item: number;
  answer: ItemAnswer;
  reason: string;
}

export interface ApplyResult {
  applied: AppliedAnswer[];
  rejected: RejectedAnswer[];
}

/**
 * Applies a digest's answers in one transaction. The digest's items are locked first, so the same
 * POST twice, or two in parallel, change state once: the second sees the answer already there.
 * Every tie change is also an event, which is what undo goes back through.
 */
export async function applyAnswers(
  db: Db,
  input: { subscriberId: string; digestId: string; answers: AnswerRequest[]; source: 'web' | 'reply' },
): Promise<ApplyResult> {
  const wanted = lastAnswerPerItem(input.answers);

  return db.transaction().execute(async (trx) => {
    const items = await lockDigestItems(trx, input);
    const byNumber = new Map(items.map((i) => [i.number, i]));
    const result: ApplyResult = { applied: [], rejected: [] };
    const tieChanges: TieChange[] = [];

    for (const [number, answer] of wanted) {
      const item = byNumber.get(number);
      const problem = answerProblem(item?.kind, number, answer);
      if (!item || problem) {
        result.rejected.push({ item: number, answer, reason: problem! });
        continue;
      }
      const content = readItemContent(item);
      const shown = { name: shownName(content), title: content.payload.title };
      if (item.answer === answer) {
        result.applied.push({ item: number, answer, changed: false, shown });
        continue;
      }
      result.applied.push({ item: number, answer, changed: true, shown });
      if (item.connection_id && (isTieAnswer(answer) || answer === 'skip') && item.kind !== 'intro') {
        tieChanges.push({ number, connectionId: item.connection_id, answer });
        continue;
      }
      if (answer === 'intro' && content.kind === 'intro' && item.via_connection_id) {
        await insertIntroRequest(trx, {
          subscriberId: input.subscriberId,
          digestId: input.digestId,
          item: number,
          viaConnectionId: item.via_connection_id,
          targetConnectionId: item.connection_id,
          targetLabel: content.payload.targetLabel,
          subject: content.payload.draft.subject,
          body: content.payload.draft.body,
        });
      }
      // A follow-up's answer is the outcome of the request it asks about (an event when it changes).
      if (content.kind === 'followup' && isIntroOutcome(answer)) {
        await setIntroOutcome(trx, { subscriberId: input.subscriberId, digestId: input.digestId, introRequestId: content.payload.introRequestId, outcome: answer, source: input.source });
      }
      await setItemAnswer(trx, { digestId: input.digestId, item: number, answer });
    }
    for (const batch of onePerConnection(tieChanges)) await applyTieChanges(trx, input, batch);
    return result;
  });
}

/**
 * Ties answered by person on the review page (the people at a target), recorded against the digest
 * whose page it was; only the subscriber's own current connections change. Returns how many changed.
 */
export async function answerPeople(db: Db, input: { subscriberId: string; digestId: string; answers: Array<{ connectionId: string; tie: TieAnswer }> }): Promise<number> {
  if (input.answers.length === 0) return 0;
  // The last answer per person wins, as for items.
  const last = new Map(input.answers.map((a) => [a.connectionId, a.tie]));
  const changes = [...last].map(([connectionId, tie]) => ({ connectionId, tie }));
  return db.transaction().execute(async (trx) => (await setTiesByConnection(trx, { ...input, source: 'web' }, changes)).length);
}

/**
 * Splits tie changes, in order, into runs that name each person once: one statement cannot
 * upsert a tie twice, and a second answer about the same person must see the first as its
 * previous tie. A form names each person once, so this is nearly always a single run.
 */
function onePerConnection(changes: TieChange[]): TieChange[][] {
  const batches: TieChange[][] = [];
  let seen = new Set<string>();
  for (const change of changes) {
    if (batches.length === 0 || seen.has(change.connectionId)) {
      batches.push([]);
      seen = new Set();
    }
    batches.at(-1)!.push(change);
    seen.add(change.connectionId);
  }
  return batches;
}

/**
 * Takes back the answer to one item: the tie returns to what it was before this digest's answer
 * (or to unreviewed), an intro request is withdrawn, a follow-up's outcome returns to the one
 * before (not when a later digest's answer changed it since: then nothing is undone). Undoing twice is harmless.
 */
export async function undoAnswer(db: Db, input: { subscriberId: string; digestId: string; item: number }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const item = await lockDigestItem(trx, input);
    if (!item?.answer) return false;
    if (item.answer === 'intro') {
      await deleteIntroRequest(trx, input);
    } else if (item.kind === 'followup') {
      // The outcome goes back to what it was before this digest's answer; one changed since stays.
      const content = readItemContent(item);
      if (content.kind === 'followup') {
        const restored = await restoreIntroOutcome(trx, { subscriberId: input.subscriberId, digestId: input.digestId, introRequestId: content.payload.introRequestId });
        if (restored === 'answered-since') return false;
      }
    } else if (item.connection_id) {
      await restoreTieBeforeDigest(trx, { subscriberId: input.subscriberId, digestId: input.digestId, connectionId: item.connection_id, undoneAnswer: item.answer });
    }
    await setItemAnswer(trx, { digestId: input.digestId, item: input.item, answer: null });
    return true;
  });
}

export interface ReviewableItem {
  number: number;
  kind: DigestItemKind;
  answer: ItemAnswer | null;
  title: string;
  detail: string;
}

/** The digest's items with their current answers, as the review page shows them. */
export async function itemsForReview(db: Db, digestId: string): Promise<ReviewableItem[]> {
  const rows = await digestItems(db, digestId);
  return rows.map((row) => {
    const { payload } = readItemContent(row);
    return { number: row.number, kind: row.kind, answer: row.answer, title: payload.title, detail: payload.detail };
  });
}
