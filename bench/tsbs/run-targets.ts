/**
 * The run, target by target (spec/bench.md §5–§7):
 *   prepareDuckDb / preparePostgres / prepareCratelite   start a target and run its load paths
 *                     (one target at a time); each returns its query connections and a `finish`
 *   runQueryPhase     the query set on every prepared target: first one untimed warm-up pass per
 *                     target, then R timed passes where the targets take turns, one whole pass at
 *                     a time, in an order that rotates every round. Nothing runs concurrently;
 *                     taking turns keeps load drift on a shared machine from landing on one
 *                     target only (the ratios are what the benchmark is for)
 *   finish            point tests, memory figures, stop
 * Results are written into the DuckResult / PgResult / CrateResult objects as they come.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cleanups } from '../shared/lifecycle.js';
import { dirBytes } from '../shared/proc.js';
import { Cratelite, type CratePath } from './cratelite-target.js';
import type { Dataset } from './dataset.js';
import { DuckDbWorker } from './duckdb-target.js';
import type { DuckLoadMethod } from './duckdb-worker.js';
import { connectPg, type LoadResult } from './loaders.js';
import {
  emptyResults, geomean, recordPass, runPass, statsByType, type PassSample,
} from './measure.js';
import { PG_PATHS, Postgres } from './postgres-target.js';
import { QUERY_TYPES, type QueryInstance } from './queries.js';
import type { CrateResult, DuckResult, PgResult, QueryPhase } from './results.js';

export interface RunOptions {
  reps: number;
  pointN: number;
  insertSql: number;
  rowLimits: Record<string, number>;
  paths: CratePath[];
}

/** One query connection of a target. */
export interface QueryTarget {
  name: string;
  sqlOf(q: QueryInstance): string;
  pass(sqls: readonly string[], skip: readonly boolean[]): Promise<PassSample[]>;
  /** where the finished phase goes */
  done(p: QueryPhase): void;
  /** around each of this target's passes (e.g. PostgreSQL's memory sampler) */
  before?(): void;
  after?(): void;
}

export interface Prepared {
  queryTargets: QueryTarget[];
  finish(): Promise<void>;
}

const rate = (rows: number, ms: number): string => Math.round(rows / (ms / 1000)).toLocaleString('en-US');

export async function prepareDuckDb(layout: 'flat' | 'struct', d: Dataset, o: RunOptions, jsonFile: string,
  cleanups: Cleanups, result: DuckResult): Promise<Prepared> {
  console.log(`\n[duckdb-${layout}]`);
  const w = DuckDbWorker.start();
  cleanups.add(() => w.stop());
  const dbPath = join(tmpdir(), `cratelite-tsbs-duckdb-${layout}-${process.pid}.duckdb`);
  const params = { hosts: d.hosts, start: d.start, end: d.end, seed: d.seed };
  const methods: DuckLoadMethod[] = [...(o.insertSql > 0 ? ['insert-sql' as const] : []), 'appender', 'copy'];
  for (const method of methods) {
    await w.open(dbPath, params); // a fresh database file per load path
    const rows = method === 'insert-sql' ? Math.min(o.insertSql, d.rows) : d.rows;
    try {
      const r = await w.load(layout, method, rows, jsonFile);
      const ok = r.count === rows;
      result.loads.push({ path: method, rows, full: rows === d.rows, ok, ms: r.ms, rowsPerSec: rows / (r.ms / 1000), count: r.count });
      console.log(`    ${method}: ${rows.toLocaleString('en-US')} rows in ${(r.ms / 1000).toFixed(2)} s = ` +
        `${rate(rows, r.ms)} rows/s${ok ? '' : ` (count ${r.count}!)`}`);
    } catch (e) {
      result.loads.push({ path: method, rows, full: rows === d.rows, ok: false, error: (e as Error).message });
      console.log(`    ${method}: FAILED: ${(e as Error).message}`);
    }
  }
  const last = result.loads[result.loads.length - 1]!;
  if (!last.ok || !last.full) {
    await w.open(dbPath, params);
    await w.load(layout, 'appender', d.rows, jsonFile);
  }
  result.version = await w.version();
  result.fileBytes = await w.checkpoint();
  result.bytesPerRow = result.fileBytes / d.rows;
  return {
    queryTargets: [{
      name: `duckdb-${layout}`,
      sqlOf: (q) => (layout === 'flat' ? q.duckdbFlat : q.duckdbStruct),
      pass: (sqls, skip) => w.pass(sqls, skip),
      done: (p) => { result.queries = p; },
    }],
    async finish() {
      result.point = await w.point(o.pointN);
      result.peakRssBytes = w.peakRssBytes();
      await w.stop();
    },
  };
}

