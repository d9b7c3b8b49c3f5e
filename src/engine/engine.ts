/**
 * The DuckDB adapter: one DuckDB instance per node, one connection per session.
 *
 * In: DuckDB SQL text plus positional parameters (already translated). Out: column-major row
 * batches streamed chunk by chunk, or a row count. DuckDB errors are classified by
 * engine/duckdb-errors.ts into CrateDB errors.
 */
import {
  DuckDBConnection, DuckDBInstance, type DuckDBMaterializedResult, type DuckDBDataChunk, type DuckDBPreparedStatement, type DuckDBType, type DuckDBValue,
} from '@duckdb/node-api';
import { classifyDuckDbError } from './duckdb-errors.js';
import { appendColumns, tableColumns, TableLayoutChanged, type AppendColumn, type AppendTarget } from './chunk-appender.js';
import type { RowBatch } from '../session/result-sink.js';

export interface EngineOptions {
  /** DuckDB database file, or ':memory:' */
  path: string;
  /** e.g. '4GB' */
  memoryLimit: string;
  threads?: number;
  /** run on every new connection (registers cratelite's JS scalar functions) */
  onConnect?: (conn: DuckDBConnection) => Promise<void>;
}

/**
 * Writes in progress on any connection of an engine, and a counter bumped when one starts and
 * when one ends: cached plain prepared statements are only reused while no write happened
 * since they were prepared (see EngineConnection.prepareRead).
 */
export interface WriteClock { epoch: number; inFlight: number }

export class Engine {
  private readonly writes: WriteClock = { epoch: 0, inFlight: 0 };

  private constructor(readonly instance: DuckDBInstance, readonly options: EngineOptions) {}

  static async open(options: EngineOptions): Promise<Engine> {
    const config: Record<string, string> = {
      memory_limit: options.memoryLimit,
      // Never reach out to the network for extensions; everything we use is built in.
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    };
    if (options.threads) config.threads = String(options.threads);
    const instance = await DuckDBInstance.create(options.path, config);
    return new Engine(instance, options);
  }

  async connect(): Promise<EngineConnection> {
    const conn = await this.instance.connect();
    // CrateDB computes in UTC (functions.md §0); NULL order per sql.md §13 #3.
    await conn.run("SET TimeZone = 'UTC'");
    await conn.run("SET default_null_order = 'nulls_last_on_asc_first_on_desc'");
    if (this.options.onConnect) await this.options.onConnect(conn);
    return new EngineConnection(conn, this.writes);
  }

  close(): void { this.instance.closeSync(); }
}

export type Param = { value: DuckDBValue; type?: DuckDBType };

export interface QueryOptions {
  /** run to completion, then read the chunks (see EngineConnection.query) */
  materialize?: boolean;
}

function batchOf(chunk: DuckDBDataChunk): RowBatch {
  const columns: unknown[][] = [];
  for (let c = 0; c < chunk.columnCount; c++) columns.push(chunk.getColumnValues(c) as unknown[]);
  return { rowCount: chunk.rowCount, columns };
}

/** prepared SELECTs kept per connection (TSBS' query set at k = 5 is 75 texts) */
const MAX_CACHED_READS = 256;

