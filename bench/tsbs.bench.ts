/**
 * TSBS devops "cpu-only" benchmark (spec/bench.md): cratelite side by side with raw DuckDB and
 * PostgreSQL 15, same data, same run, one target at a time.
 *
 *   npm run bench -- --preset small|large [options]
 *
 *   --preset small|large      20 hosts × 24 h (172,800 rows) | 100 hosts × 72 h (2,592,000 rows)
 *   --rows PATH=N|all,…       row limit per cratelite/PostgreSQL row-wise load path
 *                             (http-bulk, pg-insert, pg-pipeline); `--rows all` lifts every limit.
 *                             The small preset limits them to 10,000 rows while those paths are
 *                             slow; COPY always loads the whole file.
 *   --paths a,b,…             cratelite load paths to run (default: http-bulk,pg-insert,pg-pipeline,copy)
 *   --targets a,b,…           duckdb-flat,duckdb-struct,postgresql,cratelite (default: all)
 *   --k N --reps N --point-n N   query instances per type, timed passes, point-test operations
 *   --duckdb-insert-sql N     rows for raw DuckDB's SQL-text INSERT path (0 = skip)
 *   --data-dir DIR            where the JSON-lines and CSV files are written (and reused)
 *
 * Flow: generate the dataset and the bulk files → raw DuckDB flat, then struct (own process
 * each: loads, queries, point tests) → PostgreSQL (loads, VACUUM ANALYZE, queries, point tests)
 * → cratelite (each load path on a fresh server; queries over PG and over HTTP on the table of
 * the last path that loaded everything, or on a fallback load; point tests) → report, targets,
 * correctness gate → bench/results/tsbs-<preset>-<date>.json (gitignored).
 * PostgreSQL 15 comes from Debian: scripts/install-bench-postgres.sh.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MAIN } from '../test/helpers/server.js';
import { Cleanups, packageVersion } from './shared/lifecycle.js';
import { dirBytes } from './shared/proc.js';
import { CRATE_PATHS, Cratelite, type CratePath } from './tsbs/cratelite-target.js';
import { DEFAULT_SEED, DEFAULT_START, generateDataset, writeBulkFiles, type Dataset } from './tsbs/dataset.js';
import { DuckDbWorker } from './tsbs/duckdb-target.js';
import type { DuckLoadMethod } from './tsbs/duckdb-worker.js';
import { connectPg, type LoadResult } from './tsbs/loaders.js';
import { geomean, runQuerySet, statsByType, type InstanceResult } from './tsbs/measure.js';
import { PG_PATHS, Postgres } from './tsbs/postgres-target.js';
import { drawQueries, QUERY_TYPES, type QueryInstance } from './tsbs/queries.js';
import { formatReport } from './tsbs/report.js';
import { correctnessGate, type CrateResult, type DuckResult, type PgResult, type QueryPhase, type RunResult } from './tsbs/results.js';

interface Preset { hosts: number; hours: number; k: number; reps: number; pointN: number; rowLimits: Record<string, number>; insertSql: number }

const PRESETS: Record<string, Preset> = {
  small: { hosts: 20, hours: 24, k: 3, reps: 3, pointN: 2_000, insertSql: 10_000,
    rowLimits: { 'http-bulk': 10_000, 'pg-insert': 10_000, 'pg-pipeline': 10_000 } },
  large: { hosts: 100, hours: 72, k: 5, reps: 3, pointN: 5_000, insertSql: 100_000, rowLimits: {} },
};
/** spec §1.5 */
const TEST_VECTORS: Record<string, { usageUser: number; allFields: number; usageUserOver90: number }> = {
  small: { usageUser: 8_353_487, allFields: 86_231_297, usageUserOver90: 11_669 },
  large: { usageUser: 131_174_066, allFields: 1_294_760_811, usageUserOver90: 248_687 },
};
const TARGETS = ['duckdb-flat', 'duckdb-struct', 'postgresql', 'cratelite'] as const;
const RESULTS_DIR = resolve(import.meta.dirname, 'results');
const TYPES = QUERY_TYPES.map((t) => t.name);

