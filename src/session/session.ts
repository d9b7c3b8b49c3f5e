/**
 * A Session: one per PG connection and one per HTTP keep-alive connection (http.md §1.1).
 * It owns a DuckDB connection, the session settings, and runs one statement at a time.
 *
 *   execute(sql, args, sink) → parse → analyze → (session command | DDL | query/DML) → sink
 */
import type { EngineConnection } from '../engine/engine.js';
import {
  CrateliteError, JobKilledException, SQLParseException, UnsupportedFeatureException, toCrateliteError,
} from '../errors/errors.js';
import { parseCached } from './statement-cache.js';
import { Lru } from './lru.js';
import { maxParameterIndex } from '../sql/ast/parameters.js';
import { AnalyzerContext } from '../analyzer/analyzer-context.js';
import type { Plan } from '../analyzer/plan.js';
import { CollectingSink, type ResultColumn, type ResultSink } from './result-sink.js';
import type { Expression, Statement } from '../sql/ast/index.js';
import type { SessionRecord } from '../catalog/system/context-extras.js';
import type { Database } from './database.js';
import { planStatement } from './dispatch.js';
import { SessionSettings } from './settings.js';
import type { DataType } from '../types/data-type.js';
import type { CopyChannel, CopyEnvironment } from '../io/copy-environment.js';
import { analyzeValuesInsert, columnHints, valuesRows } from '../analyzer/dml/bulk-insert.js';
import { insertRows } from '../analyzer/dml/insert-rows.js';

/** CrateDB rejects statements longer than `statement_max_length` characters (http.md §7). */
function checkStatementLength(sql: string, max: number | undefined): void {
  if (max !== undefined && sql.length > max) {
    throw new SQLParseException(`Statement exceeds \`statement_max_length\` (${max} allowed, ${sql.length} provided). Try replacing inline values with parameter placeholders (\`?\`)`);
  }
}

export interface SessionOptions {
  user: string;
  defaultSchema: string;
  id: number;
  protocol: 'http' | 'pg';
  clientAddress: string | null;
}

export interface BulkResult { rowCount: number; error?: CrateliteError }

export interface StatementDescription {
  /** result columns; undefined for statements that only report a row count */
  columns?: readonly ResultColumn[];
  parameterCount: number;
  /** declared types, else inferred from the context, else `undefined` (PG `unknown`) */
  parameterTypes: readonly DataType[];
}

export interface ExecuteOptions {
  /** type hints of `args` as the client sent them (http.md §3.4: `1.0` is a double) */
  argTypes?: readonly DataType[];
}

export class Session {
  private busy: Promise<unknown> = Promise.resolve();
  closed = false;
  readonly settings: SessionSettings;
  readonly createdAt = Date.now();
  private lastStatement: string | null = null;
  private lastJobId: string | null = null;
  /** the client end of COPY FROM STDIN / TO STDOUT; set by the PostgreSQL connection */
  copyChannel: CopyChannel | undefined;

  constructor(readonly db: Database, readonly conn: EngineConnection, readonly options: SessionOptions) {
    this.settings = new SessionSettings(options.defaultSchema);
  }

  /** Run one statement. Errors are thrown as CrateliteError; the session stays usable. */
  execute(sql: string, args: readonly unknown[], sink: ResultSink, options: ExecuteOptions = {}): Promise<void> {
    return this.serialize(() => this.run(sql, args, sink, options.argTypes));
  }

  /**
   * Run one statement once per argument list (HTTP `bulk_args`, http.md §3.11). Analysis errors
   * reject the whole call; runtime errors are reported per row.
   */
  executeBulk(sql: string, bulkArgs: readonly (readonly unknown[])[]): Promise<BulkResult[]> {
    return this.serialize(async () => {
      let stmt: Statement;
      try {
        checkStatementLength(sql, this.db.options.statementMaxLength);
        stmt = parseCached(sql);
        // INSERT … VALUES: column-wise, in one go (analysis errors fail the whole request)
        const fast = await this.insertBatch(sql, stmt, bulkArgs, undefined, true);
        if (fast) return fast;
      } catch (e) {
        throw toCrateliteError(e);
      }
      // analysis errors fail the whole request; nothing runs (http.md §3.11)
      const plans: Plan[] = [];
      try {
        for (const args of bulkArgs) {
          const plan = this.planParsed(stmt, args);
          if (plan.columns) {
            throw new UnsupportedFeatureException('Bulk operations for statements that return result sets is not supported');
          }
          plans.push(plan);
        }
      } catch (e) {
        throw toCrateliteError(e);
      }
      const results: BulkResult[] = [];
      for (let i = 0; i < plans.length; i++) {
        const sink = new CollectingSink();
        try {
          await this.executeWithRetry(plans[i]!, () => this.planParsed(stmt, bulkArgs[i]!), sink, sql);
          results.push({ rowCount: sink.rowCount });
        } catch (e) {
          results.push({ rowCount: -2, error: toCrateliteError(e) });
        }
      }
      return results;
    });
  }

