/**
 * Array functions (functions.md §2.6) on DuckDB lists.
 *
 *   array_unique(a, b)   → distinct union keeping first occurrences:
 *                          `list_filter(c, (x, i) -> list_position(c, x) = i)`, c = a ++ b
 *                          (DuckDB's array_unique counts, list_distinct loses the order)
 *   array_length(a, 1)   → `CASE WHEN len(a) > 0 THEN len(a) END` (NULL for empty, dim ≤ 0)
 *   array_sum(int[])     → bigint with CrateDB's `long overflow` check (list_sum is HUGEINT)
 *   array_avg(int[])     → numeric
 *   string_to_array(s, NULL) → one element per character; sep '' → `[s]`
 */
import { isIntegral, isTextual, T, type DataType } from '../../types/data-type.js';
import { isJsonStored } from '../../translator/duckdb-types.js';
import { castExpr } from '../casts.js';
import { freshVar, runtimeCastSql } from '../casting/sql-cast.js';
import { intLiteral } from '../expr-util.js';
import { emitSlice } from '../operators/subscript.js';
import { emitOverlap } from '../operators/concat.js';
import { unifyTypes } from '../operators/coercion.js';
import { coerceArgs, result, scalar } from './define.js';
import type { CompiledExpr, FunctionDef, ResolvedCall } from './function-types.js';

const isArray = (e: CompiledExpr) => e.type.kind === 'array' || e.type.kind === 'undefined';
const innerOf = (t: DataType): DataType => (t.kind === 'array' ? t.inner : T.undefined);

/** Bring array arguments to one array type. */
function unifiedArrays(args: readonly CompiledExpr[]): { sql: string[]; type: DataType } | undefined {
  if (!args.every(isArray)) return undefined;
  const type = unifyTypes(args.map((a) => a.type));
  const arrType = type.kind === 'array' ? type : T.array(T.undefined);
  return { sql: args.map((a) => castExpr(a, arrType, 'implicit').sql), type: arrType };
}

function arrayDimLength(args: readonly CompiledExpr[], lower: boolean): ResolvedCall | undefined {
  if (args.length !== 2 || !isArray(args[0]!)) return undefined;
  const dim = coerceArgs([args[1]!], [T.integer])?.[0];
  if (!dim) return undefined;
  const a = args[0]!;
  const length = (d: number): string => {
    if (isJsonStored(a.type)) return d === 1 ? `CAST(json_array_length(${a.sql}) AS INTEGER)` : 'NULL';
    if (d === 1) return `len(${a.sql})`;
    let sql = a.sql;
    for (let i = 2; i < d; i++) sql = `flatten(${sql})`;
    const v = freshVar(sql);
    return `list_max(list_transform(${sql}, ${v} -> len(${v})))`;
  };
  const depth = a.type.kind === 'array' ? depthOf(a.type) : 1;
  const lit = intLiteral(dim);
  const dims = lit !== undefined ? [lit] : Array.from({ length: depth }, (_, i) => i + 1);
  const pick = (d: number) => {
    if (d < 1 || d > depth) return 'NULL';
    const len = length(d);
    return lower ? `CASE WHEN ${allPresent(a, d)} THEN 1 END` : `CASE WHEN ${len} > 0 THEN CAST(${len} AS INTEGER) END`;
  };
  const sql = lit !== undefined ? pick(lit) : `CASE ${dims.map((d) => `WHEN ${dim.sql} = ${d} THEN ${pick(d)}`).join(' ')} END`;
  return result(sql, T.integer);
}

/** array_lower: dimension d exists and no (sub-)array at that level is empty or NULL. */
function allPresent(a: CompiledExpr, d: number): string {
  if (isJsonStored(a.type)) return d === 1 ? `json_array_length(${a.sql}) > 0` : 'false';
  if (d === 1) return `len(${a.sql}) > 0`;
  let sql = a.sql;
  for (let i = 2; i < d; i++) sql = `flatten(${sql})`;
  const v = freshVar(sql);
  return `(len(${sql}) > 0 AND list_bool_and(list_transform(${sql}, ${v} -> coalesce(len(${v}), 0) > 0)))`;
}

const depthOf = (t: DataType): number => (t.kind === 'array' ? 1 + depthOf(t.inner) : 0);

function arraySum(args: readonly CompiledExpr[]): ResolvedCall | undefined {
  if (args.length !== 1 || !isArray(args[0]!)) return undefined;
  const a = args[0]!;
  const inner = innerOf(a.type);
  if (isIntegral(inner) || inner.kind === 'undefined') {
    const s = `list_sum(${a.sql})`;
    return result(`CASE WHEN NOT (${s} BETWEEN -9223372036854775808 AND 9223372036854775807) `
      + `THEN error('cratelite:ArithmeticException:long overflow') ELSE CAST(${s} AS BIGINT) END`, T.bigint);
  }
  if (inner.kind === 'real' || inner.kind === 'double precision') return result(`CAST(list_sum(${a.sql}) AS ${inner.kind === 'real' ? 'FLOAT' : 'DOUBLE'})`, inner);
  if (inner.kind === 'numeric') return result(`list_sum(${a.sql})`, T.numeric);
  return undefined;
}

