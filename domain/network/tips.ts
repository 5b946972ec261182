import { TIP_REPEAT_DAYS } from './thresholds.ts';
import { toMs, within } from './time.ts';
import type { CoachingTip, GapKind } from './types.ts';

/**
 * Short coaching tips, each keyed to the gap it speaks to. Ids are stored with each sent tip, so they
 * never change; edit the words freely, and add tips at will.
 */
export const TIPS: readonly CoachingTip[] = [
  {
    id: 'strategy-why',
    gap: 'unanswered_questions',
    title: 'Know why you are there',
    body: 'Write down, in one sentence, why you are on LinkedIn. Every invitation you send or accept can be checked against it.',
  },
  {
    id: 'strategy-targets',
    gap: 'unanswered_questions',
    title: 'Name your targets',
    body: 'Name three companies or roles you care about this year. Concrete targets turn a list of contacts into paths.',
  },
  {
    id: 'export-regularly',
    gap: 'stale_export',
    title: 'Keep the picture fresh',
    body: 'A fresh export every month or two keeps new connections and job changes in your digest accurate. It takes LinkedIn a few minutes to prepare.',
  },
  {
    id: 'targets-second-degree',
    gap: 'targets_without_contact',
    title: 'Ask for an introduction, not a connection',
    body: 'The best way to reach someone new is through a person who knows you both well. A warm introduction gets a reply; a cold invitation rarely does.',
  },
  {
    id: 'targets-ask-around',
    gap: 'targets_without_contact',
    title: 'Ask who they know',
    body: 'When no one you know is where you want to go, ask the people you know well who they know there. One question often opens a path.',
  },
  {
    id: 'numbers-vouch',
    gap: 'numbers_focus',
    title: 'The vouching test',
    body: 'For every connection, ask: could I recommend this person, and would they recommend me? If not, the tie is a number, not a relationship.',
  },
  {
    id: 'numbers-depth',
    gap: 'numbers_focus',
    title: 'Depth over breadth',
    body: 'Ten people who would take your call are worth more than a thousand who would not recognise your name.',
  },
  {
    id: 'profile-headline',
    gap: 'profile',
    title: 'Your headline is read first',
    body: 'Say what you do and for whom, not only your job title. It is the line people see next to your name everywhere.',
  },
  {
    id: 'profile-proof',
    gap: 'profile',
    title: 'Show, do not claim',
    body: 'Add one concrete result to your profile: a number, a project, a client. Proof travels further than adjectives.',
  },
  {
    id: 'unknown-decline',
    gap: 'high_unknown_share',
    title: 'It is fine to say not yet',
    body: 'You can leave an invitation from a stranger unanswered, or reply and ask how you might help each other first.',
  },
  {
    id: 'unknown-prune',
    gap: 'high_unknown_share',
    title: 'Tend the network',
    body: 'LinkedIn does not tell people when you remove them. Letting go of ties you would never vouch for makes the rest of your network more useful.',
  },
  {
    id: 'invitations-reply-first',
    gap: 'incoming_without_note',
    title: 'Reply before you accept',
    body: 'An invitation without a note is a question without a reason. Ask what prompted it before you accept.',
  },
  {
    id: 'invitations-own-note',
    gap: 'incoming_without_note',
    title: 'Always add a note',
    body: 'When you invite someone, add a line about where you met or why you are writing. It is how you would want to be asked.',
  },
  {
    id: 'backlog-steady',
    gap: 'review_backlog',
    title: 'Small steps add up',
    body: 'Five answers a week is 260 people in a year that you know you can count on, or know you cannot.',
  },
  {
    id: 'backlog-recent-first',
    gap: 'review_backlog',
    title: 'Start with the easy ones',
    body: 'People you connected with recently are the easiest to place. Answer those first and the rest feels lighter.',
  },
  {
    id: 'general-congratulate',
    gap: 'general',
    title: 'A reason to write',
    body: 'A new job is a natural reason to get in touch. Congratulate someone you know well this week, and ask nothing in return.',
  },
  {
    id: 'general-give-first',
    gap: 'general',
    title: 'Give first',
    body: 'Before asking for help, offer some: an introduction, a recommendation, an article that made you think of them.',
  },
  {
    id: 'general-recommend',
    gap: 'general',
    title: 'Write a recommendation',
    body: 'Recommend someone you have worked with closely. It is the strongest signal LinkedIn has, and it is remembered.',
  },
  {
    id: 'general-no-shortcuts',
    gap: 'general',
    title: 'No shortcuts',
    body: 'One real conversation a week does more for your career than a hundred new connections.',
  },
];

/**
 * This week's tip: one for the most pressing gap that has a tip not sent in TIP_REPEAT_DAYS, else a
 * general one; within a gap, a tip never sent before one sent long ago, then library order. null
 * when every fitting tip was sent recently.
 */
export function chooseTip(gaps: readonly GapKind[], sentAt: Readonly<Record<string, string>>, nowMs: number): CoachingTip | null {
  for (const gap of [...gaps, 'general' as const]) {
    const fresh = TIPS.filter((tip) => tip.gap === gap && !within(sentAt[tip.id], TIP_REPEAT_DAYS, nowMs));
    const never = fresh.find((tip) => toMs(sentAt[tip.id]) === null);
    const choice = never ?? oldestSent(fresh, sentAt);
    // A copy: the caller owns its output, and the library must not change under it.
    if (choice) return { ...choice };
  }
  return null;
}

function oldestSent(tips: readonly CoachingTip[], sentAt: Readonly<Record<string, string>>): CoachingTip | undefined {
  let best: CoachingTip | undefined;
  let bestMs = Infinity;
  for (const tip of tips) {
    const ms = toMs(sentAt[tip.id]) ?? Infinity;
    if (ms < bestMs) {
      best = tip;
      bestMs = ms;
    }
  }
  return best;
}
