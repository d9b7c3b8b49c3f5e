/**
 * Turning values for top-level columns into values for DuckDB leaf columns (sql.md §5.1):
 * objects are split into presence flag + children (from a literal JS object when the value is
 * known, else by JSON extraction), absent columns get their DEFAULT, values are cast to the
 * column type with CrateDB's cast rules.
 */
import { pathName, type CheckMeta, type ColumnMeta, type TableMeta } from '../../catalog/table-meta.js';
import { raiseSql } from '../../engine/duckdb-errors.js';
import { SQLParseException } from '../../errors/errors.js';
import { parseStatement } from '../../sql/parser/parser.js';
import type { Expression } from '../../sql/ast/index.js';
import { T, type DataType } from '../../types/data-type.js';
import { quoteString, toDuckDbType } from '../../translator/duckdb-types.js';
import { emitAssignmentCast } from '../casts.js';
import { parsePgArrayText } from '../casting/pg-array-text.js';
import { compileExpr, toBoolean } from '../expression.js';
import type { ExprContext } from '../expression-context.js';
import type { CompiledExpr } from '../functions/function-types.js';
import { sqlLiteral } from '../literals.js';
import { toJsonText } from '../casting/literal-sql.js';
import { inferValueType } from '../casting/value-cast.js';

/** internal leaf column name → SQL */
export type LeafValues = Map<string, string>;

/** Every DuckDB leaf column of the table, in storage order. */
export function leafNames(columns: readonly ColumnMeta[], out: string[] = []): string[] {
  for (const c of columns) {
    out.push(c.internal);
    if (c.children) {
      if (c.extras) out.push(c.extras);
      leafNames(c.children, out);
    }
  }
  return out;
}

export function castValue(value: CompiledExpr, type: DataType): string {
  value.onCast?.(type);
  value = untypedAsText(value, type);
  if (value.type.kind === 'undefined') return `CAST(${value.sql} AS ${toDuckDbType(type)})`;
  if (value.type.kind === type.kind && type.kind !== 'array' && type.kind !== 'varchar' && type.kind !== 'character'
    && type.kind !== 'bit') {
    return value.sql;
  }
  // assignment casts add CrateDB's write checks (varchar/char length, bit length)
  return emitAssignmentCast(value, type);
}

export const literalExpr = (value: unknown): CompiledExpr => {
  const type = inferValueType(value);
  return { sql: sqlLiteral(value, type), type, literal: { value } };
};

/** Fill `out` with the leaves of `col` for `value` (undefined = column not supplied). */
export function columnLeaves(col: ColumnMeta, value: CompiledExpr | undefined, out: LeafValues, cx: ExprContext): void {
  if (!col.children) {
    const sql = value ? castValue(value, col.type) : defaultValue(col, cx);
    out.set(col.internal, col.type.kind === 'geo_point' ? quantizeGeoPoint(sql) : sql);
    return;
  }
  if (value) {
    value.onCast?.(col.type);
    value = untypedAsText(value, col.type);
  }
  if (!value || value.type.kind === 'undefined') {
    out.set(col.internal, 'CAST(NULL AS BOOLEAN)');
    if (col.extras) out.set(col.extras, 'CAST(NULL AS JSON)');
    for (const ch of col.children) columnLeaves(ch, value ? literalExpr(null) : undefined, out, cx);
    return;
  }
  if (value.literal) {
    const v = typeof value.literal.value === 'string' ? parseJsonObject(value.literal.value) : value.literal.value;
    if (v !== null && (typeof v !== 'object' || Array.isArray(v))) {
      throw new SQLParseException(`Cannot cast value \`${toJsonText(v)}\` to type \`object\``);
    }
    const obj = v as Record<string, unknown> | null;
    out.set(col.internal, obj === null ? 'CAST(NULL AS BOOLEAN)' : 'true');
    if (col.extras) {
      const extra = obj ? Object.fromEntries(Object.entries(obj).filter(([k]) => !col.children!.some((c) => c.name === k))) : null;
      out.set(col.extras, extra && Object.keys(extra).length ? `CAST(${quoteString(toJsonText(extra))} AS JSON)` : 'CAST(NULL AS JSON)');
    }
    for (const ch of col.children) {
      const childValue = obj && ch.name in obj ? obj[ch.name] : obj ? undefined : null;
      columnLeaves(ch, childValue === undefined ? (obj ? undefined : literalExpr(null)) : literalExpr(childValue), out, cx);
    }
    return;
  }
  // a non-literal object value: JSON text in DuckDB
  const json = value.type.kind === 'object' || value.type.kind === 'json' ? value.sql : `CAST(${value.sql} AS JSON)`;
  out.set(col.internal, `(${json} IS NOT NULL)`);
  if (col.extras) out.set(col.extras, 'CAST(NULL AS JSON)');
  for (const ch of col.children) {
    const path = `$.${JSON.stringify(ch.name)}`;
    const extracted: CompiledExpr = ch.children
      ? { sql: `json_extract(${json}, ${quoteString(path)})`, type: T.json }
      : { sql: `json_extract_string(${json}, ${quoteString(path)})`, type: T.text };
    if (!ch.children && (ch.type.kind === 'timestamp with time zone' || ch.type.kind === 'timestamp without time zone')) {
      const t = toDuckDbType(ch.type);
      out.set(ch.internal, `coalesce(TRY_CAST(${extracted.sql} AS ${t}), CAST(make_timestamp(TRY_CAST(${extracted.sql} AS BIGINT) * 1000) AS ${t}))`);
      continue;
    }
    if (!ch.children && (ch.type.kind === 'array' || ch.type.kind === 'geo_point')) {
      out.set(ch.internal, `CAST(json_extract(${json}, ${quoteString(path)}) AS ${toDuckDbType(ch.type)})`);
      continue;
    }
    if (!ch.children) {
      out.set(ch.internal, `TRY_CAST(${extracted.sql} AS ${toDuckDbType(ch.type)})`);
      continue;
    }
    columnLeaves(ch, { sql: extracted.sql, type: T.object() }, out, cx);
  }
}

