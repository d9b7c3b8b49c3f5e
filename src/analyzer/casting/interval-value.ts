/**
 * Interval values in JavaScript: `{months, days, micros}` (the same three fields DuckDB keeps),
 * CrateDB's interval text form (types.md §3.12) and a small parser for the explicit cast
 * text → interval (PostgreSQL style `'1 year 2 mons 3 days 04:05:06'`, a plain number of
 * seconds, or ISO-8601 `P1Y2M3DT4H5M6S`).
 */

export interface IntervalValue { readonly months: number; readonly days: number; readonly micros: number }

export function isIntervalValue(v: unknown): v is IntervalValue {
  return typeof v === 'object' && v !== null && 'months' in v && 'days' in v && 'micros' in v;
}

/** Normalise a DuckDB interval value (micros may be a bigint). */
export function toIntervalValue(v: { months: number; days: number; micros: number | bigint }): IntervalValue {
  return { months: v.months, days: v.days, micros: Number(v.micros) };
}

/**
 * CrateDB text form: `[<Y> year|years] [<M> mon|mons] [<D> day|days] HH:MM:SS[.mmm]`;
 * date parts only when non-zero, singular only for exactly 1, each field with its own sign.
 */
export function formatIntervalText(v: IntervalValue): string {
  const parts: string[] = [];
  const years = Math.trunc(v.months / 12);
  const months = v.months % 12;
  if (years !== 0) parts.push(`${years} ${years === 1 ? 'year' : 'years'}`);
  if (months !== 0) parts.push(`${months} ${months === 1 ? 'mon' : 'mons'}`);
  if (v.days !== 0) parts.push(`${v.days} ${v.days === 1 ? 'day' : 'days'}`);
  const neg = v.micros < 0;
  const totalMs = Math.trunc(Math.abs(v.micros) / 1000);
  const ms = totalMs % 1000;
  const totalS = Math.trunc(totalMs / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hms = `${pad(Math.trunc(totalS / 3600))}:${pad(Math.trunc(totalS / 60) % 60)}:${pad(totalS % 60)}`;
  parts.push(`${neg ? '-' : ''}${hms}${ms !== 0 ? `.${String(ms).padStart(3, '0')}` : ''}`);
  return parts.join(' ');
}

const UNIT_MICROS: Record<string, number> = {
  microsecond: 1, millisecond: 1000, second: 1e6, minute: 60e6, hour: 3600e6,
};

function unitOf(word: string): string | undefined {
  const w = word.toLowerCase().replace(/s$/, '');
  const aliases: Record<string, string> = {
    y: 'year', yr: 'year', year: 'year', mon: 'month', month: 'month', w: 'week', week: 'week',
    d: 'day', day: 'day', h: 'hour', hr: 'hour', hour: 'hour', m: 'minute', min: 'minute',
    minute: 'minute', sec: 'second', second: 'second', ms: 'millisecond', millisecond: 'millisecond',
    msec: 'millisecond', us: 'microsecond', microsecond: 'microsecond',
  };
  return aliases[w];
}

/** Parse interval text; undefined when malformed. */
export function parseIntervalText(text: string): IntervalValue | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return { months: 0, days: 0, micros: Math.round(Number(s) * 1e6) };
  const iso = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(s);
  if (iso) {
    const n = (i: number) => (iso[i] === undefined ? 0 : Number(iso[i]));
    return {
      months: n(1) * 12 + n(2), days: n(3) * 7 + n(4),
      micros: Math.round(n(5) * 3600e6 + n(6) * 60e6 + n(7) * 1e6),
    };
  }
  let months = 0;
  let days = 0;
  let micros = 0;
  const tokens = s.split(/\s+/);
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const clock = /^([+-])?(\d+):(\d{1,2})(?::(\d{1,2}(?:\.\d+)?))?$/.exec(tok);
    if (clock) {
      const v = Number(clock[2]) * 3600e6 + Number(clock[3]) * 60e6 + Number(clock[4] ?? 0) * 1e6;
      micros += clock[1] === '-' ? -Math.round(v) : Math.round(v);
      continue;
    }
    const numUnit = /^([+-]?\d+(?:\.\d+)?)([a-z]+)?$/i.exec(tok);
    if (!numUnit) return undefined;
    const qty = Number(numUnit[1]);
    const unitWord = numUnit[2] ?? tokens[++i];
    if (unitWord === undefined) return undefined;
    const unit = unitOf(unitWord);
    if (!unit) return undefined;
    if (unit === 'year') months += qty * 12;
    else if (unit === 'month') months += qty;
    else if (unit === 'week') days += qty * 7;
    else if (unit === 'day') days += qty;
    else micros += Math.round(qty * UNIT_MICROS[unit]!);
  }
  if (!Number.isInteger(months) || !Number.isInteger(days)) return undefined;
  return { months, days, micros };
}

/** DuckDB SQL for an interval value. */
export function intervalSql(v: IntervalValue): string {
  return `(to_months(${v.months}) + to_days(${v.days}) + to_microseconds(${Math.trunc(v.micros)}))`;
}