function options() {
  const { values } = parseArgs({
    options: {
      preset: { type: 'string', default: 'small' },
      rows: { type: 'string', multiple: true },
      paths: { type: 'string' },
      targets: { type: 'string' },
      k: { type: 'string' },
      reps: { type: 'string' },
      'point-n': { type: 'string' },
      'duckdb-insert-sql': { type: 'string' },
      'data-dir': { type: 'string' },
    },
    strict: true,
  });
  const preset = PRESETS[values.preset!];
  if (!preset) throw new Error(`--preset must be one of ${Object.keys(PRESETS).join(', ')}`);
  const rowLimits = { ...preset.rowLimits };
  for (const spec of (values.rows ?? []).flatMap((s) => s.split(','))) {
    if (spec === 'all') { for (const k of Object.keys(rowLimits)) delete rowLimits[k]; continue; }
    const [path, n] = spec.split('=');
    if (!path || !n || !['http-bulk', 'pg-insert', 'pg-pipeline'].includes(path)) throw new Error(`bad --rows ${spec}`);
    if (n === 'all') delete rowLimits[path];
    else rowLimits[path] = Number(n);
  }
  const list = <T extends string>(v: string | undefined, all: readonly T[], what: string): T[] => {
    if (!v) return [...all];
    const xs = v.split(',');
    for (const x of xs) if (!all.includes(x as T)) throw new Error(`unknown ${what} ${x}; choose from ${all.join(', ')}`);
    return xs as T[];
  };
  const int = (v: string | undefined, d: number): number => (v === undefined ? d : Number.parseInt(v, 10));
  return {
    preset: values.preset!, hosts: preset.hosts, hours: preset.hours,
    k: int(values.k, preset.k), reps: int(values.reps, preset.reps), pointN: int(values['point-n'], preset.pointN),
    insertSql: int(values['duckdb-insert-sql'], preset.insertSql), rowLimits,
    paths: list<CratePath>(values.paths, CRATE_PATHS, 'path'),
    targets: list(values.targets, TARGETS, 'target'),
    dataDir: values['data-dir'] ?? join(tmpdir(), 'cratelite-tsbs-data'),
  };
}
type Options = ReturnType<typeof options>;

const phase = (instances: InstanceResult[]): QueryPhase => {
  const stats = statsByType(instances, TYPES);
  return { instances, stats, geomean: geomean(stats.map((s) => s.p50)) };
};

/** print the first failure of each query type once */
function errorPrinter(target: string): (r: InstanceResult) => void {
  const seen = new Set<string>();
  return (r) => {
    if (seen.has(r.type)) return;
    seen.add(r.type);
    console.log(`    ${target} ${r.type} #${r.index} FAILED: ${r.error?.split('\n')[0]}`);
  };
}

const fmtPhase = (p: QueryPhase): string => {
  const failed = p.stats.filter((s) => s.error).length;
  return `geomean ${Number.isFinite(p.geomean) ? p.geomean.toFixed(2) + ' ms' : '–'}${failed ? `, ${failed} types failed` : ''}`;
};

