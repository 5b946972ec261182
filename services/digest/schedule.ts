/**
 * When a subscriber's weekly digest is due, judged on their own wall clock. Working from local
 * wall time makes DST harmless: a slot inside a skipped hour is simply caught by the next tick,
 * a repeated hour cannot send twice because a digest is unique per subscriber and ISO week.
 */

export interface LocalTime {
  /** ISO week label of the local date, e.g. '2026-W48'. */
  isoWeek: string;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  hour: number;
  date: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** ISO 8601 week-numbering year and week of a calendar date. */
export function isoWeekOf(year: number, month: number, day: number): { isoYear: number; week: number; weekday: number } {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  // The Thursday of this week decides which year the week belongs to.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const isoYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(isoYear, 0, 1)) / 86_400_000 + 1) / 7);
  return { isoYear, week, weekday };
}

export function localTime(now: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(now).map((p) => [p.type, p.value]));
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const { isoYear, week, weekday } = isoWeekOf(year, month, day);
  return {
    isoWeek: `${isoYear}-W${String(week).padStart(2, '0')}`,
    weekday,
    hour: Number(parts.hour),
    date: `${parts.year}-${parts.month}-${parts.day}`,
  };
}

/** The ISO week whose digest is due now, or null when this week's slot has not come yet. */
export function dueWeek(now: Date, schedule: { timeZone: string; weekday: number; hour: number }): string | null {
  const local = localTime(now, schedule.timeZone);
  const reached = local.weekday > schedule.weekday || (local.weekday === schedule.weekday && local.hour >= schedule.hour);
  return reached ? local.isoWeek : null;
}
