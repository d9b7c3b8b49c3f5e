/**
 * Node lifecycle: data directory → Database → listeners, and the way back down.
 *
 *   start:  mkdir path.data → lock <data>/cratelite.lock → Database.open(<data>/cratelite.duckdb
 *           | :memory:) → HTTP listener → PostgreSQL listener (psql.port)
 *   stop:   stop accepting → finish in-flight HTTP requests, close PG connections (running
 *           statements are interrupted) → close sessions → db.close() (checkpoint) → unlock
 *
 * `openDatabase` and `startListeners` are the two halves, so the embedded API (src/index.ts)
 * can open a database without sockets and listen later.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Settings } from '../config/settings.js';
import { MAX_CONTENT_LENGTH } from '../protocol/http/request-body.js';
import { HttpServer } from '../protocol/http/http-server.js';
import { PgServer } from '../protocol/postgres/pg-server.js';
import { Database } from '../session/database.js';
import { errorFields, log } from '../observability/logger.js';
import { instrumentSessions, Metrics } from '../observability/metrics.js';
import type { OpsEndpoints } from '../protocol/http/ops-handler.js';
import { DataDirLock, DataDirLocked } from './data-dir-lock.js';

export const IN_MEMORY = ':memory:';
export const DB_FILE_NAME = 'cratelite.duckdb';

export class StartupError extends Error {}

/** An open database and the lock on its data directory. */
export interface OpenedDatabase {
  readonly db: Database;
  /** statement metrics of every session (GET /metrics) */
  readonly metrics: Metrics;
  readonly dataPath: string;
  /** Checkpoint, close, unlock. */
  close(): Promise<void>;
  /** @internal record the HTTP URL in the lock file */
  noteListening(httpUrl: string): void;
}

export type DatabaseSettings = Pick<Settings,
  'path.data' | 'memory.limit' | 'wal.checkpoint_threshold' | 'node.name' | 'cluster.name' | 'statement_max_length' | 'statement_timeout'
  | 'log.slow_statement_threshold'>;

export async function openDatabase(settings: DatabaseSettings): Promise<OpenedDatabase> {
  const dataPath = settings['path.data'];
  const inMemory = dataPath === IN_MEMORY;
  let lock: DataDirLock | undefined;
  if (!inMemory) {
    try {
      mkdirSync(resolve(dataPath), { recursive: true });
    } catch (e) {
      throw new StartupError(`cannot create data directory [${dataPath}]: ${(e as Error).message}`);
    }
    try {
      lock = DataDirLock.acquire(resolve(dataPath));
    } catch (e) {
      if (e instanceof DataDirLocked) throw new StartupError(e.message);
      throw new StartupError(`cannot lock data directory [${dataPath}]: ${(e as Error).message}`);
    }
  }
  const dbFile = inMemory ? IN_MEMORY : join(resolve(dataPath), DB_FILE_NAME);
  let db: Database;
  try {
    const timeout = settings['statement_timeout'];
    db = await Database.open({
      dataPath,
      memoryLimit: settings['memory.limit'],
      checkpointThreshold: settings['wal.checkpoint_threshold'],
      nodeName: settings['node.name'],
      clusterName: settings['cluster.name'],
      statementMaxLength: settings['statement_max_length'],
      sessionDefaults: timeout > 0 ? { statement_timeout: String(timeout) } : {},
    }, dbFile);
  } catch (e) {
    lock?.release();
    // With the lock held, the usual cause is a process that is not cratelite using the file.
    throw new StartupError(`cannot open database [${dbFile}]: ${(e as Error).message}`);
  }
  const metrics = new Metrics(settings['log.slow_statement_threshold']);
  instrumentSessions(db, metrics);
  let closing: Promise<void> | undefined;
  return {
    db,
    metrics,
    dataPath,
    close() {
      closing ??= db.close().finally(() => lock?.release());
      return closing;
    },
    noteListening(httpUrl) { lock?.update(httpUrl); },
  };
}

export interface Listeners {
  readonly httpUrl: string;
  readonly pgUrl: string;
  readonly httpPort: number;
  readonly pgPort: number;
  stop(): Promise<void>;
}

export type ListenSettings = Pick<Settings, 'http.port' | 'psql.port' | 'network.host' | 'node.name' | 'cluster.name'>;

const url = (scheme: string, host: string, port: number): string =>
  `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;

export async function startListeners(db: Database, settings: ListenSettings, ops?: OpsEndpoints): Promise<Listeners> {
  const host = settings['network.host'];
  let http: HttpServer;
  try {
    http = await HttpServer.start({
      host,
      port: settings['http.port'],
      db,
      nodeName: settings['node.name'],
      clusterName: settings['cluster.name'],
      maxContentLength: MAX_CONTENT_LENGTH,
      ops,
      onError: (e) => log('error', 'unexpected error while handling an HTTP request', errorFields(e)),
    });
  } catch (e) {
    throw new StartupError(`cannot listen on ${host}:${settings['http.port']} (http.port): ${(e as Error).message}`);
  }

  let pg: PgServer;
  try {
    pg = await PgServer.start({
      host,
      port: settings['psql.port'],
      db,
      onError: (e) => log('error', 'unexpected error on a PostgreSQL connection', errorFields(e)),
    });
  } catch (e) {
    await http.stop();
    throw new StartupError(`cannot listen on ${host}:${settings['psql.port']} (psql.port): ${(e as Error).message}`);
  }

  const httpUrl = url('http', host, http.address.port);
  const pgUrl = url('postgres', host, pg.address.port);
  db.urls = { http: httpUrl, pg: pgUrl };
  let stopping: Promise<void> | undefined;
  return {
    httpUrl,
    pgUrl,
    httpPort: http.address.port,
    pgPort: pg.address.port,
    stop() {
      stopping ??= Promise.all([http.stop(), pg.stop()]).then(() => undefined);
      return stopping;
    },
  };
}

export interface RunningNode {
  readonly httpUrl: string;
  readonly pgUrl: string;
  readonly dataPath: string;
  readonly db: Database;
  /** Graceful shutdown; resolves when the database is checkpointed and closed. */
  stop(): Promise<void>;
}

/** /_ready's state and /metrics for a database that listens. */
export function opsEndpoints(opened: OpenedDatabase, state: () => 'starting' | 'ready' | 'stopping'): OpsEndpoints {
  return { state, metrics: () => opened.metrics.render(opened.db) };
}

export async function startNode(settings: Settings): Promise<RunningNode> {
  const opened = await openDatabase(settings);
  let state: 'starting' | 'ready' | 'stopping' = 'starting';
  let listeners: Listeners;
  try {
    listeners = await startListeners(opened.db, settings, opsEndpoints(opened, () => state));
  } catch (e) {
    await opened.close();
    throw e;
  }
  opened.noteListening(listeners.httpUrl);
  state = 'ready';
  let stopping: Promise<void> | undefined;
  return {
    httpUrl: listeners.httpUrl,
    pgUrl: listeners.pgUrl,
    dataPath: opened.dataPath,
    db: opened.db,
    stop() {
      stopping ??= (async () => {
        state = 'stopping';
        await listeners.stop();
        await opened.close();
      })();
      return stopping;
    },
  };
}