async function runDuckDb(layout: 'flat' | 'struct', d: Dataset, o: Options, jsonFile: string,
  queries: QueryInstance[], cleanups: Cleanups): Promise<DuckResult> {
  console.log(`\n[duckdb-${layout}]`);
  const w = DuckDbWorker.start();
  cleanups.add(() => w.stop());
  const dbPath = join(tmpdir(), `cratelite-tsbs-duckdb-${layout}-${process.pid}.duckdb`);
  const params = { hosts: d.hosts, start: d.start, end: d.end, seed: d.seed };
  const loads: LoadResult[] = [];
  const methods: DuckLoadMethod[] = [...(o.insertSql > 0 ? ['insert-sql' as const] : []), 'appender', 'copy'];
  for (const method of methods) {
    await w.open(dbPath, params); // a fresh database file per load path
    const rows = method === 'insert-sql' ? Math.min(o.insertSql, d.rows) : d.rows;
    try {
      const r = await w.load(layout, method, rows, jsonFile);
      const ok = r.count === rows;
      loads.push({ path: method, rows, full: rows === d.rows, ok, ms: r.ms, rowsPerSec: rows / (r.ms / 1000), count: r.count });
      console.log(`    ${method}: ${rows.toLocaleString('en-US')} rows in ${(r.ms / 1000).toFixed(2)} s = ` +
        `${Math.round(rows / (r.ms / 1000)).toLocaleString('en-US')} rows/s${ok ? '' : ` (count ${r.count}!)`}`);
    } catch (e) {
      loads.push({ path: method, rows, full: rows === d.rows, ok: false, error: (e as Error).message });
      console.log(`    ${method}: FAILED: ${(e as Error).message}`);
    }
  }
  const last = loads[loads.length - 1]!;
  if (!last.ok || !last.full) {
    await w.open(dbPath, params);
    await w.load(layout, 'appender', d.rows, jsonFile);
  }
  const fileBytes = await w.checkpoint();
  const instances = await w.queries(layout, queries, o.reps);
  instances.filter((r) => r.error).forEach(errorPrinter(`duckdb-${layout}`));
  const queriesPhase = phase(instances);
  console.log(`    queries: ${fmtPhase(queriesPhase)}`);
  const point = await w.point(o.pointN);
  const result: DuckResult = { layout, version: await w.version(), loads, fileBytes, bytesPerRow: fileBytes / d.rows,
    queries: queriesPhase, point, peakRssBytes: w.peakRssBytes() };
  await w.stop();
  return result;
}

async function runPostgres(d: Dataset, o: Options, csvFile: string, queries: QueryInstance[],
  cleanups: Cleanups): Promise<PgResult> {
  console.log('\n[postgresql]');
  const p = await Postgres.start(cleanups);
  const loads: LoadResult[] = [];
  for (const path of PG_PATHS) {
    loads.push(await p.load(path, d, path === 'copy' ? d.rows : Math.min(o.rowLimits[path] ?? d.rows, d.rows), csvFile));
  }
  const last = loads[loads.length - 1]!;
  if (!last.ok) throw new Error('PostgreSQL COPY failed; no table to query');
  const sizes = await p.finishLoad();
  const instances = await runQuerySet(queries, o.reps, (q) => q.pg, (sql) => p.query(sql), errorPrinter('postgresql'));
  const queriesPhase = phase(instances);
  console.log(`    queries: ${fmtPhase(queriesPhase)}`);
  const point = await p.point(o.pointN);
  const result: PgResult = { version: await p.version(), settings: await p.settings(), loads,
    tableBytes: sizes.tableBytes, dataDirBytes: sizes.dataDirBytes, tableBytesPerRow: sizes.tableBytes / d.rows,
    bytesPerRow: sizes.dataDirBytes / d.rows, queries: queriesPhase, point, peakPssBytes: p.pss.stop() };
  await p.client.end().catch(() => undefined);
  p.server.stop();
  return result;
}

