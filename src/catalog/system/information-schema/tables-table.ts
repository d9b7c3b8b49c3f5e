/**
 * information_schema.tables (system-tables.md §3.1): one row per relation — user tables
 * (`BASE TABLE`), views (`VIEW`) and every system table of information_schema, sys and pg_catalog
 * (`BASE TABLE` with NULL shard data, `strict` column policy), as CrateDB lists them.
 */
import { pathName } from '../../table-meta.js';
import { C, defineSystemTable, obj, type Row } from '../define-table.js';
import { listRelations, type RelationInfo } from '../relations.js';
import { TABLE_SETTINGS_TYPE, effectiveTableSettings, numberOfReplicas } from '../table-settings.js';

function tableRow(r: RelationInfo, version: string): Row {
  const base: Row = {
    table_catalog: 'crate',
    table_schema: r.schema,
    table_name: r.name,
    table_type: r.tableType,
    reference_generation: 'SYSTEM GENERATED',
    column_policy: 'strict',
  };
  const meta = r.meta;
  if (!meta || meta.kind !== 'table') return base;
  // Routing column: CLUSTERED BY, else the single primary-key column, else `_id`
  // (CrateDB RelationMetadata.routingColumnOrDefault); shown in dotted `fqn` form.
  const routing = meta.clusteredBy ?? (meta.primaryKey.length === 1 ? meta.primaryKey[0] : undefined);
  return {
    ...base,
    number_of_shards: meta.shards,
    number_of_replicas: numberOfReplicas(meta.settings),
    clustered_by: routing ? routing.join('.') : '_id',
    partitioned_by: meta.partitionedBy.length > 0 ? meta.partitionedBy.map((p) => pathName(p)) : null,
    blobs_path: meta.schema === 'blob' ? (meta.settings['blobs_path'] as string | undefined) ?? null : null,
    column_policy: meta.columnPolicy,
    routing_hash_function: 'Murmur3',
    // cratelite does not record the version a table was created with: report the emulated one.
    version: { created: version, upgraded: null },
    closed: meta.closed,
    self_referencing_column_name: '_id',
    settings: effectiveTableSettings(meta.settings),
  };
}

export const tablesTable = defineSystemTable({
  schema: 'information_schema',
  name: 'tables',
  // ctx.node.version is the build's constant CrateDB version
  catalogOnly: true,
  columns: {
    table_schema: C.text,
    table_name: C.text,
    table_catalog: C.text,
    table_type: C.text,
    number_of_shards: C.int,
    number_of_replicas: C.text,
    clustered_by: C.text,
    partitioned_by: C.textArray,
    blobs_path: C.text,
    column_policy: C.text,
    routing_hash_function: C.text,
    version: obj({ created: C.text, upgraded: C.text }),
    closed: C.bool,
    reference_generation: C.text,
    self_referencing_column_name: C.text,
    settings: TABLE_SETTINGS_TYPE,
  },
  primaryKey: ['table_catalog', 'table_schema', 'table_name'],
  rows: (ctx) => listRelations(ctx.catalog).map((r) => tableRow(r, ctx.node.version)),
});
