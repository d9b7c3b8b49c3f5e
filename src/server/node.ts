/**
 * Node lifecycle: data directory → Database → listeners, and the way back down.
 *
 *   start:  mkdir path.data → Database.open(<data>/cratelite.duckdb | :memory:) → HTTP listener
 *           → PostgreSQL listener (psql.port)
 *   stop:   stop accepting → finish in-flight HTTP requests, close PG connections (running
 *           statements are interrupted) → close sessions → db.close() (checkpoint)
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Settings } from '../config/settings.js';
import { MAX_CONTENT_LENGTH } from '../protocol/http/request-body.js';
import { HttpServer } from '../protocol/http/http-server.js';
import { PgServer } from '../protocol/postgres/pg-server.js';
import { Database } from '../session/database.js';
import { errorFields, log } from './log.js';

export const IN_MEMORY = ':memory:';
export const DB_FILE_NAME = 'cratelite.duckdb';

export interface RunningNode {
  readonly httpUrl: string;
  readonly pgUrl: string;
  readonly dataPath: string;
  /** Graceful shutdown; resolves when the database is checkpointed and closed. */
  stop(): Promise<void>;
}

export class StartupError extends Error {}

const url = (scheme: string, host: string, port: number): string =>
  `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;

export async function startNode(settings: Settings): Promise<RunningNode> {
  const dataPath = settings['path.data'];
  const inMemory = dataPath === IN_MEMORY;
  if (!inMemory) {
    try {
      mkdirSync(resolve(dataPath), { recursive: true });
    } catch (e) {
      throw new StartupError(`cannot create data directory [${dataPath}]: ${(e as Error).message}`);
    }
  }
  const dbFile = inMemory ? IN_MEMORY : join(resolve(dataPath), DB_FILE_NAME);
  let db: Database;
  try {
    db = await Database.open({
      dataPath,
      memoryLimit: settings['memory.limit'],
      nodeName: settings['node.name'],
      clusterName: settings['cluster.name'],
      statementMaxLength: settings['statement_max_length'],
    }, dbFile);
  } catch (e) {
    // The usual cause: another process holds DuckDB's lock on the same file.
    throw new StartupError(`cannot open database [${dbFile}]: ${(e as Error).message}`);
  }

  let http: HttpServer;
  try {
    http = await HttpServer.start({
      host: settings['network.host'],
      port: settings['http.port'],
      db,
      nodeName: settings['node.name'],
      clusterName: settings['cluster.name'],
      maxContentLength: MAX_CONTENT_LENGTH,
      onError: (e) => log('error', 'unexpected error while handling an HTTP request', errorFields(e)),
    });
  } catch (e) {
    await db.close();
    throw new StartupError(`cannot listen on ${settings['network.host']}:${settings['http.port']} (http.port): ${(e as Error).message}`);
  }

  let pg: PgServer;
  try {
    pg = await PgServer.start({
      host: settings['network.host'],
      port: settings['psql.port'],
      db,
      onError: (e) => log('error', 'unexpected error on a PostgreSQL connection', errorFields(e)),
    });
  } catch (e) {
    await http.stop();
    await db.close();
    throw new StartupError(`cannot listen on ${settings['network.host']}:${settings['psql.port']} (psql.port): ${(e as Error).message}`);
  }

  const httpUrl = url('http', settings['network.host'], http.address.port);
  const pgUrl = url('postgres', settings['network.host'], pg.address.port);
  db.urls = { http: httpUrl, pg: pgUrl };
  let stopping: Promise<void> | undefined;
  return {
    httpUrl,
    pgUrl,
    dataPath,
    stop() {
      stopping ??= (async () => {
        await Promise.all([http.stop(), pg.stop()]);
        await db.close();
      })();
      return stopping;
    },
  };
}
