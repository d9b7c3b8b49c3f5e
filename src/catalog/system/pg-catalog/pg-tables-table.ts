/**
 * pg_catalog.pg_tables and pg_catalog.pg_views (pgwire.md §11.1): base tables of every schema
 * (system tables included, as CrateDB lists them) and the user views with their query text.
 */
import { C, defineSystemTable } from '../define-table.js';
import { listRelations } from '../relations.js';

export const pgTablesTable = defineSystemTable({
  schema: 'pg_catalog',
  name: 'pg_tables',
  catalogOnly: true,
  columns: {
    schemaname: C.text,
    tablename: C.text,
    tableowner: C.text,
    tablespace: C.text,
    hasindexes: C.bool,
    hasrules: C.bool,
    hastriggers: C.bool,
    rowsecurity: C.bool,
  },
  rows: (ctx) => listRelations(ctx.catalog)
    .filter((r) => r.kind !== 'view')
    .map((r) => ({
      schemaname: r.schema, tablename: r.name, hasindexes: false, hasrules: false, hastriggers: false, rowsecurity: false,
    })),
});

export const pgViewsTable = defineSystemTable({
  schema: 'pg_catalog',
  name: 'pg_views',
  catalogOnly: true,
  columns: { schemaname: C.text, viewname: C.text, viewowner: C.text, definition: C.text },
  rows: (ctx) => ctx.catalog.all()
    .filter((t) => t.kind === 'view')
    .map((v) => ({ schemaname: v.schema, viewname: v.name, viewowner: v.owner, definition: v.viewQuery ?? null })),
});
