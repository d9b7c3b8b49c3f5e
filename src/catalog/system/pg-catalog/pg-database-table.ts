/**
 * pg_catalog.pg_database (pgwire.md §11.1): exactly one row, the database `crate` with OID 0,
 * UTF8 encoding (6) and CrateDB's fixed collation values.
 */
import { C, defineSystemTable } from '../define-table.js';

export const pgDatabaseTable = defineSystemTable({
  schema: 'pg_catalog',
  name: 'pg_database',
  columns: {
    oid: C.int,
    datname: C.text,
    datdba: C.int,
    encoding: C.int,
    datcollate: C.text,
    datctype: C.text,
    datistemplate: C.bool,
    datallowconn: C.bool,
    datconnlimit: C.int,
    datlastsysoid: C.int,
    datfrozenxid: C.int,
    datminmxid: C.int,
    dattablespace: C.int,
    datacl: C.textArray,
  },
  rows: () => [{
    oid: 0,
    datname: 'crate',
    datdba: 1,
    encoding: 6,
    datcollate: 'en_US.UTF-8',
    datctype: 'en_US.UTF-8',
    datistemplate: false,
    datallowconn: true,
    datconnlimit: -1,
  }],
});
