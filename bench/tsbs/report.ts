/**
 * The printed report of a TSBS run (spec/bench.md §9): markdown tables for ingest, queries and
 * the other metrics, one column per target and ratio columns (slowdown factors: latency
 * target ÷ reference, throughput reference ÷ target; above 1 = worse than the reference),
 * then the issue-4 targets with met / missed by how much, then the correctness-gate verdict.
 */
import { QUERY_TYPES } from './queries.js';
import type { LoadResult } from './loaders.js';
import type { PointResults, TypeStats } from './measure.js';
import type { RunResult } from './results.js';

const MiB = 2 ** 20;

function table(rows: string[][]): string {
  const w = rows[0]!.map((_, j) => Math.max(...rows.map((r) => (r[j] ?? '').length)));
  const line = (r: string[]): string => '| ' + r.map((c, j) => (j === 0 ? c.padEnd(w[j]!) : c.padStart(w[j]!))).join(' | ') + ' |';
  return [line(rows[0]!), '|' + w.map((n, j) => (j === 0 ? '-'.repeat(n + 2) : '-'.repeat(n + 1) + ':')).join('|') + '|',
    ...rows.slice(1).map(line)].join('\n');
}

const num = (x: number | undefined, digits = 0): string =>
  x === undefined || !Number.isFinite(x) ? '–' : x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '–' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const ratio = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '–' : `${x < 10 ? x.toFixed(2) : x.toFixed(0)}×`);

function loadCell(l: LoadResult | undefined, totalRows: number): string {
  if (!l) return '–';
  if (!l.ok) return l.rowsPerSec === undefined ? 'FAILED' : `${num(l.rowsPerSec / 1000, 1)} (count wrong)`;
  const limited = l.rows < totalRows ? ` (${num(l.rows)} rows)` : '';
  return num(l.rowsPerSec! / 1000, 1) + limited;
}

const okRate = (l: LoadResult | undefined): number | undefined => (l?.ok ? l.rowsPerSec : undefined);
const find = (loads: LoadResult[] | undefined, path: string): LoadResult | undefined => loads?.find((l) => l.path === path);

function ingestTable(r: RunResult): string {
  const n = r.dataset.rows;
  const df = r.duckdbFlat?.loads;
  const ds = r.duckdbStruct?.loads;
  const pgl = r.postgresql?.loads;
  const cl = r.cratelite?.loads;
  const row = (label: string, d: string | undefined, s: string | undefined, p: string | undefined, c: string | undefined) => {
    const dl = find(df, d ?? '');
    const pl = find(pgl, p ?? '');
    const clr = find(cl, c ?? '');
    return [label, d ? loadCell(dl, n) : '–', s ? loadCell(find(ds, s), n) : '–', p ? loadCell(pl, n) : '–',
      c ? loadCell(clr, n) : '–',
      ratio(d && c ? (okRate(dl) ?? NaN) / (okRate(clr) ?? NaN) : undefined),
      ratio(p && c ? (okRate(pl) ?? NaN) / (okRate(clr) ?? NaN) : undefined)];
  };
  const best = (loads: LoadResult[] | undefined): string => {
    const ok = (loads ?? []).filter((l) => l.ok);
    if (!ok.length) return '–';
    const b = ok.reduce((a, l) => (l.rowsPerSec! > a.rowsPerSec! ? l : a));
    return `${num(b.rowsPerSec! / 1000, 1)} (${b.path})`;
  };
  return table([
    ['ingest (k rows/s)', 'duckdb-flat', 'duckdb-struct', 'postgresql', 'cratelite', 'cratelite/duckdb-flat', 'cratelite/postgresql'],
    row('appender (DuckDB DataChunks)', 'appender', 'appender', undefined, undefined),
    row('SQL-text INSERT … VALUES (DuckDB)', 'insert-sql', 'insert-sql', undefined, undefined),
    row('L1 HTTP bulk_args', undefined, undefined, undefined, 'http-bulk'),
    row('L2 PG multi-row INSERT', undefined, undefined, 'pg-insert', 'pg-insert'),
    row('L3 PG pipelined', undefined, undefined, 'pg-pipeline', 'pg-pipeline'),
    row('L4 COPY (read_json / COPY csv / COPY FROM json)', 'copy', 'copy', 'copy', 'copy'),
    ['best path', best(df), best(ds), best(pgl), best(cl), '', ''],
  ]);
}

