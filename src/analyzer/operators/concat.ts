/**
 * `||` (text, arrays, objects), bit operators `& | #`, array overlap `&&` and ip containment
 * `<<` (functions.md §1.4, §1.5, §1.7, §1.8).
 *
 *   'a' || 1            → `('a' || CAST(1 AS VARCHAR))` (NULL if either side is NULL)
 *   arr || arr          → `list_concat(a, b)`
 *   arr || NULL elem    → the array unchanged (CrateDB ignores a NULL element)
 *   obj || obj          → shallow merge, right side wins (DuckDB's json_merge_patch is
 *                         recursive and drops null values, so it is not used)
 *   a # b               → `xor(a, b)` (DuckDB `#` is not XOR)
 *   ip << '10.0.0.0/8'  → `cratelite_ip_in_cidr(ip, cidr)` (JS UDF, see functions/udf-registry.ts)
 */
import { isIntegral, isTextual, T, type DataType } from '../../types/data-type.js';
import { castExpr } from '../casts.js';
import { freshVar } from '../casting/sql-cast.js';
import { compiled } from '../expr-util.js';
import type { CompiledExpr } from '../functions/function-types.js';
import { commonOperands, noOverload, unifyTypes } from './coercion.js';

const isObjectLike = (t: DataType): boolean => t.kind === 'object' || t.kind === 'json';

export function emitConcat(left: CompiledExpr, right: CompiledExpr): CompiledExpr {
  const lt = left.type;
  const rt = right.type;
  if (lt.kind === 'array' || rt.kind === 'array') return concatArrays(left, right);
  if ((isObjectLike(lt) && (isObjectLike(rt) || rt.kind === 'undefined'))
    || (lt.kind === 'undefined' && isObjectLike(rt))) {
    return compiled(objectMergeSql(left.sql, right.sql), mergedObjectType(lt, rt), left, right);
  }
  const a = toText(left);
  const b = toText(right);
  return compiled(`(${a} || ${b})`, T.text, left, right);
}

function toText(e: CompiledExpr): string {
  if (isTextual(e.type)) return e.sql;
  if (e.type.kind === 'undefined') return 'CAST(NULL AS VARCHAR)';
  return castExpr(e, T.text, 'explicit').sql;
}

function concatArrays(left: CompiledExpr, right: CompiledExpr): CompiledExpr {
  const lt = left.type;
  const rt = right.type;
  if (lt.kind === 'array' && rt.kind === 'array') {
    const type = unifyTypes([lt, rt]);
    const a = castExpr(left, type, 'implicit').sql;
    const b = castExpr(right, type, 'implicit').sql;
    return compiled(`list_concat(${a}, ${b})`, type, left, right);
  }
  if (lt.kind === 'undefined' || rt.kind === 'undefined') {
    // `arr || NULL`: NULL is an element and is ignored
    return lt.kind === 'array' ? left : right;
  }
  const [arr, elem, append] = lt.kind === 'array' ? [left, right, true] : [right, left, false];
  const arrType = arr.type as DataType & { kind: 'array' };
  const type = T.array(unifyTypes([arrType.inner, elem.type]));
  const a = castExpr(arr, type, 'implicit').sql;
  const e = castExpr(elem, (type as { inner: DataType }).inner, 'implicit').sql;
  const added = append ? `list_append(${a}, ${e})` : `list_prepend(${e}, ${a})`;
  return compiled(`CASE WHEN ${e} IS NULL THEN ${a} ELSE ${added} END`, type, left, right);
}

function mergedObjectType(a: DataType, b: DataType): DataType {
  if (a.kind === 'object' && b.kind === 'object') return unifyTypes([a, b]);
  return b.kind === 'object' ? b : a.kind === 'object' ? a : T.object('dynamic');
}

/** Shallow merge of two JSON objects; one NULL side gives the other, both NULL → NULL. */
export function objectMergeSql(a: string, b: string): string {
  const k = freshVar(a + b, '_k');
  const entries = (obj: string, keys: string) =>
    `list_transform(${keys}, ${k} -> {'k': ${k}, 'v': json_extract(${obj}, '$."' || ${k} || '"')})`;
  const leftOnly = `list_filter(json_keys(${a}), ${k} -> NOT list_contains(json_keys(${b}), ${k}))`;
  const merged = `CAST(to_json(map_from_entries(list_concat(${entries(a, leftOnly)}, ${entries(b, `json_keys(${b})`)}))) AS JSON)`;
  return `CASE WHEN ${a} IS NULL THEN CAST(${b} AS JSON) WHEN ${b} IS NULL THEN CAST(${a} AS JSON) ELSE ${merged} END`;
}

/** `a & b`, `a | b`, `a # b` on integral types (wider type) or bit(n) strings. */
export function emitBitwise(op: '&' | '|' | '#', left: CompiledExpr, right: CompiledExpr): CompiledExpr {
  const name = op === '&' ? 'bit_and' : op === '|' ? 'bit_or' : 'bit_xor';
  if (left.type.kind === 'bit' || right.type.kind === 'bit') {
    const [l, r] = commonOperands(name, left, right);
    if (l.type.kind !== 'bit') throw noOverload(name, [left.type, right.type]);
    const a = `CAST(${l.sql} AS BIT)`;
    const b = `CAST(${r.sql} AS BIT)`;
    const sql = op === '#' ? `xor(${a}, ${b})` : `(${a} ${op} ${b})`;
    return compiled(`CAST(${sql} AS VARCHAR)`, l.type, left, right);
  }
  const [l, r] = commonOperands(name, left, right);
  if (!isIntegral(l.type) && l.type.kind !== 'undefined') throw noOverload(name, [left.type, right.type]);
  const type = l.type.kind === 'undefined' ? T.integer : l.type;
  const sql = op === '#' ? `xor(${l.sql}, ${r.sql})` : `(${l.sql} ${op} ${r.sql})`;
  return compiled(sql, type, left, right);
}

/** `a && b`: arrays share an element; NULL if either is NULL. */
export function emitOverlap(left: CompiledExpr, right: CompiledExpr): CompiledExpr {
  if (left.type.kind !== 'array' && left.type.kind !== 'undefined') throw noOverload('op_&&', [left.type, right.type]);
  const type = unifyTypes([left.type, right.type]);
  const a = castExpr(left, type, 'implicit').sql;
  const b = castExpr(right, type, 'implicit').sql;
  return compiled(`list_has_any(${a}, ${b})`, T.boolean, left, right);
}

/** `ip << 'cidr'`. */
export function emitIpContainment(left: CompiledExpr, right: CompiledExpr): CompiledExpr {
  const ip = castExpr(left, T.ip, 'implicit').sql;
  const cidr = castExpr(right, T.text, 'implicit').sql;
  return compiled(`cratelite_ip_in_cidr(${ip}, ${cidr})`, T.boolean, left, right);
}
