import { displayName as showName } from '../../emails/display-name.ts';
import { displayName, firstNameOf } from './prepare.ts';
import { monthYear } from './time.ts';
import type { PreparedTarget } from './targets.ts';
import type { ConnectionFacts, Draft, IntroOpportunity, Purpose, TrustedTie } from './types.ts';

/**
 * The words of an introduction opportunity. Drafts are short and plain on purpose: the subscriber
 * edits and sends them from their own mailbox, to someone who knows them.
 */

const atCompany = (company: string) => (company.trim() === '' ? '' : ` at ${company.trim()}`);
const knowsYou = (tie: TrustedTie) => (tie === 'close' ? 'knows you well' : 'knows you');

// Why the subscriber is asking, from the first purpose they gave; it reads as their own reason.
const ASK_REASON: Record<Purpose, string> = {
  job_search: 'I am thinking about my next career step.',
  clients: 'I am looking at where my work could help teams like yours.',
  hiring: 'I am hiring, and I want to learn from people who know the field.',
  learning: 'I am trying to learn more about the field.',
  staying_in_touch: 'It has been a while, and I would love to catch up.',
  other: 'I have been thinking about where I want to go next.',
};

const INTRO_REASON: Record<Purpose, string> = {
  job_search: 'I am exploring my next role and would value their view.',
  clients: 'I think my work could be useful to their team, and I would like to learn what they need.',
  hiring: 'I am hiring and would value their perspective.',
  learning: 'I am learning about their field and would value their perspective.',
  staying_in_touch: 'I would value their perspective on their work.',
  other: 'I would value their perspective on their work.',
};

type Texts = Pick<IntroOpportunity, 'title' | 'why' | 'draft'>;

function topic(t: PreparedTarget, via: ConnectionFacts): string {
  const value = t.target.value;
  switch (t.target.kind) {
    case 'company':
      return `the team and the work${atCompany(via.company)}`;
    case 'role':
      return `what working as ${value} is really like`;
    case 'industry':
      return `how you see ${value} from the inside`;
    case 'keyword':
      return `your work around ${value}`;
  }
}

function letter(to: string, paragraphs: string[], subscriberName: string | null): string {
  const greeting = to === '' ? 'Hi,' : `Hi ${to},`;
  const name = subscriberName === null ? '' : showName(subscriberName);
  const signOff = name ? `Thank you,\n${name}` : 'Thank you,';
  return [greeting, ...paragraphs, signOff].join('\n\n');
}

export function askContactTexts(
  t: PreparedTarget,
  via: ConnectionFacts,
  tie: TrustedTie,
  purpose: Purpose | null,
  subscriberName: string | null,
): Texts {
  const { kind, value } = t.target;
  const name = displayName(via);
  const role = via.position.trim() === '' ? '' : `${via.position.trim()}${atCompany(via.company)}`;
  const why =
    kind === 'company'
      ? `${name} works${atCompany(via.company)} and ${knowsYou(tie)}: ask about the team or the role.`
      : kind === 'role'
        ? `${name} is ${role} and ${knowsYou(tie)}: ask what the work is really like.`
        : `${name}${role === '' ? '' : ` (${role})`} fits "${value}", one of your targets, and ${knowsYou(tie)}: ask about their work.`;
  const draft: Draft = {
    subject: kind === 'company' ? `A question about ${via.company.trim() || value}` : 'A question about your work',
    body: letter(
      firstNameOf(via),
      [
        purpose ? ASK_REASON[purpose] : ASK_REASON.other,
        `Would you have 20 minutes in the next couple of weeks to tell me about ${topic(t, via)}? I would value your honest view.`,
      ],
      subscriberName,
    ),
  };
  const title = `Talk to ${name} about ${kind === 'company' ? via.company.trim() || value : value}`;
  return { title, why, draft };
}

export function introductionTexts(
  via: ConnectionFacts,
  tie: TrustedTie,
  to: ConnectionFacts,
  purpose: Purpose | null,
  subscriberName: string | null,
): Texts {
  const viaName = displayName(via);
  const toName = displayName(to);
  const company = atCompany(to.company);
  const toRole = to.position.trim() === '' ? '' : `, ${to.position.trim()}`;
  const where = `${to.position.trim()}${company}`.trim();
  const why =
    `You are connected to ${toName}${where === '' ? '' : ` (${where})`} but do not know them. ` +
    `${viaName} works with them and ${knowsYou(tie)}: ask ${firstNameOf(via) || viaName} to introduce you properly.`;
  const draft: Draft = {
    subject: `Could you introduce me to ${firstNameOf(to) || toName}?`,
    body: letter(
      firstNameOf(via),
      [
        `I see that you work with ${toName}${toRole}${company}. We are connected on LinkedIn but have never really talked, and I would like to change that. ${purpose ? INTRO_REASON[purpose] : INTRO_REASON.other}`,
        'Would you be comfortable introducing us? A short email to both of us would be perfect, and I am happy to send you a few lines about me to forward.',
      ],
      subscriberName,
    ),
  };
  return { title: `Ask ${viaName} to introduce you to ${toName}`, why, draft };
}

/**
 * Someone the subscriber knows well who left a target company (seen as a job change between two
 * uploads: the export holds only current employers) still knows people there: ask them for a name.
 */
export function formerColleagueTexts(
  t: PreparedTarget,
  via: ConnectionFacts,
  former: { company: string; leftAt: string },
  tie: TrustedTie,
  purpose: Purpose | null,
  subscriberName: string | null,
): Texts {
  const name = displayName(via);
  const left = former.company.trim();
  const now = via.company.trim();
  const why = `${name} left ${left}${now ? ` for ${now}` : ''} in ${monthYear(former.leftAt)}, will still know people there, and ${knowsYou(tie)}: ask who to talk to.`;
  const draft: Draft = {
    subject: `Someone to talk to at ${left}?`,
    body: letter(
      firstNameOf(via),
      [
        purpose ? ASK_REASON[purpose] : ASK_REASON.other,
        `You know ${left} from the inside. Is there someone there you would be happy to introduce me to, or who would be worth a message? I would value your honest view.`,
      ],
      subscriberName,
    ),
  };
  return { title: `Ask ${name} who to know at ${t.target.value}`, why, draft };
}
