/**
 * Dynamic schema growth (types.md §4.3, sql.md §5.1): keys first seen on INSERT/UPDATE become
 * typed columns of the table (or of a dynamic object), are added to DuckDB with ALTER TABLE, and
 * show up in information_schema.columns. STRICT rejects, IGNORED keeps them in the extras column.
 */
import {
  ColumnUnknownException, SQLParseException,
} from '../../errors/errors.js';
import { pathName, syncObjectType, type ColumnMeta, type TableMeta } from '../../catalog/table-meta.js';
import { higherType, T, type DataType } from '../../types/data-type.js';
import { quoteIdent } from '../../translator/duckdb-types.js';
import { leafColumnsSql } from '../ddl/create-table.js';

/** CrateDB's type guess for a dynamically added column from a JS value; undefined for NULL. */
export function inferDynamicType(value: unknown): DataType | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean') return T.boolean;
  if (typeof value === 'bigint') return T.bigint;
  if (typeof value === 'number') return Number.isInteger(value) ? T.bigint : T.double;
  if (typeof value === 'string') return T.text;
  if (Array.isArray(value)) {
    let inner: DataType | undefined;
    for (const v of value) {
      const t = inferDynamicType(v);
      if (t) inner = inner ? higherType(inner, t) : t;
    }
    return inner ? T.array(inner) : undefined;
  }
  if (typeof value === 'object') {
    const fields = Object.entries(value as Record<string, unknown>)
      .map(([name, v]) => ({ name, type: inferDynamicType(v) }))
      .filter((f): f is { name: string; type: DataType } => f.type !== undefined);
    return T.object('dynamic', fields);
  }
  return undefined;
}

/** Widen a compiled (non-literal) type the way dynamic columns are typed: ints become bigint. */
export function dynamicTypeOf(t: DataType): DataType {
  if (t.kind === 'integer' || t.kind === 'smallint' || t.kind === 'byte') return T.bigint;
  if (t.kind === 'real') return T.double;
  if (t.kind === 'array') return T.array(dynamicTypeOf(t.inner));
  if (t.kind === 'object') return { ...t, fields: t.fields.map((f) => ({ name: f.name, type: dynamicTypeOf(f.type) })) };
  return t;
}

/** A new column (with children for objects) appended to `siblings`; returns its DDL. */
export function newColumn(meta: TableMeta, siblings: ColumnMeta[], parent: string[], name: string, type: DataType): ColumnMeta {
  const col: ColumnMeta = {
    name, path: [...parent, name], type, internal: `c${meta.nextColumn++}`, nullable: true, position: meta.nextPosition++,
  };
  siblings.push(col);
  if (type.kind === 'object') {
    col.policy = type.policy;
    col.children = [];
    for (const f of type.fields) newColumn(meta, col.children, col.path, f.name, f.type);
    syncObjectType(col);
  }
  return col;
}

/**
 * Merge the keys of an object value into an object column's schema. Returns the columns added
 * (empty when nothing changed). Throws for STRICT objects.
 */
export function mergeObjectKeys(meta: TableMeta, col: ColumnMeta, value: unknown, added: ColumnMeta[]): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !col.children) return;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const child = col.children.find((c) => c.name === key);
    if (child) {
      if (child.children) mergeObjectKeys(meta, child, v, added);
      continue;
    }
    const policy = col.policy ?? 'dynamic';
    if (policy === 'ignored') continue;
    if (policy === 'strict') {
      throw new SQLParseException(`Cannot add column \`${key}\` to strict object \`${pathName(col.path)}\``);
    }
    validateKey(key);
    const t = inferDynamicType(v);
    if (!t) continue;
    added.push(newColumn(meta, col.children, col.path, key, t));
  }
  syncObjectType(col);
}

/**
 * Like mergeObjectKeys, for the object type of a query column (INSERT … SELECT {a = 1, b = x}):
 * its fields not yet in `col` become children, typed as dynamic columns are.
 */
export function mergeObjectTypeKeys(meta: TableMeta, col: ColumnMeta, type: DataType, added: ColumnMeta[]): void {
  if (type.kind !== 'object' || !col.children) return;
  for (const field of type.fields) {
    const child = col.children.find((c) => c.name === field.name);
    if (child) {
      if (child.children) mergeObjectTypeKeys(meta, child, field.type, added);
      continue;
    }
    const policy = col.policy ?? 'dynamic';
    if (policy === 'ignored') continue;
    if (policy === 'strict') {
      throw new SQLParseException(`Cannot add column \`${field.name}\` to strict object \`${pathName(col.path)}\``);
    }
    validateKey(field.name);
    if (field.type.kind === 'undefined') continue;
    added.push(newColumn(meta, col.children, col.path, field.name, dynamicTypeOf(field.type)));
  }
  syncObjectType(col);
}

function validateKey(key: string): void {
  if (key.includes('.')) throw new SQLParseException(`"${key}" contains a dot`);
  if (/[[\]]/.test(key)) throw new SQLParseException(`"${key}" conflicts with subscript pattern, square brackets are not allowed`);
}

/** Whether an object value carries keys the column's schema does not know (cheap pre-check). */
export function hasUnknownKeys(col: ColumnMeta, value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !col.children) return false;
  if (col.policy === 'ignored') return false;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const child = col.children.find((c) => c.name === key);
    if (!child) { if (v !== null && v !== undefined) return true; continue; }
    if (child.children && hasUnknownKeys(child, v)) return true;
  }
  return false;
}

/** ALTER TABLE statements adding the DuckDB columns of `added` (and their children). */
export function addColumnsSql(meta: TableMeta, added: ColumnMeta[]): string[] {
  return leafColumnsSql(added).map((def) => `ALTER TABLE main.${quoteIdent(meta.internal)} ADD COLUMN ${def}`);
}

export function unknownColumn(name: string): ColumnUnknownException {
  return new ColumnUnknownException(`Column ${name} unknown`);
}
