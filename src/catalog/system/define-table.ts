/**
 * A small builder for system tables, shared by information_schema, sys and pg_catalog.
 *
 * In: a table definition with columns in the order the spec lists them and a row producer that
 * returns one plain record per row (keyed by column name). Out: a `SystemTable` whose columns are
 * sorted by name and whose rows are arrays in that order.
 *
 * Sorting copies CrateDB on purpose: its `SystemTable.Builder.build()` sorts every column by name
 * (children right after their parent), so `SELECT *` on a system table and the
 * `ordinal_position` of its columns are alphabetical (system-tables.md §0).
 */
import { T, type DataType, type ObjectField } from '../../types/data-type.js';
import type { SystemColumn, SystemContext, SystemTable } from './system-table.js';

export type Row = Record<string, unknown>;

export interface SystemTableDef {
  readonly schema: string;
  readonly name: string;
  /** column name → type, in any order */
  readonly columns: Readonly<Record<string, DataType>>;
  /** primary-key columns (CrateDB's `setPrimaryKeys`), shown in table_constraints and pg_index */
  readonly primaryKey?: readonly string[];
  /** columns declared NOT NULL (CrateDB's `addNonNull`) */
  readonly notNull?: readonly string[];
  readonly needsStats?: boolean;
  /** rows() reads nothing but `ctx.catalog` (or nothing): see SystemTable.catalogOnly */
  readonly catalogOnly?: boolean;
  rows(ctx: SystemContext): Iterable<Row> | Promise<Iterable<Row>>;
}

/** A system table plus the metadata information_schema and pg_catalog report about it. */
export interface CrateSystemTable extends SystemTable {
  readonly primaryKey: readonly string[];
  readonly notNull: ReadonlySet<string>;
}

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function defineSystemTable(def: SystemTableDef): CrateSystemTable {
  const columns: SystemColumn[] = Object.entries(def.columns)
    .map(([name, type]) => ({ name, type }))
    .sort(byName);
  const names = columns.map((c) => c.name);
  const toArrays = (records: Iterable<Row>): unknown[][] => {
    const out: unknown[][] = [];
    for (const r of records) out.push(names.map((n) => r[n] ?? null));
    return out;
  };
  return {
    schema: def.schema,
    name: def.name,
    columns,
    primaryKey: def.primaryKey ?? [],
    notNull: new Set(def.notNull ?? []),
    needsStats: def.needsStats,
    catalogOnly: def.catalogOnly,
    rows(ctx: SystemContext): unknown[][] | Promise<unknown[][]> {
      const records = def.rows(ctx);
      return isPromise(records) ? records.then(toArrays) : toArrays(records);
    },
  };
}

function isPromise<V>(v: V | Promise<V>): v is Promise<V> {
  return typeof (v as { then?: unknown }).then === 'function';
}

/** An object column with declared children (CrateDB `startObject … endObject`). */
export function obj(fields: Readonly<Record<string, DataType>>): DataType {
  const list: ObjectField[] = Object.entries(fields).map(([name, type]) => ({ name, type }));
  return T.object('dynamic', list);
}

/** An array of objects (CrateDB `startObjectArray`). */
export const objArray = (fields: Readonly<Record<string, DataType>>): DataType => T.array(obj(fields));

/** An object without declared children whose keys vary per row (CrateDB `addDynamicObject`). */
export const dynamicObj = (): DataType => T.object('dynamic', []);

/** A table whose rows are always empty but whose columns must exist so that joins work. */
export function emptySystemTable(schema: string, name: string, columns: Readonly<Record<string, DataType>>,
  primaryKey?: readonly string[]): CrateSystemTable {
  return defineSystemTable({ schema, name, columns, primaryKey, rows: () => [] });
}

/** Column-type shorthands used by the table files. */
export const C = {
  text: T.text,
  int: T.integer,
  bigint: T.bigint,
  smallint: T.smallint,
  byte: T.byte,
  bool: T.boolean,
  real: T.real,
  double: T.double,
  ts: T.timestamptz,
  regclass: T.regclass,
  regproc: T.regproc,
  oidvector: T.oidvector,
  geoPoint: T.geoPoint,
  char: { kind: 'character', length: 1 } as DataType,
  textArray: T.array(T.text),
  intArray: T.array(T.integer),
  smallintArray: T.array(T.smallint),
  realArray: T.array(T.real),
} as const;
