/**
 * pg_catalog.pg_class (pgwire.md §11.1): every table and view of every schema (system tables
 * included), plus one `i` row per primary key (relname = the constraint name, default
 * `<table>_pkey`), as CrateDB lists them.
 *
 * `reltuples` is the table's row count when the caller computed statistics, else 0: drivers query
 * pg_class often, so this table does not ask for the (costly) statistics itself.
 */
import { fqn } from '../../table-meta.js';
import { C, defineSystemTable, type Row } from '../define-table.js';
import { listRelations, type RelationInfo } from '../relations.js';
import type { SystemContext } from '../system-table.js';
import { primaryKeyOid, schemaOid } from './pg-oid.js';

function classRow(r: RelationInfo, oid: number, relname: string, relkind: string, reltuples: number): Row {
  return {
    oid,
    relname,
    relnamespace: schemaOid(r.schema),
    reltype: 0,
    reloftype: 0,
    relowner: 0,
    relam: 0,
    relfilenode: 0,
    reltablespace: 0,
    relpages: 0,
    reltuples,
    relallvisible: 0,
    reltoastrelid: 0,
    relhasindex: false,
    relisshared: false,
    relpersistence: 'p',
    relkind,
    relnatts: r.topLevelColumns,
    relchecks: 0,
    relhasrules: false,
    relhastriggers: false,
    relhassubclass: false,
    relrowsecurity: false,
    relforcerowsecurity: false,
    relispopulated: true,
    relreplident: 'p',
    relispartition: false,
    relrewrite: 0,
    relfrozenxid: 0,
    relminmxid: 0,
    relacl: null,
    reloptions: null,
    relpartbound: null,
  };
}

function classRows(ctx: SystemContext): Row[] {
  const relations = listRelations(ctx.catalog);
  const rows: Row[] = relations.map((r) => classRow(
    r, r.oid, r.name, r.kind === 'view' ? 'v' : 'r', r.meta ? ctx.stats?.get(fqn(r.meta))?.rows ?? 0 : 0));
  for (const r of relations) {
    if (!r.pkName) continue;
    const oid = primaryKeyOid(r.schema, r.name, r.primaryKey.map((p) => p[0]!));
    rows.push(classRow(r, oid, r.pkName, 'i', 0));
  }
  return rows;
}

export const pgClassTable = defineSystemTable({
  schema: 'pg_catalog',
  name: 'pg_class',
  columns: {
    oid: C.regclass,
    relname: C.text,
    relnamespace: C.int,
    reltype: C.int,
    reloftype: C.int,
    relowner: C.int,
    relam: C.int,
    relfilenode: C.int,
    reltablespace: C.int,
    relpages: C.int,
    reltuples: C.real,
    relallvisible: C.int,
    reltoastrelid: C.int,
    relhasindex: C.bool,
    relisshared: C.bool,
    relpersistence: C.text,
    relkind: C.text,
    relnatts: C.smallint,
    relchecks: C.smallint,
    relhasrules: C.bool,
    relhastriggers: C.bool,
    relhassubclass: C.bool,
    relrowsecurity: C.bool,
    relforcerowsecurity: C.bool,
    relispopulated: C.bool,
    relreplident: C.text,
    relispartition: C.bool,
    relrewrite: C.int,
    relfrozenxid: C.int,
    relminmxid: C.int,
    relacl: C.textArray,
    reloptions: C.textArray,
    relpartbound: C.text,
  },
  rows: classRows,
});
