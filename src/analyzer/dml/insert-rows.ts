/**
 * Insert rows of JS values into a table with CrateDB's INSERT semantics — the one entry point
 * for every bulk path (HTTP bulk_args, COPY FROM, PG COPY FROM STDIN, pipelined PG batches).
 *
 *   insertRows(cx, conn, table, ['ts', 'payload'], [[1700000000000, { a: 1 }], …], { onDuplicate: 'skip' })
 *   → { rowCount: <rows written>, errors: [{ index, error }, …] }
 *
 * Values are what JSON (or CSV as strings) gives: numbers, strings, booleans, null, arrays,
 * plain objects; they are cast to the column types as CrateDB casts inserted values. Each row
 * succeeds or fails on its own: casts, NOT NULL, CHECK, generated-column mismatches and
 * duplicate keys (with `onDuplicate: 'error'`) fail only that row. Dynamic columns and object
 * keys are added as the rows introduce them; defaults and generated columns are computed;
 * partitions appear with their first row.
 */
import type { EngineConnection } from '../../engine/engine.js';
import { type CrateliteError, toCrateliteError } from '../../errors/errors.js';
import type { TableMeta } from '../../catalog/table-meta.js';
import { parseStatement } from '../../sql/parser/parser.js';
import { quoteIdent } from '../../translator/duckdb-types.js';
import { AnalyzerContext } from '../analyzer-context.js';
import type { Insert } from '../../sql/ast/index.js';
import { planInsert } from './insert.js';
import { CollectingSink } from '../../session/result-sink.js';

export interface InsertRowsOptions {
  /**
   * A row whose primary key exists already: `error` fails that row (DuplicateKeyException),
   * `skip` leaves it out silently, `overwrite` replaces the given columns (upsert).
   */
  onDuplicate: 'error' | 'skip' | 'overwrite';
}

export interface InsertRowsResult {
  /** rows written (inserted or overwritten) */
  rowCount: number;
  /** the rows that failed, by index into `rows` */
  errors: { index: number; error: CrateliteError }[];
}

export async function insertRows(
  cx: AnalyzerContext, conn: EngineConnection, table: TableMeta, columns: readonly string[],
  rows: readonly (readonly unknown[])[], options: InsertRowsOptions,
): Promise<InsertRowsResult> {
  const stmt = insertStatement(table, columns, options);
  const result: InsertRowsResult = { rowCount: 0, errors: [] };
  for (let i = 0; i < rows.length; i++) {
    const rcx = new AnalyzerContext(cx.catalog, cx.session, rows[i]!, cx.systemContext, Date.now(), cx.argTypes);
    const sink = new CollectingSink();
    try {
      await planInsert(stmt, rcx).execute(conn, sink);
      result.rowCount += sink.rowCount;
    } catch (e) {
      result.errors.push({ index: i, error: toCrateliteError(e) });
    }
  }
  return result;
}

/** `INSERT INTO s.t (a, b) VALUES ($1, $2) [ON CONFLICT (pk) DO NOTHING | DO UPDATE SET a = excluded.a …]` */
function insertStatement(table: TableMeta, columns: readonly string[], options: InsertRowsOptions): Insert {
  const q = (name: string) => quoteIdent(name);
  let sql = `INSERT INTO ${q(table.schema)}.${q(table.name)} (${columns.map(q).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`;
  if (table.primaryKey.length && options.onDuplicate !== 'error') {
    const pk = table.primaryKey.map((p) => p.map(q).join('.'));
    const pkTop = new Set(table.primaryKey.map((p) => p[0]));
    const sets = columns.filter((c) => !pkTop.has(c)).map((c) => `${q(c)} = excluded.${q(c)}`);
    sql += options.onDuplicate === 'skip' || !sets.length
      ? ` ON CONFLICT (${pk.join(', ')}) DO NOTHING`
      : ` ON CONFLICT (${pk.join(', ')}) DO UPDATE SET ${sets.join(', ')}`;
  }
  const stmt = parseStatement(sql);
  if (stmt.kind !== 'Insert') throw new Error(`internal: ${sql}`);
  return stmt;
}
