/**
 * The node settings cratelite understands, under CrateDB's dotted names (docs/config/node.rst),
 * with their defaults and validation. Sources and their precedence live in load-config.ts.
 *
 *   http.port             4200         HTTP endpoint (0 = any free port)
 *   psql.port             5432         PostgreSQL wire endpoint (0 = any free port)
 *   network.host          127.0.0.1    address both listeners bind to (`_local_` = loopback)
 *   path.data             ./data       data directory, or `:memory:` for a throwaway database
 *   node.name             cratelite    shown by `GET /` and sys.nodes
 *   cluster.name          crate
 *   memory.limit          25% of RAM, at most 4 GiB — DuckDB's memory_limit (its own default, 80%, is
 *                         far too greedy for a process that shares the machine)
 *   statement_max_length  262144       longest accepted SQL text (CrateDB node setting)
 */
import { totalmem } from 'node:os';

export interface Settings {
  'http.port': number;
  'psql.port': number;
  'network.host': string;
  'path.data': string;
  'node.name': string;
  'cluster.name': string;
  'memory.limit': string;
  'statement_max_length': number;
}

export type SettingKey = keyof Settings;

export class ConfigError extends Error {}

interface SettingDef<K extends SettingKey> {
  defaultValue: () => Settings[K];
  /** Turns the text form into a value; throws an Error whose message says what is expected. */
  parse: (raw: string) => Settings[K];
}

const port = (raw: string): number => {
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) throw new Error('expected a port number between 0 and 65535');
  return Number(raw);
};

const nonEmpty = (raw: string): string => {
  if (raw.trim() === '') throw new Error('expected a non-empty value');
  return raw;
};

const positiveInt = (raw: string): number => {
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) throw new Error('expected a positive integer');
  return Number(raw);
};

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** Memory available to this process: physical RAM, or a smaller cgroup limit when there is one. */
function availableMemory(): number {
  const constrained = typeof process.constrainedMemory === 'function' ? process.constrainedMemory() ?? 0 : 0;
  const total = totalmem();
  return constrained > 0 && constrained < total ? constrained : total;
}

export function defaultMemoryLimit(): string {
  const bytes = Math.min(availableMemory() * 0.25, 4 * GiB);
  return `${Math.max(64, Math.floor(bytes / MiB))}MiB`;
}

/** `2GB`, `512MiB`, `1.5 GB` (what DuckDB accepts), or `25%` of the available memory. */
function memoryLimit(raw: string): string {
  const text = raw.trim();
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (percent) {
    const share = Number(percent[1]);
    if (share <= 0 || share > 100) throw new Error('expected a percentage between 0 and 100');
    return `${Math.max(1, Math.floor((availableMemory() * share) / 100 / MiB))}MiB`;
  }
  if (!/^\d+(?:\.\d+)?\s*(?:B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(text)) {
    throw new Error('expected a size such as 2GB, 512MiB or a percentage such as 25%');
  }
  return text;
}

export const SETTINGS: { readonly [K in SettingKey]: SettingDef<K> } = {
  'http.port': { defaultValue: () => 4200, parse: port },
  'psql.port': { defaultValue: () => 5432, parse: port },
  'network.host': { defaultValue: () => '127.0.0.1', parse: (raw) => (nonEmpty(raw) === '_local_' ? '127.0.0.1' : raw.trim()) },
  'path.data': { defaultValue: () => './data', parse: nonEmpty },
  'node.name': { defaultValue: () => 'cratelite', parse: (raw) => raw },
  'cluster.name': { defaultValue: () => 'crate', parse: nonEmpty },
  'memory.limit': { defaultValue: defaultMemoryLimit, parse: memoryLimit },
  'statement_max_length': { defaultValue: () => 262144, parse: positiveInt },
};

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(SETTINGS, key);
}

/** Environment variable of a setting: `http.port` → `CRATELITE_HTTP_PORT`. */
export function envName(key: SettingKey): string {
  return `CRATELITE_${key.replace(/\./g, '_').toUpperCase()}`;
}

export function defaultSettings(): Settings {
  const out: Partial<Record<SettingKey, unknown>> = {};
  for (const key of SETTING_KEYS) out[key] = SETTINGS[key].defaultValue();
  return out as Settings;
}

/** Parse and store one setting; `source` names where the value came from, for the error message. */
export function applySetting(settings: Settings, key: SettingKey, raw: string, source: string): void {
  try {
    (settings as unknown as Record<SettingKey, unknown>)[key] = SETTINGS[key].parse(raw);
  } catch (e) {
    throw new ConfigError(`invalid value [${raw}] for setting [${key}] (${source}): ${(e as Error).message}`);
  }
}
