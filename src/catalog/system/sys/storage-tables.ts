/**
 * sys tables about shard placement, segments and snapshots that a single DuckDB-backed node has
 * nothing to report for (system-tables.md §4.14–§4.16): sys.allocations (every primary is
 * assigned; replicas are not modelled), sys.segments (no Lucene segments), sys.repositories,
 * sys.snapshots and sys.snapshot_restore (no snapshot repositories). All are empty but carry
 * CrateDB's columns so that tools and joins work.
 */
import { C, dynamicObj, emptySystemTable, obj, objArray } from '../define-table.js';

export const allocationsTable = emptySystemTable('sys', 'allocations', {
  table_schema: C.text,
  table_name: C.text,
  partition_ident: C.text,
  shard_id: C.int,
  node_id: C.text,
  primary: C.bool,
  current_state: C.text,
  explanation: C.text,
  decisions: objArray({ node_id: C.text, node_name: C.text, explanations: C.textArray }),
}, ['table_schema', 'table_name', 'partition_ident', 'shard_id']);

export const segmentsTable = emptySystemTable('sys', 'segments', {
  table_schema: C.text,
  table_name: C.text,
  partition_ident: C.text,
  shard_id: C.int,
  node: obj({ id: C.text, name: C.text }),
  segment_name: C.text,
  generation: C.bigint,
  num_docs: C.int,
  deleted_docs: C.int,
  size: C.bigint,
  memory: C.bigint,
  committed: C.bool,
  primary: C.bool,
  search: C.bool,
  version: C.text,
  compound: C.bool,
  merge_id: C.text,
  fully_merged_docs: C.int,
  attributes: dynamicObj(),
});

export const repositoriesTable = emptySystemTable('sys', 'repositories', {
  name: C.text,
  type: C.text,
  settings: dynamicObj(),
}, ['name']);

export const snapshotsTable = emptySystemTable('sys', 'snapshots', {
  id: C.text,
  name: C.text,
  repository: C.text,
  concrete_indices: C.textArray,
  tables: C.textArray,
  relations: objArray({ table_schema: C.text, table_name: C.text }),
  table_partitions: objArray({ table_schema: C.text, table_name: C.text, values: C.textArray }),
  started: C.ts,
  finished: C.ts,
  version: C.text,
  state: C.text,
  failures: C.textArray,
  reason: C.text,
  total_shards: C.int,
  include_global_state: C.bool,
}, ['name', 'repository']);

export const snapshotRestoreTable = emptySystemTable('sys', 'snapshot_restore', {
  id: C.text,
  name: C.text,
  repository: C.text,
  shards: objArray({
    table_schema: C.text, table_name: C.text, partition_ident: C.text, shard_id: C.int, state: C.text,
  }),
  state: C.text,
}, ['id', 'name', 'repository']);
