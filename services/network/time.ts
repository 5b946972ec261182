import { DAY_MS } from './thresholds.ts';

/** Milliseconds since the epoch, or null for a missing or unreadable date (treated as unknown). */
export function toMs(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** Whether `iso` lies less than `days` before `nowMs` (a future date counts as within). */
export function within(iso: string | null | undefined, days: number, nowMs: number): boolean {
  const ms = toMs(iso);
  return ms !== null && nowMs - ms < days * DAY_MS;
}

/** Whole days from `ms` to `nowMs`, never negative. */
export function ageInDays(ms: number, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - ms) / DAY_MS));
}
