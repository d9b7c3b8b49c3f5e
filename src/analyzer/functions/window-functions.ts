/**
 * Window functions (functions.md §4); every aggregate is usable as a window function too.
 * Ranking functions return CrateDB's `integer` (DuckDB gives BIGINT), so they are templates
 * with the OVER slot inside the cast: `CAST(row_number() OVER (…) AS INTEGER)`.
 * IGNORE NULLS goes inside the parentheses (DuckDB syntax): `first_value(x IGNORE NULLS)`.
 */
import { T } from '../../types/data-type.js';
import { castExpr } from '../casts.js';
import { aggCall, coerceArgs, OVER_SLOT, templated, windowFunction } from './define.js';
import type { CallOptions, CompiledExpr, FunctionDef, ResolvedCall } from './function-types.js';

const plain = (o: CallOptions): CallOptions => ({ distinct: false, filter: o.filter, nulls: o.nulls });

function ranking(name: string): FunctionDef {
  return windowFunction(name, ['()'], (args, _ctx, o) => {
    if (args.length !== 0) return undefined;
    const call = aggCall(name, [], plain(o));
    // `sql` stays the bare call so that appending `OVER (…)` also works; windowSql adds the cast.
    return { ...templated(`CAST(${call} AS INTEGER)`, T.integer), sql: call.replace(OVER_SLOT, '') };
  });
}

function valueAt(name: string, arity: number[]): FunctionDef {
  return windowFunction(name, arity.map((n) => (n === 1 ? '(T)' : '(T, integer)')), (args, _ctx, o) => {
    if (!arity.includes(args.length)) return undefined;
    const rest = coerceArgs(args.slice(1), args.slice(1).map(() => T.integer));
    if (!rest) return undefined;
    return templated(aggCall(name, [args[0]!.sql, ...rest.map((r) => r.sql)], plain(o)), args[0]!.type);
  });
}

/** lag/lead(x [, offset [, default]]); the default is converted to x's type. */
function offsetFn(name: string): FunctionDef {
  return windowFunction(name, ['(T)', '(T, integer)', '(T, integer, T)'], (args, _ctx, o): ResolvedCall | undefined => {
    if (args.length < 1 || args.length > 3) return undefined;
    const x = args[0]!;
    const offset = args[1] ? coerceArgs([args[1]], [T.integer])?.[0] : undefined;
    if (args[1] && !offset) return undefined;
    const parts = [x.sql];
    if (offset) parts.push(offset.sql);
    if (args[2]) parts.push(castExpr(args[2] as CompiledExpr, x.type, 'implicit').sql);
    return templated(aggCall(name, parts, plain(o)), x.type);
  });
}

export const windowFunctions: FunctionDef[] = [
  ranking('row_number'),
  ranking('rank'),
  ranking('dense_rank'),
  valueAt('first_value', [1]),
  valueAt('last_value', [1]),
  valueAt('nth_value', [2]),
  offsetFn('lag'),
  offsetFn('lead'),
];
