/**
 * sys.health (system-tables.md §4.4) and sys.cluster_health (§4.5).
 *
 * sys.health has one row per non-partitioned table and per partition. All primaries live on the
 * one node, so nothing is RED; a table that asks for at least one replica (`number_of_replicas`
 * lower bound ≥ 1) cannot place it anywhere, which CrateDB reports on a single node as YELLOW with
 * `underreplicated_shards = shards × min replicas`. The default `0-1` stays GREEN.
 * sys.cluster_health is the worst of those rows (GREEN when there are none) plus the counter sums.
 */
import { C, defineSystemTable } from '../define-table.js';
import { shardUnits } from '../partitions.js';
import type { SystemContext } from '../system-table.js';
import { minReplicas } from '../table-settings.js';

export type HealthRow = {
  readonly table_schema: string;
  readonly table_name: string;
  readonly partition_ident: string | null;
  readonly health: 'GREEN' | 'YELLOW' | 'RED';
  readonly severity: number;
  readonly missing_shards: number;
  readonly underreplicated_shards: number;
};

export function tableHealth(ctx: SystemContext): HealthRow[] {
  return shardUnits(ctx).map((u) => {
    const replicas = minReplicas(u.table.settings);
    const under = replicas > 0 && !u.table.closed ? u.table.shards * replicas : 0;
    return {
      table_schema: u.table.schema,
      table_name: u.table.name,
      partition_ident: u.partitionIdent,
      health: under > 0 ? 'YELLOW' : 'GREEN',
      severity: under > 0 ? 2 : 1,
      missing_shards: 0,
      underreplicated_shards: under,
    };
  });
}

export const healthTable = defineSystemTable({
  schema: 'sys',
  name: 'health',
  columns: {
    table_name: C.text,
    table_schema: C.text,
    partition_ident: C.text,
    health: C.text,
    severity: C.smallint,
    missing_shards: C.bigint,
    underreplicated_shards: C.bigint,
  },
  needsStats: true,
  rows: (ctx) => tableHealth(ctx),
});

const HEALTH_BY_SEVERITY = ['GREEN', 'GREEN', 'YELLOW', 'RED'] as const;

export const clusterHealthTable = defineSystemTable({
  schema: 'sys',
  name: 'cluster_health',
  columns: {
    health: C.text,
    severity: C.smallint,
    description: C.text,
    missing_shards: C.bigint,
    underreplicated_shards: C.bigint,
    pending_tasks: C.bigint,
  },
  needsStats: true,
  rows: (ctx) => {
    const rows = tableHealth(ctx);
    const severity = rows.reduce((m, r) => Math.max(m, r.severity), 1);
    return [{
      health: HEALTH_BY_SEVERITY[severity],
      severity,
      description: '',
      missing_shards: rows.reduce((s, r) => s + r.missing_shards, 0),
      underreplicated_shards: rows.reduce((s, r) => s + r.underreplicated_shards, 0),
      pending_tasks: 0,
    }];
  },
});
