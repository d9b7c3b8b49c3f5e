/**
 * PostgreSQL wire protocol round-trip benchmark: cratelite vs. a real PostgreSQL 15, same run.
 *
 *   npm run build && npm run bench:pg        (PostgreSQL 15: scripts/install-bench-postgres.sh)
 *
 * Starts cratelite (`dist/main.js --data :memory:`) and a throwaway PostgreSQL 15 cluster (initdb
 * into a temp dir, trust auth, free loopback port, run as the `postgres` user when we are root),
 * opens ONE `pg` connection to each, and measures sequential round trips per second for:
 *   select1-simple     `SELECT 1`, simple query protocol
 *   select1-prepared   `SELECT 1`, extended protocol, named prepared statement (parsed once)
 *   pk-lookup          `SELECT v FROM kv WHERE k = $1` on a 10,000-row table, extended protocol as
 *                      `pg` sends it by default (unnamed statement: Parse/Bind/Describe/Execute/Sync)
 * A third target, raw DuckDB in this process through @duckdb/node-api (prepared statements, no
 * network, no parsing of its own), shows what the engine alone reaches: the floor under
 * cratelite's per-statement cost.
 * Each case: a warm-up slice per target, then ROUNDS timed slices taking turns (the order rotates
 * every round) so drift on a small machine hits all alike. Reported ops/s = total ops / total
 * time over the timed slices; ratios against PostgreSQL and raw DuckDB (STYLE.md §7.11: same run).
 * Results: printed table + bench/results/latest-pg-roundtrip.json (gitignored).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import pg from 'pg';
import { DuckDBInstance, type DuckDBPreparedStatement } from '@duckdb/node-api';
import { startServer, MAIN, type TestServer } from '../test/helpers/server.js';
import { Cleanups, packageVersion } from './shared/lifecycle.js';
import { startPostgres } from './shared/postgres-server.js';

const ROWS = 10_000;
const WARMUP_MS = 500;
const ROUNDS = 6;
const SLICE_MS = 500; // per target per round -> 3 s timed (+0.5 s warm-up) per target per case, < 5 s
const RESULTS = resolve(import.meta.dirname, 'results', 'latest-pg-roundtrip.json');

type Target = 'cratelite' | 'postgresql' | 'duckdb';
const TARGETS: Target[] = ['cratelite', 'postgresql', 'duckdb'];

/**
 * How a case talks to a target: `first` runs a statement and returns the first column of the
 * first row (undefined for no rows). `name` asks for a named prepared statement; cratelite and
 * PostgreSQL get it over the wire, the DuckDB reference keeps prepared statements per text.
 */
interface Runner {
  first(text: string, values?: unknown[], name?: string): Promise<unknown>;
  close(): Promise<void>;
}

interface Case {
  name: string;
  description: string;
  /** one round trip; `i` is the running op counter */
  op(runner: Runner, i: number): Promise<unknown>;
}

/** deterministic key sequence over 1..ROWS (multiplicative hash, no Math.random) */
const keyAt = (i: number): number => ((i * 2654435761) >>> 0) % ROWS + 1;
const valueOf = (k: number): string => `value-${k}`;

const CASES: Case[] = [
  {
    name: 'select1-simple',
    description: 'SELECT 1, simple query protocol',
    op: (r) => r.first('SELECT 1'),
  },
  {
    name: 'select1-prepared',
    description: 'SELECT 1, extended protocol, named prepared statement',
    op: (r) => r.first('SELECT 1', undefined, 'bench_select1'),
  },
  {
    name: 'pk-lookup',
    description: `SELECT v FROM kv WHERE k = $1, ${ROWS} rows, unnamed extended statement`,
    op: async (r, i) => {
      const k = keyAt(i);
      const v = await r.first('SELECT v FROM kv WHERE k = $1', [k]);
      if (v !== valueOf(k)) throw new Error(`pk-lookup k=${k}: unexpected result ${JSON.stringify(v)}`);
    },
  },
];

// ---------------------------------------------------------------------------------------------
// servers

async function connect(port: number, user: string): Promise<Runner> {
  const c = new pg.Client({ host: '127.0.0.1', port, user, database: user === 'crate' ? 'doc' : 'postgres' });
  await c.connect();
  return {
    async first(text, values, name) {
      const r = await c.query({ text, values, name, rowMode: 'array' });
      return r.rows[0]?.[0];
    },
    close: () => c.end(),
  };
}

/** The reference: DuckDB in this process through @duckdb/node-api, no network, no SQL dialect. */
async function openDuckDb(): Promise<Runner> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const prepared = new Map<string, DuckDBPreparedStatement>();
  return {
    async first(text, values = []) {
      let stmt = prepared.get(text);
      if (!stmt) {
        stmt = await conn.prepare(text);
        prepared.set(text, stmt);
      }
      stmt.clearBindings();
      values.forEach((v, i) => stmt!.bindInteger(i + 1, Number(v)));
      const reader = await stmt.runAndReadAll();
      return reader.getRowsJS()[0]?.[0];
    },
    async close() { conn.closeSync(); instance.closeSync(); },
  };
}

async function loadKv(target: Target, r: Runner): Promise<void> {
  await r.first('DROP TABLE IF EXISTS kv');
  await r.first('CREATE TABLE kv (k INT PRIMARY KEY, v TEXT)');
  const BATCH = 1000;
  for (let start = 1; start <= ROWS; start += BATCH) {
    const values: string[] = [];
    for (let k = start; k < start + BATCH && k <= ROWS; k++) values.push(`(${k}, '${valueOf(k)}')`);
    await r.first(`INSERT INTO kv (k, v) VALUES ${values.join(', ')}`);
  }
  if (target === 'cratelite') await r.first('REFRESH TABLE kv');
  else await r.first('ANALYZE kv');
  const n = Number(await r.first('SELECT count(*) AS n FROM kv'));
  if (n !== ROWS) throw new Error(`${target}: kv has ${n} rows, expected ${ROWS}`);
}