export async function preparePostgres(d: Dataset, o: RunOptions, csvFile: string, cleanups: Cleanups,
  result: PgResult): Promise<Prepared> {
  console.log('\n[postgresql]');
  const p = await Postgres.start(cleanups);
  result.version = await p.version();
  result.settings = await p.settings();
  for (const path of PG_PATHS) {
    const rows = path === 'copy' ? d.rows : Math.min(o.rowLimits[path] ?? d.rows, d.rows);
    result.loads.push(await p.load(path, d, rows, csvFile));
  }
  if (!result.loads[result.loads.length - 1]!.ok) throw new Error('PostgreSQL COPY failed; no table to query');
  const sizes = await p.finishLoad();
  p.pss.stop();
  Object.assign(result, { tableBytes: sizes.tableBytes, dataDirBytes: sizes.dataDirBytes,
    tableBytesPerRow: sizes.tableBytes / d.rows, bytesPerRow: sizes.dataDirBytes / d.rows });
  return {
    queryTargets: [{
      name: 'postgresql',
      sqlOf: (q) => q.pg,
      pass: (sqls, skip) => runPass(sqls, (sql) => p.query(sql), skip),
      done: (x) => { result.queries = x; },
      before: () => p.pss.start(),
      after: () => p.pss.stop(),
    }],
    async finish() {
      p.pss.start();
      result.point = await p.point(o.pointN);
      result.peakPssBytes = p.pss.stop();
      await p.client.end().catch(() => undefined);
      p.server.stop();
    },
  };
}

export async function prepareCratelite(d: Dataset, o: RunOptions, jsonFile: string, cleanups: Cleanups,
  result: CrateResult): Promise<Prepared> {
  console.log('\n[cratelite]');
  const c = new Cratelite();
  cleanups.add(() => c.close());
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
    // No path loaded the whole dataset (row limits, failures): load it once more through the
    // path that was fastest here, so that the queries still run on all rows.
    const candidates = result.loads.filter((l) => l.ok && l.path !== 'copy').sort((a, b) => b.rowsPerSec! - a.rowsPerSec!);
    for (const cand of candidates) {
      console.log(`    query table: no path loaded all rows; loading ${d.rows.toLocaleString('en-US')} rows via ${cand.path}`);
      const s = await c.start();
      const l: LoadResult = await c.load(cand.path as CratePath, d, d.rows, jsonFile);
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
    return { queryTargets: [], finish: async () => { await c.close(); } };
  }
  // the server was stopped cleanly (DuckDB checkpoints on close): the directory holds one table
  result.dataDirBytes = dirBytes(kept.dir);
  result.bytesPerRow = result.dataDirBytes / d.rows;
  console.log(`    data dir after load + checkpoint: ${result.dataDirBytes.toLocaleString('en-US')} bytes = ` +
    `${result.bytesPerRow.toFixed(1)} B/row`);
  await c.start(kept.dir);
  const pgClient = await connectPg(c.pg);
  cleanups.add(() => pgClient.end().catch(() => undefined));
  return {
    queryTargets: [{
      name: 'cratelite (PG)',
      sqlOf: (q) => q.crate,
      pass: (sqls, skip) => runPass(sqls, async (sql) => (await pgClient.query(sql)).rows.length, skip),
      done: (p) => { result.queriesPg = p; },
    }, {
      name: 'cratelite (HTTP)',
      sqlOf: (q) => q.crate,
      pass: (sqls, skip) => runPass(sqls, async (sql) => (await c.http.sql(sql)).rows.length, skip),
      done: (p) => { result.queriesHttp = p; },
    }],
    async finish() {
      await pgClient.end().catch(() => undefined);
      try {
        await c.createKv();
        result.pointPg = await c.pointPg(o.pointN);
        result.pointHttp = await c.pointHttp(o.pointN);
      } catch (e) {
        console.log(`    cratelite point tests FAILED: ${(e as Error).message}`);
      }
      await c.stop();
      result.peakRssBytes = c.peakRss;
      result.idleRssBytes = c.idleRss;
    },
  };
}

const TYPES = QUERY_TYPES.map((t) => t.name);

/** Warm-up pass per target, then `reps` rounds in which the targets take turns (rotating order). */
export async function runQueryPhase(targets: QueryTarget[], queries: readonly QueryInstance[], reps: number): Promise<void> {
  if (!targets.length) return;
  console.log(`\n[queries] ${queries.length} instances; 1 warm-up pass, then ${reps} rounds over ` +
    `${targets.map((t) => t.name).join(', ')} taking turns`);
  const state = targets.map((t) => ({ t, sqls: queries.map((q) => t.sqlOf(q)), results: emptyResults(queries) }));
  const onePass = async (s: (typeof state)[number], timed: boolean): Promise<void> => {
    s.t.before?.();
    try {
      const pass = await s.t.pass(s.sqls, s.results.map((r) => r.error !== undefined));
      for (const f of recordPass(s.results, pass, timed)) {
        if (s.results.filter((r) => r.type === f.type && r.error).length === 1) {
          console.log(`    ${s.t.name} ${f.type} #${f.index} FAILED: ${f.error?.split('\n')[0]}`);
        }
      }
    } finally {
      s.t.after?.();
    }
  };
  for (const s of state) await onePass(s, false);
  for (let round = 0; round < reps; round++) {
    for (let i = 0; i < state.length; i++) await onePass(state[(i + round) % state.length]!, true);
  }
  for (const s of state) {
    const stats = statsByType(s.results, TYPES);
    const p: QueryPhase = { instances: s.results, stats, geomean: geomean(stats.map((x) => x.p50)) };
    s.t.done(p);
    const failed = stats.filter((x) => x.error).length;
    console.log(`    ${s.t.name}: geomean of p50s ${Number.isFinite(p.geomean) ? `${p.geomean.toFixed(2)} ms` : '–'}` +
      (failed ? `, ${failed} types failed` : ''));
  }
}
