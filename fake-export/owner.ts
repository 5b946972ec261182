import { LF_NO_TRAILING, LF_TRAILING, csvText } from './csv.ts';
import { DAY, javaDate, monthDay, monthYear } from './dates.ts';
import type { Identity } from './people.ts';
import { COMPANY_POOL, HEADLINES, LOCATIONS, OWNER_TITLES, SKILLS, SUMMARIES } from './pools.ts';
import { type Rng, at } from './random.ts';

const MONTH = 30.44 * DAY;

const DESCRIPTIONS = [
  'Led a team of six across product, design and engineering.',
  'Owned pricing, packaging and onboarding; grew activation by 18%.',
  '',
  'Launched the partner API (v1, v2), now used by 40+ customers.',
  'Ran discovery with "design partners" before every major bet.',
];

export interface OwnerJobs {
  text: string;
  /** Companies of every position, current first: the shared-employer evidence the parser looks for. */
  employers: string[];
}

/** Positions.csv: newest first, one current role with an empty Finished On. */
export function makePositions(rng: Rng, exportAt: number, avoid: readonly string[]): OwnerJobs {
  const candidates = COMPANY_POOL.filter((c) => !avoid.includes(c));
  const count = rng.int(3, 5);
  const employers: string[] = [];
  while (employers.length < count) {
    const company = rng.pick(candidates);
    if (!employers.includes(company)) employers.push(company);
  }
  let end = exportAt;
  const rows = employers.map((company, i) => {
    const start = end - rng.int(14, 48) * MONTH;
    const oldest = i === count - 1;
    const row = [
      company,
      at(OWNER_TITLES, Math.min(i, OWNER_TITLES.length - 1)),
      rng.pick(DESCRIPTIONS),
      rng.pick(LOCATIONS),
      // Older roles are sometimes recorded by year alone.
      monthYear(start, oldest && rng.chance(0.5)),
      i === 0 ? '' : monthYear(end, false),
    ];
    end = start - rng.int(0, 3) * MONTH;
    return row;
  });
  return { text: csvText(['Company Name', 'Title', 'Description', 'Location', 'Started On', 'Finished On'], rows, LF_TRAILING), employers };
}

export function makeProfile(rng: Rng, owner: Identity): string {
  const handle = `${owner.slug.split('-')[0] ?? 'member'}_${rng.hex(3)}`;
  const header = [
    'First Name', 'Last Name', 'Maiden Name', 'Address', 'Birth Date', 'Headline', 'Summary', 'Industry',
    'Zip Code', 'Geo Location', 'Twitter Handles', 'Websites', 'Instant Messengers',
  ];
  const birthday = monthDay(Date.UTC(2001, 0, 1) + rng.int(0, 364) * DAY);
  const row = [
    owner.first, owner.last, '', '', birthday, rng.pick(HEADLINES), rng.pick(SUMMARIES), 'Software Development',
    '', rng.pick(LOCATIONS), `[${handle}]`, '', `[SKYPE:${handle}]`,
  ];
  return csvText(header, [row], LF_TRAILING);
}

export function pickSkills(rng: Rng): string[] {
  return rng.shuffle([...SKILLS]).slice(0, rng.int(8, 14));
}

export function skillsText(skills: readonly string[]): string {
  return csvText(['Name'], skills.map((s) => [s]), LF_TRAILING);
}

/** Company Follows.csv: Java Date.toString stamps, and no newline after the last row (seen in 2022). */
export function makeCompanyFollows(rng: Rng, exportAt: number): string {
  const companies = rng.shuffle([...COMPANY_POOL]).slice(0, rng.int(6, 10));
  const rows = companies
    .map((c) => ({ c, at: exportAt - rng.int(1, 6 * 365 * 24 * 3600) * 1000 }))
    .sort((a, b) => b.at - a.at)
    .map(({ c, at: t }) => [c, javaDate(t)]);
  return csvText(['Organization', 'Followed On'], rows, LF_NO_TRAILING);
}