async function runCratelite(d: Dataset, o: Options, jsonFile: string, queries: QueryInstance[],
  cleanups: Cleanups, commit: string): Promise<CrateResult> {
  console.log('\n[cratelite]');
  const c = new Cratelite();
  cleanups.add(() => c.close());
  const result: CrateResult = { commit, loads: [] };
  let kept: { path: string; dir: string } | undefined;
  for (const path of o.paths) {
    const s = await c.start();
    const rows = path === 'copy' ? d.rows : Math.min(o.rowLimits[path] ?? d.rows, d.rows);
    const l = await c.load(path, d, rows, jsonFile);
    result.loads.push(l);
    await c.stop();
    if (l.ok && l.full) {
      if (kept) c.removeDir(kept.dir);
      kept = { path, dir: s.dataDir };
    } else {
      c.removeDir(s.dataDir);
    }
  }
  if (kept) {
    result.queryTable = { path: kept.path, fallback: false, load: result.loads.find((l) => l.path === kept!.path)! };
  } else {
    // No path loaded the whole dataset (limited or failed): load it once more through the path
    // that was fastest here, so the queries still run on the full data.
    const candidates = result.loads.filter((l) => l.ok && l.path !== 'copy').sort((a, b) => b.rowsPerSec! - a.rowsPerSec!);
    for (const cand of candidates) {
      console.log(`    query table: no path loaded all rows; loading ${d.rows.toLocaleString('en-US')} rows via ${cand.path}`);
      const s = await c.start();
      const l = await c.load(cand.path as CratePath, d, d.rows, jsonFile);
      await c.stop();
      if (l.ok) {
        kept = { path: cand.path, dir: s.dataDir };
        result.queryTable = { path: cand.path, fallback: true, load: l };
        break;
      }
      c.removeDir(s.dataDir);
    }
  }
  if (!kept) {
    result.error = 'no load path succeeded; nothing to query';
    console.log(`    ${result.error}`);
    return result;
  }
  result.dataDirBytes = dirBytes(kept.dir);
  result.bytesPerRow = result.dataDirBytes / d.rows;
  console.log(`    data dir after load + checkpoint: ${result.dataDirBytes.toLocaleString('en-US')} bytes = ` +
    `${result.bytesPerRow.toFixed(1)} B/row`);
  await c.start(kept.dir);
  const pgClient = await connectPg(c.pg);
  try {
    const pgInstances = await runQuerySet(queries, o.reps, (q) => q.crate,
      async (sql) => (await pgClient.query(sql)).rows.length, errorPrinter('cratelite (PG)'));
    result.queriesPg = phase(pgInstances);
    console.log(`    queries over PG: ${fmtPhase(result.queriesPg)}`);
  } finally {
    await pgClient.end();
  }
  const httpInstances = await runQuerySet(queries, o.reps, (q) => q.crate,
    async (sql) => (await c.http.sql(sql)).rows.length, errorPrinter('cratelite (HTTP)'));
  result.queriesHttp = phase(httpInstances);
  console.log(`    queries over HTTP: ${fmtPhase(result.queriesHttp)}`);
  try {
    await c.createKv();
    result.pointPg = await c.pointPg(o.pointN);
    result.pointHttp = await c.pointHttp(o.pointN);
  } catch (e) {
    console.log(`    point tests FAILED: ${(e as Error).message}`);
  }
  await c.stop();
  result.peakRssBytes = c.peakRss;
  result.idleRssBytes = c.idleRss;
  return result;
}

function environment(): Record<string, unknown> {
  const os = existsSync('/etc/os-release')
    ? /^PRETTY_NAME="?([^"\n]*)/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] : undefined;
  return { cpuModel: cpus()[0]?.model, cores: cpus().length, ramBytes: totalmem(), os, kernel: release(),
    node: process.version, pgClient: `pg ${packageVersion(resolve(import.meta.dirname, '../node_modules/pg/package.json'))}`,
    duckdbNodeApi: packageVersion(resolve(import.meta.dirname, '../node_modules/@duckdb/node-api/package.json')) };
}

