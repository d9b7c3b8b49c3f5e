/**
 * INTERVAL literals (sql.md §1): `INTERVAL [+|-] 'text' [unit [TO unit]]`. DuckDB cannot parse
 * the SQL-standard (`'1-2 3 4:05:06'`) or ISO-8601 (`'P1Y2M'`) forms, so the text is parsed
 * here and emitted as `to_months(…) + to_days(…) + to_microseconds(…)`.
 *
 *   INTERVAL '1-2 3 4:05:06' YEAR TO MONTH → 1 year 2 mons
 *   INTERVAL '3 4:05:06' DAY TO HOUR       → 3 days 04:00:00
 */
import { SQLParseException } from '../errors/errors.js';
import type { IntervalUnit } from '../sql/ast/index.js';
import { intervalSql, parseIntervalText } from './casting/interval-value.js';

interface Parts { years: number; months: number; days: number; hours: number; minutes: number; seconds: number }

const ORDER: IntervalUnit[] = ['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND'];

export function intervalLiteralSql(text: string, sign: 1 | -1, from?: IntervalUnit, to?: IntervalUnit): string {
  const v = parseIntervalLiteral(text.trim(), from, to);
  if (!v) throw new SQLParseException(`Invalid interval format: ${text}`);
  return intervalSql({ months: sign * v.months, days: sign * v.days, micros: sign * v.micros });
}

function parseIntervalLiteral(text: string, from?: IntervalUnit, to?: IntervalUnit): { months: number; days: number; micros: number } | undefined {
  const std = parseSqlStandard(text, from);
  if (std) return toValue(truncate(std, to));
  const v = parseIntervalText(text);
  return v ? { months: v.months, days: v.days, micros: Number(v.micros) } : undefined;
}

/** `Y-M`, `Y-M D H:M:S`, `D H:M:S`, `D H`, `H:M:S`, `H:M`, or a number with a unit. */
function parseSqlStandard(text: string, from?: IntervalUnit): Parts | undefined {
  const p: Parts = { years: 0, months: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };
  const num = /^[+-]?(\d+(\.\d+)?|\.\d+)$/;
  if (num.test(text)) {
    const n = Number(text);
    switch (from ?? 'SECOND') {
      case 'YEAR': p.years = n; break;
      case 'MONTH': p.months = n; break;
      case 'DAY': p.days = n; break;
      case 'HOUR': p.hours = n; break;
      case 'MINUTE': p.minutes = n; break;
      case 'SECOND': p.seconds = n; break;
      case 'MILLISECOND': p.seconds = n / 1000; break;
    }
    return p;
  }
  const m = /^(?:(\d+)-(\d+))?\s*(?:(\d+)\s+)?(?:(\d+)(?::(\d+)(?::(\d+(?:\.\d+)?))?)?)?$/.exec(text);
  if (!m || !/[-:]|\s/.test(text)) return undefined;
  p.years = Number(m[1] ?? 0);
  p.months = Number(m[2] ?? 0);
  p.days = Number(m[3] ?? 0);
  // `D H` (no colon) after a day count: the last number is hours
  p.hours = Number(m[4] ?? 0);
  p.minutes = Number(m[5] ?? 0);
  p.seconds = Number(m[6] ?? 0);
  if (!m[1] && !m[3] && m[4] && !m[5]) return undefined;
  return p;
}

function truncate(p: Parts, to?: IntervalUnit): Parts {
  if (!to) return p;
  const keep = ORDER.indexOf(to);
  const fields: [keyof Parts, IntervalUnit][] = [
    ['years', 'YEAR'], ['months', 'MONTH'], ['days', 'DAY'], ['hours', 'HOUR'], ['minutes', 'MINUTE'], ['seconds', 'SECOND'],
  ];
  const out = { ...p };
  for (const [k, unit] of fields) if (ORDER.indexOf(unit) > keep) out[k] = 0;
  return out;
}

function toValue(p: Parts): { months: number; days: number; micros: number } {
  return {
    months: p.years * 12 + p.months,
    days: p.days,
    micros: Math.round(p.hours * 3600e6 + p.minutes * 60e6 + p.seconds * 1e6),
  };
}
