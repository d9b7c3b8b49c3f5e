/**
 * DROP TABLE, ALTER TABLE, views, schemas, REFRESH / OPTIMIZE (sql.md §6.4–§6.8, §7).
 */
import {
  DependentObjectsExists, RelationAlreadyExists, SchemaAlreadyExists, SQLParseException,
  relationUnknown, schemaUnknown,
} from '../../errors/errors.js';
import type { CreateSchema, CreateView, DropSchema, DropTable, DropView, Refresh } from '../../sql/ast/index.js';
import { SYSTEM_SCHEMAS } from '../../catalog/catalog.js';
import type { Catalog } from '../../catalog/catalog.js';
import { fqn, type ColumnMeta, type TableMeta } from '../../catalog/table-meta.js';
import { parseStatement } from '../../sql/parser/parser.js';
import type { DataType } from '../../types/data-type.js';
import { quoteIdent } from '../../translator/duckdb-types.js';
import { AnalyzerContext } from '../analyzer-context.js';
import { rowCountPlan, type Plan } from '../plan.js';
import { QueryAnalyzer } from '../query.js';
import { qualify } from './create-table.js';

export function lookup(name: readonly string[], cx: AnalyzerContext): TableMeta | undefined {
  const parts = name.length === 3 && name[0] === 'crate' ? name.slice(1) : name;
  if (parts.length === 2) return cx.catalog.get(parts[0]!, parts[1]!);
  for (const s of cx.session.searchPath) {
    const t = cx.catalog.get(s, parts[0]!);
    if (t) return t;
  }
  return undefined;
}

export function displayName(name: readonly string[], cx: AnalyzerContext): string {
  return name.length > 1 ? name.join('.') : `${cx.currentSchema}.${name[0]}`;
}

export function planDropTable(stmt: DropTable, cx: AnalyzerContext): Plan {
  return rowCountPlan((conn) => cx.catalog.ddl(conn, () => {
    const t = lookup(stmt.table, cx);
    if (!t || t.kind !== 'table') {
      if (stmt.ifExists) return { result: 0 };
      throw relationUnknown(displayName(stmt.table, cx));
    }
    return { change: { sql: [`DROP TABLE main.${quoteIdent(t.internal)}`], remove: [fqn(t)] }, result: 1 };
  }));
}

export function planCreateView(stmt: CreateView, cx: AnalyzerContext): Plan {
  const [schema, name] = qualify(stmt.name, cx);
  // analyse now so an invalid view is rejected at creation; its columns are listed in
  // information_schema.columns (the query itself is re-analysed at every use)
  const compiled = new QueryAnalyzer(cx).compileQuery(stmt.query, undefined, new Map());
  return rowCountPlan((conn) => cx.catalog.ddl(conn, () => {
    const existing = cx.catalog.get(schema, name);
    if (existing && (existing.kind === 'table' || !stmt.orReplace)) {
      throw new RelationAlreadyExists(`Relation '${schema}.${name}' already exists.`);
    }
    const oid = existing?.oid ?? cx.catalog.allocateOid();
    const columns = viewColumnsOf(compiled.columns);
    const meta: TableMeta = {
      oid, schema, name, kind: 'view', internal: '', columns, primaryKey: [], partitionedBy: [], shards: 0,
      settings: {}, columnPolicy: 'strict', checks: [], nextColumn: 0, nextPosition: 1, closed: false,
      viewQuery: stmt.queryText, owner: cx.session.user, createdAt: Date.now(),
    };
    return { change: { sql: [], put: [meta] }, result: 1 };
  }));
}

const viewColumnsOf = (columns: readonly { name: string; type: DataType }[]): ColumnMeta[] =>
  columns.map((c, i) => ({ name: c.name, path: [c.name], type: c.type, internal: '', nullable: true, position: i + 1 }));

/**
 * The columns `view` has against the catalog as it is now, or undefined when its query no
 * longer analyses (a table it reads was dropped). Analysed as the user `crate` with the view's
 * schema first on the search path.
 */
export function currentViewColumns(view: TableMeta, catalog: Catalog): ColumnMeta[] | undefined {
  if (!view.viewQuery) return undefined;
  try {
    const stmt = parseStatement(view.viewQuery);
    if (stmt.kind !== 'Select') return undefined;
    const cx = new AnalyzerContext(catalog, {
      user: 'crate', searchPath: [view.schema, 'doc'], settings: new Map(), errorOnUnknownObjectKey: true,
    }, [], () => { throw new Error('a view is not run while its columns are listed'); }, Date.now());
    return viewColumnsOf(new QueryAnalyzer(cx).compileQuery(stmt.query, undefined, new Map()).columns);
  } catch {
    return undefined;
  }
}

export function planDropView(stmt: DropView, cx: AnalyzerContext): Plan {
  return rowCountPlan((conn) => cx.catalog.ddl(conn, () => {
    const found: TableMeta[] = [];
    for (const n of stmt.names) {
      const t = lookup(n, cx);
      if (t?.kind === 'view') found.push(t);
      else if (!stmt.ifExists) throw relationUnknown(displayName(n, cx));
    }
    if (!found.length) return { result: 0 };
    return { change: { sql: [], remove: found.map(fqn) }, result: 1 };
  }));
}

export function planCreateSchema(stmt: CreateSchema, cx: AnalyzerContext): Plan {
  return rowCountPlan((conn) => cx.catalog.ddl(conn, () => {
    if (SYSTEM_SCHEMAS.has(stmt.name) || stmt.name === 'blob') {
      throw new SQLParseException(`Cannot create schema '${stmt.name}': it is a reserved schema`);
    }
    if (cx.catalog.schemaExists(stmt.name)) {
      if (stmt.ifNotExists) return { result: 0 };
      throw new SchemaAlreadyExists(`Schema '${stmt.name}' already exists`);
    }
    return { change: { sql: [], addSchema: stmt.name }, result: 1 };
  }));
}

export function planDropSchema(stmt: DropSchema, cx: AnalyzerContext): Plan {
  return rowCountPlan((conn) => cx.catalog.ddl(conn, () => {
    const sql: string[] = [];
    const remove: string[] = [];
    let removeSchema: string | undefined;
    for (const name of stmt.names) {
      if (!cx.catalog.schemaExists(name) || ['doc', 'blob'].includes(name) || SYSTEM_SCHEMAS.has(name)) {
        if (stmt.ifExists && !SYSTEM_SCHEMAS.has(name)) continue;
        throw schemaUnknown(name);
      }
      const tables = cx.catalog.all().filter((t) => t.schema === name);
      if (tables.length && stmt.behavior !== 'CASCADE') {
        throw new DependentObjectsExists(`Schema '${name}' has dependent objects; use CASCADE to drop them`);
      }
      for (const t of tables) {
        if (t.kind === 'table') sql.push(`DROP TABLE main.${quoteIdent(t.internal)}`);
        remove.push(fqn(t));
      }
      removeSchema = name;
    }
    if (!removeSchema && !remove.length) return { result: 0 };
    return { change: { sql, remove, removeSchema }, result: 1 };
  }));
}

/** REFRESH / OPTIMIZE: validate the tables; data is always visible in DuckDB. */
export function planRefresh(stmt: Refresh | { kind: 'Optimize'; tables: Refresh['tables'] }, cx: AnalyzerContext): Plan {
  for (const t of stmt.tables) cx.resolveRelation(t.name);
  return rowCountPlan(async (conn) => {
    if (stmt.kind === 'Optimize') await conn.run('CHECKPOINT').catch(() => 0);
    return stmt.tables.length;
  });
}
