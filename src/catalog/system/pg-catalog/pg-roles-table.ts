/**
 * pg_catalog.pg_roles and pg_catalog.pg_user (pgwire.md §11.1): users and roles. cratelite has
 * the superuser `crate` only (no password, no per-user settings); OIDs are hashed from
 * `USER<name>` like CrateDB's.
 */
import { C, defineSystemTable } from '../define-table.js';
import { userOid } from './pg-oid.js';

export const pgRolesTable = defineSystemTable({
  schema: 'pg_catalog',
  name: 'pg_roles',
  columns: {
    rolname: C.text,
    rolsuper: C.bool,
    rolinherit: C.bool,
    rolcreaterole: C.bool,
    rolcreatedb: C.bool,
    rolcanlogin: C.bool,
    rolreplication: C.bool,
    rolconnlimit: C.int,
    rolpassword: C.text,
    rolvaliduntil: C.ts,
    rolbypassrls: C.bool,
    rolconfig: C.textArray,
    oid: C.int,
  },
  rows: () => [{
    rolname: 'crate',
    rolsuper: true,
    rolinherit: true,
    rolcreaterole: true,
    rolcreatedb: null,
    rolcanlogin: true,
    rolreplication: true,
    rolconnlimit: -1,
    rolpassword: null,
    oid: userOid('crate'),
  }],
});

export const pgUserTable = defineSystemTable({
  schema: 'pg_catalog',
  name: 'pg_user',
  columns: {
    usename: C.text,
    usesysid: C.int,
    usecreatedb: C.bool,
    usesuper: C.bool,
    userepl: C.bool,
    usebypassrls: C.bool,
    passwd: C.text,
    valuntil: C.ts,
    useconfig: C.textArray,
  },
  rows: () => [{ usename: 'crate', usesysid: userOid('crate'), usesuper: true, userepl: true }],
});
