/**
 * information_schema.schemata (system-tables.md §3.8): `blob`, `doc`, `information_schema`,
 * `pg_catalog`, `sys` and every user schema (explicit or holding a relation).
 */
import { C, defineSystemTable } from '../define-table.js';

export const schemataTable = defineSystemTable({
  schema: 'information_schema',
  name: 'schemata',
  catalogOnly: true,
  columns: { catalog_name: C.text, schema_name: C.text },
  primaryKey: ['schema_name'],
  rows: (ctx) => ctx.catalog.schemas().map((s) => ({ catalog_name: 'crate', schema_name: s })),
});