function queryTable(r: RunResult): string {
  const get = (s: TypeStats[] | undefined, t: string): TypeStats | undefined => s?.find((x) => x.type === t);
  const cell = (s: TypeStats | undefined): string => (!s ? '–' : s.error ? 'FAILED' : `${ms(s.p50)} (${ms(s.p95)})`);
  const df = r.duckdbFlat?.queries?.stats;
  const ds = r.duckdbStruct?.queries?.stats;
  const pq = r.postgresql?.queries?.stats;
  const cp = r.cratelite?.queriesPg?.stats;
  const ch = r.cratelite?.queriesHttp?.stats;
  const rows = [['query p50 (p95) ms', 'duckdb-flat', 'duckdb-struct', 'postgresql', 'cratelite PG', 'cratelite HTTP',
    'PG/duckdb-flat', 'HTTP/duckdb-flat', 'PG/postgresql']];
  for (const qt of QUERY_TYPES) {
    const [a, b, c, d, e] = [get(df, qt.name), get(ds, qt.name), get(pq, qt.name), get(cp, qt.name), get(ch, qt.name)];
    rows.push([qt.name, cell(a), cell(b), cell(c), cell(d), cell(e),
      ratio((d?.p50 ?? NaN) / (a?.p50 ?? NaN)), ratio((e?.p50 ?? NaN) / (a?.p50 ?? NaN)), ratio((d?.p50 ?? NaN) / (c?.p50 ?? NaN))]);
  }
  const g = [r.duckdbFlat?.queries?.geomean, r.duckdbStruct?.queries?.geomean, r.postgresql?.queries?.geomean,
    r.cratelite?.queriesPg?.geomean, r.cratelite?.queriesHttp?.geomean];
  rows.push(['geomean of p50s', ...g.map(ms), ratio((g[3] ?? NaN) / (g[0] ?? NaN)), ratio((g[4] ?? NaN) / (g[0] ?? NaN)),
    ratio((g[3] ?? NaN) / (g[2] ?? NaN))]);
  return table(rows);
}

