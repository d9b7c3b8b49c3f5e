/**
 * pg_catalog.pg_proc (pgwire.md §11.1). cratelite lists the dummy zero-argument functions named by
 * pg_type's receive/send columns (`int4recv`, `array_recv`, `varcharsend`, …), so that the
 * `pg_type.typreceive = pg_proc.oid` joins drivers run (pgjdbc, Npgsql) work. Built-in SQL
 * functions and UDFs are not listed yet.
 *
 * Dummy rows look like CrateDB's: no schema (namespace hashed from `SCHEMAnull`), return type
 * `unknown` (705), kind `f`, no arguments.
 */
import { C, defineSystemTable, type Row } from '../define-table.js';
import { regprocOid, schemaOid } from './pg-oid.js';
import { PG_TYPES } from './pg-types.js';

function dummyNames(): string[] {
  const names: string[] = [];
  for (const key of ['typreceive', 'typsend'] as const) {
    for (const t of PG_TYPES) {
      // one array_recv/array_send entry, not one per array type (CrateDB does the same)
      if (t.typarray !== 0 && !names.includes(t[key])) names.push(t[key]);
    }
    const arrayProc = key === 'typreceive' ? 'array_recv' : 'array_send';
    if (!names.includes(arrayProc)) names.push(arrayProc);
  }
  return names;
}

const ROWS: Row[] = dummyNames().map((name) => ({
  oid: regprocOid(name),
  proname: name,
  pronamespace: schemaOid('null'),
  prorows: 0,
  provariadic: 0,
  prosupport: 0,
  prokind: 'f',
  proisstrict: false,
  proretset: false,
  pronargs: 0,
  prorettype: 705,
  proargtypes: [],
  prosrc: name,
}));

export const pgProcTable = defineSystemTable({
  schema: 'pg_catalog',
  name: 'pg_proc',
  catalogOnly: true,
  columns: {
    oid: C.int,
    proname: C.text,
    pronamespace: C.int,
    proowner: C.int,
    prolang: C.int,
    procost: C.real,
    prorows: C.real,
    provariadic: C.int,
    prosupport: C.regproc,
    prokind: C.text,
    prosecdef: C.bool,
    proleakproof: C.bool,
    proisstrict: C.bool,
    proretset: C.bool,
    provolatile: C.text,
    proparallel: C.text,
    pronargs: C.smallint,
    pronargdefaults: C.smallint,
    prorettype: C.int,
    proargtypes: C.oidvector,
    proallargtypes: C.intArray,
    proargmodes: C.textArray,
    proargnames: C.textArray,
    proargdefaults: C.text,
    protrftypes: C.intArray,
    prosrc: C.text,
    probin: C.text,
    prosqlbody: C.text,
    proconfig: C.textArray,
    proacl: C.textArray,
  },
  rows: () => ROWS,
});