function parseJsonObject(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SQLParseException(`Cannot cast value \`${text}\` to type \`object\``);
  }
}

export function defaultValue(col: ColumnMeta, cx: ExprContext): string {
  if (!col.defaultExpr) return `CAST(NULL AS ${toDuckDbType(col.type)})`;
  return castValue(compileExpr(parseExpression(col.defaultExpr), cx), col.type);
}

/** Parse an expression stored as text in the catalog (defaults, generated columns, checks). */
export function parseExpression(text: string): Expression {
  const stmt = parseStatement(`SELECT ${text}`);
  if (stmt.kind !== 'Select' || stmt.query.body.kind !== 'QuerySpec') throw new SQLParseException(`Invalid expression: ${text}`);
  const item = stmt.query.body.select[0];
  if (!item || item.kind !== 'SelectExpr') throw new SQLParseException(`Invalid expression: ${text}`);
  return item.expr;
}

export type { TableMeta };

/** `"col" must not be null` raised when the value is NULL (sql.md §5.1). */
export function notNullGuard(sql: string, col: ColumnMeta): string {
  return `(CASE WHEN ${sql} IS NULL THEN ${raiseSql('SQLParseException', `"${pathName(col.path)}" must not be null`)} ELSE ${sql} END)`;
}

/** A CHECK constraint as a WHERE term that raises CrateDB's error when it is false (NULL passes). */
export function checkGuard(check: CheckMeta, cond: CompiledExpr): string {
  return `(CASE WHEN (${toBoolean(cond)}) IS FALSE THEN ${raiseSql('SQLParseException',
    `Failed CONSTRAINT ${check.name} CHECK (${check.expr})`)} ELSE true END)`;
}

/**
 * CrateDB stores geo_points in Lucene's 32-bit lat/lon encoding, so values read back from a
 * table are quantised (types.md §5.1): lon → floor(lon / (360/2^32)) * (360/2^32), lat likewise
 * with 180/2^32.
 */
export function quantizeGeoPoint(sql: string): string {
  const lon = 'CAST(360 AS DOUBLE) / 4294967296';
  const lat = 'CAST(180 AS DOUBLE) / 4294967296';
  const g = `(${sql})`;
  return `(CASE WHEN ${g} IS NULL THEN NULL ELSE CAST([floor(${g}[1] / (${lon})) * (${lon}), floor(${g}[2] / (${lat})) * (${lat})] AS DOUBLE[2]) END)`;
}

/**
 * An untyped text parameter (PG OID 0) written into a column: read the text the way the
 * column type's input expects it, like PostgreSQL's `unknown` — JSON for objects, the `{…}`
 * array form for arrays, plain text otherwise.
 */
export function untypedAsText(value: CompiledExpr, type: DataType): CompiledExpr {
  if (value.type.kind !== 'undefined' || typeof value.literal?.value !== 'string') return value;
  const text = value.literal.value;
  if (type.kind === 'array' && text.startsWith('{')) {
    const parsed = parsePgArrayText(text);
    if (parsed) return { sql: value.sql, type: T.array(T.text), literal: { value: parsed } };
  }
  return { sql: value.sql, type: T.text, literal: { value: text } };
}
