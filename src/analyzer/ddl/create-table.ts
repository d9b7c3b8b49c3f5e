/**
 * CREATE TABLE → catalog TableMeta + one DuckDB table (sql.md §6.1).
 *
 *   CREATE TABLE doc.m (ts TIMESTAMP WITH TIME ZONE, tags OBJECT AS (host TEXT), v DOUBLE,
 *                       PRIMARY KEY (ts, tags['host']))
 *   → CREATE TABLE main."t7" ("c0" TIMESTAMPTZ, "c1" BOOLEAN, "c2" VARCHAR, "c3" DOUBLE, PRIMARY KEY ("c0", "c2"))
 */
import {
  InvalidColumnNameException, InvalidRelationName, RelationAlreadyExists, SQLParseException,
  UnsupportedFeatureException,
} from '../../errors/errors.js';
import type { ColumnDefinition, CreateTable, Expression } from '../../sql/ast/index.js';
import { printExpression } from '../../sql/ast/printer.js';
import { SYSTEM_SCHEMAS } from '../../catalog/catalog.js';
import {
  findColumn, pathName, syncObjectType, type CheckMeta, type ColumnMeta, type TableMeta,
} from '../../catalog/table-meta.js';
import { T, type DataType } from '../../types/data-type.js';
import { quoteIdent, toDuckDbType } from '../../translator/duckdb-types.js';
import type { AnalyzerContext } from '../analyzer-context.js';
import { rowCountPlan, type Plan } from '../plan.js';
import { resolveType } from '../resolve-type.js';
import { SYSTEM_COLUMNS, Scope } from '../scope.js';
import { QueryAnalyzer } from '../query.js';
import { compileExpr } from '../expression.js';
import { emitCast } from '../casts.js';
import { inferGeneratedType } from './generated.js';
import { validateTableSetting } from './table-settings.js';

export function planCreateTable(stmt: CreateTable, cx: AnalyzerContext): Plan {
  if (stmt.like) throw new UnsupportedFeatureException('CREATE TABLE … LIKE is not supported by cratelite yet');
  const [schema, name] = qualify(stmt.table, cx);
  return rowCountPlan((conn) => cx.catalog.ddl(conn, () => {
    if (cx.catalog.get(schema, name)) {
      if (stmt.ifNotExists) return { result: 0 };
      throw new RelationAlreadyExists(`Relation '${schema}.${name}' already exists.`);
    }
    const meta = buildTableMeta(stmt, schema, name, cx);
    return { change: { sql: [createTableSql(meta)], put: [meta] }, result: 1 };
  }));
}

