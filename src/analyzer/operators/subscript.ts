/**
 * Subscripts and slices on values (functions.md §1.9, types.md §7.1). Subscripts on table
 * object columns are resolved by the analyzer (they are real columns); this handles arrays,
 * object *values* (JSON text) and arrays of objects.
 *
 *   arr[2]       → `list_extract(arr, 2)`; `arr[0]`, `arr[-1]` → NULL (DuckDB would count
 *                  negative indexes from the end, so non-literal indexes are guarded)
 *   obj['k']     → `json_extract_string(obj, '$."k"')` cast to the key's declared type
 *   objs['k']    → `list_transform(CAST(objs AS JSON[]), o -> …)` (array of the key's values)
 *   arr[2:3]     → `list_slice(arr, 2, 3)` (inclusive, 1-based)
 */
import { SQLParseException } from '../../errors/errors.js';
import { isIntegral, T, type DataType } from '../../types/data-type.js';
import { isJsonStored, quoteString } from '../../translator/duckdb-types.js';
import { castExpr, inferValueType, literalSql } from '../casts.js';
import { freshVar } from '../casting/sql-cast.js';
import { compiled, intLiteral, nullSql, stringLiteral, typeLabel } from '../expr-util.js';
import type { CompiledExpr } from '../functions/function-types.js';
import { jsonExtractAs, jsonKeyPath } from './json-values.js';

const fieldType = (t: DataType, key: string): DataType | undefined =>
  t.kind === 'object' || t.kind === 'record' ? t.fields.find((f) => f.name === key)?.type : undefined;

export function emitSubscript(base: CompiledExpr, index: CompiledExpr): CompiledExpr {
  const folded = foldLiteral(base, index);
  if (folded) return folded;
  const bt = base.type;
  if (base.rawJson) return rawJsonSubscript(base, index);
  if (bt.kind === 'undefined') return { sql: 'NULL', type: T.undefined };
  const key = stringLiteral(index);
  if (index.type.kind === 'text' || key !== undefined) {
    if (key === undefined) return dynamicKey(base, index);
    if (bt.kind === 'object' || bt.kind === 'record' || bt.kind === 'json' || bt.kind === 'geo_shape') {
      const declared = fieldType(bt, key);
      const t = declared ?? T.text;
      const value = compiled(jsonExtractAs(base.sql, jsonKeyPath(key), t), t, base);
      // an IGNORED object's undeclared key holds whatever was stored: CrateDB's `undefined`
      if (declared === undefined && bt.kind === 'object' && bt.policy === 'ignored') {
        return { ...value, rawJson: `json_extract(${base.sql}, ${jsonKeyPath(key)})` };
      }
      return value;
    }
    if (bt.kind === 'array' && isJsonStored(bt.inner)) return objectArrayKey(base, key);
    throw new SQLParseException(`Cannot use a text subscript on a value of type \`${typeLabel(bt)}\``);
  }
  if (bt.kind === 'array' || bt.kind === 'geo_point' || bt.kind === 'float_vector') {
    const inner = bt.kind === 'array' ? bt.inner : bt.kind === 'geo_point' ? T.double : T.real;
    const i = castExpr(index, T.integer, 'implicit');
    const literal = intLiteral(i);
    if (literal !== undefined && literal < 1) return { sql: nullSql(inner), type: inner };
    if (bt.kind === 'array' && isJsonStored(bt)) {
      const path = literal !== undefined ? quoteString(`$[${literal - 1}]`) : `'$[' || (${i.sql} - 1) || ']'`;
      const sql = jsonExtractAs(base.sql, path, inner);
      return compiled(literal !== undefined ? sql : `CASE WHEN ${i.sql} >= 1 THEN ${sql} END`, inner, base, index);
    }
    const sql = literal !== undefined ? `list_extract(${base.sql}, ${literal})`
      : `CASE WHEN ${i.sql} >= 1 THEN list_extract(${base.sql}, ${i.sql}) END`;
    return compiled(sql, inner, base, index);
  }
  throw new SQLParseException(`Cannot subscript a value of type \`${typeLabel(bt)}\``);
}

