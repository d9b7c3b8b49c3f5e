/**
 * pg_catalog.pg_namespace (pgwire.md §11.1): one row per schema (`blob`, `doc`,
 * `information_schema`, `pg_catalog`, `sys`, user schemas), OIDs hashed from `SCHEMA<name>`.
 */
import { C, defineSystemTable } from '../define-table.js';
import { schemaOid } from './pg-oid.js';

export const pgNamespaceTable = defineSystemTable({
  schema: 'pg_catalog',
  name: 'pg_namespace',
  catalogOnly: true,
  columns: { oid: C.int, nspname: C.text, nspowner: C.int, nspacl: C.textArray },
  rows: (ctx) => ctx.catalog.schemas().map((s) => ({ oid: schemaOid(s), nspname: s, nspowner: 0, nspacl: null })),
});
