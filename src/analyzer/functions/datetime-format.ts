/**
 * JavaScript implementations of CrateDB's timestamp formatters, run as DuckDB UDFs:
 *  - `formatMysqlDate`: `date_format` (MySQL specifiers, CrateDB `TimestampFormatter`),
 *  - `formatPgTemplate`: `to_char` (PostgreSQL templates, CrateDB `PGDateTimeTemplates`).
 * Inputs are wall-clock microseconds (the zone is applied in SQL before the call).
 *
 * CrateDB quirks kept on purpose (so results match a real CrateDB): `%Y`/`%y` are not
 * zero-padded (`%y` of 2005 is `5`); to_char's `HH`/`HH12` print hour − 12 for afternoon
 * hours (12:xx → `00`); month names pad to 7, day names to 8; `TZ`-family patterns print
 * nothing.
 */
import {
  fieldsOf, isoWeekOf, MONTHS, ordinalSuffix, pad, weekOf, WEEKDAYS, type Fields,
} from './calendar.js';

type Part = (f: Fields) => string;

const hour12 = (f: Fields) => (f.hour % 12 === 0 ? 12 : f.hour % 12);

const MYSQL_PARTS: Record<string, Part> = {
  a: (f) => WEEKDAYS[f.weekday]!.slice(0, 3),
  b: (f) => MONTHS[f.month - 1]!.slice(0, 3),
  c: (f) => String(f.month),
  D: (f) => `${f.day}${ordinalSuffix(f.day)}`,
  d: (f) => pad(f.day, 2),
  e: (f) => String(f.day),
  f: (f) => pad(f.millis * 1000, 6),
  H: (f) => pad(f.hour, 2),
  h: (f) => pad(hour12(f), 2),
  I: (f) => pad(hour12(f), 2),
  i: (f) => pad(f.minute, 2),
  j: (f) => pad(f.dayOfYear, 3),
  k: (f) => String(f.hour),
  l: (f) => String(hour12(f)),
  M: (f) => MONTHS[f.month - 1]!,
  m: (f) => pad(f.month, 2),
  p: (f) => (f.hour < 12 ? 'AM' : 'PM'),
  r: (f) => `${pad(hour12(f), 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)} ${f.hour < 12 ? 'AM' : 'PM'}`,
  S: (f) => pad(f.second, 2),
  s: (f) => pad(f.second, 2),
  T: (f) => `${pad(f.hour, 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)}`,
  U: (f) => {
    const w = weekOf(f.epochDay, f.year, 0, 7);
    return pad(w.weekYear < f.year ? 0 : w.weekYear > f.year ? w.weeksInWeekYear : w.week, 2);
  },
  u: (f) => {
    const w = weekOf(f.epochDay, f.year, 1, 4);
    return pad(w.weekYear < f.year ? 0 : w.weekYear > f.year ? w.weeksInWeekYear : w.week, 2);
  },
  V: (f) => {
    const w = weekOf(f.epochDay, f.year, 0, 7);
    return pad(w.weekYear < f.year ? weekOf(f.epochDay - 7, f.year, 0, 7).weeksInWeekYear : w.week, 2);
  },
  v: (f) => {
    const w = weekOf(f.epochDay, f.year, 1, 4);
    return pad(w.weekYear < f.year ? weekOf(f.epochDay - 7, f.year, 1, 4).weeksInWeekYear : w.week, 2);
  },
  W: (f) => WEEKDAYS[f.weekday]!,
  w: (f) => String(f.weekday),
  X: (f) => pad(weekOf(f.epochDay, f.year, 0, 7).weekYear, 4),
  x: (f) => pad(weekOf(f.epochDay, f.year, 1, 4).weekYear, 4),
  Y: (f) => String(f.year),
  y: (f) => String(((f.year % 100) + 100) % 100),
};

/** MySQL-style `date_format` of wall-clock microseconds. */
export function formatMysqlDate(format: string, micros: bigint): string {
  const f = fieldsOf(micros);
  let out = '';
  let escape = false;
  for (const c of format) {
    if (c === '%') {
      if (escape) out += '%';
      escape = !escape;
      continue;
    }
    if (escape) {
      const part = MYSQL_PARTS[c];
      out += part ? part(f) : c;
      escape = false;
    } else {
      out += c;
    }
  }
  return out;
}

/** Specifiers DuckDB's strftime renders identically (the rest need the JS formatter). */
export const STRFTIME_EQUIVALENTS: Record<string, string> = {
  a: '%a', b: '%b', c: '%-m', d: '%d', e: '%-d', f: '%f', H: '%H', h: '%I', I: '%I', i: '%M',
  j: '%j', k: '%-H', l: '%-I', M: '%B', m: '%m', p: '%p', r: '%I:%M:%S %p', S: '%S', s: '%S',
  T: '%H:%M:%S', U: '%U', v: '%V', W: '%A', w: '%w', x: '%G', Y: '%Y', y: '%-y', '%': '%%',
};

/** The strftime format equivalent to a MySQL format, or undefined when JS is needed. */
export function mysqlToStrftime(format: string): string | undefined {
  let out = '';
  let escape = false;
  for (const c of format) {
    if (escape) {
      const mapped = STRFTIME_EQUIVALENTS[c];
      if (mapped === undefined) {
        if (/[A-Za-z]/.test(c) && 'DuVX'.includes(c)) return undefined;
        out += c === '%' ? '%%' : c;
      } else {
        out += mapped;
      }
      escape = false;
    } else if (c === '%') {
      escape = true;
    } else {
      out += c;
    }
  }
  return escape ? undefined : out;
}

export { formatPgTemplate } from './pg-template-format.js';
