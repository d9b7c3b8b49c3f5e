/**
 * pg_catalog.pg_attribute (pgwire.md §11.1): one row per column of every table, view and system
 * table, nested object columns included and named like `o['a']`. `attnum` is the column's
 * ordinal position (information_schema.columns), types are the PG types CrateDB announces.
 * `attcompression` is not in CrateDB's table: psql's `\d+` needs it.
 */
import { C, defineSystemTable, type Row } from '../define-table.js';
import { listRelations } from '../relations.js';
import { pgTypeOf } from './pg-types.js';

export const pgAttributeTable = defineSystemTable({
  schema: 'pg_catalog',
  name: 'pg_attribute',
  catalogOnly: true,
  columns: {
    attrelid: C.regclass,
    attname: C.text,
    atttypid: C.int,
    attstattarget: C.int,
    attlen: C.smallint,
    attnum: C.int,
    attndims: C.int,
    attcacheoff: C.int,
    atttypmod: C.int,
    attbyval: C.bool,
    attalign: C.text,
    attstorage: C.text,
    attnotnull: C.bool,
    atthasdef: C.bool,
    atthasmissing: C.bool,
    attidentity: C.text,
    attgenerated: C.text,
    attisdropped: C.bool,
    attislocal: C.bool,
    attinhcount: C.int,
    attcollation: C.int,
    attacl: C.textArray,
    attoptions: C.textArray,
    attfdwoptions: C.textArray,
    attmissingval: C.textArray,
    // beyond CrateDB: psql 14+ reads it for `\d+ table` ('' = the default method)
    attcompression: C.text,
  },
  rows: (ctx) => {
    const rows: Row[] = [];
    for (const r of listRelations(ctx.catalog)) {
      for (const c of r.columns) {
        const pg = pgTypeOf(c.type);
        rows.push({
          attrelid: r.oid,
          attname: c.sqlName,
          atttypid: pg.oid,
          attstattarget: 0,
          attlen: pg.typlen,
          attnum: c.position,
          attndims: c.type.kind === 'array' ? 1 : 0,
          attcacheoff: -1,
          atttypmod: pg.typmod,
          attbyval: false,
          attnotnull: !c.nullable,
          // CrateDB reports false even for columns with DEFAULT
          atthasdef: false,
          atthasmissing: false,
          attidentity: '',
          attgenerated: c.generatedExpr !== null ? 's' : '',
          attisdropped: false,
          attislocal: true,
          attinhcount: 0,
          attcollation: 0,
          attcompression: '',
        });
      }
    }
    return rows;
  },
});
