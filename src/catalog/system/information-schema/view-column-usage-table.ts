/**
 * information_schema.view_column_usage (system-tables.md §3.10): columns referenced by view
 * definitions. The catalog stores a view's query as text only, without the resolved source
 * columns, so the table is empty for now; it exists so that queries against it work.
 */
import { C, emptySystemTable } from '../define-table.js';

export const viewColumnUsageTable = emptySystemTable('information_schema', 'view_column_usage', {
  view_catalog: C.text,
  view_schema: C.text,
  view_name: C.text,
  table_catalog: C.text,
  table_schema: C.text,
  table_name: C.text,
  column_name: C.text,
});
