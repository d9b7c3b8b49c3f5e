/**
 * The seam between "what a statement produced" and "how a protocol encodes it" (STYLE.md §2).
 *
 * A statement with a result set calls `columns()` once, then `batch()` zero or more times, then
 * `end(rowCount)`. A row-count statement (DML, DDL, SET …) only calls `end(rowCount)`.
 *
 * Values inside a batch are "raw values": what @duckdb/node-api returns for the DuckDB storage
 * type of the column's CrateDB type (see engine/raw-value.ts), or the same JS shapes produced by
 * cratelite itself for results computed without DuckDB.
 */
import type { DataType } from '../types/data-type.js';

export interface ResultColumn {
  readonly name: string;
  readonly type: DataType;
  /**
   * Set when the result comes from exactly one table and every output column is a stored
   * column of it: the table's OID and the column's position (PG RowDescription, pgwire.md §5.8).
   */
  readonly origin?: ColumnOrigin;
  /**
   * The values are JSON texts of values of type `undefined` (an IGNORED object's undeclared
   * key): shown as the JSON value they hold (HTTP: embedded; PG text: strings unquoted).
   */
  readonly json?: boolean;
}

export interface ColumnOrigin { readonly tableOid: number; readonly attnum: number }

/** Column-major rows: `columns[c][r]`. */
export interface RowBatch { readonly rowCount: number; readonly columns: readonly (readonly unknown[])[] }

export interface ResultSink {
  columns(columns: readonly ResultColumn[]): void;
  /** May return a promise to apply backpressure. */
  batch(batch: RowBatch): void | Promise<void>;
  end(rowCount: number): void;
}

/** Collects everything in memory; used by bulk execution, tests and the embedded API. */
export class CollectingSink implements ResultSink {
  cols: ResultColumn[] | undefined;
  rows: unknown[][] = [];
  rowCount = -1;
  columns(columns: readonly ResultColumn[]): void { this.cols = [...columns]; }
  batch(batch: RowBatch): void {
    for (let r = 0; r < batch.rowCount; r++) this.rows.push(batch.columns.map((c) => c[r]));
  }
  end(rowCount: number): void { this.rowCount = rowCount; }
}
