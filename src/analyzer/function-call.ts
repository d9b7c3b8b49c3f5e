/**
 * Function calls in expressions: scalar, aggregate (FILTER, DISTINCT), window (OVER with named
 * windows and frames) and table functions used in the select list. Names resolve against the
 * cratelite registry only (functions.md §0: never pass an unknown call through to DuckDB).
 */
import { SQLParseException, UnsupportedFunctionException } from '../errors/errors.js';
import type { FunctionCall, WindowSpec } from '../sql/ast/index.js';
import { printExpression } from '../sql/ast/printer.js';
import { typeSignature } from '../types/data-type.js';
import { quoteIdent, quoteString } from '../translator/duckdb-types.js';
import { compileExpr } from './expression.js';
import type { ExprContext } from './expression-context.js';
import type { CompiledExpr, FunctionDef } from './functions/function-types.js';
import { applyOver, lookupFunction } from './functions/registry.js';

export function compileFunction(e: FunctionCall, cx: ExprContext): CompiledExpr {
  const name = e.name.length > 1 && (e.name[0] === 'pg_catalog' || e.name[0] === 'information_schema')
    ? e.name[e.name.length - 1]! : e.name.join('.');
  const def = lookupFunction(name);
  if (!def) throw new UnsupportedFunctionException(`Unknown function: ${printExpression(e)}`, e.pos);
  if (def.kind === 'table') return compileTableFunctionInSelect(def, e, cx);
  const isAgg = def.kind === 'aggregate';
  if (isAgg && !e.over && !cx.allowAggregates) {
    throw new SQLParseException(`Aggregate functions are not allowed in this position: ${printExpression(e)}`, e.pos);
  }
  // arguments of an aggregate cannot themselves contain aggregates
  const argCx = isAgg && !e.over ? { ...cx, allowAggregates: false } : cx;
  const args = e.args.map((a) => compileExpr(a, argCx));
  const filter = e.filter ? compileExpr(e.filter, argCx) : undefined;
  const resolved = def.resolve(args, cx.fctx, { distinct: e.distinct, filter, nulls: e.nulls });
  if (!resolved) {
    const types = args.map((a) => typeSignature(a.type)).join(', ');
    const valid = def.signatures.join(', ');
    throw new UnsupportedFunctionException(
      `Invalid arguments in: ${printExpression(e)} with (${types}). Valid types: ${valid}`, e.pos);
  }
  if (e.over || e.overName) {
    if (def.kind === 'scalar') throw new SQLParseException(`OVER clause is only allowed on window and aggregate functions: ${name}`, e.pos);
    const spec = windowSpec(e, cx);
    return { sql: `(${applyOver(resolved, compileWindow(spec, cx))})`, type: resolved.type, aggregate: args.some((a) => a.aggregate) };
  }
  if (def.kind === 'window') throw new SQLParseException(`Window function ${name} requires an OVER clause`, e.pos);
  const aggregate = isAgg || args.some((a) => a.aggregate);
  if (resolved.groupKey !== undefined && !aggregate) return { sql: resolved.sql, type: resolved.type, groupKey: resolved.groupKey };
  return { sql: resolved.sql, type: resolved.type, aggregate };
}

/**
 * A single-column table function in the select list (sql.md §4.2) produces one output row per
 * value; DuckDB expands `unnest(list)` in a select list the same way and zips several of them.
 *   SELECT generate_series(1, 3) → SELECT unnest(ARRAY(SELECT * FROM (<series>)))
 */
function compileTableFunctionInSelect(def: FunctionDef, e: FunctionCall, cx: ExprContext): CompiledExpr {
  const args = e.args.map((a) => compileExpr(a, cx));
  const t = def.resolveTable?.(args, cx.fctx);
  if (!t) throw new UnsupportedFunctionException(`Invalid arguments in: ${printExpression(e)}. Valid types: ${def.signatures.join(', ')}`, e.pos);
  const aggregate = args.some((a) => a.aggregate);
  if (t.columns.length > 1) {
    // several columns: one `record` value per row (sql.md §4.2)
    const names = t.columns.map((_, i) => quoteIdent(`c${i}`));
    const fields = t.columns.map((c, i) => `${quoteString(c.name)}: ${names[i]}`).join(', ');
    return {
      sql: `unnest(ARRAY(SELECT {${fields}} FROM ${t.sql} AS tf(${names.join(', ')})))`,
      type: { kind: 'record', fields: t.columns.map((c) => ({ name: c.name, type: c.type })) },
      aggregate,
    };
  }
  const sql = /^unnest\(/.test(t.sql) ? t.sql : `unnest(ARRAY(SELECT * FROM ${t.sql}))`;
  return { sql, type: t.columns[0]!.type, aggregate };
}

function windowSpec(e: FunctionCall, cx: ExprContext): WindowSpec {
  const own = e.over ?? { base: e.overName, partitionBy: [], orderBy: [] };
  if (!own.base) return own;
  const base = cx.windows.get(own.base);
  if (!base) throw new SQLParseException(`Window ${own.base} does not exist`, e.pos);
  if (own.orderBy.length && base.orderBy.length) {
    throw new SQLParseException(`Cannot override ORDER BY clause of window ${own.base}`, e.pos);
  }
  const merged: WindowSpec = {
    partitionBy: base.partitionBy,
    orderBy: own.orderBy.length ? own.orderBy : base.orderBy,
    frame: own.frame ?? base.frame,
  };
  return merged.partitionBy.length || !base.base ? merged : windowSpec({ ...e, over: { ...merged, base: base.base } }, cx);
}

function compileWindow(spec: WindowSpec, cx: ExprContext): string {
  const parts: string[] = [];
  if (spec.partitionBy.length) parts.push(`PARTITION BY ${spec.partitionBy.map((p) => compileExpr(p, cx).sql).join(', ')}`);
  if (spec.orderBy.length) {
    parts.push(`ORDER BY ${spec.orderBy.map((s) => `${compileExpr(s.expr, cx).sql} ${s.direction}${s.nulls ? ` NULLS ${s.nulls}` : ''}`).join(', ')}`);
  }
  if (spec.frame) {
    const bound = (b: NonNullable<WindowSpec['frame']>['start']) =>
      b.type === 'PRECEDING' || b.type === 'FOLLOWING' ? `${compileExpr(b.offset, cx).sql} ${b.type}` : b.type;
    parts.push(spec.frame.end
      ? `${spec.frame.mode} BETWEEN ${bound(spec.frame.start)} AND ${bound(spec.frame.end)}`
      : `${spec.frame.mode} ${bound(spec.frame.start)}`);
  }
  return parts.join(' ');
}
