import { ClauseLedger } from '../digest-items/clauses.ts';
import { readableCompany } from './normalise.ts';
import { displayName, firstNameOf } from './prepare.ts';
import { spokenDate } from './time.ts';
import type { ConnectionFacts, ReviewItem, ReviewSignal } from './types.ts';

/**
 * The sentence a review item says about a person, as a coach would: the single most telling
 * thing the export shows (how and when you connected, the one sign of a tie or its absence), then
 * the question. Each story has several wordings and the digest's ClauseLedger takes the first not
 * yet said, so four people who all arrived the same way do not get the same clause four times.
 */

const at = (when: string | null) => (when === null ? '' : ` ${when}`);
/** "in 2019" → "since 2019", "this month" → "this month". */
const since = (when: string | null) => (when === null ? '' : ` ${when.replace(/^in /, 'since ')}`);

/**
 * Wordings of the one most telling thing, best first. Each list ends in one under MIN_CLAUSE_WORDS
 * words whatever the names and dates in it, so that it can never repeat.
 */
function story(kind: ReviewItem['kind'], signals: readonly ReviewSignal[], f: ConnectionFacts, nowMs: number): string[] {
  const first = firstNameOf(f) || displayName(f);
  const e = f.evidence;
  const connected = spokenDate(f.connectedOn, nowMs);
  const lastMessage = spokenDate(e?.lastMessageAt, nowMs);
  const has = (s: ReviewSignal) => signals.includes(s);
  const short = connected === null ? 'No connection date.' : `Connected ${connected}.`;

  if (kind === 'close') {
    const lead: string[] = [];
    if (has('at_target')) {
      const company = readableCompany(f.company);
      lead.push(company ? `${first} works at ${company}, which fits your targets.` : `${first}'s work fits one of your targets.`);
    }
    const threads = e?.twoWayThreads ?? 0;
    const evidence =
      threads > 1
        ? [`You have ${threads} conversations with ${first}, the latest${at(lastMessage)}.`, `${threads} conversations both ways, the last${at(lastMessage)}.`, `${threads} conversations.`]
        : threads === 1
          ? [`You and ${first} have talked on LinkedIn, most recently${at(lastMessage)}.`, `One conversation both ways${at(lastMessage)}.`, 'One conversation.']
          : [`There is a recommendation between you and ${first}.`, 'You have recommended each other.', 'A recommendation.'];
    // The last wording goes without the lead, so that it can never repeat.
    return evidence.map((sentence, i) => (i === evidence.length - 1 ? sentence : [...lead, sentence].join(' ')));
  }

  if (has('messages_unanswered')) {
    return [`${first} wrote to you${at(lastMessage)} and never heard back.`, `A message from ${first}${at(lastMessage)} is still unanswered.`, 'Unanswered message.'];
  }
  if (has('messages_sent')) {
    return [`You wrote to ${first}${at(lastMessage)}, with no reply.`, `Your message to ${first}${at(lastMessage)} went unanswered.`, 'No reply yet.'];
  }
  if (has('invitation_note')) {
    return [`${first}'s invitation${at(connected)} came with a personal note.`, `The invitation came with a note, but nothing followed.`, 'A note, then silence.'];
  }
  if (has('shared_employer')) {
    const company = readableCompany(e?.sharedEmployer ?? '') || 'the same employer';
    return [`You both worked at ${company}, but have not talked here.`, `You overlapped at ${company}.`, 'A shared employer.'];
  }
  if (has('endorsements')) {
    return ['There are endorsements between you, but no conversation.', 'Endorsements, yet no messages.', 'Endorsements only.'];
  }
  if (has('recommendation_by_name')) {
    return ['A recommendation under the same name, which may be someone else.', 'A namesake’s recommendation, perhaps.', short];
  }
  if (has('incoming_without_note')) {
    const fresh = has('new_connection') ? 'New this upload: ' : '';
    return [
      `${fresh}you accepted ${first}'s invitation${at(connected)}; it came without a note.`,
      `${first} invited you${at(connected)} without a note, and you accepted.`,
      `An invitation from ${first}, accepted${at(connected)}, with no note.`,
      `No note came with ${first}'s invitation${at(connected)}.`,
      `Accepted${at(connected)}.`,
    ].map(capitalise);
  }
  if (has('new_connection')) {
    return [`New in your network${at(connected)}, with nothing between you yet.`, `${first} joined your network${at(connected)}.`, `New${at(connected)}.`];
  }
  if (has('recent')) {
    return [`Connected${at(connected)}, with no messages yet.`, `You connected${at(connected)} and have not talked since.`, short];
  }
  return [
    `Connected${at(connected)}, with no messages, endorsements or recommendations since.`,
    `In your network${since(connected)}, with no sign of contact.`,
    `Your export shows nothing between you beyond connecting${at(connected)}.`,
    short,
  ];
}

/** The question, in turn: a digest asks "Do you know …?" in a few ways rather than five times. */
function questions(kind: ReviewItem['kind'], first: string, turn: number): string[] {
  const all =
    kind === 'close'
      ? [`Do you know ${first} well?`, `Close enough to ask ${first} a favour?`, `Would ${first} take your call?`, `Could you ask ${first} for an introduction?`]
      : [`Do you know ${first}?`, `Could you vouch for ${first}?`, `Have you met ${first}?`, `Would you know ${first} on sight?`, `Do you know ${first} at all?`];
  return all.map((_, i) => all[(turn + i) % all.length]!);
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** One item's sentence, chosen so that nothing in it repeats what the digest already said. */
export function reviewSentence(
  item: Pick<ReviewItem, 'kind' | 'signals'>,
  f: ConnectionFacts,
  nowMs: number,
  turn: number,
  ledger: ClauseLedger,
): string {
  const first = firstNameOf(f) || displayName(f);
  const asks = questions(item.kind, first, turn);
  const stories = story(item.kind, item.signals, f, nowMs);
  // Last, a wording under five words a clause: never a repeat.
  const plain = item.kind === 'close' ? `Know ${first} well?` : `Do you know ${first}?`;
  const wordings = [...stories.flatMap((s) => asks.map((q) => `${s} ${q}`)), `${stories[stories.length - 1]} ${plain}`];
  return ledger.say(wordings, [displayName(f)]);
}
