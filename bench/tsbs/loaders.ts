/**
 * The client side of the load paths (spec/bench.md §3), shared by cratelite and PostgreSQL:
 *   loadHttpBulk      L1  POST /_sql with 5,000-row `bulk_args`, keep-alive
 *   loadPgMultiRow    L2  node-postgres, unnamed extended statement, 1,000 rows per INSERT
 *   loadPgPipeline    L3  raw wire client, 5,000 × (Bind, Execute) per Sync
 * Each sends rows [0, rows) in row order over `workers` connections (batch k to the next free
 * connection) and throws on the first failed batch. Timing, REFRESH and the count check are
 * the caller's (timeLoad).
 */
import pg from 'pg';
import type { Dataset } from './dataset.js';
import { bulkArgsBody, IsoCache, multiRowInsert, runBatches } from './encode.js';
import type { HttpSql } from './http-sql.js';
import { PipelineClient } from './pg-pipeline.js';

export const WORKERS = 2;
export const HTTP_BATCH = 5_000;
export const PG_INSERT_BATCH = 1_000;
export const PG_PIPELINE_BATCH = 5_000;

export interface PgEndpoint { port: number; user: string; database: string }

/** How one target spells the PG load statements and rows. */
export interface PgTable {
  table: string;
  columns: readonly string[];
  /** single-row INSERT for L3 (`?` for cratelite as TSBS writes it, `$n` for PostgreSQL) */
  insertOne: string;
  rowParams(d: Dataset, r: number, iso: IsoCache, out?: string[]): string[];
}

export async function connectPg(e: PgEndpoint): Promise<pg.Client> {
  const c = new pg.Client({ host: '127.0.0.1', port: e.port, user: e.user, database: e.database });
  await c.connect();
  return c;
}

const batches = (rows: number, size: number): number => Math.ceil(rows / size);
const batchRange = (k: number, size: number, rows: number): [number, number] =>
  [k * size, Math.min(rows, (k + 1) * size)];

export async function loadHttpBulk(client: HttpSql, d: Dataset, rows: number): Promise<void> {
  await runBatches(batches(rows, HTTP_BATCH), WORKERS, async (k) => {
    const [from, to] = batchRange(k, HTTP_BATCH, rows);
    const { status, body } = await client.post(bulkArgsBody(d, from, to));
    if (body.error) throw new Error(`HTTP ${status}: ${body.error.message}`);
    const results = body.results ?? [];
    const bad = results.findIndex((r) => r.rowcount !== 1);
    if (results.length !== to - from || bad >= 0) {
      throw new Error(`bulk_args batch ${k}: ${results.length} results for ${to - from} rows` +
        (bad >= 0 ? `, row ${bad} has rowcount ${results[bad]!.rowcount}` : ''));
    }
  });
}

export async function loadPgMultiRow(e: PgEndpoint, t: PgTable, d: Dataset, rows: number): Promise<void> {
  const clients = await Promise.all(Array.from({ length: WORKERS }, () => connectPg(e)));
  const fullSql = multiRowInsert(t.table, t.columns, PG_INSERT_BATCH);
  try {
    await runBatches(batches(rows, PG_INSERT_BATCH), WORKERS, async (k, w) => {
      const [from, to] = batchRange(k, PG_INSERT_BATCH, rows);
      const iso = new IsoCache();
      const params: string[] = [];
      for (let r = from; r < to; r++) t.rowParams(d, r, iso, params);
      const sql = to - from === PG_INSERT_BATCH ? fullSql : multiRowInsert(t.table, t.columns, to - from);
      const res = await clients[w]!.query(sql, params);
      if (res.rowCount !== to - from) throw new Error(`INSERT batch ${k}: rowcount ${res.rowCount}, expected ${to - from}`);
    });
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}

export async function loadPgPipeline(e: PgEndpoint, t: PgTable, d: Dataset, rows: number): Promise<void> {
  const clients = await Promise.all(Array.from({ length: WORKERS }, () =>
    PipelineClient.connect(e.port, e.user, e.database)));
  try {
    for (const c of clients) await c.prepare('tsbs_insert', t.insertOne);
    await runBatches(batches(rows, PG_PIPELINE_BATCH), WORKERS, async (k, w) => {
      const [from, to] = batchRange(k, PG_PIPELINE_BATCH, rows);
      const iso = new IsoCache();
      const batch: string[][] = [];
      for (let r = from; r < to; r++) batch.push(t.rowParams(d, r, iso));
      const res = await clients[w]!.batch('tsbs_insert', batch);
      if (res.error) throw new Error(`pipelined batch ${k}: ${res.error}`);
      if (res.commandCompletes !== to - from) {
        throw new Error(`pipelined batch ${k}: ${res.commandCompletes} CommandComplete for ${to - from} rows`);
      }
    });
  } finally {
    for (const c of clients) c.end();
  }
}

export interface LoadResult {
  path: string;
  rows: number;
  /** whole dataset (not limited by --rows) */
  full: boolean;
  ok: boolean;
  ms?: number;
  rowsPerSec?: number;
  count?: number;
  error?: string;
}

/**
 * Times `load` + `refresh` (§3: from the first request to the REFRESH response) and checks
 * `count()` afterwards. Failures are recorded, printed, and not thrown.
 */
export async function timeLoad(path: string, rows: number, full: boolean, load: () => Promise<void>,
  refresh: () => Promise<void>, count: () => Promise<number>): Promise<LoadResult> {
  const t0 = performance.now();
  try {
    await load();
    await refresh();
  } catch (e) {
    const error = (e as Error).message.split('\n')[0]!.slice(0, 500);
    console.log(`    ${path}: FAILED after ${((performance.now() - t0) / 1000).toFixed(1)} s: ${error}`);
    return { path, rows, full, ok: false, error };
  }
  const ms = performance.now() - t0;
  const n = await count().catch(() => -1);
  const ok = n === rows;
  const rowsPerSec = rows / (ms / 1000);
  console.log(`    ${path}: ${rows.toLocaleString('en-US')} rows in ${(ms / 1000).toFixed(2)} s = ` +
    `${Math.round(rowsPerSec).toLocaleString('en-US')} rows/s${ok ? '' : `; count(*) = ${n}, expected ${rows}: NOT COUNTED`}`);
  return { path, rows, full, ok, ms, rowsPerSec, count: n, ...(ok ? {} : { error: `count(*) = ${n}, expected ${rows}` }) };
}
