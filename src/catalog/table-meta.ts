/**
 * CrateDB metadata of tables and views that DuckDB cannot hold: original (case-sensitive) names,
 * object columns and their policies, generated columns, partitioning, shards, WITH settings.
 *
 * Storage model: every CrateDB table is one DuckDB table named by `internal` (e.g. `t12`);
 * every *leaf* column, including each object child, is its own DuckDB column (`c7`). An object
 * column has a BOOLEAN "presence" column (`internal`) telling NULL objects from objects whose
 * children are all NULL; an IGNORED object also has a JSON column (`extras`) with the keys that
 * are not in its schema. So `tags['hostname']` is a plain column and filters/groups at column speed.
 */
import type { ColumnPolicy, DataType } from '../types/data-type.js';

export interface ColumnMeta {
  /** leaf name (`hostname` for `tags['hostname']`) */
  name: string;
  /** path from the top-level column: ['tags', 'hostname'] */
  path: string[];
  /** for objects: `object` with `fields` mirroring `children` */
  type: DataType;
  /** DuckDB column: the value, or for objects the presence flag */
  internal: string;
  children?: ColumnMeta[];
  policy?: ColumnPolicy;
  /** IGNORED objects: DuckDB JSON column with keys outside the schema */
  extras?: string;
  nullable: boolean;
  /** CrateDB SQL text of DEFAULT */
  defaultExpr?: string;
  /** CrateDB SQL text of GENERATED ALWAYS AS */
  generatedExpr?: string;
  /** information_schema.columns.ordinal_position (1-based, creation order, children included) */
  position: number;
  /** INDEX OFF / INDEX USING fulltext …, STORAGE WITH (columnstore = false) — stored, shown */
  indexMethod?: string;
  /**
   * Arrays of objects are stored as JSON; their inner columns still have ordinal positions in
   * information_schema.columns, assigned at creation: `pathName` of the inner column → position.
   */
  innerPositions?: Record<string, number>;
  analyzer?: string;
  columnstore?: boolean;
}

export interface CheckMeta { name: string; expr: string; /** the column of a column-level check */ column?: string }

export interface TableMeta {
  oid: number;
  schema: string;
  name: string;
  kind: 'table' | 'view';
  /** DuckDB table name */
  internal: string;
  columns: ColumnMeta[];
  /** column paths */
  primaryKey: string[][];
  pkConstraintName?: string;
  partitionedBy: string[][];
  clusteredBy?: string[];
  shards: number;
  /** WITH (…) parameters that were set explicitly, by CrateDB name */
  settings: Record<string, unknown>;
  columnPolicy: 'strict' | 'dynamic';
  checks: CheckMeta[];
  /** next free DuckDB column number */
  nextColumn: number;
  /** next ordinal position */
  nextPosition: number;
  closed: boolean;
  /** views: normalised query text */
  viewQuery?: string;
  owner: string;
  createdAt: number;
}

export const fqn = (t: { schema: string; name: string }): string => `${t.schema}.${t.name}`;

/** `o['a']['b']` */
export const pathName = (path: readonly string[]): string =>
  path[0] + path.slice(1).map((p) => `['${p}']`).join('');

export function findColumn(columns: readonly ColumnMeta[], path: readonly string[]): ColumnMeta | undefined {
  let list: readonly ColumnMeta[] | undefined = columns;
  let found: ColumnMeta | undefined;
  for (const part of path) {
    found = list?.find((c) => c.name === part);
    if (!found) return undefined;
    list = found.children;
  }
  return found;
}

/** Every column, depth first, in declaration order. */
export function* walkColumns(columns: readonly ColumnMeta[]): Generator<ColumnMeta> {
  for (const c of columns) {
    yield c;
    if (c.children) yield* walkColumns(c.children);
  }
}

/** Rebuild an object column's `type.fields` from its children (after a child was added). */
export function syncObjectType(col: ColumnMeta): void {
  if (!col.children) return;
  for (const ch of col.children) syncObjectType(ch);
  col.type = {
    kind: 'object',
    policy: col.policy ?? 'dynamic',
    fields: col.children.map((ch) => ({ name: ch.name, type: ch.type })),
  };
}
