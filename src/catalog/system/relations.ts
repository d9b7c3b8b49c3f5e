/**
 * One uniform view of every relation the node knows — user tables, views and the system tables
 * themselves — for the tables that describe relations (information_schema.tables / columns /
 * table_constraints, pg_class, pg_attribute, pg_constraint, pg_index …).
 *
 * In: the catalog (TableMeta) and the system-table registry. Out: `RelationInfo` records with
 * every column flattened (object children included, in subscript notation) and numbered like
 * CrateDB numbers them: definition order for user tables (`ColumnMeta.position`), alphabetical
 * order for system tables.
 */
import type { Catalog } from '../catalog.js';
import { pathName, walkColumns, type CheckMeta, type TableMeta } from '../table-meta.js';
import type { ColumnPolicy, DataType } from '../../types/data-type.js';
import type { CrateSystemTable } from './define-table.js';
import { relationOid, tableHashOid } from './pg-catalog/pg-oid.js';
import { crateSystemTables } from './registry.js';

export interface RelationColumn {
  /** path from the top-level column: ['o', 'k'] */
  readonly path: readonly string[];
  /** `o['k']` */
  readonly sqlName: string;
  readonly type: DataType;
  readonly position: number;
  readonly nullable: boolean;
  readonly defaultExpr: string | null;
  readonly generatedExpr: string | null;
  /** column_details['oid']: stable per-table column id (0 for system tables, like CrateDB) */
  readonly oid: number;
  /** column policy as CrateDB reports it: the object's policy, `strict` for everything else */
  readonly policy: ColumnPolicy;
}

export interface RelationInfo {
  readonly schema: string;
  readonly name: string;
  readonly kind: 'table' | 'view' | 'system';
  readonly tableType: 'BASE TABLE' | 'VIEW';
  /** pg_class.oid / regclass */
  readonly oid: number;
  readonly meta?: TableMeta;
  readonly system?: CrateSystemTable;
  /** all columns, children included, ordered by position */
  readonly columns: readonly RelationColumn[];
  readonly topLevelColumns: number;
  /** primary-key column paths (empty when the table has none) */
  readonly primaryKey: readonly (readonly string[])[];
  /** `<table>_pkey` unless named by CONSTRAINT; undefined without a primary key */
  readonly pkName?: string;
  readonly checks: readonly CheckMeta[];
}

const policyOf = (t: DataType): ColumnPolicy =>
  t.kind === 'object' ? t.policy : t.kind === 'array' ? policyOf(t.inner) : 'strict';

/** Column id for column_details['oid']: the number of the DuckDB column (`c7` → 7). */
function columnOid(internal: string, fallback: number): number {
  const m = /(\d+)$/.exec(internal);
  return m ? Number(m[1]) : fallback;
}

function userRelation(meta: TableMeta): RelationInfo {
  const pk = meta.primaryKey;
  const isPk = (path: readonly string[]): boolean => pk.some((p) => p.length === path.length && p.every((s, i) => s === path[i]));
  const columns: RelationColumn[] = [];
  for (const c of walkColumns(meta.columns)) {
    const path = c.path.length > 0 ? c.path : [c.name];
    columns.push({
      path,
      sqlName: pathName(path),
      type: c.type,
      position: c.position,
      nullable: c.nullable && !isPk(path),
      defaultExpr: c.defaultExpr ?? null,
      generatedExpr: c.generatedExpr ?? null,
      oid: columnOid(c.internal, c.position),
      policy: c.policy ?? policyOf(c.type),
    });
  }
  // inner columns of object arrays (stored as JSON) are listed too, with their element types,
  // numbered after the stored columns (CrateDB numbers them at creation)
  let next = meta.nextPosition;
  for (const c of walkColumns(meta.columns)) {
    if (c.type.kind !== 'array' || c.type.inner.kind !== 'object') continue;
    const flat: { path: string[]; type: DataType }[] = [];
    for (const f of c.type.inner.fields) flattenSystemType([...c.path, f.name], f.type, false, flat);
    for (const f of flat) {
      const position = c.innerPositions?.[pathName(f.path)] ?? next++;
      columns.push({
        path: f.path, sqlName: pathName(f.path), type: f.type, position, nullable: true,
        defaultExpr: null, generatedExpr: null, oid: next, policy: policyOf(f.type),
      });
    }
  }
  columns.sort((a, b) => a.position - b.position);
  return {
    schema: meta.schema,
    name: meta.name,
    kind: meta.kind,
    tableType: meta.kind === 'view' ? 'VIEW' : 'BASE TABLE',
    oid: relationOid(meta),
    meta,
    columns,
    topLevelColumns: meta.columns.length,
    primaryKey: pk,
    pkName: pk.length > 0 ? meta.pkConstraintName ?? `${meta.name}_pkey` : undefined,
    checks: meta.checks,
  };
}

