/**
 * information_schema.views (system-tables.md §3.9): one row per view with its normalised query
 * text. Views whose base table was dropped stay listed (the catalog keeps them).
 */
import { C, defineSystemTable } from '../define-table.js';

export const viewsTable = defineSystemTable({
  schema: 'information_schema',
  name: 'views',
  catalogOnly: true,
  columns: {
    table_catalog: C.text,
    table_schema: C.text,
    table_name: C.text,
    view_definition: C.text,
    check_option: C.text,
    is_updatable: C.bool,
    owner: C.text,
  },
  primaryKey: ['table_catalog', 'table_name', 'table_schema'],
  rows: (ctx) => ctx.catalog.all()
    .filter((t) => t.kind === 'view')
    .map((v) => ({
      table_catalog: 'crate',
      table_schema: v.schema,
      table_name: v.name,
      view_definition: v.viewQuery ?? null,
      check_option: 'NONE',
      is_updatable: false,
      owner: v.owner,
    })),
});