  /**
   * Run a statement that is already parsed (the extended protocol keeps the parse of Parse for
   * its deferred writes, so a large multi-row INSERT is not parsed again at Sync).
   */
  executeParsed(sql: string, stmt: Statement, args: readonly unknown[], sink: ResultSink, options: ExecuteOptions = {}): Promise<void> {
    return this.serialize(async () => {
      try {
        const replan = () => this.planParsed(stmt, args, options.argTypes);
        await this.executeWithRetry(replan(), replan, sink, sql);
      } catch (e) {
        throw toCrateliteError(e);
      }
    });
  }

  /**
   * Run an already parsed INSERT … VALUES once per argument list, column-wise (pipelined PG
   * Bind/Execute batches, pgwire.md §5.4). Every row gets its own outcome, analysis errors
   * included. Undefined when the statement does not qualify for the column-wise path
   * (analyzer/dml/bulk-insert.ts); the caller then runs each execution on its own.
   */
  executeInsertBatch(
    sql: string, stmt: Statement, argsList: readonly (readonly unknown[])[], argTypes?: readonly DataType[],
  ): Promise<BulkResult[] | undefined> {
    return this.serialize(async () => {
      try {
        return await this.insertBatch(sql, stmt, argsList, argTypes, false);
      } catch (e) {
        throw toCrateliteError(e);
      }
    });
  }

  /**
   * One INSERT … VALUES (one VALUES row, no parameters in ON CONFLICT) for many argument
   * lists, through insertRows: per-row results like separate executions would give. With
   * `analysisFailsAll`, too few arguments in any list fails the whole call (HTTP bulk_args).
   */
  private async insertBatch(
    sql: string, stmt: Statement, argsList: readonly (readonly unknown[])[], argTypes: readonly DataType[] | undefined,
    analysisFailsAll: boolean,
  ): Promise<BulkResult[] | undefined> {
    if (stmt.kind !== 'Insert') return undefined;
    const cx = this.analyzerContext([], argTypes);
    const src = analyzeValuesInsert(stmt, cx);
    if (!src || src.cells.length !== 1 || src.conflictUsesParams) return undefined;
    const hints = columnHints(src, argTypes);
    if (!hints) return undefined;
    const results: BulkResult[] = new Array(argsList.length);
    const rows: (readonly unknown[])[] = [];
    const rowOf: number[] = [];
    argsList.forEach((args, i) => {
      try {
        rows.push(valuesRows(src, args)[0]!);
        rowOf.push(i);
      } catch (e) {
        if (analysisFailsAll) throw e;
        results[i] = { rowCount: -2, error: toCrateliteError(e) };
      }
    });
    const outcome = await this.runJob(sql, () => insertRows(cx, this.conn, src.table, src.columns, rows, {
      onDuplicate: 'error', onConflict: src.onConflict, valueTypes: hints,
    }));
    const errors = new Map(outcome.errors.map((e) => [e.index, e.error]));
    rowOf.forEach((i, r) => {
      const error = errors.get(r);
      results[i] = error ? { rowCount: -2, error } : outcome.rowCounts![r] === 1 ? WRITTEN : { rowCount: outcome.rowCounts![r]! };
    });
    return results;
  }

  /**
   * Analyse a statement without running it (PG Parse/Describe): its result columns (undefined
   * for row-count statements) and the number of parameters. Parameter values are unknown here,
   * so each is analysed as NULL of its hinted type.
   */
  describe(sql: string, paramTypes: readonly DataType[] = []): Promise<StatementDescription> {
    return this.serialize(async () => {
      try {
        checkStatementLength(sql, this.db.options.statementMaxLength);
        const stmt = parseCached(sql);
        const count = Math.max(paramTypes.length, maxParameterIndex(stmt));
        const inferred: (DataType | undefined)[] = [];
        const plan = this.planParsed(stmt, new Array(count).fill(null), paramTypes, inferred);
        const parameterTypes = Array.from({ length: count }, (_, i): DataType => {
          const declared = paramTypes[i];
          return declared && declared.kind !== 'undefined' ? declared : inferred[i] ?? { kind: 'undefined' };
        });
        return { columns: plan.columns, parameterCount: count, parameterTypes };
      } catch (e) {
        throw toCrateliteError(e);
      }
    });
  }

