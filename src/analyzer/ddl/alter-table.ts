/**
 * ALTER TABLE (sql.md §6.4): ADD/DROP/RENAME COLUMN, SET/DROP DEFAULT, DROP CONSTRAINT,
 * SET/RESET parameters, OPEN/CLOSE, RENAME TO. Column renames are catalog-only (DuckDB column
 * names are internal ids); drops remove the DuckDB leaf columns too. Row count -1 like CrateDB.
 */
import {
  ColumnUnknownException, RelationAlreadyExists, SQLParseException, UnsupportedFeatureException,
  relationUnknown,
} from '../../errors/errors.js';
import type { AlterTable, AlterTableAction } from '../../sql/ast/index.js';
import { printExpression } from '../../sql/ast/printer.js';
import {
  findColumn, fqn, pathName, syncObjectType, walkColumns, type ColumnMeta, type TableMeta,
} from '../../catalog/table-meta.js';
import { quoteIdent } from '../../translator/duckdb-types.js';
import type { AnalyzerContext } from '../analyzer-context.js';
import { rowCountPlan, type Plan } from '../plan.js';
import { addColumnsSql } from '../dml/dynamic-columns.js';
import { leafNames } from '../dml/row-values.js';
import { addColumn, columnPath, literalValue, qualify, validateDefault } from './create-table.js';
import { displayName, lookup } from './other-ddl.js';
import { validateTableSetting } from './table-settings.js';

export function planAlterTable(stmt: AlterTable, cx: AnalyzerContext): Plan {
  return rowCountPlan((conn) => cx.catalog.ddl(conn, () => {
    const t = lookup(stmt.table.name, cx);
    if (!t) throw relationUnknown(displayName(stmt.table.name, cx));
    if (t.kind === 'view' && !(stmt.actions.length === 1 && stmt.actions[0]!.kind === 'RenameTo')) {
      throw new SQLParseException(`Relation ${fqn(t)} is a view; only RENAME TO is supported`);
    }
    const meta: TableMeta = structuredClone(t);
    const sql: string[] = [];
    let remove: string[] | undefined;
    for (const a of stmt.actions) {
      if (a.kind === 'RenameTo') {
        const [schema, name] = qualify(a.name.length === 1 ? [t.schema, a.name[0]!] : a.name, cx);
        if (cx.catalog.get(schema, name)) throw new RelationAlreadyExists(`Relation '${schema}.${name}' already exists.`);
        remove = [fqn(t)];
        meta.schema = schema;
        meta.name = name;
      } else {
        applyAction(meta, a, sql, cx);
      }
    }
    return { change: { sql, put: [meta], remove }, result: -1 };
  }));
}

