/**
 * CrateDB type → DuckDB storage type (types.md §12).
 *
 * Objects never reach here as a whole: each object child is its own DuckDB column (catalog/),
 * and an object value inside an expression is JSON text. Arrays of objects are JSON text too.
 */
import type { DataType } from '../types/data-type.js';

export function toDuckDbType(t: DataType): string {
  switch (t.kind) {
    case 'undefined': return 'VARCHAR';
    case 'boolean': return 'BOOLEAN';
    case 'byte': return 'TINYINT';
    case 'smallint': return 'SMALLINT';
    case 'integer': case 'regclass': case 'regproc': case 'regtype': return 'INTEGER';
    case 'bigint': return 'BIGINT';
    case 'real': return 'FLOAT';
    case 'double precision': return 'DOUBLE';
    case 'numeric': return t.precision === undefined ? 'DECIMAL(38,10)'
      : `DECIMAL(${Math.min(t.precision, 38)},${t.scale ?? 0})`;
    case 'text': case 'varchar': case 'character': case 'ip': case 'bit': return 'VARCHAR';
    case 'timestamp with time zone': return 'TIMESTAMPTZ';
    case 'timestamp without time zone': return 'TIMESTAMP';
    case 'date': return 'DATE';
    case 'time with time zone': return 'TIMETZ';
    case 'interval': return 'INTERVAL';
    case 'uuid': return 'UUID';
    case 'json': case 'object': case 'geo_shape': case 'record': return 'JSON';
    case 'geo_point': return 'DOUBLE[2]';
    case 'float_vector': return `FLOAT[${t.dimensions}]`;
    case 'oidvector': return 'INTEGER[]';
    case 'array': return isJsonStored(t.inner) ? 'JSON' : `${toDuckDbType(t.inner)}[]`;
  }
}

/** Types whose values are JSON text in DuckDB (so arrays of them are one JSON value too). */
export function isJsonStored(t: DataType): boolean {
  return t.kind === 'object' || t.kind === 'json' || t.kind === 'geo_shape' || t.kind === 'record'
    || (t.kind === 'array' && isJsonStored(t.inner));
}

/** A SQL string literal. */
export const quoteString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
/** A DuckDB quoted identifier. */
export const quoteIdent = (s: string): string => `"${s.replace(/"/g, '""')}"`;
