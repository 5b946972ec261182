import { describe, expect, it } from 'vitest';
import { ClauseLedger } from '../../../../domain/digest-items/clauses.ts';
import { digestItemContentSchema } from '../../../../domain/digest-items/index.ts';
import { analyseNetwork, type OpenIntroRequest } from '../../../../domain/network/index.ts';
import { dueFollowups, followupStage } from '../../../../domain/network/introductions.ts';
import { introductionsMadeThisQuarter } from '../../../../domain/network/quality.ts';
import { composeDigest, EMAIL_LIMITS } from '../../../../services/digest/compose.ts';
import { connection, daysAgo, input, NOW, strategy } from './builders.ts';

const DAY = 86_400_000;

function request(id: string, overrides: Partial<OpenIntroRequest> = {}): OpenIntroRequest {
  return {
    id: `00000000-0000-4000-8000-${id.padStart(12, '0')}`,
    via: { id: `via-${id}`, firstName: 'Lars', lastName: `Berg${id}`, company: 'Globex', position: 'Engineer', profileUrl: null },
    to: null,
    targetLabel: 'Globex',
    draftedAt: daysAgo(8),
    sentAt: null,
    outcome: null,
    followupsAsked: 0,
    ...overrides,
  };
}

const links = {
  publicUrl: 'https://rapport.example',
  digestToken: 'tok',
  replyAddress: 'reply+r@rapport.example',
  uploadUrl: 'https://rapport.example/upload/u',
  preferencesUrl: 'https://rapport.example/preferences/p',
  unsubscribeUrl: 'https://rapport.example/u/x',
};

