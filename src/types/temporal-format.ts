/**
 * Date/time values as CrateDB prints them in HTTP JSON: timestamps and dates as epoch
 * milliseconds, intervals in CrateDB's interval text form, timetz as `[µs, offsetSeconds]`.
 *
 * In: raw values from @duckdb/node-api (`{micros}`, `{millis}`, `{days}`, `{months, days, micros}`
 * …) or the plain JS shapes cratelite produces itself (epoch-ms numbers, Date, interval field
 * objects). Out: JSON text. Spec: types.md §3.9–§3.12.
 */

const MS_PER_DAY = 86_400_000;

/** Floor division: sub-millisecond digits are dropped the way CrateDB truncates fraction digits. */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

/** An integer (number or bigint) as JSON digits; non-integral numbers are truncated toward -∞. */
export function integerText(v: number | bigint): string {
  if (typeof v === 'bigint') return v.toString();
  if (Number.isSafeInteger(v)) return String(v);
  if (!Number.isFinite(v)) return 'null';
  return BigInt(Math.floor(v)).toString();
}

/**
 * Epoch milliseconds of a timestamp-like raw value, as JSON digits; undefined when the value has
 * no recognisable timestamp shape.
 */
export function epochMillisText(v: unknown): string | undefined {
  if (typeof v === 'number' || typeof v === 'bigint') return integerText(v);
  if (v instanceof Date) return integerText(v.getTime());
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.micros === 'bigint' && !('offset' in o) && !('months' in o)) {
    // within 2^53 µs (1685–2255) a double holds it exactly: no BigInt division
    const us = Number(o.micros);
    if (Number.isSafeInteger(us)) return String((us - (((us % 1000) + 1000) % 1000)) / 1000);
    return floorDiv(o.micros, 1000n).toString();
  }
  if (typeof o.millis === 'bigint') return o.millis.toString();
  if (typeof o.nanos === 'bigint') return floorDiv(o.nanos, 1_000_000n).toString();
  if (typeof o.seconds === 'bigint') return (o.seconds * 1000n).toString();
  if (typeof o.days === 'number' && !('months' in o)) return integerText(o.days * MS_PER_DAY);
  return undefined;
}

/** CrateDB keeps separate interval fields; DuckDB folds them into months, days and micros. */
export interface IntervalFields {
  years: number; months: number; weeks: number; days: number;
  hours: number; minutes: number; seconds: number; millis: number;
}

/** Interval fields of a raw value: DuckDB's `{months, days, micros}` or a cratelite field object. */
export function intervalFields(v: unknown): IntervalFields | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.months === 'number' && typeof o.days === 'number' && typeof o.micros === 'bigint') {
    const micros = o.micros;
    const millisTotal = micros / 1000n; // truncation: CrateDB intervals have millisecond resolution
    return {
      years: Math.trunc(o.months / 12), months: o.months % 12, weeks: 0, days: o.days,
      hours: Number(millisTotal / 3_600_000n),
      minutes: Number((millisTotal / 60_000n) % 60n),
      seconds: Number((millisTotal / 1000n) % 60n),
      millis: Number(millisTotal % 1000n),
    };
  }
  const field = (name: string): number => (typeof o[name] === 'number' ? o[name] as number : 0);
  const names = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds', 'millis'];
  if (!names.some((n) => typeof o[n] === 'number')) return undefined;
  return {
    years: field('years'), months: field('months'), weeks: field('weeks'), days: field('days'),
    hours: field('hours'), minutes: field('minutes'), seconds: field('seconds'), millis: field('millis'),
  };
}

function padded(n: number, width: number): string {
  const digits = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${digits}` : digits;
}

/**
 * CrateDB's interval text (types.md §3.12; CrateDB `IntervalType.PERIOD_FORMATTER`):
 * `[Y year(s)] [M mon(s)] [W weeks] [D day(s)] HH:MM:SS[.mmm]`. Date parts only when non-zero,
 * singular only for exactly 1, every field keeps its own sign (`-1 days 00:00:00`).
 */
export function intervalText(f: IntervalFields): string {
  const parts: string[] = [];
  if (f.years !== 0) parts.push(`${f.years} ${f.years === 1 ? 'year' : 'years'}`);
  if (f.months !== 0) parts.push(`${f.months} ${f.months === 1 ? 'mon' : 'mons'}`);
  if (f.weeks !== 0) parts.push(`${f.weeks} weeks`);
  if (f.days !== 0) parts.push(`${f.days} ${f.days === 1 ? 'day' : 'days'}`);
  // Joda formats seconds and millis as one value; the sign is printed once (`-00.500`).
  const combined = f.seconds * 1000 + f.millis;
  const whole = Math.trunc(combined / 1000);
  const fraction = combined % 1000;
  let seconds = padded(whole, 2);
  if (fraction !== 0) {
    if (whole === 0 && combined < 0) seconds = `-${seconds}`;
    seconds += `.${String(Math.abs(fraction)).padStart(3, '0')}`;
  }
  parts.push(`${padded(f.hours, 2)}:${padded(f.minutes, 2)}:${seconds}`);
  return parts.join(' ');
}

/** `[µs since midnight, offset seconds east of UTC]` of a DuckDB TIMETZ or a `[µs, offset]` pair. */
export function timetzText(v: unknown): string | undefined {
  if (Array.isArray(v) && v.length === 2) return `[${integerText(v[0] as number)},${integerText(v[1] as number)}]`;
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.micros === 'bigint' && typeof o.offset === 'number') return `[${o.micros},${o.offset}]`;
  return undefined;
}
