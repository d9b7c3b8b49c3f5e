/**
 * information_schema.table_partitions (system-tables.md §3.7): one row per partition of a
 * partitioned table, with the §2 partition ident and the partition values typed like their
 * columns (`{"day": 1396915200000}`).
 *
 * Partitions share the table's shard count, replicas, closed state and settings: cratelite keeps
 * no per-partition parameters (CrateDB would show the values each partition was created with).
 */
import { C, defineSystemTable, dynamicObj, obj } from '../define-table.js';
import { allPartitions } from '../partitions.js';
import { PARTITION_SETTINGS_TYPE, effectiveTableSettings, numberOfReplicas } from '../table-settings.js';

export const tablePartitionsTable = defineSystemTable({
  schema: 'information_schema',
  name: 'table_partitions',
  columns: {
    table_schema: C.text,
    table_name: C.text,
    partition_ident: C.text,
    values: dynamicObj(),
    number_of_shards: C.int,
    number_of_replicas: C.text,
    routing_hash_function: C.text,
    closed: C.bool,
    version: obj({ created: C.text, upgraded: C.text }),
    settings: PARTITION_SETTINGS_TYPE,
  },
  primaryKey: ['table_schema', 'table_name', 'partition_ident'],
  needsStats: true,
  rows: (ctx) => allPartitions(ctx).map((p) => ({
    table_schema: p.table.schema,
    table_name: p.table.name,
    partition_ident: p.ident,
    values: p.values,
    number_of_shards: p.table.shards,
    number_of_replicas: numberOfReplicas(p.table.settings),
    routing_hash_function: 'Murmur3',
    closed: p.table.closed,
    version: { created: ctx.node.version, upgraded: null },
    settings: effectiveTableSettings(p.table.settings, false),
  })),
});
