import { displayName as showName } from '../../emails/display-name.ts';
import { displayName, firstNameOf } from './prepare.ts';
import { readableCompany } from './normalise.ts';
import { spokenDate } from './time.ts';
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

/** `whys` are the wordings of why, best first: the digest's ClauseLedger picks one not said yet. */
type Texts = Pick<IntroOpportunity, 'title' | 'draft'> & { whys: string[] };

function topic(t: PreparedTarget, via: ConnectionFacts): string {
  const value = t.target.value;
  switch (t.target.kind) {
    case 'company':
      return `the team and the work${atCompany(readableCompany(via.company))}`;
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
  const first = firstNameOf(via) || name;
  const company = readableCompany(via.company);
  const role = via.position.trim() === '' ? '' : `${via.position.trim()}${atCompany(company)}`;
  const whys =
    kind === 'company'
      ? [
          `${name} works${atCompany(company)} and ${knowsYou(tie)}: ask about the team or the role.`,
          `${first} is${atCompany(company) || ' there'} and ${knowsYou(tie)}. Ask what the team is like.`,
          `Ask ${first} about the work.`,
        ]
      : kind === 'role'
        ? [`${name} is ${role} and ${knowsYou(tie)}: ask what the work is really like.`, `${first} works as ${role}. Ask what the job is like.`, `Ask ${first} about the job.`]
        : [
            `${name}${role === '' ? '' : ` (${role})`} fits "${value}", one of your targets, and ${knowsYou(tie)}: ask about their work.`,
            `${first} works in "${value}". Ask how it looks from the inside.`,
            `Ask ${first} about "${value}".`,
          ];
  const draft: Draft = {
    subject: kind === 'company' ? `A question about ${company || value}` : 'A question about your work',
    body: letter(
      firstNameOf(via),
      [
        purpose ? ASK_REASON[purpose] : ASK_REASON.other,
        `Would you have 20 minutes in the next couple of weeks to tell me about ${topic(t, via)}? I would value your honest view.`,
      ],
      subscriberName,
    ),
  };
  const title = `Talk to ${name} about ${kind === 'company' ? company || value : value}`;
  return { title, whys, draft };
}

export function introductionTexts(
  via: ConnectionFacts,
  tie: TrustedTie,
  to: ConnectionFacts,
  purpose: Purpose | null,
  subscriberName: string | null,
): Texts {
  const viaName = displayName(via);
  const viaFirst = firstNameOf(via) || viaName;
  const toName = displayName(to);
  const company = atCompany(readableCompany(to.company));
  const toRole = to.position.trim() === '' ? '' : `, ${to.position.trim()}`;
  const where = `${to.position.trim()}${company}`.trim();
  const whys = [
    `You are connected to ${toName}${where === '' ? '' : ` (${where})`} but do not know them. ` +
      `${viaName} works with them and ${knowsYou(tie)}: ask ${viaFirst} to introduce you properly.`,
    `${toName}${company} is a stranger to you, but ${viaFirst} works alongside them and ${knowsYou(tie)}. Ask for a proper introduction.`,
    `${viaFirst} can introduce you.`,
  ];
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
  return { title: `Ask ${viaName} to introduce you to ${toName}`, whys, draft };
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
  nowMs: number,
): Texts {
  const name = displayName(via);
  const first = firstNameOf(via) || name;
  const left = readableCompany(former.company);
  const now = readableCompany(via.company);
  const when = spokenDate(former.leftAt, nowMs) ?? 'recently';
  const whys = [
    `${name} left ${left}${now ? ` for ${now}` : ''} ${when}, will still know people there, and ${knowsYou(tie)}: ask who to talk to.`,
    `${first} worked at ${left} until ${when.replace(/^in /, '')} and ${knowsYou(tie)}. Ask who to talk to there.`,
    `Ask ${first} who to know.`,
  ];
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
  return { title: `Ask ${name} who to know at ${t.target.value}`, whys, draft };
}