function otherTable(r: RunResult): string {
  const c = r.cratelite;
  const p = (x: PointResults | undefined, k: keyof PointResults, d = 0): string =>
    x ? (k === 'pk1P50Ms' ? `${x[k].toFixed(2)} ms` : num(x[k], d)) : '–';
  const both = (k: keyof PointResults): string => (c?.pointPg || c?.pointHttp ? `${p(c?.pointPg, k)} / ${p(c?.pointHttp, k)}` : '–');
  // throughput ratio reference ÷ target (over PG wire)
  const tr = (ref: PointResults | undefined, k: keyof PointResults): string =>
    ratio(k === 'pk1P50Ms' ? (c?.pointPg?.[k] ?? NaN) / (ref?.[k] ?? NaN) : (ref?.[k] ?? NaN) / (c?.pointPg?.[k] ?? NaN));
  const df = r.duckdbFlat;
  const ds = r.duckdbStruct;
  const pg = r.postgresql;
  const pt = (k: keyof PointResults): string[] => [p(df?.point, k), p(ds?.point, k), p(pg?.point, k), both(k),
    tr(df?.point, k), tr(pg?.point, k)];
  const mib = (b: number | undefined): string => (b === undefined ? '–' : num(b / MiB));
  return table([
    ['metric', 'duckdb-flat', 'duckdb-struct', 'postgresql', 'cratelite (PG / HTTP)', 'cratelite/duckdb-flat', 'cratelite/postgresql'],
    ['SELECT 1 (/s, 1 conn)', ...pt('select1PerSec')],
    ['PK lookup (/s, 1 conn)', ...pt('pk1PerSec')],
    ['PK lookup (/s, 4 conns)', ...pt('pk4PerSec')],
    ['PK lookup p50', ...pt('pk1P50Ms')],
    ['peak memory (MiB)', `${mib(df?.peakRssBytes)} (RSS)`, `${mib(ds?.peakRssBytes)} (RSS)`, `${mib(pg?.peakPssBytes)} (PSS)`,
      `${mib(c?.peakRssBytes)} (RSS)`, ratio((c?.peakRssBytes ?? NaN) / (df?.peakRssBytes ?? NaN)),
      ratio((c?.peakRssBytes ?? NaN) / (pg?.peakPssBytes ?? NaN))],
    ['idle RSS after start (MiB)', '–', '–', '–', mib(c?.idleRssBytes), '', ''],
    ['on-disk bytes/row (data dir; PostgreSQL without pg_wal)', num(df?.bytesPerRow, 1), num(ds?.bytesPerRow, 1), num(pg?.bytesPerRow, 1),
      num(c?.bytesPerRow, 1), ratio((c?.bytesPerRow ?? NaN) / (df?.bytesPerRow ?? NaN)),
      ratio((c?.bytesPerRow ?? NaN) / (pg?.bytesPerRow ?? NaN))],
    ['table bytes/row', '–', '–', num(pg?.tableBytesPerRow, 1), '–', '', ''],
  ]);
}

export interface TargetCheck { target: string; figure: string; met: boolean | undefined; verdict: string }