function applyAction(meta: TableMeta, a: AlterTableAction, sql: string[], cx: AnalyzerContext): void {
  const table = `main.${quoteIdent(meta.internal)}`;
  switch (a.kind) {
    case 'AddColumn': {
      const path = a.column.name;
      const siblings = childList(meta, path.slice(0, -1));
      if (a.column.constraints.some((c) => c.kind === 'Default')) {
        throw new UnsupportedFeatureException('Adding a column with a DEFAULT is not supported; use ALTER COLUMN SET DEFAULT');
      }
      if (a.column.constraints.some((c) => c.kind === 'PrimaryKey')) {
        throw new UnsupportedFeatureException('Cannot add a primary key column to a table that already exists');
      }
      const col = addColumn(meta, siblings, a.column, path.slice(0, -1), cx);
      sql.push(...addColumnsSql(meta, [col]));
      syncParents(meta, path);
      return;
    }
    case 'DropColumn': {
      const path = columnPath(a.column);
      const col = findColumn(meta.columns, path);
      if (!col) {
        if (a.ifExists) return;
        throw new ColumnUnknownException(`Column ${pathName(path)} unknown`);
      }
      const name = pathName(path);
      const forbidden = (paths: string[][]) => paths.some((p) => pathName(p).startsWith(name));
      if (forbidden(meta.primaryKey)) throw new UnsupportedFeatureException(`Dropping column: ${name} which is part of the PRIMARY KEY is not allowed`);
      if (forbidden(meta.partitionedBy)) throw new UnsupportedFeatureException(`Dropping column: ${name} which is part of the PARTITIONED BY columns is not allowed`);
      if (meta.clusteredBy && pathName(meta.clusteredBy) === name) throw new UnsupportedFeatureException(`Dropping column: ${name} which is used in 'CLUSTERED BY' is not allowed`);
      if (path.length === 1 && meta.columns.length === 1) throw new UnsupportedFeatureException(`Dropping all columns of a table is not allowed`);
      for (const other of walkColumns(meta.columns)) {
        if (other.generatedExpr && new RegExp(`\\b${path[0]}\\b`).test(other.generatedExpr) && other !== col) {
          throw new UnsupportedFeatureException(`Dropping column: ${name} which is used to produce values for generated column is not allowed`);
        }
      }
      for (const leaf of leafNames([col])) sql.push(`ALTER TABLE ${table} DROP COLUMN ${quoteIdent(leaf)}`);
      const siblings = childList(meta, path.slice(0, -1));
      siblings.splice(siblings.indexOf(col), 1);
      meta.checks = meta.checks.filter((c) => c.column !== path[0] || path.length > 1);
      syncParents(meta, path);
      return;
    }
    case 'RenameColumn': {
      const from = columnPath(a.from);
      const to = columnPath(a.to);
      const col = findColumn(meta.columns, from);
      if (!col) throw new ColumnUnknownException(`Column ${pathName(from)} unknown`);
      if (from.length !== to.length || from.slice(0, -1).join('.') !== to.slice(0, -1).join('.')) {
        throw new SQLParseException('Cannot rename a column to a different parent object');
      }
      if (findColumn(meta.columns, to)) throw new SQLParseException(`Column ${pathName(to)} already exists`);
      const newName = to[to.length - 1]!;
      const rename = (p: string[]) => (p.length >= from.length && p.slice(0, from.length).join('\u0000') === from.join('\u0000')
        ? [...to, ...p.slice(from.length)] : p);
      col.name = newName;
      for (const c of walkColumns([col])) c.path = rename(c.path);
      meta.primaryKey = meta.primaryKey.map(rename);
      meta.partitionedBy = meta.partitionedBy.map(rename);
      if (meta.clusteredBy) meta.clusteredBy = rename(meta.clusteredBy);
      for (const c of meta.checks) if (c.column === from[0] && from.length === 1) c.column = newName;
      syncParents(meta, to);
      return;
    }
    case 'SetDefault': case 'DropDefault': {
      const path = columnPath(a.column);
      const col = findColumn(meta.columns, path);
      if (!col) throw new ColumnUnknownException(`Column ${pathName(path)} unknown`);
      if (col.children) throw new SQLParseException(`Default values are not allowed for object columns: ${pathName(path)}`);
      if (col.generatedExpr) throw new SQLParseException(`Cannot set a default on generated column ${pathName(path)}`);
      if (a.kind === 'SetDefault') {
        validateDefault(a.expr, col.type, cx);
        col.defaultExpr = printExpression(a.expr);
      } else {
        delete col.defaultExpr;
      }
      return;
    }
    case 'DropConstraint': {
      const i = meta.checks.findIndex((c) => c.name === a.name);
      if (i < 0) throw new SQLParseException(`Cannot find a CHECK CONSTRAINT named [${a.name}], available constraints are: [${meta.checks.map((c) => c.name).join(', ')}]`);
      meta.checks.splice(i, 1);
      return;
    }
    case 'SetProperties':
      for (const p of a.properties) {
        const v = validateTableSetting(p.name, literalValue(p.value, cx));
        if (p.name === 'column_policy') meta.columnPolicy = v as 'strict' | 'dynamic';
        else if (p.name === 'number_of_shards') meta.shards = Number(v);
        else meta.settings[p.name] = v;
      }
      return;
    case 'ResetProperties':
      for (const n of a.names) {
        if (n === 'column_policy') meta.columnPolicy = 'strict';
        delete meta.settings[n];
      }
      return;
    case 'Open': meta.closed = false; return;
    case 'Close': meta.closed = true; return;
    case 'RenameTo': return;
    case 'Reroute':
      throw new UnsupportedFeatureException('ALTER TABLE REROUTE is not supported by cratelite (single node)');
  }
}

function childList(meta: TableMeta, parent: string[]): ColumnMeta[] {
  if (!parent.length) return meta.columns;
  const p = findColumn(meta.columns, parent);
  if (!p?.children) throw new ColumnUnknownException(`Column ${pathName(parent)} unknown`);
  return p.children;
}

/** refresh the `type.fields` of every object on the way to `path` */
function syncParents(meta: TableMeta, path: string[]): void {
  if (path.length > 1) syncObjectType(findColumn(meta.columns, path.slice(0, 1))!);
}