describe('follow-ups to introductions', () => {
  const now = NOW.getTime();

  it('asks a week after a request was sent, again three weeks after, and never more', () => {
    const sent = (days: number, asked: number, outcome: OpenIntroRequest['outcome'] = null) =>
      followupStage({ draftedAt: daysAgo(days + 2), sentAt: daysAgo(days), outcome, followupsAsked: asked }, now);
    expect(sent(5, 0)).toBeNull();
    // The next digest a week on, to the hour or a little under, asks.
    expect(sent(7, 0)).toBe(1);
    expect(sent(6.9, 0)).toBe(1);
    expect(sent(14, 1)).toBeNull();
    expect(sent(21, 1, 'waiting')).toBe(2);
    expect(sent(20.9, 1)).toBe(2);
    // A request nobody was asked about for three weeks (no digest went out) gets the last question once.
    expect(sent(30, 0)).toBe(2);
    expect(sent(30, 2)).toBeNull();
  });

  it('counts from the draft when the request was never marked sent', () => {
    expect(followupStage({ draftedAt: daysAgo(7), sentAt: null, outcome: null, followupsAsked: 0 }, now)).toBe(1);
    // "I sent it" later moves the count on.
    expect(followupStage({ draftedAt: daysAgo(7), sentAt: daysAgo(2), outcome: null, followupsAsked: 0 }, now)).toBeNull();
  });

  it('words each follow-up once, oldest request first, and names who was asked', () => {
    const ledger = new ClauseLedger();
    const due = dueFollowups(
      [
        request('2', { draftedAt: daysAgo(9), sentAt: daysAgo(8) }),
        request('1', { draftedAt: daysAgo(22), sentAt: daysAgo(21), outcome: 'waiting', followupsAsked: 1, to: { firstName: 'Mia', lastName: 'Chen' } }),
        request('3', { draftedAt: daysAgo(2) }),
      ],
      now,
      ledger,
    );
    expect(due.map((f) => [f.introRequestId.slice(-1), f.stage])).toEqual([
      ['1', 2],
      ['2', 1],
    ]);
    expect(due[0]!.title).toBe('Did Lars Berg1 introduce you to Mia Chen?');
    expect(due[0]!.why).toMatch(/last time we ask/);
    expect(due[1]!.title).toBe('What came of asking Lars Berg2 about Globex?');
    expect(due[1]!.why).toBe('You sent it a week ago. Did it lead to an introduction?');
    // Two requests alike in all but names do not say the same clause twice.
    const twins = dueFollowups([request('4', { sentAt: daysAgo(7) }), request('5', { sentAt: daysAgo(7) })], now, new ClauseLedger());
    expect(twins[0]!.why).not.toBe(twins[1]!.why.replace('Berg5', 'Berg4'));
  });

  it('counts the introductions made in the last 13 weeks', () => {
    expect(introductionsMadeThisQuarter([daysAgo(1), daysAgo(90), daysAgo(92), 'not a date'], now)).toBe(2);
    expect(introductionsMadeThisQuarter([new Date(now + DAY).toISOString()], now)).toBe(0);
    const analysis = analyseNetwork(input({ introducedAt: [daysAgo(3), daysAgo(200)] }));
    expect(analysis.quality.introductionsMade).toBe(1);
    expect(analyseNetwork(input()).quality.introductionsMade).toBe(0);
  });

  it('puts due follow-ups in the email, in place of two people each, new introductions waiting on the page', () => {
    const connections = [
      ...Array.from({ length: 8 }, (_, i) => connection(`r${i}`)),
      connection('a1', { company: 'Globex', tie: 'close', tieAt: daysAgo(100) }),
      connection('a2', { company: 'Globex', tie: 'known', tieAt: daysAgo(100) }),
    ];
    const analysis = analyseNetwork(
      input({
        connections,
        strategy: strategy({ targets: [{ kind: 'company', value: 'Globex' }] }),
        openIntroRequests: [request('1', { sentAt: daysAgo(7) }), request('2', { sentAt: daysAgo(7) }), request('3', { sentAt: daysAgo(8) })],
      }),
    );
    expect(analysis.followups).toHaveLength(3);
    expect(analysis.introductions.length).toBeGreaterThan(1);
    const { props, items } = composeDigest({ analysis, name: 'Alex', isoWeek: '2026-W48', links, history: [] });
    // Numbered as the email shows them: people, then the follow-ups in the introductions' section.
    expect(props.review).toHaveLength(EMAIL_LIMITS.review - 2 * EMAIL_LIMITS.followups);
    expect(props.followups.map((i) => i.number)).toEqual([2, 3]);
    expect(props.followups).toHaveLength(EMAIL_LIMITS.followups);
    expect(props.introductions).toEqual([]);
    expect(items.filter((i) => i.kind === 'intro').length).toBe(analysis.introductions.length);
    // Two buttons fit a phone's row; the page they open offers declined and not needed too.
    expect(props.followups[0]!.actions.map((a) => a.label)).toEqual(['Introduced', 'No answer yet']);
    expect(props.followups[0]!.actions[0]!.url).toBe('https://rapport.example/a/tok?item=2&answer=introduced');
    // Every follow-up is stored, the third after what the email shows, each pointing at its request.
    const stored = items.filter((i) => i.kind === 'followup');
    expect(stored).toHaveLength(3);
    for (const item of stored) expect(digestItemContentSchema.safeParse(item).success).toBe(true);
    const shown = [...props.review, ...props.followups, ...props.introductions, ...props.gaps].map((i) => i.number);
    expect(stored[2]!.number).toBeGreaterThan(Math.max(...shown));
    expect(props.moreOnPage).toBeGreaterThan(0);
    expect(props.hook).toBe('Any news from Lars about Globex?');
    // One follow-up leaves three people; a week of follow-ups still shows one person.
    const one = analyseNetwork(input({ connections, openIntroRequests: [request('1', { sentAt: daysAgo(7) })] }));
    expect(composeDigest({ analysis: one, name: null, isoWeek: '2026-W48', links, history: [] }).props.review).toHaveLength(3);
  });

  it('says the introductions made in the quality line under the chart', () => {
    const { props } = composeDigest({ analysis: analyseNetwork(input({ introducedAt: [daysAgo(3), daysAgo(10)] })), name: null, isoWeek: '2026-W48', links, history: [] });
    expect(props.progress.introductionsMade).toBe(2);
  });
});
