/**
 * INSERT (sql.md §5.1) → one DuckDB `INSERT INTO … SELECT` over the table's leaf columns.
 *
 *   INSERT INTO t (id, o) VALUES (1, {a = 2})
 *   → INSERT INTO main."t3" ("c0", "c1", "c2")
 *     SELECT src."c0", src."c1", src."c2" FROM (SELECT * FROM (VALUES (1, true, 2)) AS v("c0","c1","c2")) AS src
 *
 * CrateDB semantics kept: dynamic columns are added first (under the catalog lock); generated
 * columns computed from the row; NOT NULL and CHECK raise CrateDB errors; a single-row VALUES
 * with an existing key raises DuplicateKeyException while multi-row VALUES and INSERT … SELECT
 * skip duplicates and report the inserted count; ON CONFLICT DO NOTHING / DO UPDATE; RETURNING.
 */
import {
  OperationOnInaccessibleRelationException, SQLParseException,
} from '../../errors/errors.js';
import type { Expression, Insert } from '../../sql/ast/index.js';
import { findColumn, pathName, walkColumns, type ColumnMeta, type TableMeta } from '../../catalog/table-meta.js';
import { quoteIdent, quoteString } from '../../translator/duckdb-types.js';

/** generated expressions whose value is not checked against a supplied one */
const NON_DETERMINISTIC = /\b(random|now|current_timestamp|current_date|current_time|gen_random_text_uuid)\b/i;
import type { AnalyzerContext } from '../analyzer-context.js';
import { compileExpr, toBoolean } from '../expression.js';
import { emitCast } from '../casts.js';
import type { CompiledExpr } from '../functions/function-types.js';
import { rowCountPlan, type Plan } from '../plan.js';
import { T, type DataType } from '../../types/data-type.js';
import { QueryAnalyzer } from '../query.js';
import { Scope } from '../scope.js';
import { tableScope } from '../ddl/generated.js';
import { columnPath } from '../ddl/create-table.js';
import {
  addColumnsSql, dynamicTypeOf, hasUnknownKeys, inferDynamicType, mergeObjectKeys, mergeObjectTypeKeys, newColumn, unknownColumn,
} from './dynamic-columns.js';
import {
  castValue, checkGuard, columnLeaves, leafNames, notNullGuard, parseExpression, type LeafValues,
} from './row-values.js';
import { compileReturning } from './returning.js';
import { checkTableAccess } from '../table-access.js';
import { analyzeValuesInsert, columnHints, valuesRows, type ValuesInsert } from './bulk-insert.js';
import { insertRows } from './insert-rows.js';

