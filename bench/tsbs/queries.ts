/**
 * The 15 TSBS devops query types (spec/bench.md §4): deterministic parameter draws, and the
 * text of each instance in three dialects:
 *   crate   the CrateDB text TSBS' CrateDB generator produces (cratelite gets it verbatim)
 *   duckdb  its mechanical translation for raw DuckDB (§7.1): `hostname` / `tags.hostname`
 *           instead of `tags['hostname']`, `epoch_ms(<ms>)` instead of ms literals, `avg`
 *   pg      the PostgreSQL idiom of TSBS' timescaledb generator (§7.2): timestamptz literals,
 *           `avg`, double-groupby also selects and orders by hostname, lastpoint = DISTINCT ON
 */
import { FIELD_NAMES, Mulberry32, type Dataset } from './dataset.js';

const HOUR = 3_600_000;

export interface QueryType {
  name: string;
  /** number of metrics (first N fields); 0 for the `*` types */
  metrics: number;
  /** host count; 0 = no host predicate */
  hosts: number;
  /** window length in ms; 0 = no window */
  window: number;
  kind: 'single-groupby' | 'cpu-max-all' | 'double-groupby' | 'high-cpu' | 'lastpoint' | 'groupby-orderby-limit';
}

export const QUERY_TYPES: readonly QueryType[] = [
  { name: 'single-groupby-1-1-1', kind: 'single-groupby', metrics: 1, hosts: 1, window: HOUR },
  { name: 'single-groupby-1-1-12', kind: 'single-groupby', metrics: 1, hosts: 1, window: 12 * HOUR },
  { name: 'single-groupby-1-8-1', kind: 'single-groupby', metrics: 1, hosts: 8, window: HOUR },
  { name: 'single-groupby-5-1-1', kind: 'single-groupby', metrics: 5, hosts: 1, window: HOUR },
  { name: 'single-groupby-5-1-12', kind: 'single-groupby', metrics: 5, hosts: 1, window: 12 * HOUR },
  { name: 'single-groupby-5-8-1', kind: 'single-groupby', metrics: 5, hosts: 8, window: HOUR },
  { name: 'cpu-max-all-1', kind: 'cpu-max-all', metrics: 10, hosts: 1, window: 8 * HOUR },
  { name: 'cpu-max-all-8', kind: 'cpu-max-all', metrics: 10, hosts: 8, window: 8 * HOUR },
  { name: 'double-groupby-1', kind: 'double-groupby', metrics: 1, hosts: 0, window: 12 * HOUR },
  { name: 'double-groupby-5', kind: 'double-groupby', metrics: 5, hosts: 0, window: 12 * HOUR },
  { name: 'double-groupby-all', kind: 'double-groupby', metrics: 10, hosts: 0, window: 12 * HOUR },
  { name: 'high-cpu-1', kind: 'high-cpu', metrics: 0, hosts: 1, window: 12 * HOUR },
  { name: 'high-cpu-all', kind: 'high-cpu', metrics: 0, hosts: 0, window: 12 * HOUR },
  { name: 'lastpoint', kind: 'lastpoint', metrics: 0, hosts: 0, window: 0 },
  // TSBS draws a 1-hour window and uses only its end
  { name: 'groupby-orderby-limit', kind: 'groupby-orderby-limit', metrics: 1, hosts: 0, window: HOUR },
];

export interface QueryInstance {
  type: string;
  index: number;
  /** [t0, t1) in epoch ms (0, 0 for lastpoint) */
  t0: number;
  t1: number;
  hosts: string[];
  crate: string;
  duckdbFlat: string;
  duckdbStruct: string;
  pg: string;
}

export const PARAM_SEED_XOR = 0x5bd1e995;