// ---------------------------------------------------------------------------------------------
// measuring

interface Slice { ops: number; ms: number }

async function runFor(c: Case, client: Runner, ms: number, counter: { i: number }): Promise<Slice> {
  const t0 = performance.now();
  const deadline = t0 + ms;
  let ops = 0;
  let now = t0;
  while (now < deadline) {
    await c.op(client, counter.i++);
    ops++;
    now = performance.now();
  }
  return { ops, ms: now - t0 };
}

interface CaseResult {
  case: string;
  description: string;
  opsPerSec: Record<Target, number>;
  /** cratelite / PostgreSQL */
  ratio: number;
  /** raw DuckDB (in process) / PostgreSQL: what the engine alone reaches */
  duckdbRatio: number;
  /** cratelite / raw DuckDB */
  crateliteVsDuckdb: number;
  slices: Record<Target, Slice[]>;
}

async function measure(c: Case, clients: Record<Target, Runner>): Promise<CaseResult> {
  const counters: Record<Target, { i: number }> = { cratelite: { i: 0 }, postgresql: { i: 0 }, duckdb: { i: 0 } };
  for (const t of TARGETS) await runFor(c, clients[t], WARMUP_MS, counters[t]);
  const slices: Record<Target, Slice[]> = { cratelite: [], postgresql: [], duckdb: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = [...TARGETS.slice(round % TARGETS.length), ...TARGETS.slice(0, round % TARGETS.length)];
    for (const t of order) slices[t].push(await runFor(c, clients[t], SLICE_MS, counters[t]));
  }
  const rate = (s: Slice[]): number =>
    s.reduce((a, x) => a + x.ops, 0) / (s.reduce((a, x) => a + x.ms, 0) / 1000);
  const opsPerSec = { cratelite: rate(slices.cratelite), postgresql: rate(slices.postgresql), duckdb: rate(slices.duckdb) };
  return { case: c.name, description: c.description, opsPerSec, ratio: opsPerSec.cratelite / opsPerSec.postgresql,
    duckdbRatio: opsPerSec.duckdb / opsPerSec.postgresql, crateliteVsDuckdb: opsPerSec.cratelite / opsPerSec.duckdb,
    slices };
}

function printTable(results: CaseResult[]): void {
  const rows = [['case', 'cratelite ops/s', 'PostgreSQL ops/s', 'raw DuckDB ops/s', 'cratelite/PostgreSQL',
    'raw DuckDB/PostgreSQL', 'cratelite/raw DuckDB'],
  ...results.map((r) => [r.case, r.opsPerSec.cratelite.toFixed(0), r.opsPerSec.postgresql.toFixed(0),
    r.opsPerSec.duckdb.toFixed(0), r.ratio.toFixed(3), r.duckdbRatio.toFixed(3), r.crateliteVsDuckdb.toFixed(3)])];
  const w = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  const line = (r: string[]): string => r.map((cell, j) => (j === 0 ? cell.padEnd(w[j]) : cell.padStart(w[j])))
    .join(' | ');
  console.log(line(rows[0]));
  console.log(w.map((n) => '-'.repeat(n)).join('-|-'));
  for (const r of rows.slice(1)) console.log(line(r));
}

// ---------------------------------------------------------------------------------------------

const readVersion = (rel: string): string => packageVersion(resolve(import.meta.dirname, rel));

async function main(): Promise<void> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} missing; run npm run build first`);
  const cleanups = new Cleanups();
  try {
    const crate: TestServer = await startServer({ dataDir: ':memory:' });
    cleanups.add(() => crate.close());
    const postgres = await startPostgres(cleanups);

    const clients = {} as Record<Target, Runner>;
    clients.cratelite = await connect(crate.pgPort, 'crate');
    cleanups.add(() => clients.cratelite.close());
    clients.postgresql = await connect(postgres.port, 'postgres');
    cleanups.add(() => clients.postgresql.close());
    clients.duckdb = await openDuckDb();
    cleanups.add(() => clients.duckdb.close());

    const versions = {
      cratelite: `cratelite ${readVersion('../package.json')}`,
      postgresql: String(await clients.postgresql.first('SHOW server_version')),
      duckdb: `@duckdb/node-api ${readVersion('../node_modules/@duckdb/node-api/package.json')}`,
    };
    console.log(`cratelite pg port ${crate.pgPort}, PostgreSQL ${versions.postgresql} port ${postgres.port}; ` +
      `node ${process.version}, ${cpus().length} CPUs`);
    for (const t of TARGETS) await loadKv(t, clients[t]);
    console.log(`loaded kv (${ROWS} rows) in each; per case: ${WARMUP_MS} ms warm-up + ${ROUNDS} x ${SLICE_MS} ms ` +
      'per target, targets alternating\n');

    const results: CaseResult[] = [];
    for (const c of CASES) results.push(await measure(c, clients));
    printTable(results);

    mkdirSync(resolve(RESULTS, '..'), { recursive: true });
    writeFileSync(RESULTS, JSON.stringify({
      benchmark: 'pg-roundtrip',
      date: new Date().toISOString(),
      environment: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, ...versions,
        client: `pg ${readVersion('../node_modules/pg/package.json')}` },
      settings: { rows: ROWS, warmupMs: WARMUP_MS, rounds: ROUNDS, sliceMs: SLICE_MS, connections: 1 },
      results,
    }, null, 2) + '\n');
    console.log(`\nwrote ${RESULTS}`);
  } finally {
    await cleanups.run();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exitCode = 1;
});
