/**
 * UPDATE and DELETE (sql.md §5.2, §5.3) → DuckDB UPDATE/DELETE on the table's leaf columns.
 *
 *   UPDATE t SET o['a'] = 5 WHERE id = 1 → UPDATE main."t3" AS r0 SET "c2" = 5, "c1" = true WHERE (r0."c0" = 1)
 *
 * Primary-key, partition and generated columns cannot be assigned; generated columns that
 * depend on an assigned column are recomputed from the new values. A DELETE whose WHERE names
 * only partition columns (or has no WHERE) on a partitioned table reports -1, like CrateDB
 * dropping whole partitions.
 */
import {
  ColumnValidationException, OperationOnInaccessibleRelationException, SQLParseException,
} from '../../errors/errors.js';
import type { Delete, Expression, Update } from '../../sql/ast/index.js';
import { findColumn, pathName, walkColumns, type TableMeta } from '../../catalog/table-meta.js';
import { quoteIdent } from '../../translator/duckdb-types.js';
import type { AnalyzerContext } from '../analyzer-context.js';
import { compileExpr, toBoolean } from '../expression.js';
import { rowCountPlan, type Plan } from '../plan.js';
import { QueryAnalyzer } from '../query.js';
import { Scope, type ScopeRelation } from '../scope.js';
import { tableScope } from '../ddl/generated.js';
import { columnPath } from '../ddl/create-table.js';
import { castValue, columnLeaves, parseExpression, type LeafValues } from './row-values.js';
import { compileReturning } from './returning.js';

function writableTable(name: string[], cx: AnalyzerContext, op: string, pos: number): TableMeta {
  const r = cx.resolveRelation(name, pos);
  if (r.kind !== 'table' || r.table.kind !== 'table') {
    throw new OperationOnInaccessibleRelationException(
      `The relation "${r.table.schema}.${r.table.name}" doesn't support or allow ${op} operations`);
  }
  return r.table;
}

export function planUpdate(stmt: Update, cx: AnalyzerContext): Plan {
  const table = writableTable(stmt.table, cx, 'UPDATE', stmt.pos);
  const qa = new QueryAnalyzer(cx);
  const alias = cx.nextAlias();
  const rel: ScopeRelation = { ...tableScope(table, alias).relations[0]!, alias: stmt.alias ?? table.name };
  const scope = new Scope([rel]);
  const ecx = qa.exprContext(scope, new Map(), false);
  const sets = new Map<string, string>();
  const assigned = new Set<string>();
  for (const a of stmt.assignments) {
    const path = columnPath(stripQualifier(a.target, rel.alias));
    const name = pathName(path);
    if (table.primaryKey.some((p) => pathName(p) === name)) {
      throw new ColumnValidationException(`Validation failed for ${name}: Updating a primary key is not supported`);
    }
    if (table.partitionedBy.some((p) => pathName(p) === name)) {
      throw new ColumnValidationException(`Validation failed for ${name}: Updating a partitioned-by column is not supported`);
    }
    const col = findColumn(table.columns, path);
    if (!col) throw new SQLParseException(`Column ${name} unknown`);
    if (col.generatedExpr) throw new ColumnValidationException(`Validation failed for ${name}: Updating a generated column is not supported`);
    const out: LeafValues = new Map();
    columnLeaves(col, compileExpr(a.value, ecx), out, ecx);
    for (const [leaf, sql] of out) sets.set(leaf, sql);
    for (let i = 1; i < path.length; i++) sets.set(findColumn(table.columns, path.slice(0, i))!.internal, 'true');
    assigned.add(path[0]!);
  }
  // recompute generated columns from the new values
  if ([...walkColumns(table.columns)].some((c) => c.generatedExpr)) {
    const newValues: ScopeRelation = {
      ...rel,
      columns: rel.columns.map((c) => {
        const leaf = c.meta && !c.meta.children ? sets.get(c.meta.internal) : undefined;
        return leaf ? { ...c, sql: leaf } : c;
      }),
    };
    const gcx = qa.exprContext(new Scope([newValues]), new Map(), false);
    for (const col of walkColumns(table.columns)) {
      if (!col.generatedExpr) continue;
      sets.set(col.internal, castValue(compileExpr(parseExpression(col.generatedExpr), gcx), col.type));
    }
  }
  const where = stmt.where ? ` WHERE ${toBoolean(compileExpr(stmt.where, ecx))}` : '';
  const setSql = [...sets].map(([leaf, sql]) => `${quoteIdent(leaf)} = ${sql}`).join(', ');
  const sql = `UPDATE main.${quoteIdent(table.internal)} AS ${alias} SET ${setSql}${where}`;
  if (stmt.returning) {
    const ret = compileReturning(stmt.returning, table, qa);
    return {
      columns: ret.columns,
      async execute(conn, sink) {
        sink.columns(ret.columns);
        let n = 0;
        for await (const b of conn.query(`${sql} RETURNING ${ret.sql}`)) { n += b.rowCount; await sink.batch(b); }
        sink.end(n);
      },
    };
  }
  return rowCountPlan((conn) => conn.run(sql));
}

function stripQualifier(e: Expression, alias: string): Expression {
  if (e.kind === 'ColumnRef' && e.parts.length === 2 && e.parts[0] === alias) return { ...e, parts: [e.parts[1]!] };
  if (e.kind === 'Subscript') return { ...e, base: stripQualifier(e.base, alias) };
  return e;
}

export function planDelete(stmt: Delete, cx: AnalyzerContext): Plan {
  const table = writableTable(stmt.table, cx, 'DELETE', stmt.pos);
  const qa = new QueryAnalyzer(cx);
  const alias = cx.nextAlias();
  const rel: ScopeRelation = { ...tableScope(table, alias).relations[0]!, alias: stmt.alias ?? table.name };
  const ecx = qa.exprContext(new Scope([rel]), new Map(), false);
  const where = stmt.where ? ` WHERE ${toBoolean(compileExpr(stmt.where, ecx))}` : '';
  const sql = `DELETE FROM main.${quoteIdent(table.internal)} AS ${alias}${where}`;
  const wholePartitions = table.partitionedBy.length > 0
    && (!stmt.where || onlyPartitionColumns(stmt.where, table));
  return rowCountPlan(async (conn) => {
    const n = await conn.run(sql);
    return wholePartitions ? -1 : n;
  });
}

function onlyPartitionColumns(e: Expression, table: TableMeta): boolean {
  let ok = true;
  const parts = new Set(table.partitionedBy.map((p) => p.join('.')));
  const visit = (x: unknown): void => {
    if (!x || typeof x !== 'object') return;
    const node = x as { kind?: string; parts?: string[] };
    if (node.kind === 'ColumnRef') {
      if (!parts.has(node.parts![node.parts!.length - 1]!)) ok = false;
      return;
    }
    if (node.kind === 'SubqueryExpr' || node.kind === 'InSubquery' || node.kind === 'Exists') { ok = false; return; }
    for (const v of Object.values(x)) visit(v);
  };
  visit(e);
  return ok;
}
