/**
 * Calendar arithmetic on wall-clock milliseconds ("local time as if UTC"), shared by the
 * JavaScript implementations of `date_format` and `to_char` (functions.md §2.2).
 *
 * Week numbering follows java.util.Calendar / java.time WeekFields: a week starts on
 * `firstDay` (0 = Sunday, 1 = Monday) and week 1 is the first week with at least
 * `minDays` days in the year.
 */

export const DAY_MS = 86400000;

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export interface Fields {
  year: number; month: number; day: number; hour: number; minute: number; second: number;
  millis: number; micros: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  dayOfYear: number;
  /** days since 1970-01-01 */
  epochDay: number;
}

/** Broken-down fields of wall-clock microseconds. */
export function fieldsOf(micros: bigint): Fields {
  const ms = Number(micros / 1000n - (micros % 1000n < 0n ? 1n : 0n));
  const subMs = Number(((micros % 1000n) + 1000n) % 1000n);
  const d = new Date(ms);
  const epochDay = Math.floor(ms / DAY_MS);
  const year = d.getUTCFullYear();
  const jan1 = new Date(0);
  jan1.setUTCFullYear(year, 0, 1);
  return {
    year, month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(),
    minute: d.getUTCMinutes(), second: d.getUTCSeconds(), millis: d.getUTCMilliseconds(),
    micros: d.getUTCMilliseconds() * 1000 + subMs, weekday: d.getUTCDay(),
    dayOfYear: epochDay - Math.floor(jan1.getTime() / DAY_MS) + 1, epochDay,
  };
}

function epochDayOf(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.floor(d.getTime() / DAY_MS);
}

/** Weekday (0 = Sunday) of an epoch day. */
const weekdayOf = (epochDay: number): number => (((epochDay + 4) % 7) + 7) % 7;

/** Epoch day on which week 1 of `year` starts. */
function week1Start(year: number, firstDay: number, minDays: number): number {
  const jan1 = epochDayOf(year, 1, 1);
  const offset = (weekdayOf(jan1) - firstDay + 7) % 7;
  return 7 - offset >= minDays ? jan1 - offset : jan1 - offset + 7;
}

export interface WeekInfo { week: number; weekYear: number; weeksInWeekYear: number }

/** Week number and week-based year of an epoch day. */
export function weekOf(epochDay: number, year: number, firstDay: number, minDays: number): WeekInfo {
  let weekYear = year;
  if (epochDay < week1Start(year, firstDay, minDays)) weekYear = year - 1;
  else if (epochDay >= week1Start(year + 1, firstDay, minDays)) weekYear = year + 1;
  const start = week1Start(weekYear, firstDay, minDays);
  const next = week1Start(weekYear + 1, firstDay, minDays);
  return { week: Math.floor((epochDay - start) / 7) + 1, weekYear, weeksInWeekYear: (next - start) / 7 };
}

/** ISO-8601 week (Monday first, minimal 4 days). */
export const isoWeekOf = (f: Fields): WeekInfo => weekOf(f.epochDay, f.year, 1, 4);

/** English ordinal suffix: 1st, 2nd, 3rd, 4th, 11th … */
export function ordinalSuffix(n: number): string {
  const abs = Math.abs(n);
  if (abs % 100 >= 11 && abs % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][abs % 10] ?? 'th';
}

export const pad = (n: number | string, width: number): string => {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
};
