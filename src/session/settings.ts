/**
 * Session settings (sql.md §8.2): defaults, SET/RESET validation, SHOW values.
 * Unknown names in SET are ignored (PostgreSQL drivers send many); SHOW of an unknown name fails.
 */
import { SQLParseException } from '../errors/errors.js';

interface SettingDef { default: string; description: string; readOnly?: boolean; validate?: (v: string) => string }

const DEFS: Record<string, SettingDef> = {
  search_path: { default: 'doc', description: 'Sets the schema search order.' },
  application_name: { default: '', description: 'Optional application name. Can be set by a client to identify the application which created the connection' },
  statement_timeout: { default: '0', description: 'The maximum duration of any statement before it gets cancelled. If 0 (the default), queries are allowed to run infinitely and don\'t get cancelled', validate: parseTimeoutSetting },
  enable_hashjoin: { default: 'true', description: 'Considers using the Hash Join instead of the Nested Loop Join implementation.', validate: bool },
  error_on_unknown_object_key: { default: 'true', description: 'Raises or suppresses ObjectKeyUnknownException when querying nonexistent keys to dynamic objects.', validate: bool },
  insert_select_fail_fast: { default: 'false', description: 'Whether or not an INSERT INTO ... SELECT statement should fail fast on the first error', validate: bool },
  datestyle: { default: 'ISO', description: 'Display format for date and time values.', validate: dateStyle },
  client_encoding: { default: 'UTF8', description: 'Sets the client-side encoding (character set).' },
  'memory.operation_limit': { default: '0', description: 'Memory limit in bytes for an individual operation. 0 by-passes the operation limit, relying entirely on the global circuit breaker limits' },
  max_index_keys: { default: '32', description: 'Shows the maximum number of index keys.', readOnly: true },
  max_identifier_length: { default: '255', description: 'Shows the maximum length of identifiers in bytes.', readOnly: true },
  server_version_num: { default: '140000', description: 'Reports the emulated PostgreSQL version number', readOnly: true },
  server_version: { default: '14.0', description: 'Reports the emulated PostgreSQL version number', readOnly: true },
  standard_conforming_strings: { default: 'on', description: 'Causes \'...\' strings to treat backslashes literally.', readOnly: true },
};

function bool(v: string): string {
  const l = v.toLowerCase();
  if (['true', 'on', '1', 't', 'yes'].includes(l)) return 'true';
  if (['false', 'off', '0', 'f', 'no'].includes(l)) return 'false';
  throw new SQLParseException(`Can't convert "${v}" to boolean`);
}

function dateStyle(v: string): string {
  const parts = v.split(',').map((p) => p.trim().toUpperCase());
  if (!parts.every((p) => ['ISO', 'MDY', 'DMY', 'YMD', 'US', 'EUROPEAN', 'GERMAN', 'POSTGRES', 'SQL'].includes(p)) || !parts.includes('ISO')) {
    throw new SQLParseException(`Invalid value for parameter "datestyle": "${v}". Valid values include: ["ISO"].`);
  }
  return 'ISO';
}

/** '10s', '500ms', '1m', plain numbers = ms → ms as text */
export function parseTimeoutSetting(v: string): string {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|min)?\s*$/i.exec(v);
  if (!m) throw new SQLParseException(`Invalid interval format: ${v}`);
  const n = Number(m[1]);
  const unit = (m[2] ?? 'ms').toLowerCase();
  const factor = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 }[unit] ?? 1;
  return String(Math.round(n * factor));
}

export class SessionSettings {
  private readonly values = new Map<string, string>();
  /** what SET … DEFAULT and RESET go back to: the built-in defaults, the session's schema and the node's defaults */
  private readonly defaults = new Map<string, string>();

  constructor(defaultSchema: string) {
    for (const [k, d] of Object.entries(DEFS)) this.defaults.set(k, d.default);
    this.defaults.set('search_path', defaultSchema);
    for (const [k, v] of this.defaults) this.values.set(k, v);
  }

  get map(): ReadonlyMap<string, string> { return this.values; }

  /** bumps on every SET / RESET, so analyses cached under the old values are not reused */
  generation = 0;

  private parsedPath: { raw: string; path: string[] } = { raw: '', path: [] };

  /** search_path as a list without pg_catalog (parsed once per value) */
  get searchPath(): string[] {
    const raw = this.values.get('search_path')!;
    if (raw !== this.parsedPath.raw) {
      this.parsedPath = { raw, path: raw.split(',').map((s) => s.trim()).filter((s) => s && s !== 'pg_catalog') };
    }
    return this.parsedPath.path;
  }

  set(name: string, value: string | 'DEFAULT'): void {
    const def = DEFS[name];
    if (!def) return; // CrateDB ignores unknown settings in SET
    if (def.readOnly) throw new SQLParseException(`"${name}" cannot be changed.`);
    this.generation++;
    this.values.set(name, value === 'DEFAULT' ? this.defaults.get(name)! : def.validate ? def.validate(value) : value);
  }

  /** A node-wide default of this session (e.g. the `statement_timeout` setting): the value now and after RESET. */
  setDefault(name: string, value: string): void {
    this.set(name, value);
    if (DEFS[name]) this.defaults.set(name, this.values.get(name)!);
  }

  reset(name: string | 'ALL'): void {
    this.generation++;
    for (const k of name === 'ALL' ? Object.keys(DEFS) : [name]) {
      if (DEFS[k] && !DEFS[k]!.readOnly) this.values.set(k, this.defaults.get(k)!);
    }
  }

  show(name: string): string {
    const v = this.values.get(name);
    if (v === undefined) throw new SQLParseException(`Unknown session setting name '${name}'.`);
    return name === 'statement_timeout' ? `${v}ms` : v;
  }

  all(): [string, string, string][] {
    return Object.entries(DEFS).map(([k, d]) => [k, this.show(k), d.description]);
  }
}
