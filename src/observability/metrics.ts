/**
 * Prometheus metrics and the slow-statement log, fed by every statement of every session.
 *
 *   Session.execute / executeBulk (HTTP and PostgreSQL alike) → observeStatement → counters,
 *   latency histogram, error codes, rows ingested; slow ones are logged
 *   GET /metrics → renderMetrics → Prometheus text format 0.0.4
 *
 * Sessions are instrumented where they are created (`instrumentSessions`), so the protocol and
 * session code stays free of metrics calls. Statement types are the first keyword, folded into
 * a fixed set so label values stay few. Parameter values are never recorded.
 */
import type { Database } from '../session/database.js';
import type { ResultSink } from '../session/result-sink.js';
import type { Session } from '../session/session.js';
import { toCrateliteError } from '../errors/errors.js';
import { CRATELITE_VERSION } from '../session/version.js';
import { log } from './logger.js';

const TYPES = new Set([
  'select', 'insert', 'update', 'delete', 'copy', 'create', 'drop', 'alter', 'refresh', 'optimize', 'analyze',
  'set', 'reset', 'show', 'begin', 'commit', 'rollback', 'explain', 'kill', 'grant', 'revoke', 'deny', 'discard',
  'declare', 'fetch', 'close', 'with', 'values', 'start', 'end', 'deallocate', 'restore', 'snapshot',
]);

/** Upper bounds of the latency buckets, in seconds. */
const BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** `SELECT …` → select; `/* c *\/ with …` → with; anything unexpected → other. */
export function statementType(sql: string): string {
  const stripped = sql.replace(/^(?:\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)*/, '').replace(/^\(+\s*/, '');
  const word = /^[A-Za-z_]+/.exec(stripped)?.[0]?.toLowerCase() ?? '';
  return TYPES.has(word) ? word : 'other';
}

export class Metrics {
  private readonly statements = new Map<string, number>();
  private readonly errors = new Map<string, number>();
  private readonly histograms = new Map<string, { counts: number[]; sum: number; count: number }>();
  private rowsIngested = 0;
  readonly startedAt = Date.now();

  constructor(private readonly slowThresholdMs = 0) {}

  observe(sql: string, seconds: number, outcome: { error?: unknown; rows?: number; protocol?: string; sessionId?: number }): void {
    const type = statementType(sql);
    const ok = outcome.error === undefined;
    inc(this.statements, `type="${type}",outcome="${ok ? 'ok' : 'error'}"`);
    if (!ok) inc(this.errors, `code="${toCrateliteError(outcome.error).crateCode}"`);
    if (ok && (type === 'insert' || type === 'copy') && outcome.rows !== undefined && outcome.rows > 0) this.rowsIngested += outcome.rows;
    let h = this.histograms.get(type);
    if (!h) this.histograms.set(type, h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 });
    BUCKETS.forEach((b, i) => { if (seconds <= b) h!.counts[i]!++; });
    h.sum += seconds;
    h.count++;
    if (this.slowThresholdMs > 0 && seconds * 1000 >= this.slowThresholdMs) {
      log('warn', 'slow statement', {
        duration_ms: Math.round(seconds * 1e6) / 1000,
        type,
        outcome: ok ? 'ok' : 'error',
        session: outcome.sessionId,
        protocol: outcome.protocol,
        stmt: sql.length > 2000 ? `${sql.slice(0, 2000)}…` : sql,
      });
    }
  }

  /** Prometheus text exposition format. */
  async render(db: Database): Promise<string> {
    const out: string[] = [];
    const family = (name: string, type: string, help: string): void => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    };
    family('cratelite_build_info', 'gauge', 'cratelite version');
    out.push(`cratelite_build_info{version="${CRATELITE_VERSION}"} 1`);
    family('cratelite_statements_total', 'counter', 'Statements run, by statement type and outcome.');
    for (const [labels, n] of sorted(this.statements)) out.push(`cratelite_statements_total{${labels}} ${n}`);
    family('cratelite_statement_duration_seconds', 'histogram', 'Statement latency, by statement type.');
    for (const [type, h] of [...this.histograms].sort(([a], [b]) => a.localeCompare(b))) {
      BUCKETS.forEach((b, i) => out.push(`cratelite_statement_duration_seconds_bucket{type="${type}",le="${b}"} ${h.counts[i]}`));
      out.push(`cratelite_statement_duration_seconds_bucket{type="${type}",le="+Inf"} ${h.count}`);
      out.push(`cratelite_statement_duration_seconds_sum{type="${type}"} ${h.sum}`);
      out.push(`cratelite_statement_duration_seconds_count{type="${type}"} ${h.count}`);
    }
    family('cratelite_errors_total', 'counter', 'Failed statements, by CrateDB error code.');
    for (const [labels, n] of sorted(this.errors)) out.push(`cratelite_errors_total{${labels}} ${n}`);
    family('cratelite_rows_ingested_total', 'counter', 'Rows written by INSERT and COPY FROM.');
    out.push(`cratelite_rows_ingested_total ${this.rowsIngested}`);
    family('cratelite_sessions_active', 'gauge', 'Open sessions (HTTP connections that ran SQL, PostgreSQL connections).');
    out.push(`cratelite_sessions_active ${db.activeSessions}`);
    family('cratelite_jobs_running', 'gauge', 'Statements running now.');
    out.push(`cratelite_jobs_running ${db.jobs.jobs().length}`);
    family('cratelite_duckdb_memory_bytes', 'gauge', 'Memory DuckDB uses (buffer manager), by tag.');
    for (const [tag, bytes] of await duckdbMemory(db)) out.push(`cratelite_duckdb_memory_bytes{tag="${tag}"} ${bytes}`);
    family('cratelite_process_resident_memory_bytes', 'gauge', 'Resident memory of the process.');
    out.push(`cratelite_process_resident_memory_bytes ${process.memoryUsage().rss}`);
    family('cratelite_process_uptime_seconds', 'gauge', 'Seconds since the node started.');
    out.push(`cratelite_process_uptime_seconds ${(Date.now() - this.startedAt) / 1000}`);
    return `${out.join('\n')}\n`;
  }
}

