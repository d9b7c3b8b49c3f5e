/**
 * Comparison predicates: `= <> != < <= > >=`, BETWEEN, IN, IS [NOT] DISTINCT FROM and the
 * regex match operators `~ ~* !~ !~*` (functions.md §1.2, §1.3).
 *
 * Operands are unified by ./coercion.ts, so `ts_col >= '2021-01-01'` compares with a folded
 * timestamp literal and `int_col = '1'` with the integer 1. Regex matches are whole-string
 * (CrateDB anchors implicitly): `s ~ 'a.c'` → `regexp_full_match(s, 'a.c')`, `~*` adds the
 * `'i'` option.
 */
import { T } from '../../types/data-type.js';
import { castExpr } from '../casts.js';
import { boundSql, compiled, isNullLiteral } from '../expr-util.js';
import type { CompiledExpr } from '../functions/function-types.js';
import { castAll, commonOperands, unifyTypes } from './coercion.js';

export type ComparisonOp = '=' | '<>' | '!=' | '<' | '<=' | '>' | '>=';

const OP_NAMES: Record<string, string> = {
  '=': 'op_=', '<>': 'op_<>', '!=': 'op_<>', '<': 'op_<', '<=': 'op_<=', '>': 'op_>', '>=': 'op_>=',
};

/** `(a op b)` after unifying operand types; `!=` becomes `<>`. */
export function emitComparison(op: ComparisonOp, left: CompiledExpr, right: CompiledExpr): CompiledExpr {
  const [l, r] = commonOperands(OP_NAMES[op]!, left, right);
  const sqlOp = op === '!=' ? '<>' : op;
  return compiled(`(${boundSql(l)} ${sqlOp} ${boundSql(r)})`, T.boolean, left, right);
}

/** `x [NOT] BETWEEN lo AND hi` = `x >= lo AND x <= hi` with the same conversions. */
export function emitBetween(v: CompiledExpr, lo: CompiledExpr, hi: CompiledExpr, negated: boolean): CompiledExpr {
  const [x1, a] = commonOperands('between', v, lo);
  const [x2, b] = commonOperands('between', v, hi);
  const sql = x1.sql === x2.sql
    ? `(${x1.sql} ${negated ? 'NOT ' : ''}BETWEEN ${boundSql(a)} AND ${boundSql(b)})`
    : `(${negated ? 'NOT ' : ''}(${x1.sql} >= ${boundSql(a)} AND ${x2.sql} <= ${boundSql(b)}))`;
  return compiled(sql, T.boolean, v, lo, hi);
}

/** `x [NOT] IN (v1, …)`: NULL when nothing matches and x or some v is NULL (SQL 3VL). */
export function emitIn(v: CompiledExpr, list: readonly CompiledExpr[], negated: boolean): CompiledExpr {
  const nonLiteralItems = list.filter((e) => e.literal === undefined);
  let x = v;
  let items: CompiledExpr[];
  if (v.literal === undefined && v.type.kind !== 'undefined') {
    // literals adopt the column's type (as for `=`)
    items = list.map((e) => commonOperands('any_=', v, e)[1]);
    const itemTypes = new Set(items.map((e) => JSON.stringify(e.type)));
    if (itemTypes.size > 1 || (nonLiteralItems.length > 0 && !itemTypes.has(JSON.stringify(v.type)))) {
      const type = unifyTypes([v.type, ...items.map((e) => e.type)]);
      x = castExpr(v, type, 'implicit');
      items = castAll(items, type);
    }
  } else {
    const type = unifyTypes([v.type, ...list.map((e) => e.type)]);
    x = castExpr(v, type, 'implicit');
    items = castAll(list, type);
  }
  const sql = `(${x.sql} ${negated ? 'NOT ' : ''}IN (${items.map(boundSql).join(', ')}))`;
  return compiled(sql, T.boolean, v, ...list);
}

/** `a IS [NOT] DISTINCT FROM b`. */
export function emitIsDistinct(left: CompiledExpr, right: CompiledExpr, negated: boolean): CompiledExpr {
  if (isNullLiteral(left) && isNullLiteral(right)) return { sql: negated ? 'true' : 'false', type: T.boolean };
  const [l, r] = commonOperands('op_isdistinct', left, right);
  return compiled(`(${l.sql} IS ${negated ? 'NOT ' : ''}DISTINCT FROM ${r.sql})`, T.boolean, left, right);
}

/** `s ~ re`, `s ~* re`, `s !~ re`, `s !~* re`: whole-string regex match. */
export function emitRegexMatch(op: '~' | '~*' | '!~' | '!~*', left: CompiledExpr, right: CompiledExpr): CompiledExpr {
  const s = castExpr(left, T.text, 'implicit').sql;
  const re = castExpr(right, T.text, 'implicit').sql;
  const insensitive = op === '~*' || op === '!~*';
  const match = `regexp_full_match(${s}, ${re}${insensitive ? ", 'i'" : ''})`;
  return compiled(op.startsWith('!') ? `(NOT ${match})` : match, T.boolean, left, right);
}
