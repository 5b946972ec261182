/**
 * Every timestamp is epoch milliseconds rendered in UTC, so output never depends on the machine's zone.
 * One formatter per file shape in the reference (section 4); LinkedIn never shares one format across files.
 */

export const DAY = 86_400_000;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

const pad2 = (n: number): string => String(n).padStart(2, '0');

function parts(ms: number) {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth(),
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

function monthName(index: number): string {
  return MONTHS[index] ?? 'Jan';
}

function clock12(hour: number, minute: number, padHour: boolean): string {
  const h = hour % 12 === 0 ? 12 : hour % 12;
  return `${padHour ? pad2(h) : h}:${pad2(minute)} ${hour < 12 ? 'AM' : 'PM'}`;
}

/** `1/8/18, 6:14 PM`: Invitations, and 2018 Connections/Messages. */
export function shortUs(ms: number): string {
  const p = parts(ms);
  return `${p.month + 1}/${p.day}/${pad2(p.year % 100)}, ${clock12(p.hour, p.minute, false)}`;
}

/** `04/15/24, 09:25 PM`: Recommendations pad every part. */
export function shortUsPadded(ms: number): string {
  const p = parts(ms);
  return `${pad2(p.month + 1)}/${pad2(p.day)}/${pad2(p.year % 100)}, ${clock12(p.hour, p.minute, true)}`;
}

/** `09 Sep 2022`: Connections from 2021 on. */
export function dayMonthYear(ms: number): string {
  const p = parts(ms);
  return `${pad2(p.day)} ${monthName(p.month)} ${p.year}`;
}

/** `9-Sep-22`: what Excel writes back for a Connections date. */
export function excelDate(ms: number): string {
  const p = parts(ms);
  return `${p.day}-${monthName(p.month)}-${pad2(p.year % 100)}`;
}

/** `2022-09-09 01:41:08 UTC`: messages from 2021 on. */
export function isoUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** `2022/09/09 01:41:08 UTC`: endorsements. */
export function slashUtc(ms: number): string {
  return isoUtc(ms).replaceAll('-', '/');
}

/** `Sat Dec 14 08:57:55 UTC 2024`: Java's Date.toString, used by Company Follows.csv. */
export function javaDate(ms: number): string {
  const p = parts(ms);
  const time = `${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
  return `${WEEKDAYS[p.weekday] ?? 'Sun'} ${monthName(p.month)} ${pad2(p.day)} ${time} UTC ${p.year}`;
}

/** `Mar 2019` (or just `2019`): Positions.csv. */
export function monthYear(ms: number, yearOnly: boolean): string {
  const p = parts(ms);
  return yearOnly ? String(p.year) : `${monthName(p.month)} ${p.year}`;
}

/** `Mar 31`: Profile.csv birth dates carry no year. */
export function monthDay(ms: number): string {
  const p = parts(ms);
  return `${monthName(p.month)} ${p.day}`;
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