/**
 * A subscript into a value of type `undefined` held as JSON (`o['a']['b']`, `o['list'][2]` of an
 * IGNORED object): the same kind of value one level down. Keys and indexes must be literals.
 */
function rawJsonSubscript(base: CompiledExpr, index: CompiledExpr): CompiledExpr {
  const raw = base.rawJson!;
  const key = stringLiteral(index);
  let path: string;
  if (key !== undefined) {
    path = jsonKeyPath(key);
  } else {
    const i = isIntegral(index.type) ? intLiteral(index) : undefined;
    if (i === undefined) throw new SQLParseException('Subscripts of a value of type `undefined` must be literals');
    if (i < 1) return { sql: 'NULL', type: T.undefined };
    path = quoteString(`$[${i - 1}]`);
  }
  return { ...compiled(`json_extract_string(${raw}, ${path})`, T.text, base), rawJson: `json_extract(${raw}, ${path})` };
}

/** Both sides literal: evaluate now (`{a=1}['a']` → 1, `[1,2][2]` → 2). */
function foldLiteral(base: CompiledExpr, index: CompiledExpr): CompiledExpr | undefined {
  if (!base.literal || !index.literal) return undefined;
  const b = base.literal.value;
  const k = index.literal.value;
  let value: unknown;
  let type: DataType;
  if (b === null) return undefined;
  if (Array.isArray(b) && (typeof k === 'number' || typeof k === 'bigint') && base.type.kind === 'array') {
    const i = Number(k);
    value = i >= 1 && i <= b.length ? b[i - 1] : null;
    type = base.type.inner;
  } else if (typeof b === 'object' && !Array.isArray(b) && typeof k === 'string') {
    value = (b as Record<string, unknown>)[k] ?? null;
    type = fieldType(base.type, k) ?? inferValueType(value);
  } else {
    return undefined;
  }
  return { sql: literalSql(value, type), type, literal: { value } };
}

function dynamicKey(base: CompiledExpr, index: CompiledExpr): CompiledExpr {
  const k = castExpr(index, T.text, 'implicit').sql;
  const path = `'$."' || replace(${k}, '"', '\\"') || '"'`;
  if (base.type.kind === 'array' && isJsonStored(base.type.inner)) {
    const v = freshVar(base.sql + k);
    return compiled(`list_transform(CAST(${base.sql} AS JSON[]), ${v} -> json_extract_string(${v}, ${path}))`,
      T.array(T.text), base, index);
  }
  return compiled(`json_extract_string(${base.sql}, ${path})`, T.text, base, index);
}

function objectArrayKey(base: CompiledExpr, key: string): CompiledExpr {
  const inner = (base.type as { inner: DataType }).inner;
  const t = fieldType(inner, key) ?? T.text;
  const v = freshVar(base.sql);
  const values = `list_transform(CAST(${base.sql} AS JSON[]), ${v} -> ${jsonExtractAs(v, jsonKeyPath(key), t)})`;
  const type = T.array(t);
  return compiled(isJsonStored(type) ? `CAST(to_json(${values}) AS JSON)` : values, type, base);
}

/** `arr[from:to]`, both bounds optional and inclusive. */
export function emitSlice(base: CompiledExpr, from?: CompiledExpr, to?: CompiledExpr): CompiledExpr {
  if (base.type.kind === 'undefined') return { sql: 'NULL', type: T.undefined };
  if (base.type.kind !== 'array') throw new SQLParseException(`Cannot slice a value of type \`${typeLabel(base.type)}\``);
  const bound = (e: CompiledExpr | undefined, dflt: string) => {
    if (!e) return dflt;
    if (!isIntegral(e.type) && e.type.kind !== 'undefined') throw new SQLParseException('Array slice bounds must be integers');
    return castExpr(e, T.integer, 'implicit').sql;
  };
  const a = from ? `greatest(${bound(from, '1')}, 1)` : '1';
  const b = bound(to, '2147483647');
  if (isJsonStored(base.type)) {
    return compiled(`CAST(to_json(list_slice(CAST(${base.sql} AS JSON[]), ${a}, ${b})) AS JSON)`, base.type, base);
  }
  return compiled(`list_slice(${base.sql}, ${a}, ${b})`, base.type, base, ...(from ? [from] : []), ...(to ? [to] : []));
}
