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
 *   wal.checkpoint_threshold  256MB    DuckDB's checkpoint_threshold: the write-ahead log size that makes a
 *                         commit fold the log into the database file (DuckDB's default, 16MB, makes a
 *                         bulk load checkpoint every ~100,000 rows and costs a third of its speed)
 *   statement_max_length  262144       longest accepted SQL text (CrateDB node setting)
 *   statement_timeout     0            default of the session setting of the same name (0 = none)
 *   log.level             info         debug | info | warn | error
 *   log.format            auto         json | pretty | auto (pretty when stderr is a terminal)
 *   log.slow_statement_threshold  0    log statements running at least this long (0 = off)
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
  'wal.checkpoint_threshold': string;
  'statement_max_length': number;
  /** milliseconds, 0 = no timeout */
  'statement_timeout': number;
  'log.level': LogLevel;
  'log.format': 'auto' | 'json' | 'pretty';
  /** milliseconds, 0 = off */
  'log.slow_statement_threshold': number;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type SettingKey = keyof Settings;

/** A configuration problem; the message names the setting and where its value came from. */
export class ConfigError extends Error {}

interface SettingDef<K extends SettingKey> {
  defaultValue: () => Settings[K];
  /** Turns the text form into a value; throws an Error whose message says what is expected. */
  parse: (raw: string) => Settings[K];
  description: string;
}

const port = (raw: string): number => {
  if (!/^\d+$/.test(raw.trim()) || Number(raw) > 65535) throw new Error('expected a port number between 0 and 65535');
  return Number(raw);
};

const nonEmpty = (raw: string): string => {
  if (raw.trim() === '') throw new Error('expected a non-empty value');
  return raw.trim();
};

const positiveInt = (raw: string): number => {
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) throw new Error('expected a positive integer');
  return Number(raw);
};

const oneOf = <T extends string>(...values: T[]) => (raw: string): T => {
  const v = raw.trim().toLowerCase();
  if (!(values as string[]).includes(v)) throw new Error(`expected one of ${values.join(', ')}`);
  return v as T;
};

/** `0`, `250` (ms), `500ms`, `10s`, `2m`, `1h` → milliseconds (CrateDB's time value units). */
export function parseDuration(raw: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|d)?\s*$/i.exec(raw);
  if (!m) throw new Error('expected a duration such as 0, 500ms, 10s, 2m or 1h');
  const factor = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 'ms').toLowerCase()] ?? 1;
  return Math.round(Number(m[1]) * factor);
}

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

/** `256MB`, `1GiB`, `64 MB`: a size as DuckDB accepts it. */
function size(raw: string): string {
  const text = raw.trim();
  if (!/^\d+(?:\.\d+)?\s*(?:B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(text)) throw new Error('expected a size such as 256MB or 1GiB');
  return text;
}

export const SETTINGS: { readonly [K in SettingKey]: SettingDef<K> } = {
  'http.port': { defaultValue: () => 4200, parse: port, description: 'HTTP port (0 = any free port)' },
  'psql.port': { defaultValue: () => 5432, parse: port, description: 'PostgreSQL wire protocol port (0 = any free port)' },
  'network.host': {
    defaultValue: () => '127.0.0.1',
    parse: (raw) => (nonEmpty(raw) === '_local_' ? '127.0.0.1' : raw.trim()),
    description: 'address to bind (_local_ = 127.0.0.1)',
  },
  'path.data': { defaultValue: () => './data', parse: nonEmpty, description: 'data directory (:memory: = throwaway database)' },
  'node.name': { defaultValue: () => 'cratelite', parse: (raw) => raw, description: 'node name (GET /, sys.nodes)' },
  'cluster.name': { defaultValue: () => 'crate', parse: nonEmpty, description: 'cluster name (sys.cluster)' },
  'memory.limit': {
    defaultValue: defaultMemoryLimit,
    parse: memoryLimit,
    description: 'DuckDB memory limit, e.g. 2GB, 512MiB, 25% (default 25% of RAM, at most 4 GiB)',
  },
  'wal.checkpoint_threshold': {
    defaultValue: () => '256MB',
    parse: size,
    description: 'write-ahead log size that triggers a checkpoint, e.g. 256MB (DuckDB checkpoint_threshold)',
  },
  'statement_max_length': { defaultValue: () => 262144, parse: positiveInt, description: 'longest accepted SQL text, in characters' },
  'statement_timeout': { defaultValue: () => 0, parse: parseDuration, description: 'default statement_timeout of new sessions (0 = none)' },
  'log.level': { defaultValue: () => 'info', parse: oneOf('debug', 'info', 'warn', 'error'), description: 'debug, info, warn or error' },
  'log.format': {
    defaultValue: () => 'auto',
    parse: oneOf('auto', 'json', 'pretty'),
    description: 'json, pretty, or auto (pretty when stderr is a terminal)',
  },
  'log.slow_statement_threshold': {
    defaultValue: () => 0,
    parse: parseDuration,
    description: 'log statements that run at least this long, e.g. 1s (0 = off)',
  },
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

/** The known setting closest to a misspelt one, when it is close enough to be a likely typo. */
export function suggestSetting(key: string): SettingKey | undefined {
  let best: SettingKey | undefined;
  let bestDistance = 3;
  for (const known of SETTING_KEYS) {
    const d = editDistance(key.toLowerCase(), known);
    if (d < bestDistance) { best = known; bestDistance = d; }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
