/**
 * Time zones and EXTRACT (functions.md §1.9, §2.2).
 *
 * `ts AT TIME ZONE tz` = `timezone(tz, ts)`: timestamptz → timestamp (wall clock in tz);
 * timestamp / bigint epoch ms → timestamptz (wall clock interpreted in tz). Named zones use
 * DuckDB's ICU `timezone()`; fixed offsets (`+01:00`, `-05:30`) use interval arithmetic.
 *
 * EXTRACT follows CrateDB: DOW is Monday = 1 … Sunday = 7 (`isodow`), CENTURY is
 * year ÷ 100 truncated (2001 → 20), EPOCH is double seconds, interval fields are normalised
 * like CrateDB's Period (`'1250 days 49 hours'` DAY → 1252, HOUR → 1).
 */
import { SQLParseException } from '../../errors/errors.js';
import { isIntegral, isTextual, isTimestamp, T, type DataType } from '../../types/data-type.js';
import { quoteString } from '../../translator/duckdb-types.js';
import { castExpr } from '../casts.js';
import { utcInstantSql, utcLocalSql } from '../casting/sql-cast.js';
import { duckDbZoneName, resolveZone } from '../casting/timestamp-text.js';
import { compiled, stringLiteral, typeLabel } from '../expr-util.js';
import type { CompiledExpr } from '../functions/function-types.js';
import { noOverload } from './coercion.js';

/**
 * DuckDB SQL converting between instants and wall clocks in a CrateDB time zone. Fixed
 * offsets are applied with interval arithmetic (DuckDB's ICU rejects `+01:00` and silently
 * drops the minutes of `UTC+05:30`); named zones go through ICU's `timezone()`.
 */
function zoneConversion(zone: CompiledExpr, x: string, toLocal: boolean): string {
  const shift = (offsetUs: string) => (toLocal
    ? `(${utcLocalSql(x)} + to_microseconds(${offsetUs}))`
    : `CAST(${x} - to_microseconds(${offsetUs}) AS TIMESTAMPTZ)`);
  const literal = stringLiteral(zone);
  if (literal !== undefined) {
    const z = resolveZone(literal);
    if (!z) throw new SQLParseException(`invalid time zone value '${literal}'`);
    if ('offsetMs' in z) return z.offsetMs === 0 ? (toLocal ? utcLocalSql(x) : utcInstantSql(x)) : shift(String(z.offsetMs * 1000));
    return `timezone(${quoteString(duckDbZoneName(z))}, ${x})`;
  }
  if (zone.literal && zone.literal.value === null) throw new SQLParseException('invalid time zone value NULL');
  const z = castExpr(zone, T.text, 'implicit').sql;
  const parts = `regexp_extract(${z}, '^([+-])(\\d{1,2}):?(\\d{2})?$', ['s', 'h', 'm'])`;
  const offsetUs = `(CASE WHEN ${parts}.s = '-' THEN -1 ELSE 1 END) * (CAST(${parts}.h AS BIGINT) * 3600 `
    + `+ coalesce(CAST(nullif(${parts}.m, '') AS BIGINT), 0) * 60) * 1000000`;
  const named = `CASE WHEN upper(${z}) IN ('Z', 'UTC', 'GMT') THEN 'UTC' ELSE ${z} END`;
  return `CASE WHEN regexp_full_match(${z}, '[+-]\\d{1,2}(:?\\d{2})?') THEN ${shift(offsetUs)} ELSE timezone(${named}, ${x}) END`;
}

/** Wall-clock TIMESTAMP in `zone` of the TIMESTAMPTZ `x`. */
export const zoneToLocalSql = (zone: CompiledExpr, x: string): string => zoneConversion(zone, x, true);

/** TIMESTAMPTZ of the wall-clock TIMESTAMP `x` read in `zone`. */
export const localToZoneSql = (zone: CompiledExpr, x: string): string => zoneConversion(zone, x, false);

