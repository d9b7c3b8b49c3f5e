/**
 * Row counts per table and per partition, for the system tables that show them
 * (information_schema.table_partitions, sys.shards, sys.health). Partitions are not stored
 * anywhere: a partition exists while rows with its values exist (a documented deviation:
 * CrateDB keeps an emptied partition listed until it is dropped).
 */
import type { EngineConnection } from '../engine/engine.js';
import { quoteIdent } from '../translator/duckdb-types.js';
import { findColumn, fqn, pathName, type TableMeta } from './table-meta.js';

export type TableStats = Map<string, { rows: number; partitions?: { values: Record<string, unknown>; rows: number }[] }>;

export async function collectTableStats(conn: EngineConnection, tables: readonly TableMeta[]): Promise<TableStats> {
  const stats: TableStats = new Map();
  for (const t of tables) {
    if (t.kind !== 'table') continue;
    const from = `main.${quoteIdent(t.internal)}`;
    if (!t.partitionedBy.length) {
      const [[n]] = await conn.all(`SELECT count(*) FROM ${from}`) as [[bigint]];
      stats.set(fqn(t), { rows: Number(n) });
      continue;
    }
    const cols = t.partitionedBy.map((p) => findColumn(t.columns, p)!);
    const exprs = cols.map((c) => (c.type.kind.startsWith('timestamp') || c.type.kind === 'date'
      ? `epoch_ms(${quoteIdent(c.internal)})` : quoteIdent(c.internal)));
    const rows = await conn.all(`SELECT ${exprs.join(', ')}, count(*) FROM ${from} GROUP BY ALL ORDER BY ALL`);
    let total = 0;
    const partitions = rows.map((r) => {
      const n = Number(r[r.length - 1] as bigint);
      total += n;
      const values: Record<string, unknown> = {};
      t.partitionedBy.forEach((p, i) => { values[pathName(p)] = plain(r[i]); });
      return { values, rows: n };
    });
    stats.set(fqn(t), { rows: total, partitions });
  }
  return stats;
}

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v;
  if (v !== null && typeof v === 'object' && 'toString' in v) return String(v);
  return v;
}