export function planInsert(stmt: Insert, cx: AnalyzerContext): Plan {
  const resolved = cx.resolveRelation(stmt.table, stmt.pos);
  if (resolved.kind !== 'table' || resolved.table.kind !== 'table') {
    const name = resolved.kind === 'table' ? `${resolved.table.schema}.${resolved.table.name}` : `${resolved.table.schema}.${resolved.table.name}`;
    throw new OperationOnInaccessibleRelationException(`The relation "${name}" doesn't support or allow INSERT operations`);
  }
  let table = resolved.table;
  checkTableAccess(table, 'INSERT');
  const qa = new QueryAnalyzer(cx);
  const ecx = qa.exprContext(new Scope([]), new Map(), false);

  // source values per row (VALUES) or one compiled query
  const body = stmt.source.body;
  const isValues = body.kind === 'Values' && !stmt.source.orderBy.length && !stmt.source.limit;
  if (isValues && body.rows.length >= MIN_COLUMNWISE_ROWS && !stmt.returning && !cx.describing) {
    const plan = columnwisePlan(stmt, cx);
    if (plan) return plan;
  }
  let rows: (CompiledExpr | undefined)[][] = [];
  let query: { sql: string; columns: { name: string; type: import('../../types/data-type.js').DataType }[] } | undefined;
  if (isValues) {
    rows = body.rows.map((r) => r.map((e) => (e.kind === 'Default' ? undefined : compileExpr(e as Expression, ecx))));
  } else {
    query = qa.compileQuery(stmt.source, undefined, new Map());
  }
  const width = isValues ? (rows[0]?.length ?? 0) : query!.columns.length;
  const targetNames = stmt.columns ?? table.columns.slice(0, width).map((c) => c.name);
  if (isValues && rows.some((r) => r.length !== targetNames.length)) {
    throw new SQLParseException(`INSERT statement contains a VALUES clause with too many elements (${rows[0]?.length ?? 0}), expected (${targetNames.length})`);
  }
  if (!isValues && width !== targetNames.length) {
    throw new SQLParseException(`Number of target columns (${targetNames.join(', ')}) of insert statement doesn't match number of source columns (${query!.columns.map((c) => c.name).join(', ')})`);
  }
  if (new Set(targetNames).size !== targetNames.length) throw new SQLParseException('Target column names must be unique');
  if (cx.describing) {
    // values are cast to the column types only when the statement runs; tell parameters now
    targetNames.forEach((name, i) => {
      const col = table.columns.find((c) => c.name === name);
      if (col) for (const r of rows) r[i]?.onCast?.(col.type);
    });
  }

  const returning = stmt.returning;
  const run = async (conn: import('../../engine/engine.js').EngineConnection): Promise<{ sql: string; meta: TableMeta }> => {
    table = await ensureColumns(table, targetNames, rows, query, cx, conn);
    return { sql: buildInsertSql(stmt, table, targetNames, rows, query, cx, qa), meta: table };
  };
  if (returning) {
    // columns are computed against the table as it is now; new dynamic columns cannot be returned
    const ret = compileReturning(returning, table, qa);
    return {
      columns: ret.columns,
      async execute(conn, sink) {
        const { sql, meta } = await run(conn);
        const r = compileReturning(returning, meta, qa);
        sink.columns(r.columns);
        let n = 0;
        for await (const b of conn.query(`${sql} RETURNING ${r.sql}`)) { n += b.rowCount; await sink.batch(b); }
        sink.end(n);
      },
    };
  }
  return rowCountPlan(async (conn) => {
    const { sql } = await run(conn);
    return conn.run(sql);
  });
}

/** Multi-row VALUES of at least this many rows are inserted column-wise (insert-rows.ts). */
const MIN_COLUMNWISE_ROWS = 2;

/**
 * Multi-row `INSERT … VALUES` of parameters and constants: the rows go through insertRows as
 * one statement's worth (all or nothing, duplicates skipped unless ON CONFLICT says otherwise),
 * never as SQL text. Undefined when the statement does not qualify (bulk-insert.ts).
 */
function columnwisePlan(stmt: Insert, cx: AnalyzerContext): Plan | undefined {
  const { src, hints } = analyzedValues(stmt, cx);
  if (!src || !hints) return undefined;
  const rows = valuesRows(src, cx.args);
  return rowCountPlan(async (conn) => (await insertRows(cx, conn, src.table, src.columns, rows, {
    onDuplicate: rows.length > 1 ? 'skip' : 'error', onConflict: src.onConflict, valueTypes: hints, atomic: true,
  })).rowCount);
}

interface AnalyzedValues {
  readonly catalog: AnalyzerContext['catalog'];
  readonly catalogVersion: number;
  readonly searchPath: readonly string[];
  readonly src: ValuesInsert | undefined;
  /** `columnHints` for the parameter types `argTypes` (the last seen), once `hinted` */
  hinted: boolean;
  argTypes: readonly (DataType | undefined)[] | undefined;
  hints: (DataType | undefined)[] | undefined;
}

/**
 * Multi-row VALUES of parameters and plain literals, analysed once per statement (a PG client
 * executes the same 1,000-row INSERT of 12,000 parameters again and again): kept while the
 * catalog and the search path stay the same. Statements with other expressions (functions,
 * casts) are analysed each time: their values may depend on the session or the clock.
 */
const analyzed = new WeakMap<Insert, AnalyzedValues>();

