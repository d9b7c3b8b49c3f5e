/**
 * The contract for system tables (information_schema, sys, pg_catalog): a fixed list of typed
 * columns and a function producing the current rows from the catalog and node state. The analyzer
 * turns the rows into an inline DuckDB relation, so filters, joins and aggregates on system tables
 * go through the same path as user tables (STYLE.md §2).
 */
import type { Catalog } from '../catalog.js';
import type { DataType } from '../../types/data-type.js';

export interface SystemColumn { readonly name: string; readonly type: DataType }

export interface NodeInfo {
  readonly nodeId: string;
  readonly nodeName: string;
  readonly clusterName: string;
  readonly clusterId: string;
  readonly hostname: string;
  readonly httpUrl?: string;
  readonly pgUrl?: string;
  readonly startedAt: number;
  readonly dataPath: string;
  readonly version: string;
}

export interface SessionInfo {
  readonly user: string;
  readonly currentSchema: string;
  /** session settings by name */
  readonly settings: ReadonlyMap<string, string>;
}

export interface SystemContext {
  readonly catalog: Catalog;
  readonly node: NodeInfo;
  readonly session: SessionInfo;
  /**
   * Row counts per table (fully qualified name) and per partition, computed only when a system
   * table asks for them (sys.shards, table_partitions): callers pass what they can.
   */
  readonly stats?: ReadonlyMap<string, { rows: number; partitions?: { values: Record<string, unknown>; rows: number }[] }>;
}

export interface SystemTable {
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly SystemColumn[];
  /**
   * Row values in column order. Values use plain JS forms: numbers/bigints, strings, booleans,
   * null, arrays, plain objects (object columns), numbers of epoch ms for timestamps.
   */
  rows(ctx: SystemContext): unknown[][] | Promise<unknown[][]>;
  /** true when rows() needs `ctx.stats` (the analyzer then computes them first) */
  readonly needsStats?: boolean;
  /**
   * true when rows() depend on the catalog alone (information_schema.columns, pg_attribute …):
   * the analyzer reuses them, already as SQL, until the catalog's version moves.
   */
  readonly catalogOnly?: boolean;
}
