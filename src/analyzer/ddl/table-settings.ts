/**
 * Table parameters of `WITH (…)` / `ALTER TABLE … SET` (sql.md §6.1): validation of names and
 * values. Everything is stored; only column_policy and blocks.* have an effect on a single node.
 */
import { SQLParseException } from '../../errors/errors.js';

const KNOWN = new Set([
  'number_of_replicas', 'number_of_shards', 'number_of_routing_shards', 'refresh_interval',
  'blocks.read_only', 'blocks.read_only_allow_delete', 'blocks.read', 'blocks.write', 'blocks.metadata',
  'codec', 'store.type', 'translog.flush_threshold_size', 'translog.sync_interval', 'translog.durability',
  'routing.allocation.enable', 'routing.allocation.total_shards_per_node', 'allocation.max_retries',
  'unassigned.node_left.delayed_timeout', 'write.wait_for_active_shards', 'mapping.total_fields.limit',
  'mapping.depth.limit', 'merge.scheduler.max_thread_count', 'soft_deletes.retention_lease.period',
  'max_ngram_diff', 'max_shingle_diff', 'column_policy', 'blobs_path',
]);

export function validateTableSetting(name: string, value: unknown): unknown {
  if (!KNOWN.has(name) && !/^routing\.allocation\.(include|require|exclude)\./.test(name)) {
    throw new SQLParseException(`Invalid property "${name}" passed to [ALTER | CREATE] TABLE statement`);
  }
  if (name === 'column_policy') {
    const v = String(value).toLowerCase();
    if (v !== 'strict' && v !== 'dynamic') {
      throw new SQLParseException(`Invalid value for argument 'column_policy'`);
    }
    return v;
  }
  if (name.startsWith('blocks.')) return value === true || String(value).toLowerCase() === 'true';
  return value;
}