function inc(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function sorted(map: Map<string, number>): [string, number][] {
  return [...map].sort(([a], [b]) => a.localeCompare(b));
}

/** `duckdb_memory()`: bytes per buffer-manager tag (BASE_TABLE, HASH_TABLE, …); total when absent. */
async function duckdbMemory(db: Database): Promise<[string, string][]> {
  const conn = await db.engine.connect();
  try {
    const rows = await conn.all('SELECT tag, memory_usage_bytes FROM duckdb_memory() ORDER BY tag');
    return rows.map(([tag, bytes]) => [String(tag).toLowerCase(), String(bytes)]);
  } catch {
    return [];
  } finally {
    conn.close();
  }
}

/**
 * Wraps `createSession` so that every session's `execute` and `executeBulk` report to `metrics`.
 * The session's behaviour is unchanged: results, errors and timing pass straight through.
 */
export function instrumentSessions(db: Database, metrics: Metrics): void {
  const create = db.createSession.bind(db);
  db.createSession = async (options) => instrument(await create(options), metrics);
}

function instrument(session: Session, metrics: Metrics): Session {
  const execute = session.execute.bind(session);
  const executeBulk = session.executeBulk.bind(session);
  const context = { protocol: session.options.protocol, sessionId: session.options.id };
  session.execute = async (sql, args, sink, options) => {
    const start = process.hrtime.bigint();
    let rows: number | undefined;
    const counting: ResultSink = {
      columns: (c) => sink.columns(c),
      batch: (b) => sink.batch(b),
      end: (n) => { rows = n; sink.end(n); },
    };
    try {
      await execute(sql, args, counting, options);
      metrics.observe(sql, elapsed(start), { rows, ...context });
    } catch (e) {
      metrics.observe(sql, elapsed(start), { error: e, ...context });
      throw e;
    }
  };
  session.executeBulk = async (sql, bulkArgs) => {
    const start = process.hrtime.bigint();
    try {
      const results = await executeBulk(sql, bulkArgs);
      const rows = results.reduce((n, r) => n + Math.max(0, r.rowCount), 0);
      metrics.observe(sql, elapsed(start), { rows, ...context });
      return results;
    } catch (e) {
      metrics.observe(sql, elapsed(start), { error: e, ...context });
      throw e;
    }
  };
  return session;
}

const elapsed = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
