/**
 * information_schema foreign-data tables (system-tables.md §3.16): foreign_servers,
 * foreign_server_options, foreign_tables, foreign_table_options, user_mappings,
 * user_mapping_options. cratelite has no foreign data wrappers, so all six are empty; they exist
 * so that tools listing them (and joins against them) work.
 */
import { C, emptySystemTable, type CrateSystemTable } from '../define-table.js';

const text = (...names: string[]): Record<string, typeof C.text> =>
  Object.fromEntries(names.map((n) => [n, C.text]));

export const foreignDataTables: readonly CrateSystemTable[] = [
  emptySystemTable('information_schema', 'foreign_servers', text(
    'foreign_server_catalog', 'foreign_server_name', 'foreign_data_wrapper_catalog', 'foreign_data_wrapper_name',
    'foreign_server_type', 'foreign_server_version', 'authorization_identifier')),
  emptySystemTable('information_schema', 'foreign_server_options', text(
    'foreign_server_catalog', 'foreign_server_name', 'option_name', 'option_value')),
  emptySystemTable('information_schema', 'foreign_tables', text(
    'foreign_table_catalog', 'foreign_table_schema', 'foreign_table_name', 'foreign_server_catalog',
    'foreign_server_name')),
  emptySystemTable('information_schema', 'foreign_table_options', text(
    'foreign_table_catalog', 'foreign_table_schema', 'foreign_table_name', 'option_name', 'option_value')),
  emptySystemTable('information_schema', 'user_mappings', text(
    'authorization_identifier', 'foreign_server_catalog', 'foreign_server_name')),
  emptySystemTable('information_schema', 'user_mapping_options', text(
    'authorization_identifier', 'foreign_server_catalog', 'foreign_server_name', 'option_name', 'option_value')),
];