/** Normalise a timestamp-ish operand: text → timestamptz, integers → timestamp (epoch ms). */
function timestampOperand(v: CompiledExpr): CompiledExpr {
  if (isTimestamp(v.type)) return v;
  if (isIntegral(v.type)) return castExpr(v, T.timestamp, 'implicit');
  if (isTextual(v.type) || v.type.kind === 'undefined') return castExpr(v, T.timestamptz, 'implicit');
  if (v.type.kind === 'date') return castExpr(v, T.timestamp, 'implicit');
  throw noOverload('timezone', [T.text, v.type]);
}

/** `timezone(zone, ts)` / `ts AT TIME ZONE zone`. */
export function emitAtTimeZone(value: CompiledExpr, zone: CompiledExpr): CompiledExpr {
  const ts = timestampOperand(value);
  const toLocal = ts.type.kind === 'timestamp with time zone';
  const sql = toLocal ? zoneToLocalSql(zone, ts.sql) : localToZoneSql(zone, ts.sql);
  return compiled(sql, toLocal ? T.timestamp : T.timestamptz, value, zone);
}

type FieldSql = (x: string) => string;

const TS_FIELDS: Record<string, FieldSql> = {
  CENTURY: (x) => `(year(${x}) // 100)`,
  YEAR: (x) => `year(${x})`,
  QUARTER: (x) => `quarter(${x})`,
  MONTH: (x) => `month(${x})`,
  WEEK: (x) => `week(${x})`,
  DAY: (x) => `day(${x})`,
  DAY_OF_MONTH: (x) => `day(${x})`,
  DAY_OF_WEEK: (x) => `isodow(${x})`,
  DOW: (x) => `isodow(${x})`,
  DAY_OF_YEAR: (x) => `dayofyear(${x})`,
  DOY: (x) => `dayofyear(${x})`,
  HOUR: (x) => `hour(${x})`,
  MINUTE: (x) => `minute(${x})`,
  SECOND: (x) => `second(${x})`,
};

const IV_FIELDS: Record<string, FieldSql> = {
  YEAR: (x) => `datepart('year', ${x})`,
  QUARTER: (x) => `(datepart('month', ${x}) // 4)`,
  MONTH: (x) => `datepart('month', ${x})`,
  DAY: (x) => `(datepart('day', ${x}) + datepart('hour', ${x}) // 24)`,
  DAY_OF_MONTH: (x) => `(datepart('day', ${x}) + datepart('hour', ${x}) // 24)`,
  HOUR: (x) => `(datepart('hour', ${x}) % 24)`,
  MINUTE: (x) => `datepart('minute', ${x})`,
  SECOND: (x) => `datepart('second', ${x})`,
};

/** `EXTRACT(field FROM source)`: integer, or double precision for EPOCH. */
export function emitExtract(field: string, operand: CompiledExpr): CompiledExpr {
  const f = field.toUpperCase();
  if (f === 'TIMEZONE_HOUR' || f === 'TIMEZONE_MINUTE') {
    throw new SQLParseException(`Extract( ${f} from ${operand.sql}) is not supported`);
  }
  if (operand.type.kind === 'interval') {
    if (f === 'EPOCH') return compiled(`epoch(${operand.sql})`, T.double, operand);
    const fn = IV_FIELDS[f];
    if (!fn) throw new SQLParseException(`Invalid extract field ${f} for type \`${typeLabel(operand.type)}\``);
    return compiled(`CAST(${fn(operand.sql)} AS INTEGER)`, T.integer, operand);
  }
  const ts = timestampOperand(operand);
  if (f === 'EPOCH') return compiled(`epoch(${ts.sql})`, T.double, operand);
  const fn = TS_FIELDS[f];
  if (!fn) throw new SQLParseException(`Invalid extract field ${f}`);
  return compiled(`CAST(${fn(ts.sql)} AS INTEGER)`, T.integer, operand);
}
