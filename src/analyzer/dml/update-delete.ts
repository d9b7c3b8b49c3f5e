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
  ColumnValidationException, OperationOnInaccessibleRelationException, VersioningValidationException,
} from '../../errors/errors.js';
import type { DataType } from '../../types/data-type.js';
import { addColumnsSql, dynamicTypeOf, inferDynamicType, newColumn, unknownColumn } from './dynamic-columns.js';
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
import { castValue, checkGuard, columnLeaves, notNullGuard, parseExpression, type LeafValues } from './row-values.js';
import { compileReturning } from './returning.js';
import { checkTableAccess } from '../table-access.js';

function writableTable(name: string[], cx: AnalyzerContext, op: 'UPDATE' | 'DELETE', pos: number): TableMeta {
  const r = cx.resolveRelation(name, pos);
  if (r.kind !== 'table' || r.table.kind !== 'table') {
    throw new OperationOnInaccessibleRelationException(
      `The relation "${r.table.schema}.${r.table.name}" doesn't support or allow ${op} operations`);
  }
  checkTableAccess(r.table, op);
  return r.table;
}

export function planUpdate(stmt: Update, cx: AnalyzerContext): Plan {
  const table = writableTable(stmt.table, cx, 'UPDATE', stmt.pos);
  const qa = new QueryAnalyzer(cx);
  const added = dynamicTargets(stmt, table, cx, qa);
  if (added) {
    // new top-level columns of a dynamic table: add them, then plan again against the new schema
    return {
      async execute(conn, sink) {
        await cx.catalog.ddl(conn, () => {
          const meta: TableMeta = structuredClone(cx.catalog.get(table.schema, table.name) ?? table);
          const cols = added.filter((a) => !meta.columns.some((c) => c.name === a.name))
            .map((a) => newColumn(meta, meta.columns, [], a.name, a.type));
          return cols.length ? { change: { sql: addColumnsSql(meta, cols), put: [meta] }, result: undefined } : { result: undefined };
        });
        await planUpdate(stmt, cx).execute(conn, sink);
      },
    };
  }
  if (stmt.where) validateVersioning(stmt.where, table);
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
    if (!col) throw unknownColumn(name);
    for (const g of walkColumns(table.columns)) {
      if (g.generatedExpr && table.partitionedBy.some((p) => pathName(p) === pathName(g.path))
        && new RegExp(`\\b${path[0]}\\b`).test(g.generatedExpr)) {
        throw new ColumnValidationException(`Validation failed for ${name}: Updating a column which is referenced in a partitioned by generated column expression is not supported`);
      }
    }
    if (col.generatedExpr) throw new ColumnValidationException(`Validation failed for ${name}: Updating a generated column is not supported`);
    const out: LeafValues = new Map();
    columnLeaves(col, compileExpr(a.value, ecx), out, ecx);
    for (const [leaf, sql] of out) sets.set(leaf, sql);
    for (let i = 1; i < path.length; i++) sets.set(findColumn(table.columns, path.slice(0, i))!.internal, 'true');
    assigned.add(path[0]!);
  }
  // generated columns, NOT NULL and CHECK see the new values
  const newValues: ScopeRelation = { ...rel, overrides: new Map(sets) };
  const gcx = qa.exprContext(new Scope([newValues]), new Map(), false);
  for (const col of walkColumns(table.columns)) {
    if (!col.generatedExpr) continue;
    sets.set(col.internal, castValue(compileExpr(parseExpression(col.generatedExpr), gcx), col.type));
  }
  for (const col of walkColumns(table.columns)) {
    const value = sets.get(col.internal);
    if (value === undefined || col.nullable || col.children) continue;
    sets.set(col.internal, notNullGuard(value, col));
  }
  const checks = table.checks.map((c) => checkGuard(c, compileExpr(parseExpression(c.expr), gcx)));
  const conditions = [...(stmt.where ? [toBoolean(compileExpr(stmt.where, ecx))] : []), ...checks];
  const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
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
  if (stmt.where) validateVersioning(stmt.where, table);
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

/** Top-level SET targets missing from a dynamic table, typed from their values. */
function dynamicTargets(stmt: Update, table: TableMeta, cx: AnalyzerContext, qa: QueryAnalyzer): { name: string; type: DataType }[] | undefined {
  if (table.columnPolicy !== 'dynamic') return undefined;
  const rel = tableScope(table, 'd').relations[0]!;
  const ecx = qa.exprContext(new Scope([rel]), new Map(), false);
  const out: { name: string; type: DataType }[] = [];
  for (const a of stmt.assignments) {
    if (a.target.kind !== 'ColumnRef' || a.target.parts.length !== 1) continue;
    const name = a.target.parts[0]!;
    if (table.columns.some((c) => c.name === name)) continue;
    const v = compileExpr(a.value, ecx);
    const type = v.literal ? inferDynamicType(v.literal.value) : dynamicTypeOf(v.type);
    if (type) out.push({ name, type });
  }
  void cx;
  return out.length ? out : undefined;
}

/**
 * `_seq_no` / `_primary_term` may only appear together, compared with `=`, next to equality on
 * every primary-key column (sql.md §11.2).
 */
function validateVersioning(where: Expression, table: TableMeta): void {
  const eqColumns = new Set<string>();
  let versionRefs = 0;
  let badUse = false;
  const visit = (e: Expression, underEq: boolean): void => {
    if (e.kind === 'ColumnRef') {
      const n = e.parts[e.parts.length - 1]!;
      if (n === '_seq_no' || n === '_primary_term' || n === '_version') {
        versionRefs++;
        if (!underEq) badUse = true;
      }
      if (underEq) eqColumns.add(n);
      return;
    }
    if (e.kind === 'BinaryOp' && e.op === 'AND') { visit(e.left, false); visit(e.right, false); return; }
    if (e.kind === 'BinaryOp' && e.op === '=') { visit(e.left, true); visit(e.right, true); return; }
    for (const v of Object.values(e)) {
      if (v && typeof v === 'object' && 'kind' in (v as object)) visit(v as Expression, false);
    }
  };
  visit(where, false);
  if (!versionRefs) return;
  const pkOk = table.primaryKey.length > 0 && table.primaryKey.every((p) => eqColumns.has(p[p.length - 1]!));
  const pair = eqColumns.has('_seq_no') === eqColumns.has('_primary_term') || eqColumns.has('_version');
  if (badUse || !pkOk || !pair) {
    throw new VersioningValidationException('"_seq_no" and "_primary_term" columns can only be used together in the WHERE clause with equals comparisons and if there are also equals comparisons on primary key columns');
  }
}
