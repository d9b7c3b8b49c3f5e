/**
 * information_schema.character_sets and information_schema.collations (system-tables.md §3.13,
 * §3.14): one fixed row each — UTF8 and `C.utf8`, the only ones CrateDB knows.
 */
import { C, defineSystemTable } from '../define-table.js';

export const characterSetsTable = defineSystemTable({
  schema: 'information_schema',
  name: 'character_sets',
  catalogOnly: true,
  columns: {
    character_set_catalog: C.text,
    character_set_schema: C.text,
    character_set_name: C.text,
    character_repertoire: C.text,
    form_of_use: C.text,
    default_collate_catalog: C.text,
    default_collate_schema: C.text,
    default_collate_name: C.text,
  },
  rows: () => [{
    character_set_name: 'UTF8',
    character_repertoire: 'UCS',
    form_of_use: 'UTF8',
    default_collate_catalog: 'crate',
  }],
});

export const collationsTable = defineSystemTable({
  schema: 'information_schema',
  name: 'collations',
  catalogOnly: true,
  columns: { collation_catalog: C.text, collation_schema: C.text, collation_name: C.text, pad_attribute: C.text },
  rows: () => [{ collation_catalog: 'crate', collation_schema: 'pg_catalog', collation_name: 'C.utf8', pad_attribute: 'NO PAD' }],
});
