/**
 * What the analyzer hands the session: an executable plan. A plan either produces a result set
 * (`columns` is set; rows go to the sink) or a row count.
 */
import type { EngineConnection, Param, QueryOptions } from '../engine/engine.js';
import type { ResultColumn, ResultSink } from '../session/result-sink.js';

export interface Plan {
  /** set for statements with a result set (known before execution: bulk rejects these) */
  readonly columns?: readonly ResultColumn[];
  execute(conn: EngineConnection, sink: ResultSink): Promise<void>;
}

/** A query plan: stream DuckDB rows into the sink. */
export function queryPlan(
  sql: string | ((conn: EngineConnection) => Promise<string | { sql: string; params: Param[] }>), columns: readonly ResultColumn[],
  translateError: (e: unknown) => unknown = (e) => e,
  options: QueryOptions = {},
): Plan {
  return {
    columns,
    async execute(conn, sink) {
      const final = typeof sql === 'string' ? sql : await sql(conn);
      const batches = typeof final === 'string' ? conn.query(final, [], options) : conn.query(final.sql, final.params, options);
      let first;
      try {
        first = await batches.next();
      } catch (e) {
        throw translateError(e);
      }
      sink.columns(columns);
      let rows = 0;
      for (let b = first; !b.done; b = await batches.next()) {
        rows += b.value.rowCount;
        await sink.batch(b.value);
      }
      sink.end(rows);
    },
  };
}

/** A plan that only reports a row count. */
export function rowCountPlan(fn: (conn: EngineConnection) => Promise<number>): Plan {
  return {
    async execute(conn, sink) {
      sink.end(await fn(conn));
    },
  };
}

/** A result computed in JS (SHOW, session settings …). */
export function valuesPlan(columns: readonly ResultColumn[], rows: unknown[][]): Plan {
  return {
    columns,
    async execute(_conn, sink) {
      sink.columns(columns);
      if (rows.length) sink.batch({ rowCount: rows.length, columns: columns.map((_, c) => rows.map((r) => r[c])) });
      sink.end(rows.length);
    },
  };
}