function arrayAvg(args: readonly CompiledExpr[]): ResolvedCall | undefined {
  if (args.length !== 1 || !isArray(args[0]!)) return undefined;
  const a = args[0]!;
  const inner = innerOf(a.type);
  if (inner.kind === 'real' || inner.kind === 'double precision') {
    return result(`CAST(list_avg(${a.sql}) AS ${inner.kind === 'real' ? 'FLOAT' : 'DOUBLE'})`, inner);
  }
  if (isIntegral(inner) || inner.kind === 'numeric' || inner.kind === 'undefined') {
    return result(`list_avg(${a.sql})`, T.numeric);
  }
  return undefined;
}

function arrayToString(args: readonly CompiledExpr[]): ResolvedCall | undefined {
  if ((args.length !== 2 && args.length !== 3) || !isArray(args[0]!)) return undefined;
  const rest = coerceArgs(args.slice(1), args.slice(1).map(() => T.text));
  if (!rest) return undefined;
  const a = args[0]!;
  const inner = innerOf(a.type);
  const v = freshVar(a.sql + rest.map((r) => r.sql).join());
  const asText = isTextual(inner) || inner.kind === 'undefined' ? v : runtimeCastSql(v, inner, T.text, 'explicit');
  const item = rest[1] ? `coalesce(${asText}, ${rest[1].sql})` : asText;
  const list = item === v ? a.sql : `list_transform(${a.sql}, ${v} -> ${item})`;
  return result(`CASE WHEN ${rest[0]!.sql} IS NULL THEN NULL ELSE array_to_string(${list}, ${rest[0]!.sql}) END`, T.text);
}

function stringToArray(args: readonly CompiledExpr[]): ResolvedCall | undefined {
  const a = coerceArgs(args, args.map(() => T.text));
  if (!a || a.length < 2 || a.length > 3) return undefined;
  const [s, sep, nullStr] = a.map((x) => x.sql) as [string, string, string | undefined];
  let list = `CASE WHEN ${sep} IS NULL THEN string_split(${s}, '') WHEN ${sep} = '' THEN [${s}] ELSE string_split(${s}, ${sep}) END`;
  if (nullStr) {
    const v = freshVar(list + nullStr);
    list = `list_transform(${list}, ${v} -> nullif(${v}, ${nullStr}))`;
  }
  return result(`CASE WHEN ${s} IS NULL THEN NULL ELSE ${list} END`, T.array(T.text));
}

function arrayPosition(args: readonly CompiledExpr[]): ResolvedCall | undefined {
  if ((args.length !== 2 && args.length !== 3) || !isArray(args[0]!)) return undefined;
  const a = args[0]!;
  const v = castExpr(args[1]!, innerOf(a.type), 'implicit');
  if (args.length === 2) return result(`CAST(list_position(${a.sql}, ${v.sql}) AS INTEGER)`, T.integer);
  const start = coerceArgs([args[2]!], [T.integer])?.[0];
  if (!start) return undefined;
  const found = `list_position(list_slice(${a.sql}, ${start.sql}, len(${a.sql})), ${v.sql})`;
  return result(`CASE WHEN ${start.sql} < 1 OR ${start.sql} > len(${a.sql}) THEN NULL `
    + `ELSE CAST(${found} + ${start.sql} - 1 AS INTEGER) END`, T.integer);
}

/** array_set(arr, idx, v) / array_set(arr, idx_arr, val_arr): 1-based, gaps filled with NULL. */
function arraySet(args: readonly CompiledExpr[]): ResolvedCall | undefined {
  if (args.length !== 3 || !isArray(args[0]!)) return undefined;
  const a = args[0]!;
  const multi = args[1]!.type.kind === 'array';
  const inner = unifyTypes([innerOf(a.type), multi ? innerOf(args[2]!.type) : args[2]!.type]);
  const type = T.array(inner);
  const arr = castExpr(a, type, 'implicit').sql;
  const idx = castExpr(args[1]!, multi ? T.array(T.integer) : T.integer, 'implicit').sql;
  const val = castExpr(args[2]!, multi ? type : inner, 'implicit').sql;
  const k = freshVar(arr + idx + val, '_k');
  const bad = "error('cratelite:UnsupportedFeatureException:Updating arrays with indexes <= 0 is not supported')";
  if (!multi) {
    return result(`CASE WHEN ${idx} <= 0 THEN ${bad} ELSE list_transform(range(1, greatest(len(${arr}), ${idx}) + 1), `
      + `${k} -> CASE WHEN ${k} = ${idx} THEN ${val} ELSE list_extract(${arr}, ${k}) END) END`, type);
  }
  const sizes = "error('cratelite:SQLParseException:`array_set(array, indexes, values)`: the size of indexes and values must match or both be nulls')";
  const pos = `list_position(list_reverse(${idx}), ${k})`;
  return result(`CASE WHEN coalesce(len(${idx}), -1) <> coalesce(len(${val}), -2) THEN ${sizes} `
    + `WHEN list_min(${idx}) <= 0 THEN ${bad} ELSE list_transform(range(1, greatest(len(${arr}), list_max(${idx})) + 1), `
    + `${k} -> CASE WHEN ${pos} IS NOT NULL THEN list_extract(list_reverse(${val}), ${pos}) ELSE list_extract(${arr}, ${k}) END) END`, type);
}

