/**
 * TSBS devops "cpu-only" benchmark (spec/bench.md): cratelite side by side with raw DuckDB and
 * PostgreSQL 15, same data, same run, one target at a time.
 *
 *   npm run bench -- --preset small|large [options]
 *
 *   --preset small|large      20 hosts × 24 h (172,800 rows) | 100 hosts × 72 h (2,592,000 rows)
 *   --rows PATH=N|all,…       row limit per row-wise load path (http-bulk, pg-insert, pg-pipeline;
 *                             pg-insert and pg-pipeline limit PostgreSQL's paths too, so both
 *                             sides load the same rows); `--rows all` lifts every limit. The small
 *                             preset limits them to 10,000 rows while cratelite's are slow; COPY
 *                             always loads the whole file.
 *   --paths a,b,…             cratelite load paths to run (default: http-bulk,pg-insert,pg-pipeline,copy)
 *   --targets a,b,…           duckdb-flat,duckdb-struct,postgresql,cratelite (default: all)
 *   --k N --reps N --point-n N   query instances per type, timed passes, point-test operations
 *   --duckdb-insert-sql N     rows for raw DuckDB's SQL-text INSERT path (0 = skip)
 *   --data-dir DIR            where the JSON-lines and CSV files are written (and reused)
 *
 * Flow: generate the dataset and the bulk files → load, one target at a time: raw DuckDB flat,
 * then struct (own process each), PostgreSQL (then VACUUM ANALYZE), cratelite (each load path on
 * a fresh server; the table of the last path that loaded everything, or a fallback load, is
 * queried) → queries: a warm-up pass, then the targets take turns pass by pass (cratelite over
 * PG and over HTTP) → point tests → report, targets, correctness gate →
 * bench/results/tsbs-<preset>-<date>.json (gitignored).
 * PostgreSQL 15 comes from Debian: scripts/install-bench-postgres.sh.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MAIN } from '../test/helpers/server.js';
import { Cleanups, packageVersion } from './shared/lifecycle.js';
import { CRATE_PATHS, type CratePath } from './tsbs/cratelite-target.js';
import { DEFAULT_SEED, DEFAULT_START, generateDataset, writeBulkFiles } from './tsbs/dataset.js';
import { drawQueries } from './tsbs/queries.js';
import { formatReport } from './tsbs/report.js';
import { correctnessGate, type DuckResult, type RunResult } from './tsbs/results.js';
import {
  prepareCratelite, prepareDuckDb, preparePostgres, runQueryPhase, type Prepared,
} from './tsbs/run-targets.js';

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
    const prepared: Prepared[] = [];
    const runOpts = { reps: o.reps, pointN: o.pointN, insertSql: o.insertSql, rowLimits: o.rowLimits, paths: o.paths };
    const emptyDuck = (layout: 'flat' | 'struct'): DuckResult => ({ layout, version: '', loads: [] });
    if (o.targets.includes('duckdb-flat')) {
      result.duckdbFlat = emptyDuck('flat');
      prepared.push(await prepareDuckDb('flat', d, runOpts, files.json, cleanups, result.duckdbFlat));
    }
    if (o.targets.includes('duckdb-struct')) {
      result.duckdbStruct = emptyDuck('struct');
      prepared.push(await prepareDuckDb('struct', d, runOpts, files.json, cleanups, result.duckdbStruct));
    }
    if (o.targets.includes('postgresql')) {
      result.postgresql = { version: '', settings: {}, loads: [] };
      prepared.push(await preparePostgres(d, runOpts, files.csv, cleanups, result.postgresql));
    }
    if (o.targets.includes('cratelite')) {
      result.cratelite = { commit, loads: [] };
      prepared.push(await prepareCratelite(d, runOpts, files.json, cleanups, result.cratelite));
    }
    await runQueryPhase(prepared.flatMap((p) => p.queryTargets), queries, o.reps);
    console.log('\n[point tests, memory, stop]');
    for (const p of prepared) await p.finish();
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
