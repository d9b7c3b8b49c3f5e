/**
 * information_schema.table_constraints (system-tables.md §3.3): primary keys (`<table>_pkey`
 * unless named), NOT NULL columns as CHECK constraints named `<schema>_<table>_<column>_not_null`
 * (PK columns included) and CHECK constraints — for user tables and system tables alike.
 */
import { listConstraints } from '../constraints.js';
import { C, defineSystemTable } from '../define-table.js';
import { listRelations } from '../relations.js';

export const tableConstraintsTable = defineSystemTable({
  schema: 'information_schema',
  name: 'table_constraints',
  catalogOnly: true,
  columns: {
    constraint_schema: C.text,
    constraint_name: C.text,
    constraint_catalog: C.text,
    table_catalog: C.text,
    table_schema: C.text,
    table_name: C.text,
    constraint_type: C.text,
    is_deferrable: C.text,
    initially_deferred: C.text,
  },
  primaryKey: ['constraint_catalog', 'constraint_schema', 'constraint_name'],
  rows: (ctx) => listConstraints(listRelations(ctx.catalog)).map((c) => ({
    constraint_catalog: 'crate',
    constraint_schema: c.relation.schema,
    constraint_name: c.name,
    table_catalog: 'crate',
    table_schema: c.relation.schema,
    table_name: c.relation.name,
    constraint_type: c.type,
    is_deferrable: 'NO',
    initially_deferred: 'NO',
  })),
});
