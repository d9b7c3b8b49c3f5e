/**
 * Object functions and the special predicates (functions.md §2.7, §2.10). Object values are
 * JSON text in DuckDB; `concat(obj, obj)` lives with the string `concat`.
 *
 *   object_keys(o)      → `json_keys(o)` (first-level keys)
 *   null_or_empty(x)    → true for NULL, `[]` and `{}`
 *   ignore3vl(cond)     → `coalesce(cond, false)`: NULL counts as false for the whole sub-tree
 *   vector_similarity   → `1 / (1 + squared euclidean distance)`
 */
import { T } from '../../types/data-type.js';
import { isJsonStored } from '../../translator/duckdb-types.js';
import { castExpr } from '../casts.js';
import { coerceArgs, result, scalar } from './define.js';
import type { FunctionDef } from './function-types.js';

export const objectFunctions: FunctionDef[] = [
  scalar('object_keys', ['(object)'], (args) => {
    if (args.length !== 1) return undefined;
    const o = args[0]!;
    if (o.type.kind !== 'object' && o.type.kind !== 'json' && o.type.kind !== 'undefined') return undefined;
    return result(`json_keys(${o.sql})`, T.array(T.text));
  }),
  scalar('null_or_empty', ['(array)', '(object)'], (args) => {
    if (args.length !== 1) return undefined;
    const x = args[0]!;
    if (x.type.kind === 'undefined') return result('true', T.boolean);
    if (x.type.kind === 'object' || x.type.kind === 'json') return result(`coalesce(len(json_keys(${x.sql})) = 0, true)`, T.boolean);
    if (x.type.kind === 'array') {
      if (isJsonStored(x.type)) return result(`coalesce(json_array_length(${x.sql}) = 0, true)`, T.boolean);
      return result(`coalesce(len(${x.sql}) = 0, true)`, T.boolean);
    }
    return undefined;
  }),
  scalar('ignore3vl', ['(boolean)'], (args) => {
    if (args.length !== 1) return undefined;
    const b = args[0]!.type.kind === 'boolean' ? args[0]! : castExpr(args[0]!, T.boolean, 'implicit');
    return result(`coalesce(${b.sql}, false)`, T.boolean);
  }),
  scalar('vector_similarity', ['(float_vector, float_vector)'], (args) => {
    const a = args.length === 2 ? coerceArgs(args, [T.array(T.real), T.array(T.real)]) : undefined;
    if (!a) return undefined;
    const dist = `list_distance(CAST(${a[0]!.sql} AS FLOAT[]), CAST(${a[1]!.sql} AS FLOAT[]))`;
    return result(`CAST(1 / (1 + pow(${dist}, 2)) AS FLOAT)`, T.real);
  }),
];
