/**
 * The shape of one TSBS run's results (written as JSON, read by report.ts), and the
 * correctness gate of spec/bench.md §5: every query instance's row count equals raw DuckDB's.
 */
import type { InstanceResult, PointResults, TypeStats } from './measure.js';
import type { LoadResult } from './loaders.js';

export interface QueryPhase {
  instances: InstanceResult[];
  stats: TypeStats[];
  /** geometric mean of the 15 p50s (NaN when a type failed) */
  geomean: number;
}

export interface DuckResult {
  layout: 'flat' | 'struct';
  version: string;
  loads: LoadResult[];
  fileBytes?: number;
  bytesPerRow?: number;
  queries?: QueryPhase;
  point?: PointResults;
  peakRssBytes?: number;
}

export interface PgResult {
  version: string;
  settings: Record<string, string>;
  loads: LoadResult[];
  tableBytes?: number;
  dataDirBytes?: number;
  tableBytesPerRow?: number;
  bytesPerRow?: number;
  queries?: QueryPhase;
  point?: PointResults;
  peakPssBytes?: number;
}

export interface CrateResult {
  commit: string;
  loads: LoadResult[];
  /** how the queried table was loaded: the last full path, or a fallback load */
  queryTable?: { path: string; fallback: boolean; load: LoadResult };
  dataDirBytes?: number;
  bytesPerRow?: number;
  queriesPg?: QueryPhase;
  queriesHttp?: QueryPhase;
  pointPg?: PointResults;
  pointHttp?: PointResults;
  peakRssBytes?: number;
  idleRssBytes?: number;
  error?: string;
}

export interface RunResult {
  benchmark: 'tsbs-devops-cpu-only';
  date: string;
  preset: string;
  params: Record<string, unknown>;
  environment: Record<string, unknown>;
  dataset: { rows: number; sums: Record<string, number>; testVectors?: 'match' | string };
  duckdbFlat?: DuckResult;
  duckdbStruct?: DuckResult;
  postgresql?: PgResult;
  cratelite?: CrateResult;
  gate?: Gate;
}

export interface Gate {
  ok: boolean;
  reference: string;
  checked: number;
  problems: string[];
}

/** §5 gate: every instance of every other target has the reference's row count. */
export function correctnessGate(r: RunResult): Gate {
  const ref = r.duckdbFlat?.queries?.instances;
  const problems: string[] = [];
  if (!ref) return { ok: false, reference: 'duckdb-flat', checked: 0, problems: ['raw DuckDB (flat) did not run'] };
  const others: Array<[string, InstanceResult[] | undefined]> = [
    ['duckdb-flat', ref],
    ['duckdb-struct', r.duckdbStruct?.queries?.instances],
    ['postgresql', r.postgresql?.queries?.instances],
    ['cratelite (PG)', r.cratelite?.queriesPg?.instances],
    ['cratelite (HTTP)', r.cratelite?.queriesHttp?.instances],
  ];
  let checked = 0;
  for (const [name, list] of others) {
    if (!list) {
      if (name.startsWith('cratelite') && r.cratelite) problems.push(`${name}: no query results`);
      continue;
    }
    list.forEach((x, i) => {
      const want = ref[i]!;
      checked++;
      if (x.error) problems.push(`${name} ${x.type} #${x.index}: ${x.error.split('\n')[0]}`);
      else if (want.error) problems.push(`duckdb-flat ${want.type} #${want.index}: ${want.error}`);
      else if (x.rows !== want.rows) problems.push(`${name} ${x.type} #${x.index}: ${x.rows} rows, DuckDB ${want.rows}`);
    });
  }
  return { ok: problems.length === 0, reference: 'duckdb-flat', checked, problems };
}
