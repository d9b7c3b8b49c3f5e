/**
 * sys.node_checks (system-tables.md §4.7): node checks with CrateDB's ids, severities and texts.
 *
 * On one node the recovery checks (1–3) pass by CrateDB's own rules (a single data node always
 * satisfies them with default settings). The disk-watermark checks (5–7) compare the data
 * directory's filesystem usage with `cluster.routing.allocation.disk.watermark.*`; check 8
 * compares the shard count (Σ shards over tables and partitions, closed ones excluded) with 90 %
 * of `cluster.max_shards_per_node`. `acknowledged` is the one updatable column; it lives in
 * memory until restart (`acknowledgeNodeCheck`).
 */
import { extras } from '../context-extras.js';
import { C, defineSystemTable } from '../define-table.js';
import { shardUnits } from '../partitions.js';
import type { SystemContext } from '../system-table.js';
import { parseBytes } from '../table-settings.js';
import { clusterSetting } from './cluster-settings.js';
import { diskUsage } from './node-stats.js';

const NODE_CHECK_LINK = 'https://cr8.is/d-node-check-';

const DESCRIPTIONS: Record<number, string> = {
  1: "It has been detected that the 'gateway.expected_data_nodes' setting (or the deprecated "
    + "'gateway.recovery_after_nodes' setting) is not configured or it does not match the actual number of "
    + '(data) nodes in the cluster.',
  2: "The cluster setting 'gateway.recover_after_data_nodes' (or the deprecated `gateway.recovery_after_nodes` "
    + 'setting) is not configured or it is set to a value that seems low in relation to the the maximum/expected '
    + 'number of (data) nodes in the cluster.',
  3: 'If any of the "expected data nodes" recovery settings are set (or the deprecated "expected nodes" settings),'
    + "the value of 'gateway.recover_after_time' must not be zero. Otherwise the \"expected (data) nodes\" setting "
    + "wouldn't have any effect.",
  5: 'The high disk watermark is exceeded on the node. The cluster will attempt to relocate shards to another node. '
    + 'Please check the node disk usage.',
  6: 'The low disk watermark is exceeded on the node. The cluster will not allocate new shards to the node. '
    + 'Please check the node disk usage.',
  7: 'The flood stage disk watermark is exceeded on the node. Tables that reside on an affected disk on this node '
    + 'have been made read-only. Please check the node disk usage.',
  8: 'The amount of shards on the node reached 90 % of the limit of the cluster setting '
    + '`cluster.max_shards_per_node`. Creating new tables or partitions which would push the number of shards '
    + 'beyond 100 % of the limit will be rejected.',
};

const SEVERITY: Record<number, number> = { 1: 2, 2: 2, 3: 2, 5: 3, 6: 3, 7: 3, 8: 2 };

const acknowledged = new Map<number, boolean>();

/** `UPDATE sys.node_checks SET acknowledged = …`: transient, like CrateDB. */
export function acknowledgeNodeCheck(id: number, value: boolean): boolean {
  if (!(id in SEVERITY)) return false;
  acknowledged.set(id, value);
  return true;
}

/** `'85%'` → used ≤ 85 %; `'500mb'` → at least 500 MB free. */
function watermarkOk(setting: unknown, free: number, total: number): boolean {
  const text = String(setting).trim();
  if (text.endsWith('%')) return total <= 0 || ((total - free) * 100) / total <= Number(text.slice(0, -1));
  const ratio = Number(text);
  if (Number.isFinite(ratio) && ratio <= 1) return total <= 0 || (total - free) / total <= ratio;
  return free >= parseBytes(text, 0);
}

function evaluate(ctx: SystemContext): Record<number, boolean> {
  const overrides = extras(ctx).clusterSettings;
  const s = (name: string): unknown => clusterSetting(name, overrides);
  const disk = diskUsage(ctx.node.dataPath);
  const diskOk = (level: string): boolean => !disk || s('cluster.routing.allocation.disk.threshold_enabled') === false
    || watermarkOk(s(`cluster.routing.allocation.disk.watermark.${level}`), disk.available, disk.size);
  const shards = shardUnits(ctx).filter((u) => !u.table.closed).reduce((n, u) => n + u.table.shards, 0);
  const maxShards = Number(s('cluster.max_shards_per_node'));
  return {
    1: true,
    2: true,
    3: true,
    5: diskOk('high'),
    6: diskOk('low'),
    7: diskOk('flood_stage'),
    8: !(maxShards > 0) || shards / maxShards < 0.9,
  };
}

export const nodeChecksTable = defineSystemTable({
  schema: 'sys',
  name: 'node_checks',
  columns: {
    id: C.int,
    node_id: C.text,
    severity: C.int,
    description: C.text,
    passed: C.bool,
    acknowledged: C.bool,
  },
  primaryKey: ['id', 'node_id'],
  needsStats: true,
  rows: (ctx) => {
    const passed = evaluate(ctx);
    return Object.keys(SEVERITY).map(Number).map((id) => ({
      id,
      node_id: ctx.node.nodeId,
      severity: SEVERITY[id],
      description: `${DESCRIPTIONS[id]} ${NODE_CHECK_LINK}${id}`,
      passed: passed[id],
      acknowledged: acknowledged.get(id) ?? false,
    }));
  },
});
