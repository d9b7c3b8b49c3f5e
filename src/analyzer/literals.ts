/**
 * JS values → DuckDB SQL literals of a given CrateDB type. The type of an argument value
 * itself (http.md §3.4) is `inferValueType` in casting/value-cast.ts.
 */
import type { DataType } from '../types/data-type.js';
import { literalSql } from './casting/literal-sql.js';

/** DuckDB SQL literal for `value` typed as `type` (value already of a fitting JS shape). */
export function sqlLiteral(value: unknown, type: DataType): string {
  // an untyped NULL stays untyped, so the context can give it a type
  if ((value === null || value === undefined) && type.kind === 'undefined') return 'NULL';
  return literalSql(value, type);
}
