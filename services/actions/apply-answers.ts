import type { Db } from '../../db/client.ts';
import {
  answeredSince,
  applyTieChanges,
  deleteIntroRequest,
  digestItems,
  forgetSkips,
  insertIntroRequest,
  latestAnswerEvent,
  latestTieEvent,
  lockAnswerBatch,
  lockDigestItem,
  lockDigestItems,
  markAnswerEventUndone,
  markBatchUndone,
  recordAnswerBatch,
  restoreTie,
  setItemAnswer,
  setTiesByConnection,
  type AnswerEvent,
  type TieChange,
} from '../../db/queries/answers.ts';
import type { DbOrTx } from '../../db/client.ts';
import { restoreIntroOutcome, setIntroOutcome } from '../../db/queries/intros.ts';
import type { TieValue } from '../../db/types.ts';
import { answerProblem, isIntroOutcome, isTieAnswer, lastAnswerPerItem, readItemContent, shownName, type DigestItemKind, type ItemAnswer, type TieAnswer } from '../../domain/digest-items/index.ts';

export interface AnswerRequest {
  item: number;
  answer: ItemAnswer;
}

export interface AppliedAnswer {
  item: number;
  answer: ItemAnswer;
  /**
   * What the answer replaced: the person's tie for an answer about them, else the item's answer;
   * null when there was none. A receipt says "known well → known".
   */
  before: ItemAnswer | null;
  /** False when nothing changed (the item, or the person, already had this answer): not counted as a change. */
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
  /** The answers this call wrote, together, for one undo; null when it wrote none. */
  batchId: string | null;
}

/**
 * Applies a digest's answers in one transaction. The digest's items are locked first, so the same
 * POST twice, or two in parallel, change state once: the second sees the answer already there.
 * Every answer that writes is an answer event with what it replaced, in one batch per call: undo
 * goes back through those, one answer or the whole batch. Tie changes are tie events too.
 */
