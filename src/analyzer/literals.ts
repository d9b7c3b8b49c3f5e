/**
 * JS values → DuckDB SQL literals of a given CrateDB type, and CrateDB's type guess for
 * HTTP/PG argument values (http.md §3.4: null → undefined, int32 → integer, int64 → bigint,
 * fraction → double, object → object, array → array of the merged element type).
 */
import { higherType, T, type DataType } from '../types/data-type.js';
import { literalSql } from './casting/literal-sql.js';

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
  // an untyped NULL stays untyped, so the context can give it a type
  if ((value === null || value === undefined) && type.kind === 'undefined') return 'NULL';
  return literalSql(value, type);
}

export function jsonReplacer(_key: string, v: unknown): unknown {
  return typeof v === 'bigint' ? Number(v) : v;
}