/** Flatten a system table's columns: children of object arrays become arrays (CrateDB does so). */
function flattenSystemType(path: string[], type: DataType, inArray: boolean, out: { path: string[]; type: DataType }[]): void {
  out.push({ path, type: inArray && type.kind !== 'array' ? { kind: 'array', inner: type } : type });
  const objType = type.kind === 'array' && type.inner.kind === 'object' ? type.inner : type;
  if (objType.kind !== 'object') return;
  const childInArray = inArray || type.kind === 'array';
  for (const f of objType.fields) flattenSystemType([...path, f.name], f.type, childInArray, out);
}

const comparePaths = (a: readonly string[], b: readonly string[]): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  }
  return a.length - b.length;
};

function systemRelation(t: CrateSystemTable): RelationInfo {
  const flat: { path: string[]; type: DataType }[] = [];
  for (const c of t.columns) flattenSystemType([c.name], c.type, false, flat);
  flat.sort((a, b) => comparePaths(a.path, b.path));
  const columns = flat.map(({ path, type }, i): RelationColumn => ({
    path,
    sqlName: pathName(path),
    type,
    position: i + 1,
    nullable: !(path.length === 1 && t.notNull.has(path[0]!)),
    defaultExpr: null,
    generatedExpr: null,
    oid: 0,
    policy: policyOf(type),
  }));
  return {
    schema: t.schema,
    name: t.name,
    kind: 'system',
    tableType: 'BASE TABLE',
    oid: tableHashOid(t.schema, t.name),
    system: t,
    columns,
    topLevelColumns: t.columns.length,
    primaryKey: t.primaryKey.map((c) => [c]),
    pkName: t.primaryKey.length > 0 ? `${t.name}_pkey` : undefined,
    checks: [],
  };
}

const systemCache = new Map<CrateSystemTable, RelationInfo>();

/** User tables and views (by schema, name), then the system tables (by schema, name). */
export function listRelations(catalog: Catalog): RelationInfo[] {
  const user = catalog.all()
    .slice()
    .sort((a, b) => (a.schema === b.schema ? cmp(a.name, b.name) : cmp(a.schema, b.schema)))
    .map((meta) => userRelation(meta.kind === 'view' ? withCurrentColumns(meta, catalog) : meta));
  const system = crateSystemTables().map((t) => {
    let r = systemCache.get(t);
    if (!r) systemCache.set(t, (r = systemRelation(t)));
    return r;
  });
  return [...user, ...system];
}

/** A view with the columns its query gives now (see Catalog.viewColumns). */
function withCurrentColumns(view: TableMeta, catalog: Catalog): TableMeta {
  const columns = catalog.viewColumns?.(view);
  return columns ? { ...view, columns } : view;
}

/** Position (attnum) of the column at `path`. */
export function findColumnPosition(r: RelationInfo, path: readonly string[]): number | undefined {
  return r.columns.find((c) => c.path.length === path.length && c.path.every((s, i) => s === path[i]))?.position;
}

/** User tables only (no views, no system tables). */
export const userTables = (catalog: Catalog): TableMeta[] =>
  catalog.all().filter((t) => t.kind === 'table')
    .sort((a, b) => (a.schema === b.schema ? cmp(a.name, b.name) : cmp(a.schema, b.schema)));

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
