/**
 * The embedded API: cratelite inside your own process, for tests and scripts — no sockets
 * unless you ask for them.
 *
 * ```ts
 * import { Cratelite } from 'cratelite';
 *
 * const db = await Cratelite.open(':memory:');          // or a data directory: './data'
 * await db.sql('create table t (id int primary key, tags object as (host text))');
 * await db.sql('insert into t (id, tags) values (?, ?)', [1, { host: 'a' }]);
 * await db.sql('refresh table t');
 * const { cols, rows, rowcount } = await db.sql<[number, string]>("select id, tags['host'] from t");
 * // cols: ['id', "tags['host']"], rows: [[1, 'a']], rowcount: 1
 *
 * const { httpUrl, pgUrl } = await db.listen({ httpPort: 0, pgPort: 0 });   // expose it
 * await db.close();
 * ```
 *
 * Results have the shape of CrateDB's HTTP `/_sql` response (http.md §3.5) — the values are the
 * ones a CrateDB HTTP client receives (timestamps as epoch milliseconds, objects as plain
 * objects), plus `col_types` (CrateDB's type ids). Errors are thrown as `SqlError`, whose
 * `message` is CrateDB's (`RelationUnknown[Relation 'x' unknown]`) and `code` its error code.
 *
 * All `sql()` calls of one Cratelite share one session (like one HTTP connection: `SET` lasts)
 * and run one at a time, in call order. A data directory can be open in one process only.
 */
import { defaultSettings, type Settings } from './config/settings.js';
import { toCrateliteError } from './errors/errors.js';
import { JsonResultSink } from './protocol/http/json-result-sink.js';
import { openDatabase, opsEndpoints, startListeners, type Listeners, type OpenedDatabase } from './server/node.js';
import type { Session } from './session/session.js';

export interface OpenOptions {
  /** DuckDB memory limit, e.g. '512MiB', '2GB', '25%' (default: 25% of RAM, at most 4 GiB) */
  memoryLimit?: string;
  /** shown by `GET /` and sys.nodes (default 'cratelite') */
  nodeName?: string;
  /** default 'crate' */
  clusterName?: string;
  /** default statement_timeout of the session, e.g. '30s' (default: none) */
  statementTimeout?: string;
  /** default schema of the session (default 'doc') */
  defaultSchema?: string;
}

/** A statement's result, shaped like CrateDB's HTTP response. */
export interface SqlResult<Row extends unknown[] = unknown[]> {
  /** column names; empty for statements without a result set */
  cols: string[];
  /** CrateDB type ids of the columns (`?types` on HTTP) */
  col_types: unknown[];
  /** the rows; `[[]]` is not used here: statements without a result set have `rows: []` */
  rows: Row[];
  /** rows returned, or rows affected (-1 when unknown) */
  rowcount: number;
  /** server-side milliseconds */
  duration: number;
}

/** A failed statement: CrateDB's message, error code, HTTP status and PostgreSQL SQLSTATE. */
export class SqlError extends Error {
  constructor(message: string, readonly code: number, readonly status: number, readonly sqlState: string) {
    super(message);
    this.name = 'SqlError';
  }
}

export interface ListenOptions {
  /** HTTP port (`/_sql`, crash, CrateDB clients); 0 = any free port (default 0) */
  httpPort?: number;
  /** PostgreSQL wire protocol port; 0 = any free port (default 0) */
  pgPort?: number;
  /** address to bind (default 127.0.0.1) */
  host?: string;
}

export interface Listening {
  httpUrl: string;
  pgUrl: string;
  httpPort: number;
  pgPort: number;
}

export class Cratelite {
  private queue: Promise<unknown> = Promise.resolve();
  private listeners: Listeners | undefined;
  private closed: Promise<void> | undefined;
  private state: 'starting' | 'ready' | 'stopping' = 'starting';

  private constructor(
    private readonly opened: OpenedDatabase,
    private readonly session: Session,
    private readonly settings: Settings,
  ) {}

  /** Opens (creating when needed) a data directory, or `':memory:'` for a throwaway database. */
  static async open(path = ':memory:', options: OpenOptions = {}): Promise<Cratelite> {
    const settings = defaultSettings();
    settings['path.data'] = path;
    if (options.memoryLimit !== undefined) settings['memory.limit'] = options.memoryLimit;
    if (options.nodeName !== undefined) settings['node.name'] = options.nodeName;
    if (options.clusterName !== undefined) settings['cluster.name'] = options.clusterName;
    const opened = await openDatabase(settings);
    try {
      const session = await opened.db.createSession({ defaultSchema: options.defaultSchema ?? 'doc' });
      if (options.statementTimeout !== undefined) session.settings.setDefault('statement_timeout', options.statementTimeout);
      return new Cratelite(opened, session, settings);
    } catch (e) {
      await opened.close();
      throw e;
    }
  }

  /** Runs one statement with optional `?` / `$1` parameters. Throws SqlError. */
  sql<Row extends unknown[] = unknown[]>(stmt: string, args: readonly unknown[] = []): Promise<SqlResult<Row>> {
    const run = async (): Promise<SqlResult<Row>> => {
      if (this.closed) throw new Error('this Cratelite is closed');
      const start = process.hrtime.bigint();
      const sink = new JsonResultSink(true);
      try {
        await this.session.execute(stmt, args, sink);
      } catch (e) {
        const err = toCrateliteError(e);
        throw new SqlError(err.crateMessage, err.crateCode, err.httpStatus, err.sqlState);
      }
      const body = JSON.parse(Buffer.concat(sink.body(Number(process.hrtime.bigint() - start) / 1e6)).toString('utf8')) as SqlResult<Row>;
      if (!sink.hasResultSet) body.rows = [];
      return body;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Runs one statement once per parameter row (HTTP `bulk_args`); returns each row's count, -2 on error. */
  bulk(stmt: string, bulkArgs: readonly (readonly unknown[])[]): Promise<number[]> {
    const run = async (): Promise<number[]> => {
      if (this.closed) throw new Error('this Cratelite is closed');
      try {
        const results = await this.session.executeBulk(stmt, bulkArgs);
        return results.map((r) => r.rowCount);
      } catch (e) {
        const err = toCrateliteError(e);
        throw new SqlError(err.crateMessage, err.crateCode, err.httpStatus, err.sqlState);
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Exposes the database over HTTP and the PostgreSQL protocol, e.g. for a client under test. */
  async listen(options: ListenOptions = {}): Promise<Listening> {
    if (this.listeners) throw new Error('already listening');
    const listeners = await startListeners(this.opened.db, {
      ...this.settings,
      'http.port': options.httpPort ?? 0,
      'psql.port': options.pgPort ?? 0,
      'network.host': options.host ?? '127.0.0.1',
    }, opsEndpoints(this.opened, () => this.state));
    this.listeners = listeners;
    this.state = 'ready';
    this.opened.noteListening(listeners.httpUrl);
    return { httpUrl: listeners.httpUrl, pgUrl: listeners.pgUrl, httpPort: listeners.httpPort, pgPort: listeners.pgPort };
  }

  /** Stops listening, waits for running statements, checkpoints and closes the database. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      this.state = 'stopping';
      await this.queue;
      await this.listeners?.stop();
      this.session.close();
      await this.opened.close();
    })();
    return this.closed;
  }
}