  /** Interrupt the running statement, if any (PG CancelRequest, HTTP client gone, KILL). */
  cancel(): void { this.conn.interrupt(); }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.forget(this);
    this.conn.close();
  }

  private serialize<R>(fn: () => Promise<R>): Promise<R> {
    const next = this.busy.then(fn, fn);
    this.busy = next.catch(() => undefined);
    return next;
  }

  private plan(sql: string, args: readonly unknown[], argTypes?: readonly DataType[]): Plan {
    checkStatementLength(sql, this.db.options.statementMaxLength);
    if (args.length > 0) return this.planParsed(parseCached(sql), args, argTypes);
    // dashboards repeat the same texts: their analysis (~0.3 ms) is kept per session while the
    // catalog and the session's settings stay as they were
    const catalogVersion = this.db.catalog.version;
    const settings = this.settings.generation;
    const hit = this.plans.get(sql);
    if (hit && hit.catalogVersion === catalogVersion && hit.settings === settings) return hit.plan;
    const stmt = parseCached(sql);
    if (stmt.kind !== 'Select') return this.planParsed(stmt, args, argTypes);
    const cx = this.analyzerContext(args, argTypes);
    const plan = planStatement(stmt, cx, this.settings, this.copyEnvironment());
    if (cx.reusable && sql.length <= MAX_CACHED_PLAN_TEXT) this.plans.set(sql, { plan, catalogVersion, settings });
    return plan;
  }

  /** analysed SELECTs without parameters by text (see plan) */
  private readonly plans = new Lru<{ plan: Plan; catalogVersion: number; settings: number }>(MAX_CACHED_PLANS);

  /** This session as sys.sessions shows it. */
  record(): SessionRecord {
    return {
      id: this.options.id,
      authUser: this.options.user,
      sessionUser: this.options.user,
      clientAddress: this.options.clientAddress,
      protocol: this.options.protocol,
      ssl: false,
      timeCreated: this.createdAt,
      settings: Object.fromEntries(this.settings.map),
      lastStatement: this.lastStatement,
      lastJobId: this.lastJobId,
    };
  }

  /** The analysis context of a statement of this session (args: its parameter values). */
  analyzerContext(args: readonly unknown[] = [], argTypes?: readonly DataType[]): AnalyzerContext {
    return new AnalyzerContext(this.db.catalog, {
      user: this.options.user,
      searchPath: this.settings.searchPath,
      settings: this.settings.map,
      errorOnUnknownObjectKey: this.settings.map.get('error_on_unknown_object_key') !== 'false',
    }, args, () => ({
      catalog: this.db.catalog,
      node: this.db.nodeInfo(),
      session: { user: this.options.user, currentSchema: this.settings.searchPath[0] ?? 'doc', settings: this.settings.map },
      ...this.db.systemExtras(),
    }), Date.now(), argTypes);
  }

  private planParsed(
    stmt: Statement, args: readonly unknown[], argTypes?: readonly DataType[], inferred?: (DataType | undefined)[],
  ): Plan {
    if (stmt.kind === 'Kill') {
      const id = stmt.jobId === 'ALL' ? 'ALL' : killTarget(stmt.jobId, args);
      const jobs = this.db.jobs;
      const { user, id: sessionId } = this.options;
      return { async execute(_conn, sink) { sink.end(jobs.kill(id, user, sessionId)); } };
    }
    const cx = this.analyzerContext(args, argTypes);
    if (inferred) {
      cx.describing = true;
      const plan = planStatement(stmt, cx, this.settings, this.copyEnvironment());
      inferred.push(...cx.inferredParamTypes);
      return plan;
    }
    return planStatement(stmt, cx, this.settings, this.copyEnvironment());
  }

  /** What COPY needs beyond the analyzer: jobs (progress, background copies), connections, the PG stream. */
  private copyEnvironment(): CopyEnvironment {
    return {
      jobs: this.db.jobs,
      sessionId: this.options.id,
      user: this.options.user,
      currentJobId: () => this.lastJobId,
      connect: () => this.db.engine.connect(),
      channel: this.copyChannel,
    };
  }

  private async run(sql: string, args: readonly unknown[], sink: ResultSink, argTypes?: readonly DataType[]): Promise<void> {
    try {
      const replan = () => this.plan(sql, args, argTypes);
      await this.executeWithRetry(replan(), replan, sink, sql);
    } catch (e) {
      throw toCrateliteError(e);
    }
  }

  /**
   * Another session may change a table's schema (a dynamic column) while a statement runs;
   * DuckDB then aborts the statement without effect, so it is planned and run again.
   */
  private async executeWithRetry(first: Plan, replan: () => Plan, sink: ResultSink, sql = ''): Promise<void> {
    const job = this.db.jobs.start(sql, this.options.user, this.options.id, () => this.conn.interrupt());
    this.lastStatement = sql;
    this.lastJobId = job.id;
    try {
      await this.retrying(first, replan, sink);
      this.db.jobs.finish(job);
    } catch (e) {
      this.db.jobs.finish(job, toCrateliteError(e).message);
      throw e;
    }
  }

  /** Run `fn` as one job (sys.jobs, statement_timeout), without retries. */
  private async runJob<R>(sql: string, fn: () => Promise<R>): Promise<R> {
    const job = this.db.jobs.start(sql, this.options.user, this.options.id, () => this.conn.interrupt());
    this.lastStatement = sql;
    this.lastJobId = job.id;
    try {
      let result!: R;
      await this.withTimeout(async () => { result = await fn(); });
      this.db.jobs.finish(job);
      return result;
    } catch (e) {
      this.db.jobs.finish(job, toCrateliteError(e).message);
      throw e;
    }
  }

  private async retrying(first: Plan, replan: () => Plan, sink: ResultSink): Promise<void> {
    let plan = first;
    for (let attempt = 1; ; attempt++) {
      const guarded = new StartedSink(sink);
      try {
        await this.withTimeout(() => plan.execute(this.conn, guarded));
        return;
      } catch (e) {
        if (!isTransactionConflict(e) || guarded.started || attempt >= MAX_CONFLICT_RETRIES) throw e;
        await new Promise((r) => setTimeout(r, attempt * 5 + Math.random() * 10));
        plan = replan();
      }
    }
  }

  /** statement_timeout: interrupt DuckDB and report JobKilledException (http.md §7). */
  private async withTimeout(fn: () => Promise<void>): Promise<void> {
    const ms = Number(this.settings.map.get('statement_timeout') ?? '0');
    if (!ms) return fn();
    let fired = false;
    const timer = setTimeout(() => { fired = true; this.conn.interrupt(); }, ms);
    try {
      await fn();
    } catch (e) {
      if (fired) throw new JobKilledException(`Job killed. statement_timeout (${ms}ms)`);
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }
}

