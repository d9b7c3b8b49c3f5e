/**
 * pg_catalog.pg_settings (pgwire.md §8, sql.md §8.2): the session settings with their current
 * value, description, CrateDB type name and default. `SHOW name` and `SHOW ALL` read this table.
 *
 * In: `SessionInfo.settings` (current values by name; absent → default). Out: one row per known
 * setting sorted by name (CrateDB keeps them in a TreeMap), plus any `optimizer_<rule>` setting
 * the session holds. Names, defaults and descriptions are CrateDB's (SessionSettingRegistry).
 */
import { C, defineSystemTable, type Row } from '../define-table.js';
import type { SystemContext } from '../system-table.js';

export interface SessionSettingDef {
  readonly name: string;
  /** value shown when the session has none (CrateDB's getter on fresh session settings) */
  readonly value: string | null;
  /** boot_val / reset_val (CrateDB's default supplier) */
  readonly defaultValue: string | null;
  readonly description: string;
  /** CrateDB type name */
  readonly vartype: string;
}

const def = (name: string, value: string | null, description: string, vartype: string,
  defaultValue: string | null = value): SessionSettingDef => ({ name, value, defaultValue, description, vartype });

export const SESSION_SETTINGS: readonly SessionSettingDef[] = [
  def('application_name', null, 'Optional application name. Can be set by a client to identify the application which created the connection', 'text'),
  def('client_encoding', 'UTF8', 'Sets the client-side encoding. The only supported encoding is UTF8', 'text'),
  def('datestyle', 'ISO', 'Display format for date and time values.', 'text'),
  def('enable_hashjoin', 'true', 'Considers using the Hash Join instead of the Nested Loop Join implementation.', 'boolean'),
  def('error_on_unknown_object_key', 'true', 'Raises or suppresses ObjectKeyUnknownException when querying nonexistent keys to dynamic objects.', 'boolean'),
  def('insert_select_fail_fast', 'false', "Allows partial failure of 'INSERT FROM SELECT' statements", 'boolean'),
  def('max_identifier_length', '255', 'Shows the maximum length of identifiers in bytes.', 'integer'),
  def('max_index_keys', '32', 'Shows the maximum number of index keys.', 'integer'),
  def('memory.operation_limit', '0', 'Memory limit in bytes for an individual operation. 0 by-passes the operation limit, relying entirely on the global circuit breaker limits', 'integer'),
  def('search_path', 'doc', 'Sets the schema search order.', 'text'),
  def('server_version', '14.0', 'Reports the emulated PostgreSQL version number', 'text'),
  def('server_version_num', '140000', 'Reports the emulated PostgreSQL version number', 'integer'),
  def('standard_conforming_strings', 'on', "Causes '...' strings to treat backslashes literally.", 'text'),
  // the value prints as a duration (`0s`), the default as CrateDB's raw `0`
  def('statement_timeout', '0s', 'The maximum duration of any statement before it gets killed. Infinite/disabled if 0', 'interval', '0'),
];

/** `optimizer_merge_filters` → `MergeFilters`, the rule class name CrateDB's description uses. */
const ruleName = (setting: string): string =>
  setting.slice('optimizer_'.length).split('_').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');

function settingRows(ctx: SystemContext): Row[] {
  const current = ctx.session.settings;
  const row = (d: SessionSettingDef, value: string | null): Row => ({
    name: d.name,
    setting: value,
    short_desc: d.description,
    vartype: d.vartype,
    boot_val: d.defaultValue,
    reset_val: d.defaultValue,
  });
  const rows = SESSION_SETTINGS.map((d) => {
    let value = current.get(d.name) ?? d.value;
    if (d.name === 'search_path' && !current.has(d.name)) value = ctx.session.currentSchema;
    return row(d, value);
  });
  for (const [name, value] of current) {
    if (!name.startsWith('optimizer_')) continue;
    rows.push(row(def(name, 'true', `Indicates if the optimizer rule ${ruleName(name)} is activated.`, 'boolean'), value));
  }
  return rows.sort((a, b) => (String(a.name) < String(b.name) ? -1 : 1));
}

export const pgSettingsTable = defineSystemTable({
  schema: 'pg_catalog',
  name: 'pg_settings',
  columns: {
    name: C.text,
    setting: C.text,
    unit: C.text,
    category: C.text,
    short_desc: C.text,
    extra_desc: C.text,
    context: C.text,
    vartype: C.text,
    source: C.text,
    enumvals: C.textArray,
    min_val: C.text,
    max_val: C.text,
    boot_val: C.text,
    reset_val: C.text,
    sourcefile: C.text,
    sourceline: C.int,
    pending_restart: C.bool,
  },
  rows: settingRows,
});
