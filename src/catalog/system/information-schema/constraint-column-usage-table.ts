/**
 * information_schema.constraint_column_usage (system-tables.md §3.5): one row per (constraint,
 * column) for primary keys, NOT NULL and CHECK constraints (CHECK: every column its expression
 * references). Like CrateDB, information_schema's own tables are left out, and sys / pg_catalog
 * tables list a NOT NULL row for each primary-key column although their columns are nullable.
 *
 * CrateDB names a user table's key `<table>_pkey` here even when CONSTRAINT named it otherwise;
 * cratelite uses the real name so the table joins with table_constraints.
 */
import { checkColumns } from '../constraints.js';
import { C, defineSystemTable, type Row } from '../define-table.js';
import { listRelations } from '../relations.js';

export const constraintColumnUsageTable = defineSystemTable({
  schema: 'information_schema',
  name: 'constraint_column_usage',
  catalogOnly: true,
  columns: {
    table_catalog: C.text,
    table_schema: C.text,
    table_name: C.text,
    column_name: C.text,
    constraint_catalog: C.text,
    constraint_schema: C.text,
    constraint_name: C.text,
  },
  primaryKey: ['constraint_catalog', 'constraint_schema', 'constraint_name', 'column_name'],
  rows: (ctx) => {
    const rows: Row[] = [];
    const seen = new Set<string>();
    for (const r of listRelations(ctx.catalog)) {
      if (r.kind === 'view' || r.schema === 'information_schema') continue;
      const add = (column: string, constraint: string): void => {
        const key = `${r.schema}\0${r.name}\0${column}\0${constraint}`;
        if (seen.has(key)) return;
        seen.add(key);
        rows.push({
          table_catalog: 'crate', table_schema: r.schema, table_name: r.name, column_name: column,
          constraint_catalog: 'crate', constraint_schema: r.schema, constraint_name: constraint,
        });
      };
      const notNullName = (column: string): string => `${r.schema}_${r.name}_${column}_not_null`;
      for (const pk of r.primaryKey) {
        add(pk[0]!, r.pkName!);
        if (r.kind === 'system') add(pk[0]!, notNullName(pk[0]!));
      }
      for (const c of r.columns) if (!c.nullable) add(c.path[0]!, notNullName(c.path[0]!));
      for (const chk of r.checks) {
        for (const col of checkColumns(chk.expr, r.columns, chk.column)) add(col, chk.name);
      }
    }
    return rows;
  },
});
