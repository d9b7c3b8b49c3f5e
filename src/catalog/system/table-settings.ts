/**
 * Effective table parameters as `information_schema.tables.settings` and
 * `information_schema.table_partitions.settings` report them: CrateDB's defaults (sql.md §6.1,
 * system-tables.md §3.1) overlaid with the WITH (…) parameters stored in `TableMeta.settings`.
 *
 * In: `TableMeta.settings` (flat CrateDB names such as `blocks.read_only`, values as written).
 * Out: the nested settings object (`{blocks: {read_only: …}, translog: {…}, …}`) with time values
 * in milliseconds and byte sizes in bytes, like CrateDB shows them.
 */
import os from 'node:os';
import type { DataType } from '../../types/data-type.js';
import { C, dynamicObj, obj } from './define-table.js';

/** `merge.scheduler.max_thread_count` default: Lucene's max(1, min(4, cpus / 2)). */
const MERGE_THREADS = Math.max(1, Math.min(4, Math.floor(os.availableParallelism() / 2)));

const BLOCKS = obj({ read_only: C.bool, read: C.bool, write: C.bool, metadata: C.bool, read_only_allow_delete: C.bool });

const COMMON_FIELDS: Record<string, DataType> = {
  blocks: BLOCKS,
  codec: C.text,
  store: obj({ type: C.text }),
  translog: obj({ flush_threshold_size: C.bigint, sync_interval: C.bigint, durability: C.text }),
  routing: obj({
    allocation: obj({
      enable: C.text, total_shards_per_node: C.int,
      require: dynamicObj(), include: dynamicObj(), exclude: dynamicObj(),
    }),
  }),
  unassigned: obj({ node_left: obj({ delayed_timeout: C.bigint }) }),
  mapping: obj({ total_fields: obj({ limit: C.int }), depth: obj({ limit: C.int }) }),
  merge: obj({ scheduler: obj({ max_thread_count: C.int, max_merge_count: C.int }) }),
  write: obj({ wait_for_active_shards: C.text }),
};

/** Type of `information_schema.tables.settings`. */
export const TABLE_SETTINGS_TYPE: DataType = obj({ refresh_interval: C.bigint, ...COMMON_FIELDS });
/** Type of `information_schema.table_partitions.settings` (no refresh_interval, like CrateDB). */
export const PARTITION_SETTINGS_TYPE: DataType = obj(COMMON_FIELDS);

const TIME_UNITS: Record<string, number> = {
  nanos: 1e-6, micros: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000,
};
const BYTE_UNITS: Record<string, number> = {
  b: 1, kb: 1024, k: 1024, mb: 1024 ** 2, m: 1024 ** 2, gb: 1024 ** 3, g: 1024 ** 3, tb: 1024 ** 4, t: 1024 ** 4,
  pb: 1024 ** 5, p: 1024 ** 5,
};

/** `'5s'` → 5000, `'1m'` → 60000, `500` → 500 (plain numbers are milliseconds). */
export function parseTimeMs(v: unknown, fallback: number): number {
  if (typeof v === 'number' || typeof v === 'bigint') return Number(v);
  if (typeof v !== 'string') return fallback;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(v);
  if (!m) return fallback;
  const unit = m[2]!.toLowerCase() || 'ms';
  const factor = TIME_UNITS[unit];
  return factor === undefined ? fallback : Math.round(Number(m[1]) * factor);
}

/** `'512mb'` → 536870912, plain numbers are bytes. */
export function parseBytes(v: unknown, fallback: number): number {
  if (typeof v === 'number' || typeof v === 'bigint') return Number(v);
  if (typeof v !== 'string') return fallback;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(v);
  if (!m) return fallback;
  const factor = BYTE_UNITS[m[2]!.toLowerCase() || 'b'];
  return factor === undefined ? fallback : Math.round(Number(m[1]) * factor);
}

const asBool = (v: unknown, fallback: boolean): boolean =>
  typeof v === 'boolean' ? v : typeof v === 'string' ? v.toLowerCase() === 'true' : fallback;
const asInt = (v: unknown, fallback: number): number => {
  const n = typeof v === 'string' ? Number(v) : typeof v === 'number' || typeof v === 'bigint' ? Number(v) : NaN;
  return Number.isFinite(n) ? Math.trunc(n) : fallback;
};
const asText = (v: unknown, fallback: string): string => (v === undefined || v === null ? fallback : String(v));

/** `routing.allocation.require.<attr>` entries → `{attr: value}`. */
function group(settings: Readonly<Record<string, unknown>>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(settings)) {
    if (k.startsWith(prefix) && v !== null && v !== undefined) out[k.slice(prefix.length)] = String(v);
  }
  return out;
}

/** The settings object for a table (`withRefresh`) or a partition (without refresh_interval). */
export function effectiveTableSettings(settings: Readonly<Record<string, unknown>>, withRefresh = true): Record<string, unknown> {
  const s = (k: string): unknown => settings[k] ?? settings[`index.${k}`];
  const maxThreads = asInt(s('merge.scheduler.max_thread_count'), MERGE_THREADS);
  const out: Record<string, unknown> = {
    blocks: {
      read_only: asBool(s('blocks.read_only'), false),
      read: asBool(s('blocks.read'), false),
      write: asBool(s('blocks.write'), false),
      metadata: asBool(s('blocks.metadata'), false),
      read_only_allow_delete: asBool(s('blocks.read_only_allow_delete'), false),
    },
    codec: asText(s('codec'), 'default'),
    store: { type: asText(s('store.type'), 'fs') },
    translog: {
      flush_threshold_size: parseBytes(s('translog.flush_threshold_size'), 536_870_912),
      sync_interval: parseTimeMs(s('translog.sync_interval'), 5000),
      durability: asText(s('translog.durability'), 'REQUEST').toUpperCase(),
    },
    routing: {
      allocation: {
        enable: asText(s('routing.allocation.enable'), 'all').toLowerCase(),
        total_shards_per_node: asInt(s('routing.allocation.total_shards_per_node'), -1),
        require: group(settings, 'routing.allocation.require.'),
        include: group(settings, 'routing.allocation.include.'),
        exclude: group(settings, 'routing.allocation.exclude.'),
      },
    },
    unassigned: { node_left: { delayed_timeout: parseTimeMs(s('unassigned.node_left.delayed_timeout'), 60_000) } },
    mapping: {
      total_fields: { limit: asInt(s('mapping.total_fields.limit'), 1000) },
      depth: { limit: asInt(s('mapping.depth.limit'), 100) },
    },
    merge: {
      scheduler: {
        max_thread_count: maxThreads,
        max_merge_count: asInt(s('merge.scheduler.max_merge_count'), maxThreads + 5),
      },
    },
    write: { wait_for_active_shards: asText(s('write.wait_for_active_shards'), '1').toLowerCase() },
  };
  if (withRefresh) out.refresh_interval = parseTimeMs(s('refresh_interval'), 1000);
  return out;
}

/** `number_of_replicas` as CrateDB reports it (text, default `0-1`). */
export function numberOfReplicas(settings: Readonly<Record<string, unknown>>): string {
  const v = settings['number_of_replicas'];
  return v === undefined || v === null ? '0-1' : String(v);
}

/** Lower bound of `number_of_replicas` (`'0-1'` → 0, `'2'` → 2, `'1-all'` → 1). */
export function minReplicas(settings: Readonly<Record<string, unknown>>): number {
  const n = Number.parseInt(numberOfReplicas(settings).split('-')[0] ?? '0', 10);
  return Number.isFinite(n) ? n : 0;
}
