/**
 * Ingest benchmark: rows/s of cratelite's bulk insert paths, against raw DuckDB in the same run.
 *
 *   npm run build && node --import tsx bench/ingest.bench.ts [--rows 100000] [--workers 2]
 *   … [--http http://127.0.0.1:4200 --pg-port 5432 [--pid N]]   protocol cases only, against a running server
 *   … [--cases http,multirow,pipelined]   only these protocol cases
 *
 * Besides rows/s, each case reports the CPU time its process(es) spent per row (server process
 * for the protocol cases, all threads, from /proc): on a shared machine this moves less than
 * wall time does.
 *
 * Rows have the TSBS devops cpu shape (shared/spec/bench.md §1–§2: an object of 10 string tags, a
 * timestamp, 10 double fields), generated deterministically; every case loads them all into a
 * fresh table and ends with REFRESH TABLE and a count check. Request bodies and wire messages are
 * built before the clock starts, so the figures are the server's. Cases:
 *
 *   duckdb-appender     raw @duckdb/node-api in this process: flat table, DataChunks of 2048 rows
 *                       (the engine ceiling; bench.md §7.1)
 *   insertRows          cratelite's insertRows in this process, 5,000-row batches (no protocol)
 *   http-bulk_args      POST /_sql {stmt, bulk_args} with 5,000 rows per request (bench.md L1)
 *   pg-multirow         node-postgres, INSERT … VALUES ($1, …), (…) of 1,000 rows = 12,000 untyped
 *                       text parameters per statement (bench.md L2)
 *   pg-pipelined        one Parse with `?` placeholders, then 5,000 × (Bind, Execute) and one Sync
 *                       per batch (bench.md L3, what TSBS' CrateDB loader sends)
 *
 * The protocol cases use `--workers` connections, batch k going to the next free one (bench.md §3).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DOUBLE, DuckDBDataChunk, DuckDBInstance, DuckDBTimestampValue, TIMESTAMP, VARCHAR, type DuckDBType,
} from '@duckdb/node-api';
import pg from 'pg';
import { Database } from '../src/session/database.js';
import { CollectingSink } from '../src/session/result-sink.js';
import { insertRows } from '../src/analyzer/dml/insert-rows.js';
import { fe, RawPgClient } from '../test/helpers/pg-wire.js';
import { startServer, type TestServer } from '../test/helpers/server.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg('rows', 100_000);
const WORKERS = arg('workers', 2);
const RUNNING = process.argv.includes('--http') ? process.argv[process.argv.indexOf('--http') + 1] : undefined;

const TAGS = ['hostname', 'region', 'datacenter', 'rack', 'os', 'arch', 'team', 'service', 'service_version', 'service_environment'];
const FIELDS = ['usage_user', 'usage_system', 'usage_idle', 'usage_nice', 'usage_iowait', 'usage_irq', 'usage_softirq',
  'usage_steal', 'usage_guest', 'usage_guest_nice'];
const COLUMNS = ['tags', 'ts', ...FIELDS];
const START = Date.UTC(2016, 0, 1);

const DDL = (table: string) => `CREATE TABLE "doc"."${table}" (
  tags object as (${TAGS.map((t) => `${t} string`).join(', ')}), ts timestamp,
  ${FIELDS.map((f) => `${f} double`).join(', ')}) CLUSTERED INTO 5 SHARDS WITH (number_of_replicas = 0)`;
const INSERT = (table: string, placeholder: (i: number) => string) =>
  `INSERT INTO "doc"."${table}" (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => placeholder(i + 1)).join(', ')})`;

// ---------------------------------------------------------------------------------------------
// data: time-major rows of `hosts` hosts every 10 s, fields a clamped integer random walk

interface Row { tags: Record<string, string>; ts: number; fields: number[] }

function generate(rows: number): Row[] {
  const hosts = 100;
  let seed = 123;
  const rand = (): number => { seed = (seed * 1103515245 + 12345) >>> 0; return seed / 2 ** 32; };
  const regions = ['us-east-1', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'sa-east-1'];
  const hostTags = Array.from({ length: hosts }, (_, h) => {
    const region = regions[Math.floor(rand() * regions.length)]!;
    return {
      hostname: `host_${h}`, region, datacenter: `${region}${'abc'[Math.floor(rand() * 3)]}`, rack: String(Math.floor(rand() * 100)),
      os: ['Ubuntu16.10', 'Ubuntu16.04LTS', 'Ubuntu15.10'][Math.floor(rand() * 3)]!, arch: ['x64', 'x86'][Math.floor(rand() * 2)]!,
      team: ['SF', 'NYC', 'LON', 'CHI'][Math.floor(rand() * 4)]!, service: String(Math.floor(rand() * 20)),
      service_version: String(Math.floor(rand() * 2)), service_environment: ['production', 'staging', 'test'][Math.floor(rand() * 3)]!,
    };
  });
  const state = hostTags.map(() => FIELDS.map(() => rand() * 100));
  const out: Row[] = [];
  for (let i = 0; i < rows; i++) {
    const h = i % hosts;
    const s = state[h]!;
    if (i >= hosts) for (let f = 0; f < s.length; f++) s[f] = Math.min(100, Math.max(0, s[f]! + (rand() - 0.5) * 4));
    out.push({ tags: hostTags[h]!, ts: START + Math.floor(i / hosts) * 10_000, fields: s.map(Math.trunc) });
  }
  return out;
}

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** Run `batches` over `workers` lanes, each taking the next batch when free. */
async function lanes<B>(batches: readonly B[], workers: number, run: (lane: number, batch: B) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: workers }, async (_, lane) => {
    while (next < batches.length) await run(lane, batches[next++]!);
  }));
}