function analyzedValues(stmt: Insert, cx: AnalyzerContext): { src: ValuesInsert | undefined; hints: (DataType | undefined)[] | undefined } {
  let entry = analyzed.get(stmt);
  const path = cx.session.searchPath;
  if (!entry || entry.catalog !== cx.catalog || entry.catalogVersion !== cx.catalog.version
    || entry.searchPath.length !== path.length || entry.searchPath.some((p, i) => p !== path[i])) {
    const src = analyzeValuesInsert(stmt, cx);
    if (!src || !plainValues(stmt)) return { src, hints: src && columnHints(src, cx.argTypes) };
    entry = { catalog: cx.catalog, catalogVersion: cx.catalog.version, searchPath: [...path], src, hinted: false, argTypes: undefined, hints: undefined };
    analyzed.set(stmt, entry);
  }
  const src = entry.src!;
  if (!entry.hinted || entry.argTypes !== cx.argTypes) {
    entry.hinted = true;
    entry.hints = columnHints(src, cx.argTypes);
    entry.argTypes = cx.argTypes;
  }
  return { src, hints: entry.hints };
}

/** Every VALUES cell a parameter or a literal. */
function plainValues(stmt: Insert): boolean {
  const body = stmt.source.body;
  return body.kind === 'Values' && body.rows.every((r) => r.every((e) => e.kind === 'Parameter' || e.kind === 'Literal'));
}

/** Add columns that the values introduce (dynamic tables/objects), under the catalog lock. */
async function ensureColumns(
  table: TableMeta, targetNames: string[], rows: (CompiledExpr | undefined)[][],
  query: { columns: { type: import('../../types/data-type.js').DataType }[] } | undefined,
  cx: AnalyzerContext, conn: import('../../engine/engine.js').EngineConnection,
): Promise<TableMeta> {
  const needsWork = targetNames.some((n) => !table.columns.some((c) => c.name === n))
    || targetNames.some((n, i) => {
      const c = table.columns.find((col) => col.name === n);
      return c?.children && (rows.some((r) => r[i]?.literal && hasUnknownKeys(c, objectLiteral(r[i]!.literal!.value)))
        || (query !== undefined && hasUnknownFields(c, query.columns[i]!.type)));
    });
  if (!needsWork) return table;
  return cx.catalog.ddl(conn, () => {
    const current = cx.catalog.get(table.schema, table.name) ?? table;
    const meta: TableMeta = structuredClone(current);
    const added: ColumnMeta[] = [];
    targetNames.forEach((name, i) => {
      let col = meta.columns.find((c) => c.name === name);
      if (!col) {
        if (meta.columnPolicy !== 'dynamic') throw unknownColumn(name);
        let type = query ? dynamicTypeOf(query.columns[i]!.type) : undefined;
        for (const r of rows) {
          const v = r[i];
          if (!v) continue;
          type = v.literal ? inferDynamicType(v.literal.value) ?? type : dynamicTypeOf(v.type);
          if (type?.kind === 'undefined') type = T.text;
          if (type) break;
        }
        if (!type) return; // only NULLs: no column yet (CrateDB does the same)
        col = newColumn(meta, meta.columns, [], name, type);
        added.push(col);
      }
      if (col.children) for (const r of rows) if (r[i]?.literal) mergeObjectKeys(meta, col, objectLiteral(r[i]!.literal!.value), added);
      if (col.children && query) mergeObjectTypeKeys(meta, col, query.columns[i]!.type, added);
    });
    if (added.length === 0) return { result: current };
    return { change: { sql: addColumnsSql(meta, added), put: [meta] }, result: meta };
  });
}

