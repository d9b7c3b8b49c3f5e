/**
 * PostgreSQL 15 as a benchmark target (spec/bench.md §7.2): a private cluster tuned as the spec
 * says, the flat `cpu` table with TSBS' timescaledb-loader indexes created before each load,
 * three load paths (multi-row INSERT, pipelined batches, server-side COPY of the CSV file),
 * VACUUM ANALYZE afterwards (untimed), the queries in PostgreSQL's idiom and the point tests.
 * Memory: peak summed PSS over the postmaster's process tree, sampled every 250 ms.
 */
import { join } from 'node:path';
import type pg from 'pg';
import { dirBytes, PssSampler } from '../shared/proc.js';
import { startPostgres, type PostgresServer } from '../shared/postgres-server.js';
import type { Cleanups } from '../shared/lifecycle.js';
import { FIELD_NAMES, TAG_NAMES, type Dataset } from './dataset.js';
import { FLAT_COLUMNS, flatRowParams, pgInsertOne } from './encode.js';
import {
  connectPg, loadPgMultiRow, loadPgPipeline, timeLoad, type LoadResult, type PgEndpoint, type PgTable,
} from './loaders.js';
import { pointTests, PK_ROWS, type PointResults } from './measure.js';
import { pgPointOps } from './cratelite-target.js';

export const PG_PATHS = ['pg-insert', 'pg-pipeline', 'copy'] as const;
export type PgPath = (typeof PG_PATHS)[number];

/** §7.2, for 2 cores / 24 GiB; fsync and synchronous_commit stay on */
export const PG_SETTINGS: Record<string, string> = {
  shared_buffers: '4GB', effective_cache_size: '16GB', work_mem: '64MB', maintenance_work_mem: '1GB',
  wal_buffers: '64MB', max_wal_size: '8GB', checkpoint_timeout: '30min', checkpoint_completion_target: '0.9',
  random_page_cost: '1.1', effective_io_concurrency: '200', max_parallel_workers_per_gather: '2', jit: 'off',
  timezone: 'UTC',
};

const DDL = [
  'DROP TABLE IF EXISTS cpu',
  `CREATE TABLE cpu (ts timestamptz NOT NULL, ${TAG_NAMES.map((t) => `${t} text NOT NULL`).join(', ')}, ` +
    `${FIELD_NAMES.map((f) => `${f} double precision`).join(', ')})`,
  'CREATE INDEX cpu_hostname_ts ON cpu (hostname, ts DESC)',
  'CREATE INDEX cpu_ts ON cpu (ts DESC)',
];

const PG_TABLE: PgTable = { table: 'cpu', columns: FLAT_COLUMNS, insertOne: pgInsertOne('cpu', FLAT_COLUMNS),
  rowParams: flatRowParams };

export class Postgres {
  private constructor(readonly server: PostgresServer, readonly client: pg.Client, readonly pss: PssSampler) {}

  static async start(cleanups: Cleanups): Promise<Postgres> {
    const server = await startPostgres(cleanups, { settings: PG_SETTINGS });
    const pss = new PssSampler(server.pid).start();
    cleanups.add(() => pss.stop());
    const client = await connectPg({ port: server.port, user: 'postgres', database: 'postgres' });
    cleanups.add(() => client.end());
    return new Postgres(server, client, pss);
  }

  get endpoint(): PgEndpoint { return { port: this.server.port, user: 'postgres', database: 'postgres' }; }

  async version(): Promise<string> {
    return (await this.client.query('SHOW server_version')).rows[0].server_version as string;
  }

  async settings(): Promise<Record<string, string>> {
    const names = Object.keys(PG_SETTINGS).concat(['fsync', 'synchronous_commit']).map((n) => n.toLowerCase());
    const r = await this.client.query('SELECT name, setting, unit FROM pg_settings WHERE lower(name) = ANY($1)', [names]);
    return Object.fromEntries(r.rows.map((x) => [x.name, x.unit ? `${x.setting} ${x.unit}` : x.setting]));
  }

  async load(path: PgPath, d: Dataset, rows: number, csvFile: string): Promise<LoadResult> {
    for (const s of DDL) await this.client.query(s);
    const count = async (): Promise<number> => Number((await this.client.query('SELECT count(*) AS n FROM cpu')).rows[0].n);
    const noRefresh = async (): Promise<void> => undefined;
    const full = rows === d.rows;
    switch (path) {
      case 'pg-insert': return timeLoad(path, rows, full, () => loadPgMultiRow(this.endpoint, PG_TABLE, d, rows), noRefresh, count);
      case 'pg-pipeline': return timeLoad(path, rows, full, () => loadPgPipeline(this.endpoint, PG_TABLE, d, rows), noRefresh, count);
      case 'copy': return timeLoad(path, d.rows, true, async () => {
        await this.client.query(`COPY cpu FROM '${csvFile.replaceAll("'", "''")}' WITH (FORMAT csv)`);
      }, noRefresh, count);
    }
  }

  /**
   * VACUUM ANALYZE (untimed), then table bytes (`pg_total_relation_size`) and data dir bytes
   * without `pg_wal` (the WAL of all three loads is recycled space, not the table's).
   */
  async finishLoad(): Promise<{ tableBytes: number; dataDirBytes: number }> {
    await this.client.query('VACUUM ANALYZE cpu');
    await this.client.query('CHECKPOINT');
    const tableBytes = Number((await this.client.query("SELECT pg_total_relation_size('cpu') AS n")).rows[0].n);
    return { tableBytes, dataDirBytes: dirBytes(this.server.dataDir) - dirBytes(join(this.server.dataDir, 'pg_wal')) };
  }

  async query(sql: string): Promise<number> {
    return (await this.client.query(sql)).rows.length;
  }

  async point(n: number): Promise<PointResults> {
    await this.client.query('DROP TABLE IF EXISTS kv');
    await this.client.query('CREATE TABLE kv (id integer PRIMARY KEY, v text)');
    await this.client.query(`INSERT INTO kv SELECT i, 'value_' || i FROM generate_series(0, ${PK_ROWS - 1}) i`);
    await this.client.query('ANALYZE kv');
    const clients = [this.client, ...await Promise.all([1, 2, 3].map(() => connectPg(this.endpoint)))];
    try {
      return await pointTests(n, pgPointOps(clients, 'SELECT v FROM kv WHERE id = $1'));
    } finally {
      await Promise.all(clients.slice(1).map((c) => c.end()));
    }
  }
}
