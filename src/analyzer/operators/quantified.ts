/**
 * Array comparisons `x op ANY|ALL (array)` with CrateDB's three-valued rules and flattening
 * (functions.md §1.5).
 *
 *   ANY: true if `x op e` for some element; false for an empty array; NULL if x or the array
 *        is NULL, or nothing matched and some comparison was NULL.
 *   ALL: false if some comparison is false; true for an empty array; NULL otherwise when x,
 *        the array or some comparison is NULL.
 * Nested arrays are flattened to the depth of x (`4 = ANY([[1,2],[3,4]])` is true).
 *
 *   x = ANY(arr) → CASE WHEN x IS NULL OR arr IS NULL THEN NULL
 *                       WHEN list_position(list_transform(arr, _x1 -> x = _x1), true) IS NOT NULL THEN true
 *                       WHEN list_position(list_transform(…), NULL) IS NOT NULL THEN NULL ELSE false END
 */
import { SQLParseException } from '../../errors/errors.js';
import { T, type DataType } from '../../types/data-type.js';
import { castExpr } from '../casts.js';
import { freshVar } from '../casting/sql-cast.js';
import { compiled, typeLabel } from '../expr-util.js';
import type { CompiledExpr } from '../functions/function-types.js';
import { arrayDepth, commonOperands } from './coercion.js';

/** The per-element predicate, given the left operand and the element expression. */
export type ElementPredicate = (left: CompiledExpr, element: CompiledExpr) => string;

/**
 * Generic ANY/ALL over an array: `predicate(left, element)` is evaluated per element with the
 * NULL rules above. The array is flattened until its elements have `left`'s depth.
 */
export function quantifiedSql(
  quantifier: 'ANY' | 'ALL', left: CompiledExpr, array: CompiledExpr, predicate: ElementPredicate,
): string {
  let arr = array;
  if (arr.type.kind === 'undefined') return 'CAST(NULL AS BOOLEAN)';
  if (arr.type.kind !== 'array') {
    throw new SQLParseException(`Cannot use ${quantifier} with a non-array operand of type \`${typeLabel(arr.type)}\``);
  }
  const wanted = arrayDepth(left.type) + 1;
  while (arrayDepth(arr.type) > wanted) {
    const inner = (arr.type as { inner: DataType }).inner;
    arr = { sql: `flatten(${arr.sql})`, type: inner };
  }
  const elementType = (arr.type as { inner: DataType }).inner;
  const v = freshVar(left.sql + arr.sql);
  const cmp = `list_transform(${arr.sql}, ${v} -> ${predicate(left, { sql: v, type: elementType })})`;
  const found = (value: string) => `list_position(${cmp}, ${value}) IS NOT NULL`;
  const [hit, hitValue, miss] = quantifier === 'ANY' ? ['true', 'true', 'false'] : ['false', 'false', 'true'];
  return `CASE WHEN ${left.sql} IS NULL OR ${arr.sql} IS NULL THEN NULL WHEN ${found(hit)} THEN ${hitValue} `
    + `WHEN ${found('NULL')} THEN NULL ELSE ${miss} END`;
}

export type QuantifiedOp = '=' | '<>' | '!=' | '<' | '<=' | '>' | '>=';

/** `left op ANY|ALL (right)` for an array-valued `right`. */
export function emitQuantified(op: QuantifiedOp, quantifier: 'ANY' | 'ALL', left: CompiledExpr, right: CompiledExpr): CompiledExpr {
  const sqlOp = op === '!=' ? '<>' : op;
  let l = left;
  if (l.type.kind === 'undefined' && right.type.kind === 'array') {
    l = castExpr(l, leafOf(right.type, 0), 'implicit');
  }
  const fast = sqlOp === '=' && quantifier === 'ANY' ? containsSql(l, right) : undefined;
  if (fast) return compiled(fast, T.boolean, left, right);
  const sql = quantifiedSql(quantifier, l, right, (x, e) => {
    const [a, b] = commonOperands(`any_${sqlOp}`, x, e);
    return `(${a.sql} ${sqlOp} ${b.sql})`;
  });
  return compiled(sql, T.boolean, left, right);
}

function leafOf(t: DataType, depth: number): DataType {
  return t.kind === 'array' && arrayDepth(t) > depth ? leafOf(t.inner, depth) : t;
}

/**
 * `x = ANY(flat_array)` without a lambda: `list_contains` (also usable where DuckDB cannot bind
 * a correlated column inside a lambda, as in psql's `oid = any (pol.polroles)` subquery), with
 * the same NULL rules (a NULL element makes a miss NULL; `list_count` skips NULLs).
 */
function containsSql(left: CompiledExpr, array: CompiledExpr): string | undefined {
  if (array.type.kind !== 'array' || arrayDepth(array.type) !== arrayDepth(left.type) + 1) return undefined;
  const element: CompiledExpr = { sql: '\u0000element', type: array.type.inner };
  const [a, b] = commonOperands('any_=', left, element);
  if (b.sql !== element.sql) return undefined;
  return `CASE WHEN ${a.sql} IS NULL OR ${array.sql} IS NULL THEN NULL WHEN list_contains(${array.sql}, ${a.sql}) THEN true `
    + `WHEN list_count(${array.sql}) < len(${array.sql}) THEN NULL ELSE false END`;
}