function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: import.meta.dirname, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', '../src'], { cwd: import.meta.dirname, encoding: 'utf8' }).trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const o = options();
  if (o.targets.includes('cratelite') && !existsSync(MAIN)) throw new Error(`${MAIN} missing; run npm run build first`);
  const cleanups = new Cleanups();
  const started = performance.now();
  try {
    const start = DEFAULT_START;
    const end = start + o.hours * 3_600_000;
    let t = performance.now();
    const d = generateDataset({ hosts: o.hosts, start, end, seed: DEFAULT_SEED });
    const want = TEST_VECTORS[o.preset];
    const vectors = !want ? undefined
      : want.usageUser === d.sums.usageUser && want.allFields === d.sums.allFields && want.usageUserOver90 === d.sums.usageUserOver90
        ? 'match' as const : `MISMATCH: ${JSON.stringify(d.sums)}`;
    console.log(`dataset: ${d.hosts} hosts × ${o.hours} h = ${d.rows.toLocaleString('en-US')} rows, generated in ` +
      `${((performance.now() - t) / 1000).toFixed(1)} s; spec test vectors: ${vectors ?? 'n/a'}`);
    if (vectors && vectors !== 'match') throw new Error(`generator does not reproduce spec §1.5: ${vectors}`);
    t = performance.now();
    const files = await writeBulkFiles(d, o.dataDir);
    console.log(`bulk files ${files.reused ? 'reused' : `written in ${((performance.now() - t) / 1000).toFixed(1)} s`}: ` +
      `${files.json} (${(statSync(files.json).size / 2 ** 20).toFixed(0)} MiB), ${files.csv}`);
    const queries = drawQueries(d, o.k);
    const limits = Object.entries(o.rowLimits).filter(([, n]) => n < d.rows);
    if (limits.length) {
      console.log(`row-wise load paths limited to ${limits.map(([p, n]) => `${p} ${n.toLocaleString('en-US')}`).join(', ')} ` +
        'rows (--rows all lifts this)');
    }

    const commit = gitCommit();
    const result: RunResult = {
      benchmark: 'tsbs-devops-cpu-only', date: new Date().toISOString(), preset: o.preset,
      params: { hosts: o.hosts, hours: o.hours, start: new Date(start).toISOString(), end: new Date(end).toISOString(),
        seed: DEFAULT_SEED, rows: d.rows, k: o.k, reps: o.reps, pointN: o.pointN, rowLimits: o.rowLimits,
        duckdbInsertSqlRows: o.insertSql, paths: o.paths, targets: o.targets, workers: 2,
        batches: { httpBulk: 5000, pgInsert: 1000, pgPipeline: 5000, duckdbAppender: 2048 } },
      environment: environment(),
      dataset: { rows: d.rows, sums: d.sums, testVectors: vectors },
    };
    if (o.targets.includes('duckdb-flat')) result.duckdbFlat = await runDuckDb('flat', d, o, files.json, queries, cleanups);
    if (o.targets.includes('duckdb-struct')) result.duckdbStruct = await runDuckDb('struct', d, o, files.json, queries, cleanups);
    if (o.targets.includes('postgresql')) result.postgresql = await runPostgres(d, o, files.csv, queries, cleanups);
    if (o.targets.includes('cratelite')) result.cratelite = await runCratelite(d, o, files.json, queries, cleanups, commit);
    result.environment.duckdb = result.duckdbFlat?.version ?? result.duckdbStruct?.version;
    result.environment.postgresql = result.postgresql?.version;
    result.environment.cratelite = `${packageVersion(resolve(import.meta.dirname, '../package.json'))} @ ${commit}`;
    result.environment.wallSeconds = (performance.now() - started) / 1000;
    result.gate = correctnessGate(result);

    console.log('\n' + formatReport(result));
    mkdirSync(RESULTS_DIR, { recursive: true });
    const out = join(RESULTS_DIR, `tsbs-${o.preset}-${result.date.replace(/[:.]/g, '-')}.json`);
    const text = JSON.stringify({ ...result, queries: queries.map(({ type, index, t0, t1, hosts, crate, duckdbFlat, pg }) =>
      ({ type, index, t0, t1, hosts, crate, duckdbFlat, pg })) }, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
    writeFileSync(out, text + '\n');
    writeFileSync(join(RESULTS_DIR, `latest-tsbs-${o.preset}.json`), text + '\n');
    console.log(`\nwall time ${((performance.now() - started) / 1000).toFixed(0)} s; wrote ${out}`);
    if (!result.gate.ok) process.exitCode = 2;
  } finally {
    await cleanups.run();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exitCode = 1;
});
