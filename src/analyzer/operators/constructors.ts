/**
 * Value constructors and conditionals: array literals, object literals and CASE
 * (types.md §4.2, §7.1; functions.md §1.9).
 *
 *   [1, 2.5]        → `CAST([CAST('1.0' AS DOUBLE), CAST('2.5' AS DOUBLE)] AS DOUBLE[])` (double_array)
 *   []              → `CAST([] AS VARCHAR[])` (undefined_array)
 *   {a = 1, b = ts} → `json_object('a', 1, 'b', epoch_ms(ts))` (JSON text; timestamps as epoch ms)
 *   CASE            → branches cast to the unified result type
 */
import { T, type DataType, type ObjectField } from '../../types/data-type.js';
import { isJsonStored, quoteString, toDuckDbType } from '../../translator/duckdb-types.js';
import { castExpr, literalSql } from '../casts.js';
import { compiled } from '../expr-util.js';
import type { CompiledExpr } from '../functions/function-types.js';
import { castAll, commonOperands, unifyTypes } from './coercion.js';
import { toJsonValueSql } from './json-values.js';

export function emitArrayLiteral(elements: readonly CompiledExpr[]): CompiledExpr {
  const inner = unifyTypes(elements.map((e) => e.type));
  const type = T.array(inner);
  const items = castAll(elements, inner);
  if (items.every((e) => e.literal !== undefined)) {
    const value = items.map((e) => e.literal!.value);
    return { sql: literalSql(value, type), type, literal: { value } };
  }
  if (isJsonStored(type)) {
    return compiled(`CAST(to_json([${items.map((e) => `CAST(${e.sql} AS JSON)`).join(', ')}]) AS JSON)`, type, ...elements);
  }
  return compiled(`CAST([${items.map((e) => e.sql).join(', ')}] AS ${toDuckDbType(type)})`, type, ...elements);
}

export function emitObjectLiteral(entries: readonly { key: string; value: CompiledExpr }[]): CompiledExpr {
  const fields: ObjectField[] = entries.map((e) => ({ name: e.key, type: e.value.type }));
  const type: DataType = { kind: 'object', policy: 'dynamic', fields };
  if (entries.length === 0) return { sql: `CAST('{}' AS JSON)`, type, literal: { value: {} } };
  if (entries.every((e) => e.value.literal !== undefined)) {
    const value = Object.fromEntries(entries.map((e) => [e.key, e.value.literal!.value]));
    return { sql: literalSql(value, type), type, literal: { value } };
  }
  const args = entries.flatMap((e) => [quoteString(e.key), toJsonValueSql(e.value.sql, e.value.type)]);
  return compiled(`json_object(${args.join(', ')})`, type, ...entries.map((e) => e.value));
}

/** `CASE [operand] WHEN … THEN … [ELSE …] END`; the result type unifies all branches. */
export function emitCase(
  operand: CompiledExpr | undefined,
  whens: readonly { when: CompiledExpr; then: CompiledExpr }[],
  otherwise: CompiledExpr | undefined,
): CompiledExpr {
  const results = [...whens.map((w) => w.then), ...(otherwise ? [otherwise] : [])];
  const type = unifyTypes(results.map((r) => r.type));
  const parts = whens.map((w) => {
    let cond: string;
    if (operand) {
      const [a, b] = commonOperands('op_=', operand, w.when);
      cond = `(${a.sql} = ${b.sql})`;
    } else {
      cond = w.when.type.kind === 'boolean' ? w.when.sql : castExpr(w.when, T.boolean, 'implicit').sql;
    }
    return `WHEN ${cond} THEN ${castExpr(w.then, type, 'implicit').sql}`;
  });
  const elseSql = otherwise ? ` ELSE ${castExpr(otherwise, type, 'implicit').sql}` : '';
  const all = [...results, ...whens.map((w) => w.when), ...(operand ? [operand] : [])];
  return compiled(`CASE ${parts.join(' ')}${elseSql} END`, type, ...all);
}
