/**
 * JS literal value → DuckDB SQL literal of the CrateDB type's storage type.
 *
 * The inverse of value-cast.ts: after a cast is folded at compile time, the result is emitted
 * as an explicitly typed DuckDB literal so DuckDB never re-infers it (sql.md §13 #2: DuckDB
 * would type `1.5` as DECIMAL). Examples:
 *   (5, integer)                 → `CAST(5 AS INTEGER)`
 *   (1.5, double precision)      → `CAST('1.5' AS DOUBLE)`
 *   (1609459200000, timestamptz) → `make_timestamptz(1609459200000000)`
 *   ({a: 1}, object)             → `CAST('{"a":1}' AS JSON)`
 *   ([1, 2], integer_array)      → `CAST([1, 2] AS INTEGER[])`
 */
import type { DataType } from '../../types/data-type.js';
import { isJsonStored, quoteString, toDuckDbType } from '../../translator/duckdb-types.js';
import { formatIntervalText, intervalSql, isIntervalValue } from './interval-value.js';

/** JSON text for an object/array value (bigints as plain numbers). */
export function toJsonText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (Array.isArray(v)) return `[${v.map(toJsonText).join(',')}]`;
  if (typeof v === 'object') {
    if (isIntervalValue(v)) return JSON.stringify(formatIntervalText(v));
    return `{${Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${JSON.stringify(k)}:${toJsonText(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

function numberText(v: unknown): string {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(v);
  return String(v);
}

/** DuckDB SQL for the JS value `v` of CrateDB type `t`. */
export function literalSql(v: unknown, t: DataType): string {
  const duck = toDuckDbType(t);
  if (v === null || v === undefined) return `CAST(NULL AS ${duck})`;
  switch (t.kind) {
    case 'boolean': return v ? 'true' : 'false';
    case 'byte': case 'smallint': case 'integer': case 'bigint':
    case 'regclass': case 'regproc': case 'regtype':
      return `CAST(${numberText(v)} AS ${duck})`;
    case 'real': case 'double precision': {
      const n = Number(v);
      const text = Number.isNaN(n) ? 'NaN' : n === Infinity ? 'Infinity' : n === -Infinity ? '-Infinity'
        : Object.is(n, -0) ? '-0.0' : String(n);
      return `CAST('${text}' AS ${duck})`;
    }
    case 'numeric': {
      // Unbounded numeric literals keep their own scale (`1.5` → DECIMAL(38,1)), so they print
      // like CrateDB's BigDecimal instead of with DECIMAL(38,10)'s ten fraction digits.
      if (t.precision !== undefined) return `CAST('${String(v)}' AS ${duck})`;
      const scale = Math.min((/\.(\d+)$/.exec(String(v))?.[1] ?? '').length, 37);
      return `CAST('${String(v)}' AS DECIMAL(38,${scale}))`;
    }
    case 'time with time zone': return `CAST(${quoteString(String(v))} AS TIMETZ)`;
    case 'timestamp with time zone': return `make_timestamptz(${numberText(BigInt(Math.trunc(Number(v))) * 1000n)})`;
    case 'timestamp without time zone': return `make_timestamp(${numberText(BigInt(Math.trunc(Number(v))) * 1000n)})`;
    case 'date': return `CAST(make_timestamp(${numberText(BigInt(Math.trunc(Number(v))) * 1000n)}) AS DATE)`;
    case 'interval':
      return isIntervalValue(v) ? intervalSql(v) : `CAST(${quoteString(String(v))} AS INTERVAL)`;
    case 'uuid': return `CAST(${quoteString(String(v))} AS UUID)`;
    case 'text': case 'varchar': case 'character': case 'ip': case 'bit': case 'undefined':
      return quoteString(String(v));
    case 'json': return `CAST(${quoteString(typeof v === 'string' ? v : toJsonText(v))} AS JSON)`;
    case 'object': case 'geo_shape': case 'record':
      return `CAST(${quoteString(typeof v === 'string' ? v : toJsonText(v))} AS JSON)`;
    case 'geo_point': {
      const [lon, lat] = v as number[];
      return `CAST([${numberText(lon)}, ${numberText(lat)}] AS DOUBLE[2])`;
    }
    case 'float_vector':
      return `CAST([${(v as number[]).map(numberText).join(', ')}] AS ${duck})`;
    case 'oidvector':
      return `CAST([${(v as number[]).map(numberText).join(', ')}] AS INTEGER[])`;
    case 'array': {
      if (isJsonStored(t)) return `CAST(${quoteString(toJsonText(v))} AS JSON)`;
      const items = (v as unknown[]).map((x) => literalSql(x, t.inner));
      if (t.inner.kind === 'numeric' && t.inner.precision === undefined) {
        const scale = Math.max(0, ...(v as unknown[]).map((x) => (/\.(\d+)$/.exec(String(x))?.[1] ?? '').length));
        return `CAST([${items.join(', ')}] AS DECIMAL(38,${Math.min(scale, 37)})[])`;
      }
      return `CAST([${items.join(', ')}] AS ${duck})`;
    }
    default: return quoteString(String(v));
  }
}
