/**
 * CrateDB-typed JS values → DuckDB prepared-statement parameters.
 *
 * Queries whose parameters are bound instead of inlined as literals keep the same DuckDB text
 * from one execution to the next, so the connection's prepared statement is reused and DuckDB
 * parses, binds and plans the query once (`WHERE k = $1` point lookups, range scans).
 * Only scalar types with an exact DuckDB counterpart are bound; everything else stays a literal.
 */
import {
  BIGINT, BOOLEAN, DOUBLE, FLOAT, INTEGER, SMALLINT, TIMESTAMP, TIMESTAMPTZ, TINYINT, VARCHAR,
  timestampTZValue, timestampValue,
} from '@duckdb/node-api';
import type { DataType } from '../types/data-type.js';
import type { Param } from './engine.js';

/** The DuckDB parameter for `value` of CrateDB type `type`, or undefined when it is inlined. */
export function duckParam(value: unknown, type: DataType): Param | undefined {
  if (value === null || value === undefined) return undefined;
  switch (type.kind) {
    case 'boolean': return typeof value === 'boolean' ? { value, type: BOOLEAN } : undefined;
    case 'byte': return isInt(value) ? { value: Number(value), type: TINYINT } : undefined;
    case 'smallint': return isInt(value) ? { value: Number(value), type: SMALLINT } : undefined;
    case 'integer': return isInt(value) ? { value: Number(value), type: INTEGER } : undefined;
    case 'bigint': return isInt(value) ? { value: BigInt(value as number | bigint), type: BIGINT } : undefined;
    case 'real': return typeof value === 'number' ? { value, type: FLOAT } : undefined;
    case 'double precision': return typeof value === 'number' ? { value, type: DOUBLE } : undefined;
    case 'text': return typeof value === 'string' ? { value, type: VARCHAR } : undefined;
    case 'timestamp with time zone': return isInt(value) ? { value: timestampTZValue(BigInt(value as number | bigint) * 1000n), type: TIMESTAMPTZ } : undefined;
    case 'timestamp without time zone': return isInt(value) ? { value: timestampValue(BigInt(value as number | bigint) * 1000n), type: TIMESTAMP } : undefined;
    default: return undefined;
  }
}

const isInt = (v: unknown): boolean => (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
