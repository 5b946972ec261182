import { describe, expect, it } from 'vitest';
import { analyseNetwork, chooseTip, TIP_REPEAT_DAYS, TIPS, type GapKind } from '../../../../domain/network/index.ts';
import { connection, daysAgo, input, NOW } from './builders.ts';

const nowMs = NOW.getTime();
const ALL_GAPS: GapKind[] = [
  'unanswered_questions',
  'stale_export',
  'targets_without_contact',
  'numbers_focus',
  'profile',
  'high_unknown_share',
  'incoming_without_note',
  'review_backlog',
];
const tipsFor = (gap: GapKind | 'general') => TIPS.filter((t) => t.gap === gap).map((t) => t.id);

describe('the tip library', () => {
  it('has unique ids and short words', () => {
    expect(new Set(TIPS.map((t) => t.id)).size).toBe(TIPS.length);
    for (const tip of TIPS) {
      expect(tip.title.length).toBeLessThanOrEqual(60);
      expect(tip.body.length).toBeLessThanOrEqual(200);
    }
  });

  it.each([...ALL_GAPS, 'general' as const])('has a tip for %s', (gap) => {
    expect(tipsFor(gap).length).toBeGreaterThan(0);
  });
});

describe('chooseTip', () => {
  it('speaks to the most pressing gap', () => {
    expect(chooseTip(['profile', 'review_backlog'], {}, nowMs)?.id).toBe(tipsFor('profile')[0]);
  });

  it('falls back to a general tip when there is no gap', () => {
    expect(chooseTip([], {}, nowMs)).toMatchObject({ gap: 'general', id: tipsFor('general')[0] });
  });

  it.each([
    [`sent ${TIP_REPEAT_DAYS - 1} days ago`, TIP_REPEAT_DAYS - 1, false],
    [`sent ${TIP_REPEAT_DAYS} days ago`, TIP_REPEAT_DAYS, true],
    ['sent a year ago', 365, true],
  ])('a tip %s may be sent again: %s', (_, days, again) => {
    const sentAt = Object.fromEntries(TIPS.map((t) => [t.id, daysAgo(days)]));
    expect(chooseTip(['profile'], sentAt, nowMs) !== null).toBe(again);
  });

  it('prefers a tip never sent, then the one sent longest ago', () => {
    const [first, second] = tipsFor('profile');
    expect(chooseTip(['profile'], { [first as string]: daysAgo(100) }, nowMs)?.id).toBe(second);
    expect(chooseTip(['profile'], { [first as string]: daysAgo(100), [second as string]: daysAgo(200) }, nowMs)?.id).toBe(second);
  });

  it('moves on to the next gap, then to general tips, when the first gap’s tips were all sent recently', () => {
    const recent = (gap: GapKind | 'general') => Object.fromEntries(tipsFor(gap).map((id) => [id, daysAgo(7)]));
    expect(chooseTip(['profile', 'numbers_focus'], recent('profile'), nowMs)?.gap).toBe('numbers_focus');
    expect(chooseTip(['profile'], recent('profile'), nowMs)?.gap).toBe('general');
    expect(chooseTip(['profile'], { ...recent('profile'), ...recent('general') }, nowMs)).toBeNull();
  });

  it('treats an unreadable date as never sent', () => {
    const [first] = tipsFor('general');
    expect(chooseTip([], { [first as string]: 'yesterday-ish' }, nowMs)?.id).toBe(first);
  });

  it('never repeats a tip within the window, week after week', () => {
    const sentAt: Record<string, string> = {};
    const sent: Array<{ id: string; week: number }> = [];
    for (let week = 0; week < 52; week++) {
      const now = NOW.getTime() + week * 7 * 86_400_000;
      const tip = chooseTip(['profile', 'review_backlog'], sentAt, now);
      if (!tip) continue;
      const last = sent.filter((s) => s.id === tip.id).at(-1);
      if (last) expect((week - last.week) * 7).toBeGreaterThanOrEqual(TIP_REPEAT_DAYS);
      sent.push({ id: tip.id, week });
      sentAt[tip.id] = new Date(now).toISOString();
    }
    expect(sent.length).toBe(52);
  });

  it('hands out a copy, so the library cannot be changed through it', () => {
    const tip = chooseTip([], {}, nowMs);
    if (tip) tip.body = 'changed';
    expect(TIPS.some((t) => t.body === 'changed')).toBe(false);
  });
});

describe('the tip in an analysis', () => {
  it('follows the gaps, including ones beyond the few shown', () => {
    const analysis = analyseNetwork(
      input({
        strategy: null,
        lastExportAt: null,
        profile: { hasHeadline: false, hasSummary: false },
        connections: [connection('a')],
        tipsSentAt: Object.fromEntries(
          TIPS.filter((t) => t.gap === 'unanswered_questions' || t.gap === 'stale_export').map((t) => [t.id, daysAgo(3)]),
        ),
      }),
    );
    expect(analysis.gaps.map((g) => g.kind)).toEqual(['unanswered_questions', 'stale_export', 'profile']);
    expect(analysis.tip?.gap).toBe('profile');
  });
});
