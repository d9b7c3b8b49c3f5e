/**
 * The cluster settings `sys.cluster.settings` shows (system-tables.md §4.1, CrateDB
 * docs/config/cluster.rst): every runtime-visible setting with its CrateDB default, as a nested
 * object (`settings['stats']['jobs_log_size']`).
 *
 * In: SET GLOBAL overrides by dotted name (when the session layer passes them, see
 * `SystemContextExtras`). Out: the object type of the `settings` column and its value.
 */
import type { DataType } from '../../../types/data-type.js';
import { C, dynamicObj, obj, objArray } from '../define-table.js';

type Leaf = readonly [name: string, type: DataType, value: unknown];

const ATTRS = ['_host', '_id', '_ip', '_name'];
const filterGroup = (kind: string): Leaf[] =>
  ATTRS.map((a) => [`cluster.routing.allocation.${kind}.${a}`, C.text, null] as const);

/** Dotted name, leaf type, default value. */
export const CLUSTER_SETTINGS: readonly Leaf[] = [
  ['bulk.request_timeout', C.text, '1m'],
  ['cluster.graceful_stop.force', C.bool, false],
  ['cluster.graceful_stop.min_availability', C.text, 'primaries'],
  ['cluster.graceful_stop.timeout', C.text, '2h'],
  ['cluster.info.update.interval', C.text, '30s'],
  ['cluster.max_shards_per_node', C.int, 1000],
  ['cluster.routing.allocation.allow_rebalance', C.text, 'indices_all_active'],
  ['cluster.routing.allocation.awareness.attributes', C.textArray, []],
  ['cluster.routing.allocation.awareness.force', dynamicObj(), {}],
  ['cluster.routing.allocation.balance.index', C.real, 0.55],
  ['cluster.routing.allocation.balance.shard', C.real, 0.45],
  ['cluster.routing.allocation.balance.threshold', C.real, 1.0],
  ['cluster.routing.allocation.cluster_concurrent_rebalance', C.int, 2],
  ['cluster.routing.allocation.disk.threshold_enabled', C.bool, true],
  ['cluster.routing.allocation.disk.watermark.flood_stage', C.text, '95%'],
  ['cluster.routing.allocation.disk.watermark.high', C.text, '90%'],
  ['cluster.routing.allocation.disk.watermark.low', C.text, '85%'],
  ['cluster.routing.allocation.enable', C.text, 'all'],
  ...filterGroup('exclude'),
  ...filterGroup('include'),
  ['cluster.routing.allocation.node_concurrent_recoveries', C.int, 2],
  ['cluster.routing.allocation.node_initial_primaries_recoveries', C.int, 4],
  ...filterGroup('require'),
  ['cluster.routing.allocation.total_shards_per_node', C.int, -1],
  ['cluster.routing.rebalance.enable', C.text, 'all'],
  ['fdw.allow_local', C.bool, false],
  ['gateway.expected_data_nodes', C.int, -1],
  ['gateway.expected_nodes', C.int, -1],
  ['gateway.recover_after_data_nodes', C.int, -1],
  ['gateway.recover_after_nodes', C.int, -1],
  ['gateway.recover_after_time', C.text, '5m'],
  ['indices.breaker.policy', C.text, 'current'],
  ['indices.breaker.query.limit', C.text, '60%'],
  ['indices.breaker.request.limit', C.text, '60%'],
  ['indices.breaker.total.limit', C.text, '95%'],
  ['indices.recovery.internal_action_long_timeout', C.text, '30m'],
  ['indices.recovery.internal_action_timeout', C.text, '15m'],
  ['indices.recovery.max_bytes_per_sec', C.text, '40mb'],
  ['indices.recovery.max_concurrent_file_chunks', C.int, 2],
  ['indices.recovery.recovery_activity_timeout', C.text, '30m'],
  ['indices.recovery.retry_delay_network', C.text, '5s'],
  ['indices.recovery.retry_delay_state_sync', C.text, '500ms'],
  ['indices.replication.retry_timeout', C.text, '60s'],
  ['logger', objArray({ name: C.text, level: C.text }), []],
  ['memory.allocation.type', C.text, 'on-heap'],
  ['memory.operation_limit', C.int, 0],
  ['overload_protection.dml.initial_concurrency', C.int, 5],
  ['overload_protection.dml.max_concurrency', C.int, 100],
  ['overload_protection.dml.min_concurrency', C.int, 1],
  ['overload_protection.dml.queue_size', C.int, 25],
  ['replication.logical.ops_batch_size', C.int, 50000],
  ['replication.logical.reads_poll_duration', C.text, '50'],
  ['replication.logical.recovery.chunk_size', C.text, '1MB'],
  ['replication.logical.recovery.max_concurrent_file_chunks', C.int, 2],
  ['statement_max_length', C.int, 262144],
  ['statement_timeout', C.text, '0'],
  ['stats.breaker.log.jobs.limit', C.text, '5%'],
  ['stats.breaker.log.operations.limit', C.text, '5%'],
  ['stats.enabled', C.bool, true],
  ['stats.jobs_log_expiration', C.text, '0s'],
  ['stats.jobs_log_filter', C.text, 'true'],
  ['stats.jobs_log_persistent_filter', C.text, 'false'],
  ['stats.jobs_log_size', C.int, 10000],
  ['stats.operations_log_expiration', C.text, '0s'],
  ['stats.operations_log_size', C.int, 10000],
  ['stats.service.interval', C.text, '24h'],
  ['stats.service.max_bytes_per_sec', C.text, '40mb'],
  // cratelite never phones home: usage data collection is reported as disabled.
  ['udc.enabled', C.bool, false],
  ['udc.initial_delay', C.text, '10m'],
  ['udc.interval', C.text, '24h'],
  ['udc.url', C.text, 'https://udc.crate.io/'],
];

interface Tree { [key: string]: Tree | DataType }
const isType = (v: Tree | DataType): v is DataType => typeof (v as { kind?: unknown }).kind === 'string';

function toType(tree: Tree): DataType {
  return obj(Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, isType(v) ? v : toType(v)])));
}

function buildTypeTree(): DataType {
  const root: Tree = {};
  for (const [name, type] of CLUSTER_SETTINGS) {
    const parts = name.split('.');
    let node = root;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Tree;
    node[parts[parts.length - 1]!] = type;
  }
  return toType(root);
}

/** Type of the `sys.cluster.settings` column. */
export const CLUSTER_SETTINGS_TYPE: DataType = buildTypeTree();

/** Defaults overlaid with SET GLOBAL values, nested by the dotted names. */
export function clusterSettingsValue(overrides?: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [name, , value] of CLUSTER_SETTINGS) {
    const parts = name.split('.');
    let node = root;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]!] = overrides?.has(name) ? overrides.get(name) : value;
  }
  return root;
}

/** One setting's effective value (defaults overlaid with `overrides`). */
export function clusterSetting(name: string, overrides?: ReadonlyMap<string, unknown>): unknown {
  if (overrides?.has(name)) return overrides.get(name);
  return CLUSTER_SETTINGS.find(([n]) => n === name)?.[2];
}