// ---------------------------------------------------------------------------------------------
// cases

interface Result { name: string; rows: number; ms: number; cpuMs?: number }

/** CPU time (user + system, all threads) of a process so far, in ms; undefined off Linux. */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms (USER_HZ 100)
  } catch {
    return undefined;
  }
}

/** Time `fn` with the CPU time of process `pid` over it. */
async function measured(pid: number | undefined, fn: () => Promise<Result>): Promise<Result> {
  const before = cpuMs(pid);
  const r = await fn();
  const after = cpuMs(pid);
  return before === undefined || after === undefined ? r : { ...r, cpuMs: after - before };
}

async function duckdbAppender(rows: Row[], dir: string): Promise<Result> {
  const instance = await DuckDBInstance.create(join(dir, 'raw.duckdb'), { threads: String(cpus().length) });
  const conn = await instance.connect();
  const cols = ['ts TIMESTAMP', ...TAGS.map((t) => `${t} VARCHAR`), ...FIELDS.map((f) => `${f} DOUBLE`)];
  await conn.run(`CREATE TABLE cpu (${cols.join(', ')})`);
  const types: DuckDBType[] = [TIMESTAMP, ...TAGS.map(() => VARCHAR), ...FIELDS.map(() => DOUBLE)];
  const t0 = performance.now();
  const appender = await conn.createAppender('cpu');
  for (let start = 0; start < rows.length; start += 2048) {
    const n = Math.min(2048, rows.length - start);
    const chunk = DuckDBDataChunk.create(types, n);
    const vector = chunk.getColumnVector(0);
    for (let r = 0; r < n; r++) vector.setItem(r, new DuckDBTimestampValue(BigInt(rows[start + r]!.ts) * 1000n));
    vector.flush();
    TAGS.forEach((tag, c) => {
      const v = chunk.getColumnVector(1 + c);
      for (let r = 0; r < n; r++) v.setItem(r, rows[start + r]!.tags[tag]!);
      v.flush();
    });
    FIELDS.forEach((_, f) => {
      const v = chunk.getColumnVector(1 + TAGS.length + f);
      for (let r = 0; r < n; r++) v.setItem(r, rows[start + r]!.fields[f]!);
      v.flush();
    });
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
  const ms = performance.now() - t0;
  const count = Number((await conn.runAndReadAll('SELECT count(*) FROM cpu')).getRows()[0]![0]);
  conn.closeSync();
  instance.closeSync();
  return check('duckdb-appender', rows.length, ms, count);
}

async function inProcess(rows: Row[], dir: string): Promise<Result> {
  mkdirSync(dir, { recursive: true });
  const db = await Database.open({ dataPath: dir, memoryLimit: '4GB', nodeName: 'bench', clusterName: 'bench' }, join(dir, 'crate.duckdb'));
  const session = await db.createSession();
  const run = async (sql: string) => { const sink = new CollectingSink(); await session.execute(sql, [], sink); return sink; };
  await run(DDL('cpu'));
  const batches = chunks(rows.map((r) => [r.tags, r.ts, ...r.fields]), 5000);
  const t0 = performance.now();
  for (const batch of batches) {
    const result = await insertRows(session.analyzerContext(), session.conn, db.catalog.get('doc', 'cpu')!, COLUMNS, batch, { onDuplicate: 'error' });
    if (result.errors.length) throw new Error(`insertRows: ${result.errors[0]!.error.message}`);
  }
  await run('REFRESH TABLE "doc"."cpu"');
  const ms = performance.now() - t0;
  const count = Number((await run('SELECT count(*) FROM cpu')).rows[0]![0]);
  session.close();
  db.engine.close();
  return check('insertRows (in-process)', rows.length, ms, count);
}

/** The parts of a test server the protocol cases use. */
type Server = Pick<TestServer, 'httpUrl' | 'pgPort' | 'sql'> & { pid?: number };

/** A server someone else started (`--http`, `--pg-port`); tables of earlier runs are dropped. */
function runningServer(httpUrl: string, pgPort: number, pid?: number): Server {
  return {
    httpUrl, pgPort, pid,
    async sql(stmt: string) {
      const res = await fetch(`${httpUrl}/_sql`, { method: 'POST', body: JSON.stringify({ stmt }) });
      return { status: res.status, body: await res.json() };
    },
  };
}

async function httpBulk(server: Server, rows: Row[]): Promise<Result> {
  await server.sql(DDL('cpu_http'));
  const stmt = INSERT('cpu_http', () => '?');
  const bodies = chunks(rows, 5000).map((b) => JSON.stringify({ stmt, bulk_args: b.map((r) => [r.tags, r.ts, ...r.fields]) }));
  const t0 = performance.now();
  await lanes(bodies, WORKERS, async (_, body) => {
    const res = await fetch(`${server.httpUrl}/_sql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const json = await res.json() as { results?: { rowcount: number }[]; error?: unknown };
    if (!json.results || json.results.some((r) => r.rowcount !== 1)) throw new Error(`bulk_args: ${JSON.stringify(json).slice(0, 300)}`);
  });
  await server.sql('REFRESH TABLE "doc"."cpu_http"');
  const ms = performance.now() - t0;
  return check('http-bulk_args', rows.length, ms, await count(server, 'cpu_http'));
}

const textRow = (r: Row): string[] => [JSON.stringify(r.tags), new Date(r.ts).toISOString(), ...r.fields.map(String)];

async function pgMultiRow(server: Server, rows: Row[]): Promise<Result> {
  await server.sql(DDL('cpu_multi'));
  const clients = await Promise.all(Array.from({ length: WORKERS }, async () => {
    const c = new pg.Client({ host: '127.0.0.1', port: server.pgPort, user: 'crate', database: 'doc' });
    await c.connect();
    return c;
  }));
  const statements = chunks(rows, 1000).map((batch) => {
    const values = batch.map((_, r) => `(${COLUMNS.map((__, c) => `$${r * COLUMNS.length + c + 1}`).join(',')})`).join(',');
    return { text: `INSERT INTO "doc"."cpu_multi" (${COLUMNS.join(',')}) VALUES ${values}`, values: batch.flatMap(textRow) };
  });
  const t0 = performance.now();
  await lanes(statements, WORKERS, async (lane, s) => {
    const r = await clients[lane]!.query(s.text, s.values);
    if (r.rowCount !== s.values.length / COLUMNS.length) throw new Error(`multi-row: rowCount ${r.rowCount}`);
  });
  await clients[0]!.query('REFRESH TABLE "doc"."cpu_multi"');
  const ms = performance.now() - t0;
  await Promise.all(clients.map((c) => c.end()));
  return check('pg-multirow (1,000 rows)', rows.length, ms, await count(server, 'cpu_multi'));
}

async function pgPipelined(server: Server, rows: Row[]): Promise<Result> {
  await server.sql(DDL('cpu_pipe'));
  const clients = await Promise.all(Array.from({ length: WORKERS }, async () => {
    const { client } = await RawPgClient.startup(server.pgPort, { database: 'doc' });
    await client.send(Buffer.concat([fe.parse('ins', INSERT('cpu_pipe', () => '?')), fe.sync()]));
    await client.readyForQuery();
    return client;
  }));
  const batches = chunks(rows, 5000).map((batch) => ({
    rows: batch.length,
    bytes: Buffer.concat([...batch.flatMap((r) => [fe.bind('', 'ins', textRow(r)), fe.execute('')]), fe.sync()]),
  }));
  const t0 = performance.now();
  await lanes(batches, WORKERS, async (lane, b) => {
    const client = clients[lane]!;
    await client.send(b.bytes);
    const messages = await client.readyForQuery(1, 120_000);
    const ok = messages.filter((m) => m.type === 'C' && m.text === 'C INSERT 0 1').length;
    if (ok !== b.rows) throw new Error(`pipelined: ${ok} of ${b.rows} rows; ${messages.find((m) => m.type === 'E')?.text}`);
  });
  const refresh = await RawPgClient.startup(server.pgPort);
  await refresh.client.send(fe.query('REFRESH TABLE "doc"."cpu_pipe"'));
  await refresh.client.readyForQuery();
  const ms = performance.now() - t0;
  for (const c of [...clients, refresh.client]) c.end();
  return check('pg-pipelined (5,000 per Sync)', rows.length, ms, await count(server, 'cpu_pipe'));
}

async function count(server: Server, table: string): Promise<number> {
  const res = await server.sql(`SELECT count(*) FROM "doc"."${table}"`);
  return Number((res.body as { rows: number[][] }).rows[0]![0]);
}

function check(name: string, rows: number, ms: number, counted: number): Result {
  if (counted !== rows) throw new Error(`${name}: count(*) = ${counted}, expected ${rows}`);
  return { name, rows, ms };
}

// ---------------------------------------------------------------------------------------------

const rows = generate(ROWS);
const dir = mkdtempSync(join(tmpdir(), 'cratelite-ingest-'));
const results: Result[] = [];
const CASES = process.argv.includes('--cases') ? process.argv[process.argv.indexOf('--cases') + 1]!.split(',') : undefined;
const protocolCases = async (server: Server): Promise<void> => {
  if (RUNNING) for (const t of ['cpu_http', 'cpu_multi', 'cpu_pipe']) await server.sql(`DROP TABLE IF EXISTS "doc"."${t}"`);
  const wanted = (name: string) => !CASES || CASES.includes(name);
  if (wanted('http')) results.push(await measured(server.pid, () => httpBulk(server, rows)));
  if (wanted('multirow')) results.push(await measured(server.pid, () => pgMultiRow(server, rows)));
  if (wanted('pipelined')) results.push(await measured(server.pid, () => pgPipelined(server, rows)));
};
try {
  results.push(await measured(process.pid, () => duckdbAppender(rows, dir)));
  if (RUNNING) {
    await protocolCases(runningServer(RUNNING, arg('pg-port', 5432), process.argv.includes('--pid') ? arg('pid', 0) : undefined));
  } else {
    results.push(await measured(process.pid, () => inProcess(rows, join(dir, 'inproc'))));
    const server = await startServer({ dataDir: join(dir, 'server') });
    try {
      await protocolCases({ ...server, pid: server.process.pid });
    } finally {
      await server.stop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const ceiling = results[0]!;
console.log(`\ningest, ${ROWS.toLocaleString('en')} TSBS cpu rows, ${WORKERS} worker(s), ${cpus().length} cores (${cpus()[0]?.model ?? '?'})\n`);
console.log('| path | rows/s | seconds | vs raw DuckDB appender | CPU µs/row |');
console.log('|---|---:|---:|---:|---:|');
for (const r of results) {
  const perSec = r.rows / (r.ms / 1000);
  const cpu = r.cpuMs === undefined ? '–' : (r.cpuMs * 1000 / r.rows).toFixed(1);
  console.log(`| ${r.name} | ${Math.round(perSec).toLocaleString('en')} | ${(r.ms / 1000).toFixed(2)} | ${(ceiling.ms / r.ms).toFixed(2)}× | ${cpu} |`);
}
