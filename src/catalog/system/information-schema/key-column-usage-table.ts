/**
 * information_schema.key_column_usage (system-tables.md §3.4): one row per primary-key column of
 * user tables, `ordinal_position` 1-based within the key. System schemas are left out, and
 * `column_name` is the top-level column name even for a key on `o['k']` — both as CrateDB does
 * (InformationSchemaIterables.keyColumnUsage uses `ColumnIdent.name()`).
 */
import { SYSTEM_SCHEMAS } from '../../catalog.js';
import { C, defineSystemTable, type Row } from '../define-table.js';
import { listRelations } from '../relations.js';

export const keyColumnUsageTable = defineSystemTable({
  schema: 'information_schema',
  name: 'key_column_usage',
  catalogOnly: true,
  columns: {
    constraint_catalog: C.text,
    constraint_schema: C.text,
    constraint_name: C.text,
    table_catalog: C.text,
    table_schema: C.text,
    table_name: C.text,
    column_name: C.text,
    ordinal_position: C.int,
  },
  primaryKey: ['constraint_catalog', 'constraint_schema', 'constraint_name', 'column_name'],
  rows: (ctx) => {
    const rows: Row[] = [];
    for (const r of listRelations(ctx.catalog)) {
      if (!r.pkName || SYSTEM_SCHEMAS.has(r.schema) || r.schema === 'blob') continue;
      r.primaryKey.forEach((path, i) => rows.push({
        constraint_catalog: 'crate',
        constraint_schema: r.schema,
        constraint_name: r.pkName,
        table_catalog: 'crate',
        table_schema: r.schema,
        table_name: r.name,
        column_name: path[0],
        ordinal_position: i + 1,
      }));
    }
    return rows;
  },
});
