/**
 * Partitions and "shard units" of user tables, derived from the statistics the caller computed
 * (`SystemContext.stats`) — the catalog itself does not list partitions; they exist as long as
 * rows with those PARTITIONED BY values exist.
 *
 * In: `ctx.stats` keyed by `schema.table`, each partition's `values` keyed by the partition
 * column in subscript notation (`day`, `o['k']`). Out: partitions with their §2 ident, and one
 * unit per non-partitioned table or per partition (what sys.shards, sys.health and the node
 * checks iterate over).
 */
import { partitionIdent } from '../partition-ident.js';
import { findColumn, fqn, pathName, type TableMeta } from '../table-meta.js';
import { userTables } from './relations.js';
import type { SystemContext } from './system-table.js';

export interface PartitionInfo {
  readonly table: TableMeta;
  readonly ident: string;
  /** `{column: value}`, values typed like the column */
  readonly values: Record<string, unknown>;
  readonly rows: number;
}

/** A table (partitionIdent null) or one partition of a partitioned table. */
export interface ShardUnit {
  readonly table: TableMeta;
  readonly partitionIdent: string | null;
  readonly rows: number;
}

function partitionValue(values: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  const key = pathName(path);
  if (key in values) return values[key];
  const dotted = path.join('.');
  return dotted in values ? values[dotted] : null;
}

/** Partitions of one table, ordered by ident. */
export function tablePartitions(ctx: SystemContext, table: TableMeta): PartitionInfo[] {
  if (table.partitionedBy.length === 0) return [];
  const stat = ctx.stats?.get(fqn(table));
  const types = table.partitionedBy.map((p) => findColumn(table.columns, p)?.type);
  const out: PartitionInfo[] = [];
  for (const p of stat?.partitions ?? []) {
    const ordered = table.partitionedBy.map((path) => partitionValue(p.values, path));
    const values: Record<string, unknown> = {};
    table.partitionedBy.forEach((path, i) => { values[pathName(path)] = ordered[i] ?? null; });
    out.push({ table, ident: partitionIdent(ordered, types), values, rows: p.rows });
  }
  return out.sort((a, b) => (a.ident < b.ident ? -1 : a.ident > b.ident ? 1 : 0));
}

/** Every partition of every partitioned user table. */
export function allPartitions(ctx: SystemContext): PartitionInfo[] {
  return userTables(ctx.catalog).flatMap((t) => tablePartitions(ctx, t));
}

/** Non-partitioned tables and partitions, in table order. */
export function shardUnits(ctx: SystemContext): ShardUnit[] {
  const units: ShardUnit[] = [];
  for (const t of userTables(ctx.catalog)) {
    if (t.partitionedBy.length === 0) {
      units.push({ table: t, partitionIdent: null, rows: ctx.stats?.get(fqn(t))?.rows ?? 0 });
    } else {
      for (const p of tablePartitions(ctx, t)) units.push({ table: t, partitionIdent: p.ident, rows: p.rows });
    }
  }
  return units;
}
