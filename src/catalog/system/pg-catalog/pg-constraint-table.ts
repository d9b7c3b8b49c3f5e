/**
 * pg_catalog.pg_constraint (pgwire.md §11.1): primary keys (`p`) and CHECK constraints (`c`) of
 * all relations; NOT NULL columns are not listed here (CrateDB shows them only in
 * information_schema). `conkey` holds the positions of the columns the constraint uses.
 */
import { listConstraints, topLevelPosition } from '../constraints.js';
import { C, defineSystemTable } from '../define-table.js';
import { findColumnPosition, listRelations } from '../relations.js';
import { constraintOid, schemaOid } from './pg-oid.js';

export const pgConstraintTable = defineSystemTable({
  schema: 'pg_catalog',
  name: 'pg_constraint',
  catalogOnly: true,
  columns: {
    oid: C.int,
    conname: C.text,
    connamespace: C.int,
    contype: C.text,
    condeferrable: C.bool,
    condeferred: C.bool,
    convalidated: C.bool,
    conrelid: C.int,
    contypid: C.int,
    conindid: C.int,
    conparentid: C.int,
    confrelid: C.int,
    confupdtype: C.text,
    confdeltype: C.text,
    confmatchtype: C.text,
    conislocal: C.bool,
    coninhcount: C.int,
    connoinherit: C.bool,
    conkey: C.smallintArray,
    confkey: C.smallintArray,
    conpfeqop: C.intArray,
    conppeqop: C.intArray,
    conffeqop: C.intArray,
    conexclop: C.intArray,
    conbin: C.text,
  },
  rows: (ctx) => listConstraints(listRelations(ctx.catalog))
    .filter((c) => !c.notNull)
    .map((c) => {
      const r = c.relation;
      const conkey = c.type === 'PRIMARY KEY'
        ? r.primaryKey.map((p) => findColumnPosition(r, p) ?? 0)
        : c.columns.map((n) => topLevelPosition(r, n) ?? 0);
      return {
        oid: constraintOid(r.schema, r.name, c.name, c.type),
        conname: c.name,
        connamespace: schemaOid(r.schema),
        contype: c.type === 'PRIMARY KEY' ? 'p' : 'c',
        condeferrable: false,
        condeferred: false,
        convalidated: true,
        conrelid: r.oid,
        contypid: 0,
        conindid: 0,
        conparentid: 0,
        confrelid: 0,
        confupdtype: 'a',
        confdeltype: 'a',
        confmatchtype: 's',
        conislocal: true,
        coninhcount: 0,
        connoinherit: true,
        conkey,
      };
    }),
});
