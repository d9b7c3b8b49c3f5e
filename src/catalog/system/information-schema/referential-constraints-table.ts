/**
 * information_schema.referential_constraints (system-tables.md §3.6): CrateDB has no foreign
 * keys, so the table is always empty; it exists for tools that join against it.
 */
import { C, emptySystemTable } from '../define-table.js';

export const referentialConstraintsTable = emptySystemTable('information_schema', 'referential_constraints', {
  constraint_catalog: C.text,
  constraint_schema: C.text,
  constraint_name: C.text,
  unique_constraint_catalog: C.text,
  unique_constraint_schema: C.text,
  unique_constraint_name: C.text,
  match_option: C.text,
  update_rule: C.text,
  delete_rule: C.text,
}, ['constraint_catalog', 'constraint_schema', 'constraint_name']);
