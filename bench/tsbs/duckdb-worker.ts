/**
 * Raw DuckDB through `@duckdb/node-api`, the engine ceiling (spec/bench.md §7.1). Runs in its
 * own process (forked by duckdb-target.ts) so that its peak RSS is its own; it regenerates the
 * dataset itself from the parameters, so no rows cross the IPC channel.
 *
 * Requests (process messages) `{id, cmd, …}`, answers `{id, result}` or `{id, error}`:
 *   open     {path, dataset}        fresh database file (a previous one is closed and removed)
 *   load     {layout, method, rows, jsonFile}   create `cpu`, load, count → {rows, ms, count}
 *   checkpoint                      CHECKPOINT → database file bytes
 *   pass     {sqls, skip}           one pass over the query instances → PassSample[] (timed here)
 *   point    {n}                    kv table + point tests in process → PointResults
 *   version                         → DuckDB version string
 *
 * Layouts: `flat` (tags as top-level columns) and `struct` (`tags STRUCT(…)`), both with the
 * table name `cpu`. Load methods: `appender` (DataChunks of 2,048 rows), `copy` (INSERT … SELECT
 * FROM read_json of the JSON-lines file) and `insert-sql` (1,000-row INSERT … VALUES text).
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import {
  DuckDBConnection, DuckDBDataChunk, DuckDBInstance, DuckDBTimestampValue,
  type DuckDBDoubleVector, type DuckDBStructVector, type DuckDBTimestampVector, type DuckDBVarCharVector,
} from '@duckdb/node-api';
import { FIELD_NAMES, NFIELDS, TAG_NAMES, generateDataset, rowHost, rowTs, type Dataset, type DatasetParams } from './dataset.js';
import { pointTests, PK_ROWS, runPass } from './measure.js';

export type Layout = 'flat' | 'struct';
export type DuckLoadMethod = 'appender' | 'copy' | 'insert-sql';

const TAGS_STRUCT = `STRUCT(${TAG_NAMES.map((t) => `${t} VARCHAR`).join(', ')})`;
const FIELDS_DDL = FIELD_NAMES.map((f) => `${f} DOUBLE`).join(', ');
const DDL: Record<Layout, string> = {
  flat: `CREATE TABLE cpu (ts TIMESTAMP, ${TAG_NAMES.map((t) => `${t} VARCHAR`).join(', ')}, ${FIELDS_DDL})`,
  struct: `CREATE TABLE cpu (tags ${TAGS_STRUCT}, ts TIMESTAMP, ${FIELDS_DDL})`,
};

let instance: DuckDBInstance | undefined;
let conn: DuckDBConnection | undefined;
let dbPath = '';
let data: Dataset | undefined;

function removeDb(path: string): void {
  for (const p of [path, `${path}.wal`]) if (existsSync(p)) rmSync(p);
}

async function open(path: string, params: DatasetParams): Promise<void> {
  conn?.closeSync();
  instance?.closeSync();
  if (dbPath) removeDb(dbPath);
  removeDb(path);
  dbPath = path;
  instance = await DuckDBInstance.create(path, { threads: String(cpus().length) });
  conn = await instance.connect();
  if (!data || data.hosts !== params.hosts || data.start !== params.start || data.end !== params.end ||
    data.seed !== params.seed) {
    data = generateDataset(params);
  }
}

const need = <T>(v: T | undefined, what: string): T => {
  if (v === undefined) throw new Error(`${what}: call open first`);
  return v;
};

async function appenderLoad(c: DuckDBConnection, d: Dataset, layout: Layout, rows: number): Promise<void> {
  const app = await c.createAppender('cpu');
  const types = Array.from({ length: app.columnCount }, (_, i) => app.columnType(i));
  const CHUNK = 2048;
  for (let from = 0; from < rows; from += CHUNK) {
    const n = Math.min(CHUNK, rows - from);
    const chunk = DuckDBDataChunk.create(types, n);
    const tsCol = layout === 'flat' ? 0 : 1;
    const fieldCol = layout === 'flat' ? 1 + TAG_NAMES.length : 2;
    const ts = chunk.getColumnVector(tsCol) as DuckDBTimestampVector;
    const tagVectors: DuckDBVarCharVector[] = layout === 'flat'
      ? TAG_NAMES.map((_, t) => chunk.getColumnVector(1 + t) as DuckDBVarCharVector)
      : TAG_NAMES.map((_, t) => (chunk.getColumnVector(0) as DuckDBStructVector).entryVectorAt(t) as DuckDBVarCharVector);
    const fields = FIELD_NAMES.map((_, f) => chunk.getColumnVector(fieldCol + f) as DuckDBDoubleVector);
    for (let i = 0; i < n; i++) {
      const r = from + i;
      ts.setItem(i, new DuckDBTimestampValue(BigInt(rowTs(d, r)) * 1000n));
      const tv = d.tagValues[rowHost(d, r)]!;
      for (let t = 0; t < tagVectors.length; t++) tagVectors[t]!.setItem(i, tv[t]!);
      const b = r * NFIELDS;
      for (let f = 0; f < NFIELDS; f++) fields[f]!.setItem(i, d.values[b + f]!);
    }
    for (let col = 0; col < types.length; col++) chunk.getColumnVector(col).flush();
    app.appendDataChunk(chunk);
  }
  app.closeSync();
}

async function copyLoad(c: DuckDBConnection, layout: Layout, jsonFile: string): Promise<void> {
  const columns = `{tags: '${TAGS_STRUCT}', ts: 'BIGINT', ${FIELD_NAMES.map((f) => `${f}: 'DOUBLE'`).join(', ')}}`;
  const select = layout === 'flat'
    ? `epoch_ms(ts), ${TAG_NAMES.map((t) => `tags.${t}`).join(', ')}, ${FIELD_NAMES.join(', ')}`
    : `tags, epoch_ms(ts), ${FIELD_NAMES.join(', ')}`;
  const file = jsonFile.replaceAll("'", "''");
  await c.run(`INSERT INTO cpu SELECT ${select} FROM read_json('${file}', format = 'newline_delimited', ` +
    `columns = ${columns})`);
}

async function insertSqlLoad(c: DuckDBConnection, d: Dataset, layout: Layout, rows: number): Promise<void> {
  const BATCH = 1000;
  for (let from = 0; from < rows; from += BATCH) {
    const groups: string[] = [];
    for (let r = from; r < Math.min(rows, from + BATCH); r++) {
      const tv = d.tagValues[rowHost(d, r)]!;
      const ts = `'${new Date(rowTs(d, r)).toISOString().slice(0, 19).replace('T', ' ')}'::TIMESTAMP`;
      const fields = Array.from(d.values.subarray(r * NFIELDS, r * NFIELDS + NFIELDS)).join(', ');
      const tags = layout === 'flat'
        ? tv.map((v) => `'${v}'`).join(', ')
        : `{${TAG_NAMES.map((t, i) => `'${t}': '${tv[i]}'`).join(', ')}}`;
      groups.push(layout === 'flat' ? `(${ts}, ${tags}, ${fields})` : `(${tags}, ${ts}, ${fields})`);
    }
    await c.run(`INSERT INTO cpu VALUES ${groups.join(', ')}`);
  }
}

async function load(layout: Layout, method: DuckLoadMethod, rows: number, jsonFile: string):
  Promise<{ rows: number; ms: number; count: number }> {
  const c = need(conn, 'load');
  const d = need(data, 'load');
  await c.run('DROP TABLE IF EXISTS cpu');
  await c.run(DDL[layout]);
  const t0 = performance.now();
  if (method === 'appender') await appenderLoad(c, d, layout, rows);
  else if (method === 'copy') await copyLoad(c, layout, jsonFile);
  else await insertSqlLoad(c, d, layout, rows);
  const ms = performance.now() - t0;
  const count = Number((await c.runAndReadAll('SELECT count(*) FROM cpu')).getRows()[0]![0]);
  return { rows, ms, count };
}

async function checkpoint(): Promise<number> {
  await need(conn, 'checkpoint').run('CHECKPOINT');
  return statSync(dbPath).size + (existsSync(`${dbPath}.wal`) ? statSync(`${dbPath}.wal`).size : 0);
}

async function pass(sqls: string[], skip: boolean[]) {
  const c = need(conn, 'pass');
  return runPass(sqls, async (sql) => (await c.runAndReadAll(sql)).getRows().length, skip);
}

async function point(n: number) {
  const inst = need(instance, 'point');
  const c = need(conn, 'point');
  await c.run('DROP TABLE IF EXISTS kv');
  await c.run('CREATE TABLE kv (id INTEGER PRIMARY KEY, v VARCHAR)');
  await c.run(`INSERT INTO kv SELECT i, 'value_' || i FROM range(${PK_ROWS}) t(i)`);
  const conns = [c, ...await Promise.all([1, 2, 3].map(() => inst.connect()))];
  const stmts = await Promise.all(conns.map((x) => x.prepare('SELECT v FROM kv WHERE id = $1')));
  try {
    return await pointTests(n, {
      select1: async () => { (await c.runAndReadAll('SELECT 1')).getRows(); },
      pk: async (i, id) => {
        const s = stmts[i]!;
        s.bindInteger(1, id);
        return String((await s.runAndReadAll()).getRows()[0]?.[0]);
      },
    });
  } finally {
    for (const x of conns.slice(1)) x.closeSync();
  }
}

interface Request { id: number; cmd: string; [k: string]: unknown }

process.on('message', (msg: Request) => {
  const run = async (): Promise<unknown> => {
    switch (msg.cmd) {
      case 'open': return open(msg.path as string, msg.dataset as DatasetParams);
      case 'load': return load(msg.layout as Layout, msg.method as DuckLoadMethod, msg.rows as number,
        msg.jsonFile as string);
      case 'checkpoint': return checkpoint();
      case 'pass': return pass(msg.sqls as string[], msg.skip as boolean[]);
      case 'point': return point(msg.n as number);
      case 'version': return String((await need(conn, 'version').runAndReadAll('SELECT version()')).getRows()[0]![0]);
      case 'close':
        conn?.closeSync();
        instance?.closeSync();
        if (dbPath) removeDb(dbPath);
        conn = undefined;
        instance = undefined;
        return null;
      default: throw new Error(`unknown command ${msg.cmd}`);
    }
  };
  run().then((result) => process.send!({ id: msg.id, result: result ?? null }),
    (e: Error) => process.send!({ id: msg.id, error: e.message }));
});
process.on('disconnect', () => process.exit(0));
