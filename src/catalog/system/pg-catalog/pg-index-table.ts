/**
 * pg_catalog.pg_index (pgwire.md §11.1): one row per primary key (user tables and system tables
 * that have one), pointing from the `i` row in pg_class to the table; `indkey` holds the
 * positions (attnum) of the key columns.
 */
import { C, defineSystemTable } from '../define-table.js';
import { findColumnPosition, listRelations } from '../relations.js';
import { primaryKeyOid } from './pg-oid.js';

export const pgIndexTable = defineSystemTable({
  schema: 'pg_catalog',
  name: 'pg_index',
  catalogOnly: true,
  columns: {
    indexrelid: C.regclass,
    indrelid: C.regclass,
    indnatts: C.smallint,
    indnkeyatts: C.smallint,
    indisunique: C.bool,
    indisprimary: C.bool,
    indisexclusion: C.bool,
    indimmediate: C.bool,
    indisclustered: C.bool,
    indisvalid: C.bool,
    indcheckxmin: C.bool,
    indisready: C.bool,
    indislive: C.bool,
    indisreplident: C.bool,
    indkey: C.intArray,
    indcollation: C.intArray,
    indclass: C.intArray,
    indoption: C.smallintArray,
    indexprs: C.text,
    indpred: C.text,
  },
  rows: (ctx) => listRelations(ctx.catalog)
    .filter((r) => r.pkName !== undefined && r.kind !== 'view')
    .map((r) => ({
      indexrelid: primaryKeyOid(r.schema, r.name, r.primaryKey.map((p) => p[0]!)),
      indrelid: r.oid,
      // CrateDB reports 0 here while indnkeyatts counts the key columns
      indnatts: 0,
      indnkeyatts: r.primaryKey.length,
      indisunique: false,
      indisprimary: true,
      indisexclusion: false,
      indimmediate: true,
      indisclustered: false,
      indisvalid: true,
      indcheckxmin: false,
      indisready: true,
      indislive: true,
      indisreplident: false,
      indkey: r.primaryKey.map((p) => findColumnPosition(r, p) ?? 0),
    })),
});