const MAX_CONFLICT_RETRIES = 20;
const MAX_CACHED_PLANS = 256;
const MAX_CACHED_PLAN_TEXT = 8192;

/** the result of most rows of a bulk, shared */
const WRITTEN: BulkResult = Object.freeze({ rowCount: 1 });

function isTransactionConflict(e: unknown): boolean {
  // DuckDB's texts for an optimistic-concurrency abort of a statement or of an ALTER TABLE
  return e instanceof Error
    && /Transaction conflict|write-write conflict|another transaction has altered|concurrent transaction/i.test(e.message);
}

/** Remembers whether anything reached the client's sink, so a failed statement can be retried. */
class StartedSink implements ResultSink {
  started = false;
  constructor(private readonly inner: ResultSink) {}
  columns(columns: Parameters<ResultSink['columns']>[0]): void { this.started = true; this.inner.columns(columns); }
  batch(batch: Parameters<ResultSink['batch']>[0]): void | Promise<void> { this.started = true; return this.inner.batch(batch); }
  end(rowCount: number): void { this.started = true; this.inner.end(rowCount); }
}


/** KILL 'uuid' / KILL $1 */
function killTarget(e: Expression, args: readonly unknown[]): string {
  if (e.kind === 'Literal' && e.type === 'string') return e.value;
  if (e.kind === 'Parameter') return String(args[e.index - 1]);
  throw new SQLParseException('KILL expects a job id string');
}