/** The issue-4 targets for cratelite (set for the large preset). */
export function checkTargets(r: RunResult): TargetCheck[] {
  const c = r.cratelite;
  const duck = r.duckdbFlat;
  const out: TargetCheck[] = [];
  const missedBy = (f: number): string => `missed by ${f < 10 ? f.toFixed(2) : f.toFixed(0)}×`;
  /** actual must be ≤ limit */
  const atMost = (target: string, actual: number | undefined, limit: number, fmt: (x: number) => string, failed?: string) => {
    if (failed) {
      out.push({ target, figure: 'FAILED', met: false, verdict: `missed: ${failed}` });
    } else if (actual === undefined || !Number.isFinite(actual)) {
      out.push({ target, figure: '–', met: undefined, verdict: 'not measured' });
    } else {
      const met = actual <= limit;
      out.push({ target, figure: fmt(actual), met, verdict: met ? `met (${(actual / limit).toFixed(2)} of the limit)` : missedBy(actual / limit) });
    }
  };
  /** actual must be ≥ limit */
  const atLeast = (target: string, l: LoadResult | undefined, limit: number) => {
    if (!l || !l.ok) {
      out.push({ target, figure: l ? 'FAILED' : '–', met: l ? false : undefined,
        verdict: l ? `missed: ${l.error ?? 'failed'}` : 'not measured' });
      return;
    }
    const actual = l.rowsPerSec!;
    const met = actual >= limit;
    const note = l.rows < r.dataset.rows ? ` on ${num(l.rows)} rows` : '';
    out.push({ target, figure: `${num(actual)} rows/s${note}`, met,
      verdict: met ? `met (${(actual / limit).toFixed(2)}× the target)` : missedBy(limit / actual) });
  };
  const ratioOf = (a: number | undefined, b: number | undefined): number | undefined =>
    a === undefined || b === undefined ? undefined : a / b;
  const failedOf = (stats: TypeStats[] | undefined): string | undefined => {
    const f = (stats ?? []).filter((s) => s.error).map((s) => s.type);
    return f.length ? `${f.join(', ')} failed` : c && !stats ? 'no query results' : undefined;
  };
  atMost('query geomean over PG ≤ 1.2× raw DuckDB', ratioOf(c?.queriesPg?.geomean, duck?.queries?.geomean), 1.2,
    (x) => `${x.toFixed(2)}×`, failedOf(c?.queriesPg?.stats));
  const pgStats = c?.queriesPg?.stats ?? [];
  const failedTypes = pgStats.filter((s) => s.error).map((s) => s.type);
  if (failedTypes.length) {
    out.push({ target: 'no query type over PG > 2× raw DuckDB', figure: `${failedTypes.length} types failed`, met: false,
      verdict: `missed: ${failedTypes.join(', ')} failed` });
  } else {
    const factors = pgStats.map((s) => ({ type: s.type,
      f: s.p50 / (duck?.queries?.stats.find((x) => x.type === s.type)?.p50 ?? NaN) }));
    const worst = factors.length ? factors.reduce((a, x) => (x.f > a.f ? x : a)) : undefined;
    atMost('no query type over PG > 2× raw DuckDB', worst?.f, 2, (x) => `worst ${x.toFixed(2)}× (${worst!.type})`);
  }
  atMost('query geomean over HTTP ≤ 1.3× raw DuckDB', ratioOf(c?.queriesHttp?.geomean, duck?.queries?.geomean), 1.3,
    (x) => `${x.toFixed(2)}×`, failedOf(c?.queriesHttp?.stats));
  atLeast('ingest L1 HTTP bulk_args ≥ 200k rows/s', find(c?.loads, 'http-bulk'), 200_000);
  const duckCopy = okRate(find(duck?.loads, 'copy'));
  const copy = find(c?.loads, 'copy');
  if (copy && copy.ok && duckCopy) {
    atLeast(`ingest L4 COPY FROM json ≥ 0.9× DuckDB read_json (${num(0.9 * duckCopy)} rows/s)`, copy, 0.9 * duckCopy);
  } else {
    atLeast('ingest L4 COPY FROM json ≥ 0.9× DuckDB read_json', copy, Infinity);
  }
  atLeast('ingest L3 PG pipelined ≥ 150k rows/s', find(c?.loads, 'pg-pipeline'), 150_000);
  atLeast('ingest L2 PG multi-row INSERT ≥ 100k rows/s', find(c?.loads, 'pg-insert'), 100_000);
  atMost('disk ≤ 60 bytes/row', c?.bytesPerRow, 60, (x) => `${x.toFixed(1)} B/row`);
  atMost('peak RSS ≤ 1.5 GiB', c?.peakRssBytes, 1.5 * 1024 * MiB, (x) => `${num(x / MiB)} MiB`);
  return out;
}

export function formatReport(r: RunResult): string {
  const parts: string[] = [];
  parts.push(`## TSBS devops cpu-only, preset ${r.preset}: ${num(r.dataset.rows)} rows ` +
    `(${r.params.hosts} hosts × ${r.params.hours} h), ${r.params.k} instances/type × ${r.params.reps} reps`);
  parts.push(ingestTable(r));
  parts.push(queryTable(r));
  parts.push(otherTable(r));
  const checks = checkTargets(r);
  const large = r.preset === 'large' ? '' : ` — they are set for the large preset; this is ${r.preset}`;
  parts.push(`### cratelite vs the issue-4 targets${large}\n\n` + table([['target', 'measured', 'verdict'],
    ...checks.map((x) => [x.target, x.figure, x.met === undefined ? x.verdict : `${x.met ? 'MET' : 'MISSED'}: ${x.verdict}`])]));
  const g = r.gate;
  if (g) {
    const head = g.ok ? `### correctness gate: PASSED (${g.checked} query instances have DuckDB's row counts)`
      : `### correctness gate: FAILED — this run is INVALID (${g.problems.length} problems in ${g.checked} checks)`;
    parts.push([head, ...g.problems.slice(0, 30).map((p) => `- ${p}`),
      ...(g.problems.length > 30 ? [`- … ${g.problems.length - 30} more in the JSON file`] : [])].join('\n'));
  }
  return parts.join('\n\n');
}
