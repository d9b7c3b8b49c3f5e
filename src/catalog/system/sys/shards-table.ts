/**
 * sys.shards (system-tables.md §4.3): one row per configured shard of every user table, or of
 * every partition of a partitioned table — primaries only, all on the local node.
 *
 * Row distribution: cratelite stores a table in one DuckDB table, so *all* rows (and the storage
 * size, when known) are attributed to shard 0 and the other shards report 0; the sum over a
 * table's shards equals its `count(*)`. Sequence numbers are derived from the row count
 * (`max_seq_no = num_docs - 1`), and `partition_uuid` is a stable UUID-shaped hash of the table
 * and partition, since cratelite keeps no per-shard state.
 */
import { fqn } from '../../table-meta.js';
import { C, defineSystemTable, obj, objArray, type Row } from '../define-table.js';
import { shardUnits } from '../partitions.js';
import { murmur3x86_32 } from '../pg-catalog/pg-oid.js';

const utf8 = new TextEncoder();

/** A UUID-shaped (version 4 layout) hex string derived from `key`. */
export function stableUuid(key: string): string {
  const bytes = utf8.encode(key);
  const hex = [0, 1, 2, 3].map((seed) => (murmur3x86_32(bytes, seed) >>> 0).toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const STATS_3 = (a: string, b: string, c: string) => obj({ [a]: C.bigint, [b]: C.bigint, [c]: C.bigint });

export const shardsTable = defineSystemTable({
  schema: 'sys',
  name: 'shards',
  columns: {
    schema_name: C.text,
    table_name: C.text,
    id: C.int,
    partition_ident: C.text,
    partition_uuid: C.text,
    num_docs: C.bigint,
    primary: C.bool,
    relocating_node: C.text,
    size: C.bigint,
    state: C.text,
    closed: C.bool,
    routing_state: C.text,
    orphan_partition: C.bool,
    recovery: obj({
      stage: C.text,
      type: C.text,
      total_time: C.bigint,
      size: obj({ used: C.bigint, reused: C.bigint, recovered: C.bigint, percent: C.real }),
      files: obj({ used: C.int, reused: C.int, recovered: C.int, percent: C.real }),
    }),
    path: C.text,
    blob_path: C.text,
    min_lucene_version: C.text,
    node: obj({ id: C.text, name: C.text }),
    seq_no_stats: STATS_3('max_seq_no', 'local_checkpoint', 'global_checkpoint'),
    translog_stats: obj({
      size: C.bigint, uncommitted_size: C.bigint, number_of_operations: C.int, uncommitted_operations: C.int,
    }),
    retention_leases: obj({
      primary_term: C.bigint,
      version: C.bigint,
      leases: objArray({ id: C.text, retaining_seq_no: C.bigint, timestamp: C.ts, source: C.text }),
    }),
    flush_stats: STATS_3('count', 'periodic_count', 'total_time_ns'),
    refresh_stats: STATS_3('count', 'pending_count', 'total_time_ns'),
    merge_stats: obj({
      count: C.bigint, total_num_docs: C.bigint, total_size_bytes: C.bigint, total_time_ms: C.bigint,
      total_throttled_time_ms: C.bigint, current_count: C.bigint, current_num_docs: C.bigint,
      current_size_bytes: C.bigint, bytes_per_sec_auto_throttle: C.bigint,
    }),
    last_write_before: C.ts,
  },
  primaryKey: ['schema_name', 'table_name', 'id', 'partition_ident'],
  needsStats: true,
  rows: (ctx) => {
    const rows: Row[] = [];
    for (const unit of shardUnits(ctx)) {
      const t = unit.table;
      const ident = unit.partitionIdent ?? '';
      const uuid = stableUuid(`${fqn(t)}/${ident}/${t.oid}`);
      for (let id = 0; id < t.shards; id++) {
        const docs = id === 0 ? unit.rows : 0;
        const seqNo = docs - 1;
        rows.push({
          schema_name: t.schema,
          table_name: t.name,
          id,
          partition_ident: ident,
          partition_uuid: uuid,
          num_docs: docs,
          primary: true,
          relocating_node: null,
          size: 0,
          state: t.closed ? 'CLOSED' : 'STARTED',
          closed: t.closed,
          routing_state: 'STARTED',
          orphan_partition: false,
          recovery: {
            stage: 'DONE', type: 'EXISTING_STORE', total_time: 0,
            size: { used: 0, reused: 0, recovered: 0, percent: 100.0 },
            files: { used: 0, reused: 0, recovered: 0, percent: 100.0 },
          },
          path: ctx.node.dataPath,
          blob_path: null,
          min_lucene_version: null,
          node: { id: ctx.node.nodeId, name: ctx.node.nodeName },
          seq_no_stats: { max_seq_no: seqNo, local_checkpoint: seqNo, global_checkpoint: seqNo },
          translog_stats: { size: 0, uncommitted_size: 0, number_of_operations: 0, uncommitted_operations: 0 },
          retention_leases: { primary_term: 1, version: 0, leases: [] },
          flush_stats: { count: 0, periodic_count: 0, total_time_ns: 0 },
          refresh_stats: { count: 0, pending_count: 0, total_time_ns: 0 },
          merge_stats: {
            count: 0, total_num_docs: 0, total_size_bytes: 0, total_time_ms: 0, total_throttled_time_ms: 0,
            current_count: 0, current_num_docs: 0, current_size_bytes: 0, bytes_per_sec_auto_throttle: 0,
          },
          last_write_before: null,
        });
      }
    }
    return rows;
  },
});
