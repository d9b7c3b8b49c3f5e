/**
 * Type inference for generated columns declared without a type (`month AS date_trunc('month', ts)`):
 * compile the expression against the columns declared so far.
 */
import type { Expression } from '../../sql/ast/index.js';
import type { TableMeta } from '../../catalog/table-meta.js';
import type { DataType } from '../../types/data-type.js';
import type { AnalyzerContext } from '../analyzer-context.js';
import { compileExpr } from '../expression.js';
import { QueryAnalyzer } from '../query.js';
import { Scope, columnValueSql } from '../scope.js';

export function inferGeneratedType(expr: Expression, meta: TableMeta, cx: AnalyzerContext): DataType {
  const scope = tableScope(meta, 'g');
  const qa = new QueryAnalyzer(cx);
  return compileExpr(expr, qa.exprContext(scope, new Map(), false)).type;
}

/** A scope over one table's stored columns under a DuckDB alias ('' = unqualified). */
export function tableScope(meta: TableMeta, sqlAlias: string): Scope {
  return new Scope([{
    alias: meta.name,
    schema: meta.schema,
    sqlAlias,
    table: meta,
    columns: meta.columns.map((c) => ({ name: c.name, type: c.type, sql: columnValueSql(sqlAlias, c), meta: c })),
  }]);
}