/** `[schema.]name` → [schema, name], validating CrateDB's naming rules. */
export function qualify(name: readonly string[], cx: AnalyzerContext): [string, string] {
  const parts = name.length === 3 && name[0] === 'crate' ? name.slice(1) : name;
  const schema = parts.length > 1 ? parts[0]! : cx.currentSchema;
  const table = parts[parts.length - 1]!;
  if (SYSTEM_SCHEMAS.has(schema) || schema === 'blob') {
    throw new UnsupportedFeatureException(`Cannot create relation in read-only schema: ${schema}`);
  }
  if (/[\\/*?"<>|\s,#.]/.test(table) || table.startsWith('_') || table.length === 0) {
    throw new InvalidRelationName(`Relation name "${schema}.${table}" is invalid.`);
  }
  return [schema, table];
}

export function buildTableMeta(stmt: CreateTable, schema: string, name: string, cx: AnalyzerContext): TableMeta {
  const oid = cx.catalog.allocateOid();
  const meta: TableMeta = {
    oid, schema, name, kind: 'table', internal: `t${oid}`, columns: [], primaryKey: [], partitionedBy: [],
    shards: 4, settings: {}, columnPolicy: 'strict', checks: [], nextColumn: 0, nextPosition: 1,
    closed: false, owner: cx.session.user, createdAt: Date.now(),
  };
  for (const el of stmt.elements) {
    if (el.kind === 'ColumnDefinition') addColumn(meta, meta.columns, el, [], cx);
  }
  for (const el of stmt.elements) {
    if (el.kind === 'PrimaryKeyConstraint') {
      if (el.name) meta.pkConstraintName = el.name;
      for (const c of el.columns) addPrimaryKey(meta, columnPath(c));
    } else if (el.kind === 'CheckConstraint') {
      meta.checks.push({ name: el.name ?? `${name}_check_${meta.checks.length}`, expr: printExpression(el.expr) });
    }
  }
  for (const p of stmt.partitionedBy) {
    const path = columnPath(p);
    const col = findColumn(meta.columns, path);
    if (!col) throw new SQLParseException(`Column ${path.join('.')} unknown`);
    if (col.children || col.type.kind === 'array') {
      throw new SQLParseException(`Cannot use column ${path.join('.')} of type ${col.type.kind} in PARTITIONED BY clause`);
    }
    if (meta.primaryKey.length && !meta.primaryKey.some((pk) => pk.join('.') === path.join('.'))) {
      throw new SQLParseException(`Cannot use non primary key column '${path.join('.')}' in PARTITIONED BY clause if primary key is set on table`);
    }
    meta.partitionedBy.push(path);
  }
  if (stmt.clusteredBy) meta.clusteredBy = columnPath(stmt.clusteredBy);
  if (stmt.shards) {
    const n = Number(literalValue(stmt.shards, cx));
    if (!Number.isInteger(n) || n < 1) throw new SQLParseException('num_shards in CLUSTERED clause must be greater than 0');
    meta.shards = n;
  }
  for (const p of stmt.with) {
    const v = validateTableSetting(p.name, literalValue(p.value, cx));
    if (p.name === 'column_policy') meta.columnPolicy = v as 'strict' | 'dynamic';
    else if (p.name === 'number_of_shards') meta.shards = Number(v);
    else meta.settings[p.name] = v;
  }
  return meta;
}

function addPrimaryKey(meta: TableMeta, path: string[]): void {
  const col = findColumn(meta.columns, path);
  if (!col) throw new SQLParseException(`Column ${path.join('.')} unknown`);
  if (col.children || col.type.kind === 'array' || col.type.kind === 'geo_point' || col.type.kind === 'geo_shape') {
    throw new SQLParseException(`Cannot use columns of type "${col.type.kind === 'array' ? 'array' : col.type.kind}" as primary key`);
  }
  if (meta.primaryKey.some((p) => p.join('.') === path.join('.'))) return;
  meta.primaryKey.push(path);
  col.nullable = false;
}

export function addColumn(meta: TableMeta, siblings: ColumnMeta[], def: ColumnDefinition, parent: string[], cx: AnalyzerContext): ColumnMeta {
  const name = def.name[def.name.length - 1]!;
  validateColumnName(name, parent.length === 0);
  if (siblings.some((c) => c.name === name)) {
    throw new SQLParseException(`Column "${[...parent, name].join('.')}" specified more than once`);
  }
  const path = [...parent, name];
  const generated = def.constraints.find((c) => c.kind === 'Generated');
  let type: DataType;
  if (def.type) type = resolveType(def.type);
  else if (generated?.expr) type = inferGeneratedType(generated.expr, meta, cx);
  else throw new SQLParseException(`Column "${name}" requires a data type`);
  if (type.kind === 'numeric' && type.precision === undefined) {
    throw new SQLParseException('Type numeric requires a precision when used as a column type');
  }
  if (type.kind === 'interval' || type.kind === 'time with time zone' || type.kind === 'json') {
    throw new SQLParseException(`Cannot use the type \`${type.kind}\` for column: ${name}`);
  }
  const col: ColumnMeta = {
    name, path, type, internal: `c${meta.nextColumn++}`, nullable: true, position: meta.nextPosition++,
  };
  siblings.push(col);
  if (type.kind === 'array' && type.inner.kind === 'object') {
    col.innerPositions = {};
    const number = (path: string[], t: DataType): void => {
      const obj = t.kind === 'array' ? t.inner : t;
      if (obj.kind !== 'object') return;
      for (const f of obj.fields) {
        col.innerPositions![pathName([...path, f.name])] = meta.nextPosition++;
        number([...path, f.name], f.type);
      }
    };
    number(path, type);
  }
  if (type.kind === 'object') {
    col.policy = type.policy;
    col.children = [];
    if (type.policy === 'ignored') col.extras = `c${meta.nextColumn++}`;
    const objectDef = def.type && def.type.kind === 'ObjectType' ? def.type.columns : [];
    for (const child of objectDef) addColumn(meta, col.children, child, path, cx);
    syncObjectType(col);
  }
  for (const c of def.constraints) {
    switch (c.kind) {
      case 'PrimaryKey': addPrimaryKey(meta, path); if (c.name) meta.pkConstraintName = c.name; break;
      case 'NotNull':
        if (def.constraints.some((o) => o.kind === 'Null')) {
          throw new SQLParseException(`Column "${name}" is declared as NULL and NOT NULL`);
        }
        col.nullable = false;
        break;
      case 'Default':
        if (type.kind === 'object') throw new SQLParseException(`Default values are not allowed for object columns: ${name}`);
        validateDefault(c.expr!, type, cx);
        col.defaultExpr = printExpression(c.expr!);
        break;
      case 'Generated': col.generatedExpr = printExpression(c.expr!); break;
      case 'Check': {
        const check: CheckMeta = { name: c.name ?? `${meta.name}_${name}_check_${meta.checks.length}`, expr: printExpression(c.expr!), column: name };
        meta.checks.push(check);
        break;
      }
      case 'IndexOff': col.indexMethod = 'off'; break;
      case 'IndexUsing': col.indexMethod = c.method?.toLowerCase(); break;
      case 'Storage': col.columnstore = false; break;
      case 'Null': break;
    }
  }
  if (col.generatedExpr && col.defaultExpr) {
    throw new SQLParseException('Column cannot have both a default and a generated expression');
  }
  return col;
}

/** A DEFAULT may not reference columns; its type must be castable to the column's. */
export function validateDefault(expr: Expression, type: DataType, cx: AnalyzerContext): void {
  const qa = new QueryAnalyzer(cx);
  const compiled = compileExpr(expr, qa.exprContext(new Scope([]), new Map(), false));
  if (compiled.type.kind !== 'undefined' && compiled.type.kind !== type.kind) emitCast(compiled, type, 'implicit');
}

function validateColumnName(name: string, topLevel: boolean): void {
  if (name.includes('.')) throw new InvalidColumnNameException(`"${name}" contains a dot`);
  if (/[[\]]/.test(name)) throw new InvalidColumnNameException(`"${name}" conflicts with subscript pattern, square brackets are not allowed`);
  if (/[\t\n\r]/.test(name)) throw new InvalidColumnNameException(`"${name}" contains illegal whitespace character`);
  if (topLevel && SYSTEM_COLUMNS.includes(name)) throw new InvalidColumnNameException(`"${name}" conflicts with system column`);
}

/** `a`, `o['b']['c']` → ['a'] / ['o','b','c'] */
export function columnPath(e: Expression): string[] {
  if (e.kind === 'ColumnRef') return [...e.parts];
  if (e.kind === 'Subscript' && e.index.kind === 'Literal' && e.index.type === 'string') {
    return [...columnPath(e.base), e.index.value];
  }
  throw new SQLParseException(`Invalid column reference: ${printExpression(e)}`);
}

/** Value of a literal-ish expression (WITH parameters, shard counts). */
export function literalValue(e: Expression, cx: AnalyzerContext): unknown {
  switch (e.kind) {
    case 'Literal': return e.type === 'integer' ? Number(e.value) : e.value;
    case 'Parameter': return cx.args[e.index - 1];
    case 'ColumnRef': return e.parts.join('.');
    case 'UnaryOp': { const v = literalValue(e.operand, cx); return e.op === '-' ? -Number(v) : v; }
    case 'Cast': return literalValue(e.operand, cx);
    default: throw new SQLParseException(`Invalid value: ${printExpression(e)}`);
  }
}

/** DuckDB DDL for every leaf column (objects: presence flag, children, extras). */
export function leafColumnsSql(columns: readonly ColumnMeta[]): string[] {
  const out: string[] = [];
  for (const c of columns) {
    if (c.children) {
      out.push(`${quoteIdent(c.internal)} BOOLEAN`);
      if (c.extras) out.push(`${quoteIdent(c.extras)} JSON`);
      out.push(...leafColumnsSql(c.children));
    } else {
      out.push(`${quoteIdent(c.internal)} ${toDuckDbType(c.type)}`);
    }
  }
  return out;
}

export function createTableSql(meta: TableMeta): string {
  const cols = leafColumnsSql(meta.columns);
  if (meta.primaryKey.length) {
    const pk = meta.primaryKey.map((p) => quoteIdent(findColumn(meta.columns, p)!.internal));
    cols.push(`PRIMARY KEY (${pk.join(', ')})`);
  }
  if (cols.length === 0) cols.push('"_dummy" BOOLEAN');
  return `CREATE TABLE main.${quoteIdent(meta.internal)} (${cols.join(', ')})`;
}

export { T };
