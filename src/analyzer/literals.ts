/**
 * JS values → DuckDB SQL literals of a given CrateDB type, and CrateDB's type guess for
 * HTTP/PG argument values (http.md §3.4: null → undefined, int32 → integer, int64 → bigint,
 * fraction → double, object → object, array → array of the merged element type).
 */
import { SQLParseException } from '../errors/errors.js';
import { higherType, T, type DataType } from '../types/data-type.js';
import { quoteString, toDuckDbType } from '../translator/duckdb-types.js';

export function guessType(value: unknown): DataType {
  if (value === null || value === undefined) return T.undefined;
  if (typeof value === 'boolean') return T.boolean;
  if (typeof value === 'string') return T.text;
  if (typeof value === 'bigint') return value >= -(2n ** 31n) && value < 2n ** 31n ? T.integer : T.bigint;
  if (typeof value === 'number') {
    if (Number.isInteger(value) && !Object.is(value, -0)) {
      return value >= -(2 ** 31) && value < 2 ** 31 ? T.integer : T.bigint;
    }
    return T.double;
  }
  if (Array.isArray(value)) {
    let inner: DataType = T.undefined;
    for (const v of value) inner = higherType(inner, guessType(v));
    return T.array(inner);
  }
  if (typeof value === 'object') return T.object('dynamic');
  return T.undefined;
}

/** DuckDB SQL literal for `value` typed as `type` (value already of a fitting JS shape). */
export function sqlLiteral(value: unknown, type: DataType): string {
  if (value === null || value === undefined) {
    return type.kind === 'undefined' ? 'NULL' : `CAST(NULL AS ${toDuckDbType(type)})`;
  }
  switch (type.kind) {
    case 'boolean': return value ? 'true' : 'false';
    case 'byte': case 'smallint': case 'integer': case 'bigint': case 'real': case 'double precision':
    case 'numeric': {
      const text = typeof value === 'number' && !Number.isFinite(value) ? quoteString(String(value)) : String(value);
      return `CAST(${text} AS ${toDuckDbType(type)})`;
    }
    case 'object': case 'json': case 'geo_shape':
      return `CAST(${quoteString(typeof value === 'string' ? value : JSON.stringify(value, jsonReplacer))} AS JSON)`;
    case 'array': {
      if (!Array.isArray(value)) throw new SQLParseException(`Cannot cast value \`${String(value)}\` to type \`${type.inner.kind}_array\``);
      if (toDuckDbType(type) === 'JSON') return `CAST(${quoteString(JSON.stringify(value, jsonReplacer))} AS JSON)`;
      return `CAST([${value.map((v) => sqlLiteral(v, type.inner)).join(', ')}] AS ${toDuckDbType(type)})`;
    }
    case 'geo_point':
      if (Array.isArray(value)) return `CAST([${value.map(Number).join(', ')}] AS DOUBLE[2])`;
      return `CAST(${quoteString(String(value))} AS VARCHAR)`;
    case 'timestamp with time zone': case 'timestamp without time zone': case 'date':
      if (typeof value === 'number' || typeof value === 'bigint') {
        const ms = `make_timestamp(CAST(${String(value)} AS BIGINT) * 1000)`;
        return type.kind === 'date' ? `CAST(${ms} AS DATE)` : `CAST(${ms} AS ${toDuckDbType(type)})`;
      }
      return `CAST(${quoteString(String(value))} AS ${toDuckDbType(type)})`;
    default:
      return `CAST(${quoteString(String(value))} AS ${toDuckDbType(type)})`;
  }
}

export function jsonReplacer(_key: string, v: unknown): unknown {
  return typeof v === 'bigint' ? Number(v) : v;
}
