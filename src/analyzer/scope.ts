/**
 * Name resolution scopes. A Scope lists the relations of a FROM clause; each relation exposes
 * columns by CrateDB name with their DuckDB SQL. Table relations also expose object children
 * (`o['a']` resolves straight to the child's own DuckDB column) and system columns.
 */
import {
  AmbiguousColumnException, ColumnUnknownException, columnUnknown,
} from '../errors/errors.js';
import { findColumn, pathName, type ColumnMeta, type TableMeta } from '../catalog/table-meta.js';
import type { DataType } from '../types/data-type.js';
import { T } from '../types/data-type.js';
import { quoteIdent } from '../translator/duckdb-types.js';
import { objectValueSql } from './object-values.js';

export interface ScopeColumn {
  /** CrateDB name (top level) */
  name: string;
  type: DataType;
  /** DuckDB SQL reading it */
  sql: string;
  /** the table column, for tables */
  meta?: ColumnMeta;
}

export interface ScopeRelation {
  /** alias or table name, as qualifiers match it */
  alias: string;
  /** `doc.t` for tables (to match `doc.t.col`), undefined for derived relations */
  schema?: string;
  /** DuckDB alias used in the generated SQL */
  sqlAlias: string;
  columns: ScopeColumn[];
  table?: TableMeta;
  /** leaf column (internal name) → SQL to use instead of the stored value (UPDATE's new values) */
  overrides?: ReadonlyMap<string, string>;
}

export interface ResolvedColumn {
  sql: string;
  type: DataType;
  /** remaining subscript keys not resolved to a stored column (for object values) */
  rest: string[];
  relation: ScopeRelation;
  meta?: ColumnMeta;
}

export const SYSTEM_COLUMNS = ['_id', '_version', '_seq_no', '_primary_term', '_score', '_docid', '_raw', '_doc'];

export class Scope {
  constructor(readonly relations: ScopeRelation[], readonly parent?: Scope) {}

  /**
   * Resolve `parts` (qualifiers + column) followed by subscript `keys`.
   * Object children are followed as far as they are stored columns.
   */
  resolve(parts: readonly string[], keys: readonly string[], pos?: number): ResolvedColumn | undefined {
    const colName = parts[parts.length - 1]!;
    const qualifier = parts.slice(0, -1);
    const candidates: ResolvedColumn[] = [];
    for (const rel of this.relations) {
      if (!matchesQualifier(rel, qualifier)) continue;
      const hit = resolveInRelation(rel, colName, keys);
      if (hit) candidates.push(hit);
    }
    if (candidates.length > 1) {
      throw new AmbiguousColumnException(`Column "${colName}" is ambiguous`, pos);
    }
    if (candidates.length === 1) return candidates[0];
    return this.parent?.resolve(parts, keys, pos);
  }

  resolveOrThrow(parts: readonly string[], keys: readonly string[], pos?: number): ResolvedColumn {
    const r = this.resolve(parts, keys, pos);
    if (!r) {
      const name = keys.length ? pathName([parts[parts.length - 1]!, ...keys]) : parts.join('.');
      throw columnUnknown(name, pos);
    }
    return r;
  }
}

function matchesQualifier(rel: ScopeRelation, qualifier: readonly string[]): boolean {
  if (qualifier.length === 0) return true;
  const q = qualifier.length > 2 ? qualifier.slice(-2) : qualifier;
  if (q.length === 1) return q[0] === rel.alias;
  return rel.schema !== undefined && q[0] === rel.schema && q[1] === rel.alias;
}

function resolveInRelation(rel: ScopeRelation, colName: string, keys: readonly string[]): ResolvedColumn | undefined {
  if (rel.table && SYSTEM_COLUMNS.includes(colName)) {
    const sys = systemColumn(rel, colName);
    if (sys) return { ...sys, rest: [...keys], relation: rel };
  }
  const col = rel.columns.find((c) => c.name === colName);
  if (!col) return undefined;
  if (!col.meta) return { sql: col.sql, type: col.type, rest: [...keys], relation: rel };
  // follow stored object children
  let meta = col.meta;
  let i = 0;
  for (; i < keys.length; i++) {
    const child = meta.children?.find((c) => c.name === keys[i]);
    if (!child) break;
    meta = child;
  }
  return {
    sql: rel.overrides?.get(meta.internal) ?? columnValueSql(rel.sqlAlias, meta),
    type: meta.type,
    rest: keys.slice(i),
    relation: rel,
    meta,
  };
}

/** DuckDB SQL for a stored column's value; objects are assembled into JSON text. */
export function columnValueSql(sqlAlias: string, meta: ColumnMeta): string {
  if (meta.children) return objectValueSql(sqlAlias, meta);
  return colRef(sqlAlias, meta.internal);
}

/** `alias."c3"`, or just `"c3"` when alias is empty (RETURNING, ON CONFLICT DO UPDATE). */
export const colRef = (sqlAlias: string, internal: string): string =>
  sqlAlias ? `${sqlAlias}.${quoteIdent(internal)}` : quoteIdent(internal);

function systemColumn(rel: ScopeRelation, name: string): { sql: string; type: DataType } | undefined {
  const t = rel.table!;
  const a = rel.sqlAlias;
  switch (name) {
    case '_id': return { sql: idSql(a, t), type: T.text };
    case '_version': return { sql: 'CAST(1 AS BIGINT)', type: T.bigint };
    case '_seq_no': return { sql: `CAST(${rowid(a)} AS BIGINT)`, type: T.bigint };
    case '_primary_term': return { sql: 'CAST(1 AS BIGINT)', type: T.bigint };
    case '_score': return { sql: 'CAST(1.0 AS FLOAT)', type: T.real };
    case '_docid': return { sql: `CAST(${rowid(a)} AS INTEGER)`, type: T.integer };
    default: return undefined;
  }
}

/**
 * `_id` (sql.md §11): the primary-key value as text for a single-column key; for composite keys
 * CrateDB's standard Base64 of `[vint count]([vint length][utf-8 bytes])…` with the routing
 * column first (every length < 128 bytes is one vint byte, which covers real keys); without a
 * key a row-id based text (documented deviation: CrateDB stores a random id).
 */
function idSql(alias: string, t: TableMeta): string {
  const pk = t.primaryKey.map((p) => findColumn(t.columns, p)).filter((c): c is ColumnMeta => !!c);
  const asText = (c: ColumnMeta) => {
    const ref = colRef(alias, c.internal);
    return c.type.kind.startsWith('timestamp') ? `CAST(epoch_ms(${ref}) AS VARCHAR)` : `CAST(${ref} AS VARCHAR)`;
  };
  if (pk.length === 1) return asText(pk[0]!);
  if (pk.length > 1) {
    const routing = t.clusteredBy?.join('.');
    const ordered = routing ? [...pk].sort((a, b) => Number(b.path.join('.') === routing) - Number(a.path.join('.') === routing)) : pk;
    const parts = ordered.map((c) => `encode(chr(CAST(strlen(${asText(c)}) AS INTEGER))) || encode(${asText(c)})`);
    return `to_base64(encode(chr(${ordered.length})) || ${parts.join(' || ')})`;
  }
  return `CAST(${rowid(alias)} AS VARCHAR)`;
}

const rowid = (alias: string): string => (alias ? `${alias}.rowid` : 'rowid');

export { ColumnUnknownException };