export async function applyAnswers(
  db: Db,
  input: { subscriberId: string; digestId: string; answers: AnswerRequest[]; source: 'web' | 'reply' },
): Promise<ApplyResult> {
  const wanted = lastAnswerPerItem(input.answers);

  return db.transaction().execute(async (trx) => {
    const items = await lockDigestItems(trx, input);
    const byNumber = new Map(items.map((i) => [i.number, i]));
    const result: ApplyResult = { applied: [], rejected: [], batchId: null };
    const tieChanges: TieChange[] = [];
    const events: AnswerEvent[] = [];

    for (const [number, answer] of wanted) {
      const item = byNumber.get(number);
      const problem = answerProblem(item?.kind, number, answer);
      if (!item || problem) {
        result.rejected.push({ item: number, answer, reason: problem! });
        continue;
      }
      const content = readItemContent(item);
      const shown = { name: shownName(content), title: content.payload.title };
      const aboutPerson = Boolean(item.connection_id) && item.kind !== 'intro';
      const before = aboutPerson && isTieAnswer(answer) && item.tie ? item.tie : item.answer;
      if (item.answer === answer) {
        result.applied.push({ item: number, answer, before, changed: false, shown });
        continue;
      }
      result.applied.push({ item: number, answer, before, changed: before !== answer, shown });
      events.push({ item: number, connectionId: item.connection_id, answer, previousAnswer: item.answer, previousTie: item.tie });
      // A person already at this tie (answered elsewhere) gets the item's answer and no tie event.
      if (aboutPerson && (answer === 'skip' || (isTieAnswer(answer) && item.tie !== answer))) {
        tieChanges.push({ number, connectionId: item.connection_id!, answer: answer as TieAnswer | 'skip' });
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
    if (events.length) result.batchId = await recordAnswerBatch(trx, input, events);
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

export type UndoResult =
  | { status: 'undone'; restored: ItemAnswer | null; shown: { name: string | null; title: string } }
  | { status: 'nothing' }
  /** The same person was answered again since (another digest, a reply, the page): that answer stands. */
  | { status: 'answered-since'; shown: { name: string | null; title: string } };

/**
 * Takes back the latest answer to one item: the item gets the answer it had before, the person the
 * tie they had before, an intro request that answer drafted is withdrawn. Unless the same person
 * was answered again since, through anything but this item: undo never overwrites a newer answer.
 * Undoing again goes one answer further back; with nothing left it is harmless.
 */
export async function undoAnswer(db: Db, input: { subscriberId: string; digestId: string; item: number }): Promise<UndoResult> {
  return db.transaction().execute((trx) => undoLatest(trx, input));
}

async function undoLatest(trx: DbOrTx, input: { subscriberId: string; digestId: string; item: number }, onlyEvent?: string): Promise<UndoResult> {
  const item = await lockDigestItem(trx, input);
  const event = item?.answer ? await latestAnswerEvent(trx, input) : undefined;
  if (!item || !event || event.answer !== item.answer) return { status: 'nothing' };
  const content = readItemContent(item);
  const shown = { name: shownName(content), title: content.payload.title };
  // A batch's undo takes back its own answers only: a later answer to the item came after it.
  if (onlyEvent && event.id !== onlyEvent) return { status: 'answered-since', shown };
  const previousAnswer = event.previous_answer as ItemAnswer | null;
  if (content.kind === 'followup') {
    // The request's outcome goes back too, unless a later digest's answer changed it since.
    const restored = await restoreIntroOutcome(trx, { subscriberId: input.subscriberId, digestId: input.digestId, introRequestId: content.payload.introRequestId });
    if (restored === 'answered-since') return { status: 'answered-since', shown };
    // restoreIntroOutcome goes back to before this digest's answers; one answer back may be one of them.
    if (previousAnswer && isIntroOutcome(previousAnswer)) {
      await setIntroOutcome(trx, { subscriberId: input.subscriberId, digestId: input.digestId, introRequestId: content.payload.introRequestId, outcome: previousAnswer, source: 'web' });
    }
  } else if (item.connection_id && item.kind !== 'intro') {
    const since = await answeredSince(trx, { eventId: event.id, connectionId: item.connection_id, digestId: input.digestId, item: input.item });
    if (since) return { status: 'answered-since', shown };
    if (event.answer === 'skip') {
      await forgetSkips(trx, { digestId: input.digestId, item: input.item, connectionId: item.connection_id });
    } else {
      await restoreTie(trx, {
        subscriberId: input.subscriberId,
        digestId: input.digestId,
        item: input.item,
        connectionId: item.connection_id,
        restore: event.previous_tie as TieValue | null,
        undone: item.answer,
      });
    }
  } else if (event.answer === 'intro' && previousAnswer !== 'intro') {
    // A request already sent (or answered by a follow-up) stays: that is a newer answer about it.
    if (!(await deleteIntroRequest(trx, input))) return { status: 'answered-since', shown };
  }
  await setItemAnswer(trx, { digestId: input.digestId, item: input.item, answer: previousAnswer });
  await markAnswerEventUndone(trx, event.id);
  return { status: 'undone', restored: previousAnswer, shown };
}

export type PersonUndoResult = { status: 'undone'; restored: TieValue | null } | { status: 'nothing' } | { status: 'answered-since' };

/**
 * Takes back an answer given by person on a digest's review page (the people at a target): the
 * person gets back the tie they had before it. Only while that answer is the latest about them: an
 * answer since (a reply, another digest, an item) stands, and an answer already undone stays undone.
 */
export async function undoPersonAnswer(db: Db, input: { subscriberId: string; digestId: string; connectionId: string }): Promise<PersonUndoResult> {
  return db.transaction().execute(async (trx) => {
    const latest = await latestTieEvent(trx, input);
    if (!latest || latest.source === 'undo') return { status: 'nothing' };
    if (latest.digest_id !== input.digestId || latest.item_number !== null || latest.source !== 'web' || !isTieValue(latest.tie)) return { status: 'answered-since' };
    const restore = isTieValue(latest.previous_tie) ? latest.previous_tie : null;
    await restoreTie(trx, { subscriberId: input.subscriberId, digestId: input.digestId, item: null, connectionId: input.connectionId, restore, undone: latest.tie });
    return { status: 'undone', restored: restore };
  });
}

const isTieValue = (tie: string | null): tie is TieValue => tie === 'known' || tie === 'close' || tie === 'unknown';

export interface BatchUndoResult {
  /** False when the batch is not the subscriber's, or was undone already. */
  found: boolean;
  undone: Array<{ item: number; shown: { name: string | null; title: string } }>;
  /** Items answered again since the batch: kept as they are. */
  kept: Array<{ item: number; shown: { name: string | null; title: string } }>;
}

/**
 * Takes back every answer one reply or form post gave, latest first, in one transaction: what a
 * receipt's undo does. Each item goes back as one answer's undo would; an item answered again since
 * keeps that newer answer. Undoing a batch twice changes nothing the second time.
 */
export async function undoBatch(db: Db, input: { subscriberId: string; batchId: string }): Promise<BatchUndoResult> {
  return db.transaction().execute(async (trx) => {
    const batch = await lockAnswerBatch(trx, input);
    const result: BatchUndoResult = { found: Boolean(batch && !batch.undone_at), undone: [], kept: [] };
    if (!batch || batch.undone_at) return result;
    for (const event of batch.events) {
      const outcome = await undoLatest(trx, { subscriberId: input.subscriberId, digestId: batch.digest_id, item: event.item_number }, event.id);
      if (outcome.status === 'undone') result.undone.push({ item: event.item_number, shown: outcome.shown });
      else if (outcome.status === 'answered-since') result.kept.push({ item: event.item_number, shown: outcome.shown });
    }
    await markBatchUndone(trx, batch.id);
    return result;
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
