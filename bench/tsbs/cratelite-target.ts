/**
 * cratelite as a benchmark target: the real server (`dist/main.js`, started like the tests do),
 * the four load paths, the query set over PG wire and over HTTP, and the point tests.
 *
 * Every load path gets a fresh server with a fresh data directory, so that each starts from an
 * empty `cpu` table and the data directory holds exactly one loaded table (bytes/row). The
 * server that loaded the whole dataset last is kept for the query phase; it is stopped first
 * (a clean shutdown checkpoints) to measure its data directory, then started again on it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startServer, type TestServer } from '../../test/helpers/server.js';
import { dirBytes, vmHwmBytes, vmRssBytes } from '../shared/proc.js';
import type { Dataset } from './dataset.js';
import { HttpSql } from './http-sql.js';
import { CRATE_COLUMNS, CRATE_DDL, CRATE_INSERT_PIPELINE, CRATE_TABLE, crateRowParams } from './encode.js';
import {
  connectPg, loadHttpBulk, loadPgMultiRow, loadPgPipeline, timeLoad, type LoadResult, type PgEndpoint, type PgTable,
} from './loaders.js';
import { pointTests, PK_ROWS, type PointResults } from './measure.js';

export const CRATE_PATHS = ['http-bulk', 'pg-insert', 'pg-pipeline', 'copy'] as const;
export type CratePath = (typeof CRATE_PATHS)[number];

const CRATE_PG_TABLE: PgTable = {
  table: CRATE_TABLE, columns: CRATE_COLUMNS, insertOne: CRATE_INSERT_PIPELINE, rowParams: crateRowParams,
};

export class Cratelite {
  server?: TestServer;
  private httpClient?: HttpSql;
  /** peak RSS (VmHWM) over every server process started so far */
  peakRss = 0;
  idleRss?: number;
  private readonly dirs: string[] = [];

  get pg(): PgEndpoint { return { port: this.server!.pgPort, user: 'crate', database: 'doc' }; }

  /** Start a server on `dataDir` (a fresh temp dir when omitted). */
  async start(dataDir?: string): Promise<TestServer> {
    const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'cratelite-tsbs-'));
    if (!dataDir) this.dirs.push(dir);
    this.server = await startServer({ dataDir: dir });
    this.httpClient = new HttpSql(this.server.httpUrl);
    this.idleRss ??= vmRssBytes(this.server.process.pid!);
    return this.server;
  }

  /** Stop the current server (clean shutdown = checkpoint), keeping its data dir. */
  async stop(): Promise<void> {
    const s = this.server;
    if (!s) return;
    this.server = undefined;
    this.httpClient?.close();
    this.httpClient = undefined;
    try { this.peakRss = Math.max(this.peakRss, vmHwmBytes(s.process.pid!)); } catch { /* already exited */ }
    await s.stop();
  }

  removeDir(dir: string): void {
    rmSync(dir, { recursive: true, force: true });
    const i = this.dirs.indexOf(dir);
    if (i >= 0) this.dirs.splice(i, 1);
  }

  async close(): Promise<void> {
    await this.stop();
    for (const d of this.dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  }

  /** the HTTP client of the running server */
  get http(): HttpSql { return this.httpClient!; }

  /** One load path on the running server: CREATE TABLE, timed load + REFRESH, count check. */
  async load(path: CratePath, d: Dataset, rows: number, jsonFile: string): Promise<LoadResult> {
    await this.http.sql(CRATE_DDL);
    const refreshHttp = async (): Promise<void> => { await this.http.sql(`REFRESH TABLE ${CRATE_TABLE}`); };
    const count = async (): Promise<number> => Number((await this.http.sql('SELECT count(*) FROM cpu')).rows[0]![0]);
    const full = rows === d.rows;
    switch (path) {
      case 'http-bulk':
        return timeLoad(path, rows, full, () => loadHttpBulk(this.http, d, rows), refreshHttp, count);
      case 'pg-insert':
      case 'pg-pipeline': {
        const c = await connectPg(this.pg);
        try {
          const load = path === 'pg-insert' ? loadPgMultiRow : loadPgPipeline;
          return await timeLoad(path, rows, full, () => load(this.pg, CRATE_PG_TABLE, d, rows),
            async () => { await c.query(`REFRESH TABLE ${CRATE_TABLE}`); }, count);
        } finally {
          await c.end();
        }
      }
      case 'copy': {
        const c = await connectPg(this.pg);
        try {
          // COPY always reads the whole file
          return await timeLoad(path, d.rows, true, async () => {
            await c.query(`COPY ${CRATE_TABLE} FROM 'file://${jsonFile}' RETURN SUMMARY`);
          }, async () => { await c.query(`REFRESH TABLE ${CRATE_TABLE}`); }, count);
        } finally {
          await c.end();
        }
      }
    }
  }

  /** `kv` for the point tests (§2.2), loaded with multi-row INSERT text (not a measured path). */
  async createKv(): Promise<void> {
    await this.http.sql('CREATE TABLE "doc"."kv" (id integer PRIMARY KEY, v text)');
    for (let from = 0; from < PK_ROWS; from += 1000) {
      const values = Array.from({ length: 1000 }, (_, i) => `(${from + i}, 'value_${from + i}')`);
      await this.http.sql(`INSERT INTO "doc"."kv" (id, v) VALUES ${values.join(', ')}`);
    }
    await this.http.sql('REFRESH TABLE "doc"."kv"');
  }

  /** Point tests over PG wire: simple-protocol SELECT 1; PK lookup prepared once per connection. */
  async pointPg(n: number): Promise<PointResults> {
    const clients = await Promise.all([0, 1, 2, 3].map(() => connectPg(this.pg)));
    try {
      return await pointTests(n, pgPointOps(clients, 'SELECT v FROM doc.kv WHERE id = $1'));
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  }

  /** Point tests over HTTP: `{"stmt":"SELECT 1"}`; PK lookup with `args`. */
  async pointHttp(n: number): Promise<PointResults> {
    return pointTests(n, {
      select1: async () => { await this.http.sql('SELECT 1'); },
      pk: async (_c, id) => String((await this.http.sql('SELECT v FROM doc.kv WHERE id = ?', [id])).rows[0]?.[0]),
    });
  }

  dataDirBytes(): number { return dirBytes(this.server!.dataDir); }
}

/** node-postgres point-test operations on up to 4 connections; the PK statement is named (prepared once). */
export function pgPointOps(clients: pg.Client[], pkSql: string): Parameters<typeof pointTests>[1] {
  return {
    select1: async () => { await clients[0]!.query('SELECT 1'); },
    pk: async (c, id) => {
      const r = await clients[c]!.query({ name: 'tsbs_pk', text: pkSql, values: [id] });
      return String(r.rows[0]?.v);
    },
  };
}