function buildInsertSql(
  stmt: Insert, table: TableMeta, targetNames: string[], rows: (CompiledExpr | undefined)[][],
  query: { sql: string; columns: { name: string; type: import('../../types/data-type.js').DataType }[] } | undefined,
  cx: AnalyzerContext, qa: QueryAnalyzer,
): string {
  const leaves = leafNames(table.columns);
  const ecx = qa.exprContext(new Scope([]), new Map(), false);
  const supplied = new Map(targetNames.map((n, i) => [n, i]));
  const leafRow = (valueOf: (i: number) => CompiledExpr | undefined): string[] => {
    const out: LeafValues = new Map();
    for (const col of table.columns) {
      const i = supplied.get(col.name);
      columnLeaves(col, i === undefined ? undefined : valueOf(i), out, ecx);
    }
    return leaves.map((l) => out.get(l) ?? 'NULL');
  };
  const names = leaves.map(quoteIdent);
  let src: string;
  if (query) {
    const q = `(${lenientSource(query, table, targetNames, cx)}) AS q`;
    const values = leafRow((i) => ({ sql: `q.${quoteIdent(`o${i}`)}`, type: query.columns[i]!.type }));
    src = `SELECT ${values.map((v, i) => `${v} AS ${names[i]}`).join(', ')} FROM ${q}`;
  } else {
    const values = rows.map((r) => `(${leafRow((i) => r[i]).join(', ')})`);
    src = `SELECT * FROM (VALUES ${values.join(', ')}) AS v(${names.join(', ')})`;
  }
  const { select, checks } = insertProjection(table, new Set(targetNames), qa, query !== undefined && !failFast(cx));
  let sql = `INSERT INTO main.${quoteIdent(table.internal)} (${names.join(', ')}) SELECT ${select.join(', ')} FROM (${src}) AS src`;
  if (checks.length) sql += ` WHERE ${checks.join(' AND ')}`;
  sql += onConflictSql(stmt.onConflict, table, query !== undefined || rows.length > 1, qa);
  return sql;
}

/**
 * The SELECT list and WHERE terms that turn the leaf columns of a source row `src` into the
 * stored row: generated columns computed (and checked against a supplied value), NOT NULL and
 * CHECK enforced with CrateDB's errors. With `lenientChecks` (INSERT … SELECT) rows failing a
 * CHECK are skipped instead (sql.md §5.1). `supplied`: the top-level columns the INSERT names.
 */
export function insertProjection(
  table: TableMeta, supplied: ReadonlySet<string>, qa: QueryAnalyzer, lenientChecks: boolean,
): { names: string[]; select: string[]; checks: string[] } {
  const leaves = leafNames(table.columns);
  const names = leaves.map(quoteIdent);
  const scope = tableScope(table, 'src');
  const scx = qa.exprContext(scope, new Map(), false);
  const outputs = new Map<string, string>();
  for (const col of walkColumns(table.columns)) {
    if (col.children) continue;
    let sql = `src.${quoteIdent(col.internal)}`;
    if (col.generatedExpr) {
      const computed = castValue(compileExpr(parseExpression(col.generatedExpr), scx), col.type);
      sql = supplied.has(col.name) && !NON_DETERMINISTIC.test(col.generatedExpr)
        ? `(CASE WHEN ${sql} IS NOT NULL AND ${sql} IS DISTINCT FROM ${computed} THEN error(concat(${quoteString(
          `cratelite:SQLParseException:Given value `)}, CAST(${sql} AS VARCHAR), ${quoteString(
          ` for generated column ${pathName(col.path)} does not match calculation ${col.generatedExpr} = `)}, CAST(${computed} AS VARCHAR))) ELSE ${computed} END)`
        : supplied.has(col.name) ? `coalesce(${sql}, ${computed})` : computed;
    }
    if (!col.nullable) sql = notNullGuard(sql, col);
    outputs.set(col.internal, sql);
  }
  const select = leaves.map((l) => outputs.get(l) ?? `src.${quoteIdent(l)}`);
  // INSERT … SELECT skips rows failing a CHECK unless insert_select_fail_fast (sql.md §5.1)
  const checks = table.checks.map((c) => (lenientChecks
    ? `(${toBoolean(compileExpr(parseExpression(c.expr), scx))}) IS NOT FALSE`
    : checkGuard(c, compileExpr(parseExpression(c.expr), scx))));
  return { names, select, checks };
}

/**
 * ` ON CONFLICT …` of an INSERT into `table`: the statement's own clause, else DO NOTHING for
 * multi-row VALUES and INSERT … SELECT (which skip duplicates), else nothing (a duplicate fails).
 */
