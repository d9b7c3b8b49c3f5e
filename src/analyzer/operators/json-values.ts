/**
 * Moving values between typed DuckDB SQL and the JSON text that stores CrateDB objects
 * (translator/duckdb-types.ts: objects, json, geo_shape and arrays of objects are JSON).
 *
 * Into JSON, CrateDB's value encodings apply (types.md §4.4): timestamps and dates become
 * epoch-ms numbers, intervals their text form, everything else its natural JSON value.
 * Out of JSON, a value is converted to the declared type of the key.
 */
import { isTextual, isTimestamp, type DataType } from '../../types/data-type.js';
import { isJsonStored, quoteString, toDuckDbType } from '../../translator/duckdb-types.js';
import { freshVar } from '../casting/sql-cast.js';

/** SQL for `sql` (of CrateDB type `t`) as a value json_object()/to_json() embed correctly. */
export function toJsonValueSql(sql: string, t: DataType): string {
  if (isJsonStored(t)) return `CAST(${sql} AS JSON)`;
  switch (t.kind) {
    case 'timestamp with time zone': case 'timestamp without time zone': return `epoch_ms(${sql})`;
    case 'date': return `epoch_ms(CAST(${sql} AS TIMESTAMP))`;
    case 'interval': return `cratelite_interval_text(${sql})`;
    case 'uuid': return `CAST(${sql} AS VARCHAR)`;
    case 'array': {
      if (!needsConversion(t.inner)) return sql;
      const v = freshVar(sql);
      return `list_transform(${sql}, ${v} -> ${toJsonValueSql(v, t.inner)})`;
    }
    default: return sql;
  }
}

function needsConversion(t: DataType): boolean {
  if (t.kind === 'array') return needsConversion(t.inner);
  return isTimestamp(t) || t.kind === 'date' || t.kind === 'interval' || t.kind === 'uuid';
}

/** A JSON path for one object key: `$."key"`. */
export function jsonKeyPath(key: string): string {
  return quoteString(`$."${key.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
}

/**
 * The value at `path` (SQL expression of a JSON path) inside the JSON `json`, converted to
 * CrateDB type `t`. Unknown types come out as text.
 */
export function jsonExtractAs(json: string, path: string, t: DataType): string {
  if (isJsonStored(t)) return `json_extract(${json}, ${path})`;
  const text = `json_extract_string(${json}, ${path})`;
  switch (t.kind) {
    case 'undefined': case 'text': case 'varchar': case 'character': case 'ip': return text;
    case 'timestamp with time zone':
      return `make_timestamptz(CAST(CAST(${text} AS DOUBLE) AS BIGINT) * 1000)`;
    case 'timestamp without time zone':
      return `make_timestamp(CAST(CAST(${text} AS DOUBLE) AS BIGINT) * 1000)`;
    case 'date': return `CAST(make_timestamp(CAST(CAST(${text} AS DOUBLE) AS BIGINT) * 1000) AS DATE)`;
    case 'array':
      // DuckDB casts JSON numbers to numbers, not to timestamps: those elements one by one
      if (hasTemporal(t.inner)) {
        const e = freshVar(json + path);
        return `list_transform(CAST(json_extract(${json}, ${path}) AS JSON[]), ${e} -> ${jsonExtractAs(e, "'$'", t.inner)})`;
      }
      return `CAST(json_extract(${json}, ${path}) AS ${toDuckDbType(t)})`;
    case 'geo_point': case 'float_vector':
      return `CAST(json_extract(${json}, ${path}) AS ${toDuckDbType(t)})`;
    default:
      return isTextual(t) ? text : `CAST(${text} AS ${toDuckDbType(t)})`;
  }
}

/** Timestamps and dates (epoch ms in JSON), also as array elements. */
const hasTemporal = (t: DataType): boolean => isTimestamp(t) || t.kind === 'date' || (t.kind === 'array' && hasTemporal(t.inner));
