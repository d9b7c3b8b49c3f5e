/**
 * DuckDB raw values (@duckdb/node-api) → plain JS values (numbers, strings, arrays, objects),
 * for the few COPY values that come back from DuckDB: constants evaluated there (URIs,
 * options). Objects arrive as JSON text.
 */
import { DuckDBArrayValue, DuckDBListValue, DuckDBStructValue } from '@duckdb/node-api';
import type { DataType } from '../types/data-type.js';

export function rawToPlain(v: unknown, type?: DataType): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v;
  if (v instanceof DuckDBListValue || v instanceof DuckDBArrayValue) {
    const inner = type?.kind === 'array' ? type.inner : undefined;
    return v.items.map((x) => rawToPlain(x, inner));
  }
  if (v instanceof DuckDBStructValue) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v.entries)) out[k] = rawToPlain(x);
    return out;
  }
  if (typeof v === 'string' && type?.kind === 'object') {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  if (typeof v === 'object' && 'toString' in v && typeof v.toString === 'function' && v.constructor !== Object) return v.toString();
  return v;
}