export function onConflictSql(oc: Insert['onConflict'], table: TableMeta, skipDuplicates: boolean, qa: QueryAnalyzer): string {
  if (!table.primaryKey.length) return '';
  if (!oc) return skipDuplicates ? ' ON CONFLICT DO NOTHING' : '';
  if (oc.columns.length) {
    const given = oc.columns.map((c) => columnPath(c).join('.')).sort();
    const pk = table.primaryKey.map((p) => p.join('.')).sort();
    if (given.join(',') !== pk.join(',')) {
      throw new SQLParseException(`Number of conflict targets (${given.join(', ')}) did not match the number of primary key columns (${pk.join(', ')})`);
    }
  }
  if (oc.action === 'NOTHING') return ' ON CONFLICT DO NOTHING';
  const pkCols = table.primaryKey.map((p) => quoteIdent(findColumn(table.columns, p)!.internal));
  const existing = tableScope(table, '');
  const excluded = new Scope([{ ...tableScope(table, 'excluded').relations[0]!, alias: 'excluded', schema: undefined }]);
  const scope = new Scope(existing.relations, excluded);
  const ucx = qa.exprContext(scope, new Map(), false);
  const sets: string[] = [];
  for (const a of oc.assignments) {
    const path = columnPath(a.target);
    const col = findColumn(table.columns, path);
    if (!col) throw new SQLParseException(`Column ${path.join('.')} unknown`);
    if (table.primaryKey.some((p) => p.join('.') === path.join('.'))) {
      throw new SQLParseException(`Cannot update primary key column ${path.join('.')}`);
    }
    const value = compileExpr(a.value, ucx);
    const out: LeafValues = new Map();
    columnLeaves(col, value, out, ucx);
    for (const [leaf, sql] of out) sets.push(`${quoteIdent(leaf)} = ${sql}`);
    if (path.length > 1) {
      // assigning a child materialises its parents
      for (let i = 1; i < path.length; i++) sets.push(`${quoteIdent(findColumn(table.columns, path.slice(0, i))!.internal)} = true`);
    }
  }
  return ` ON CONFLICT (${pkCols.join(', ')}) DO UPDATE SET ${sets.join(', ')}`;
}


const failFast = (cx: AnalyzerContext): boolean => cx.session.settings.get('insert_select_fail_fast') === 'true';

/**
 * INSERT … SELECT writes the rows that can be written and skips the others (sql.md §5.1):
 * source rows whose values do not cast to the column type, or are NULL for a NOT NULL column,
 * are filtered out before the insert. With `insert_select_fail_fast` the first error aborts.
 */
function lenientSource(
  query: { sql: string; columns: { type: import('../../types/data-type.js').DataType }[] },
  table: TableMeta, targetNames: string[], cx: AnalyzerContext,
): string {
  if (failFast(cx)) return query.sql;
  const conds: string[] = [];
  targetNames.forEach((name, i) => {
    const col = table.columns.find((c) => c.name === name);
    const source = query.columns[i]!;
    if (!col || col.children) return;
    const ref = `q0.${quoteIdent(`o${i}`)}`;
    if (!col.nullable && !col.generatedExpr) conds.push(`${ref} IS NOT NULL`);
    if (source.type.kind !== col.type.kind && source.type.kind !== 'undefined') {
      conds.push(`(${ref} IS NULL OR ${emitCast({ sql: ref, type: source.type }, col.type, 'try')} IS NOT NULL)`);
    }
  });
  if (!conds.length) return query.sql;
  return `SELECT * FROM (${query.sql}) AS q0 WHERE ${conds.join(' AND ')}`;
}

/** an object type (of a query column) with fields the stored object column lacks */
function hasUnknownFields(col: ColumnMeta, type: import('../../types/data-type.js').DataType): boolean {
  if (type.kind !== 'object' || !col.children || col.policy === 'ignored') return false;
  return type.fields.some((f) => {
    const child = col.children!.find((c) => c.name === f.name);
    return child ? hasUnknownFields(child, f.type) : f.type.kind !== 'undefined';
  });
}

/** Object values may arrive as JSON text (HTTP strings, PG text parameters). */
function objectLiteral(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