/** a read-only query text: one SELECT (DuckDB's own texts and cratelite's translations) */
const READ_ONLY = /^\s*SELECT\b[^;]*$/i;
/** reads of files (COPY FROM sources): their contents change without any write to the database */
const READS_FILES = /\b(?:read_\w+|glob)\s*\(/i;

export class EngineConnection {
  /** SELECTs prepared once, with the write epoch they were prepared at */
  private readonly reads = new Map<string, { stmt: DuckDBPreparedStatement; epoch: number }>();
  constructor(readonly raw: DuckDBConnection, private readonly writes: WriteClock = { epoch: 0, inFlight: 0 }) {}

  /**
   * The DuckDB prepared statement of a text for one execution, with `params` bound: a cached
   * read (prepareRead), or one of its own that the caller destroys after use (`owned`).
   */
  private async prepare(sql: string, params: readonly Param[]): Promise<{ stmt: DuckDBPreparedStatement; owned: boolean }> {
    const read = await this.prepareRead(sql);
    const prepared = read ?? { stmt: await this.raw.prepare(sql), owned: true };
    if (params.length) {
      prepared.stmt.clearBindings();
      prepared.stmt.bind(params.map((p) => p.value), params.map((p) => p.type) as DuckDBType[]);
    }
    return prepared;
  }

  /**
   * A read-only query (drivers repeat their prepared SELECTs; TSBS-like dashboards their plain
   * ones), prepared once per connection and re-run while nothing was written since: DuckDB then
   * skips parsing, binding and optimising (a large share of a small query). Re-running one after
   * a write (COPY FROM from another connection) returned corrupted strings or crashed with
   * DuckDB 1.5, so any write on any connection of the engine — running or finished since the
   * prepare — makes it prepared afresh. Undefined: not cacheable now (prepare it yourself).
   */
  private async prepareRead(sql: string): Promise<{ stmt: DuckDBPreparedStatement; owned: boolean } | undefined> {
    if (this.writes.inFlight > 0 || !READ_ONLY.test(sql) || READS_FILES.test(sql)) return undefined;
    const epoch = this.writes.epoch;
    const cached = this.reads.get(sql);
    if (cached?.epoch === epoch) {
      // most recently used last: the first entry is the one evicted
      this.reads.delete(sql);
      this.reads.set(sql, cached);
      return { stmt: cached.stmt, owned: false };
    }
    if (cached) {
      this.reads.delete(sql);
      cached.stmt.destroySync();
    }
    const stmt = await this.raw.prepare(sql);
    if (this.writes.epoch !== epoch || this.writes.inFlight > 0) {
      // a write began while preparing: use it once
      return { stmt, owned: true };
    }
    if (this.reads.size >= MAX_CACHED_READS) {
      // the least recently used one goes (a dashboard cycling through more texts than fit must
      // not lose them all at once)
      const [oldest, entry] = this.reads.entries().next().value!;
      this.reads.delete(oldest);
      entry.stmt.destroySync();
    }
    this.reads.set(sql, { stmt, epoch });
    return { stmt, owned: false };
  }

  /** Run `sql` once with `params` (a cached read, or prepared for this execution). */
  private async runPrepared(sql: string, params: readonly Param[]): Promise<DuckDBMaterializedResult> {
    return params.length ? using(await this.prepare(sql, params), (stmt) => stmt.run()) : this.raw.run(sql);
  }

  private dropReads(): void {
    for (const { stmt } of this.reads.values()) stmt.destroySync();
    this.reads.clear();
  }

  /** Run `fn`, a statement that may write, counted in the engine's write clock. */
  private async writing<R>(fn: () => Promise<R>): Promise<R> {
    this.writeStarts();
    try {
      return await fn();
    } finally {
      this.writeEnds();
    }
  }

  /** The write clock moves when a write starts and when it ends (see prepareRead). */
  private writeStarts(): void {
    this.writes.inFlight++;
    this.writes.epoch++;
  }

  private writeEnds(): void {
    this.writes.inFlight--;
    this.writes.epoch++;
  }

  /** Run a statement; returns the changed-row count DuckDB reports (0 for DDL). */
  async run(sql: string, params: readonly Param[] = []): Promise<number> {
    try {
      const result = await this.writing(async () => params.length ? this.runPrepared(sql, params) : this.raw.run(sql));
      return Number(result.rowsChanged);
    } catch (e) {
      throw classifyDuckDbError(e);
    }
  }

  /**
   * A query's rows as column-major batches (one per DuckDB chunk). One statement only. Streamed
   * chunk by chunk (memory stays bounded, each chunk a thread-pool round trip), or with
   * `materialize` run to completion in one round trip and read without further ones — for
   * results that are small or that DuckDB holds in full anyway (aggregates, LIMIT).
   */
  async *query(sql: string, params: readonly Param[] = [], options: QueryOptions = {}): AsyncGenerator<RowBatch, void, undefined> {
    const readOnly = READ_ONLY.test(sql);
    // DuckDB texts that are not a plain SELECT (INSERT … RETURNING) may write
    if (!readOnly) this.writeStarts();
    try {
      yield* this.queryRows(sql, params, options);
    } finally {
      if (!readOnly) this.writeEnds();
    }
  }

  private async *queryRows(sql: string, params: readonly Param[], options: QueryOptions): AsyncGenerator<RowBatch, void, undefined> {
    if (options.materialize) {
      let result;
      try {
        const cached = params.length ? undefined : await this.prepareRead(sql);
        // a plain text not cacheable now: one round trip, DuckDB parses, plans and runs it in one go
        result = cached ? await using(cached, (stmt) => stmt.run()) : await this.runPrepared(sql, params);
      } catch (e) {
        throw classifyDuckDbError(e);
      }
      for (let i = 0; i < result.chunkCount; i++) {
        const chunk = result.getChunk(i);
        if (chunk.rowCount > 0) yield batchOf(chunk);
      }
      return;
    }
    let result;
    try {
      result = await using(await this.prepare(sql, params), (stmt) => stmt.stream());
    } catch (e) {
      throw classifyDuckDbError(e);
    }
    for (;;) {
      let chunk;
      try {
        chunk = await result.fetchChunk();
      } catch (e) {
        throw classifyDuckDbError(e);
      }
      if (!chunk || chunk.rowCount === 0) return;
      yield batchOf(chunk);
    }
  }

  /** All rows of a small query, row-major. For catalog bookkeeping, not for user results. */
  async all(sql: string, params: readonly Param[] = []): Promise<unknown[][]> {
    const rows: unknown[][] = [];
    for await (const b of this.query(sql, params, { materialize: true })) {
      for (let r = 0; r < b.rowCount; r++) rows.push(b.columns.map((col) => col[r]));
    }
    return rows;
  }

  /** Append rows column-wise (engine/chunk-appender.ts); `columns` in the table's physical order. */
  async append(target: AppendTarget, columns: readonly AppendColumn[], rowCount: number): Promise<void> {
    try {
      await this.writing(() => appendColumns(this.raw, target, columns, rowCount));
    } catch (e) {
      if (e instanceof TableLayoutChanged) throw e;
      throw classifyDuckDbError(e);
    }
  }

  /** The physical columns of a DuckDB table (name, DuckDB type), in storage order. */
  async tableColumns(schema: string, table: string): Promise<{ name: string; type: DuckDBType }[]> {
    try {
      return await tableColumns(this.raw, schema, table);
    } catch (e) {
      throw classifyDuckDbError(e);
    }
  }

  /** Run `fn` in one DuckDB transaction: all of it commits, or none of it. */
  transaction<R>(fn: () => Promise<R>): Promise<R> {
    return this.writing(() => this.inTransaction(fn));
  }

  private async inTransaction<R>(fn: () => Promise<R>): Promise<R> {
    await this.run('BEGIN TRANSACTION');
    let result: R;
    try {
      result = await fn();
    } catch (e) {
      await this.run('ROLLBACK').catch(() => undefined);
      throw e;
    }
    try {
      await this.run('COMMIT');
    } catch (e) {
      await this.run('ROLLBACK').catch(() => undefined);
      throw e;
    }
    return result;
  }


  private readonly interruptListeners = new Set<() => void>();

  /**
   * Also tell `fn` when the running statement is interrupted (KILL, PG cancel, statement_timeout):
   * work done in JS between DuckDB calls (COPY reading files) stops there. Returns the unsubscribe.
   */
  onInterrupt(fn: () => void): () => void {
    this.interruptListeners.add(fn);
    return () => { this.interruptListeners.delete(fn); };
  }

  interrupt(): void {
    this.raw.interrupt();
    for (const fn of [...this.interruptListeners]) fn();
  }

  close(): void {
    this.dropReads();
    this.raw.closeSync();
  }
}

export { DuckDBConnection };
export type { AppendColumn, AppendTarget } from './chunk-appender.js';
export { TableLayoutChanged } from './chunk-appender.js';

/** `fn(stmt)`, then destroy the statement if it is the caller's own. */
async function using<R>(prepared: { stmt: DuckDBPreparedStatement; owned: boolean }, fn: (stmt: DuckDBPreparedStatement) => Promise<R>): Promise<R> {
  try {
    return await fn(prepared.stmt);
  } finally {
    if (prepared.owned) prepared.stmt.destroySync();
  }
}