/** K instances per type, drawn in table order from the second stream (§4.1). */
export function drawQueries(d: Dataset, k: number): QueryInstance[] {
  const rng = new Mulberry32((d.seed ^ PARAM_SEED_XOR) >>> 0);
  const out: QueryInstance[] = [];
  for (const qt of QUERY_TYPES) {
    for (let i = 0; i < k; i++) {
      let t0 = 0;
      let t1 = 0;
      if (qt.window > 0) {
        t0 = d.start + Math.floor(rng.uniform() * (d.end - d.start - qt.window));
        t1 = t0 + qt.window;
      }
      const hosts: number[] = [];
      while (hosts.length < Math.min(qt.hosts, d.hosts)) {
        const h = rng.choice(d.hosts);
        if (!hosts.includes(h)) hosts.push(h);
      }
      const names = hosts.map((h) => `host_${h}`);
      out.push({ type: qt.name, index: i, t0, t1, hosts: names, crate: render(qt, t0, t1, names, 'crate'),
        duckdbFlat: render(qt, t0, t1, names, 'duckdb-flat'), duckdbStruct: render(qt, t0, t1, names, 'duckdb-struct'),
        pg: render(qt, t0, t1, names, 'pg') });
    }
  }
  return out;
}

type Dialect = 'crate' | 'duckdb-flat' | 'duckdb-struct' | 'pg';

function render(qt: QueryType, t0: number, t1: number, hosts: string[], dialect: Dialect): string {
  const host = { crate: "tags['hostname']", 'duckdb-flat': 'hostname', 'duckdb-struct': 'tags.hostname',
    pg: 'hostname' }[dialect];
  const time = (ms: number): string => {
    if (dialect === 'crate') return String(ms);
    if (dialect === 'pg') return `'${new Date(ms).toISOString()}'`;
    return `epoch_ms(${ms})`;
  };
  const mean = dialect === 'crate' ? 'mean' : 'avg';
  const metrics = FIELD_NAMES.slice(0, qt.metrics);
  const aggs = (fn: string, prefix: string): string => metrics.map((m) => `${fn}(${m}) AS ${prefix}_${m}`).join(', ');
  const hostList = hosts.map((h) => `'${h}'`).join(', ');
  const window = `ts >= ${time(t0)} AND ts < ${time(t1)}`;
  switch (qt.kind) {
    case 'single-groupby':
      return `SELECT date_trunc('minute', ts) AS minute, ${aggs('max', 'max')} FROM cpu ` +
        `WHERE ${host} IN (${hostList}) AND ${window} GROUP BY minute ORDER BY minute ASC`;
    case 'cpu-max-all':
      return `SELECT date_trunc('hour', ts) AS hour, ${aggs('max', 'max')} FROM cpu ` +
        `WHERE ${host} IN (${hostList}) AND ${window} GROUP BY hour ORDER BY hour`;
    case 'double-groupby':
      if (dialect === 'pg') {
        return `SELECT date_trunc('hour', ts) AS hour, hostname, ${aggs(mean, 'mean')} FROM cpu ` +
          `WHERE ${window} GROUP BY hour, hostname ORDER BY hour, hostname`;
      }
      return `SELECT date_trunc('hour', ts) AS hour, ${aggs(mean, 'mean')} FROM cpu ` +
        `WHERE ${window} GROUP BY hour, ${host} ORDER BY hour`;
    case 'high-cpu':
      return `SELECT * FROM cpu WHERE usage_user > 90.0 AND ${window}` +
        (hosts.length ? ` AND ${host} IN (${hostList})` : '');
    case 'lastpoint':
      if (dialect === 'pg') return 'SELECT DISTINCT ON (hostname) * FROM cpu ORDER BY hostname, ts DESC';
      return `SELECT * FROM (SELECT ${host} AS host, max(ts) AS max_ts FROM cpu GROUP BY ${host}) t, cpu c ` +
        `WHERE t.max_ts = c.ts AND t.host = c.${host}`;
    case 'groupby-orderby-limit':
      return `SELECT date_trunc('minute', ts) AS minute, max(usage_user) FROM cpu WHERE ts < ${time(t1)} ` +
        'GROUP BY minute ORDER BY minute DESC LIMIT 5';
  }
}