const arrayFn = (name: string, sig: string, f: (args: readonly CompiledExpr[]) => ResolvedCall | undefined) => scalar(name, [sig], f);

export const arrayFunctions: FunctionDef[] = [
  arrayFn('array_append', '(array, T)', (args) => {
    if (args.length !== 2 || !isArray(args[0]!)) return undefined;
    const type = T.array(unifyTypes([innerOf(args[0]!.type), args[1]!.type]));
    return result(`list_append(${castExpr(args[0]!, type, 'implicit').sql}, ${castExpr(args[1]!, innerOf(type), 'implicit').sql})`, type);
  }),
  arrayFn('array_prepend', '(T, array)', (args) => {
    if (args.length !== 2 || !isArray(args[1]!)) return undefined;
    const type = T.array(unifyTypes([innerOf(args[1]!.type), args[0]!.type]));
    return result(`list_prepend(${castExpr(args[0]!, innerOf(type), 'implicit').sql}, ${castExpr(args[1]!, type, 'implicit').sql})`, type);
  }),
  arrayFn('array_cat', '(array, array)', (args) => {
    const u = args.length === 2 ? unifiedArrays(args) : undefined;
    return u ? result(`list_concat(${u.sql[0]}, ${u.sql[1]})`, u.type) : undefined;
  }),
  arrayFn('array_unique', '(array [, array])', (args) => {
    const u = args.length === 1 || args.length === 2 ? unifiedArrays(args) : undefined;
    if (!u) return undefined;
    const c = u.sql.length === 2 ? `list_concat(${u.sql[0]}, ${u.sql[1]})` : u.sql[0]!;
    const [x, i] = [freshVar(c, '_u'), freshVar(c, '_i')];
    return result(`list_filter(${c}, (${x}, ${i}) -> list_position(${c}, ${x}) = ${i})`, u.type);
  }),
  arrayFn('array_difference', '(array, array)', (args) => {
    const u = args.length === 2 ? unifiedArrays(args) : undefined;
    if (!u) return undefined;
    const [a, b] = u.sql as [string, string];
    const x = freshVar(a + b);
    return result(`CASE WHEN ${b} IS NULL THEN ${a} ELSE list_filter(${a}, ${x} -> list_position(${b}, ${x}) IS NULL) END`, u.type);
  }),
  arrayFn('array_upper', '(array, integer)', (args) => arrayDimLength(args, false)),
  arrayFn('array_length', '(array, integer)', (args) => arrayDimLength(args, false)),
  arrayFn('array_lower', '(array, integer)', (args) => arrayDimLength(args, true)),
  arrayFn('array_overlap', '(array, array)', (args) => {
    if (args.length !== 2) return undefined;
    const r = emitOverlap(args[0]!, args[1]!);
    return result(r.sql, r.type);
  }),
  arrayFn('array_set', '(array, integer, T)', arraySet),
  arrayFn('array_slice', '(array, integer, integer)', (args) => {
    if (args.length !== 3 || !isArray(args[0]!)) return undefined;
    const r = emitSlice(args[0]!, args[1], args[2]);
    return result(r.sql, r.type);
  }),
  arrayFn('array_to_string', '(array, text [, text])', arrayToString),
  arrayFn('string_to_array', '(text, text [, text])', stringToArray),
  arrayFn('array_position', '(array, T [, integer])', arrayPosition),
  arrayFn('array_min', '(array)', (args) => (args.length === 1 && isArray(args[0]!)
    ? result(`list_min(${args[0]!.sql})`, innerOf(args[0]!.type)) : undefined)),
  arrayFn('array_max', '(array)', (args) => (args.length === 1 && isArray(args[0]!)
    ? result(`list_max(${args[0]!.sql})`, innerOf(args[0]!.type)) : undefined)),
  arrayFn('array_sum', '(array)', arraySum),
  arrayFn('array_avg', '(array)', arrayAvg),
  arrayFn('array_unnest', '(array)', (args) => (args.length === 1 && args[0]!.type.kind === 'array' && args[0]!.type.inner.kind === 'array'
    ? result(`flatten(${args[0]!.sql})`, args[0]!.type.inner) : undefined)),
];
