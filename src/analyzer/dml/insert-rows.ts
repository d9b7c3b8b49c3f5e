/**
 * Insert rows of JS values into a table with CrateDB's INSERT semantics — the one entry point
 * for every bulk path (HTTP bulk_args, multi-row INSERT … VALUES, pipelined PG batches,
 * COPY FROM, PG COPY FROM STDIN).
 *
 *   insertRows(cx, conn, table, ['ts', 'payload'], [[1700000000000, { a: 1 }], …], { onDuplicate: 'skip' })
 *   → { rowCount: <rows written>, errors: [{ index, error }, …], rowCounts: [1, 0, -2, …] }
 *
 * Values are what JSON (or CSV as strings) gives: numbers, strings, booleans, null, arrays,
 * plain objects; they are cast to the column types as CrateDB casts inserted values. Each row
 * succeeds or fails on its own: casts, NOT NULL, CHECK, generated-column mismatches and
 * duplicate keys (with `onDuplicate: 'error'`) fail only that row. Dynamic columns and object
 * keys are added as the rows introduce them; defaults and generated columns are computed;
 * partitions appear with their first row.
 *
 * How (never SQL text per row):
 *   1. values typed once per column (declared PG types cast here), JSON object text parsed once
 *   2. new columns / object keys added for the whole batch (bulk-schema.ts)
 *   3. rows converted to DuckDB leaf values in JS (leaf-writers.ts)
 *   4. appended column-wise, straight into the table or through a staging table and one
 *      set-based INSERT … SELECT that applies defaults, generated columns, NOT NULL, CHECK and
 *      ON CONFLICT; failing rows are found by bisection (bulk-write.ts)
 */
import type { EngineConnection } from '../../engine/engine.js';
import { type CrateliteError, toCrateliteError } from '../../errors/errors.js';
import type { TableMeta } from '../../catalog/table-meta.js';
import type { Insert } from '../../sql/ast/index.js';
import type { DataType } from '../../types/data-type.js';
import type { AnalyzerContext } from '../analyzer-context.js';
import { castLiteralValue } from '../casts.js';
import { growSchema, objectValue } from './bulk-schema.js';
import {
  appendDirect, canAppendDirectly, insertStaged, withConflictRetry, type StagedRows, type WriteOptions,
} from './bulk-write.js';
import { notNullError, rowLayout, sameAsCast, type RowLayout, type RowOut } from './leaf-writers.js';

export interface InsertRowsOptions {
  /**
   * A row whose primary key exists already: `error` fails that row (DuplicateKeyException),
   * `skip` leaves it out silently, `overwrite` replaces the existing row as a whole.
   */
  onDuplicate: 'error' | 'skip' | 'overwrite';
  /**
   * The declared type of each column's values (`columns` order): PG Parse types, with the
   * `undefined` kind for untyped text (OID 0). Absent: each value's type is its JS form's.
   */
  valueTypes?: readonly (DataType | undefined)[];
  /** An INSERT's own ON CONFLICT clause (without parameters); replaces what onDuplicate says. */
  onConflict?: Insert['onConflict'];
  /**
   * One statement's worth (multi-row INSERT … VALUES): all rows or none; the first error is
   * thrown, and `rowCount` is what the statement wrote.
   */
  atomic?: boolean;
}

export interface InsertRowsResult {
  /** rows written (inserted or overwritten) */
  rowCount: number;
  /** the rows that failed, by index into `rows`, ascending */
  errors: { index: number; error: CrateliteError }[];
  /** per row: 1 written, 0 skipped (duplicate key), -2 failed; absent with `atomic` */
  rowCounts?: number[];
}

const FAILED = -2;

export async function insertRows(
  cx: AnalyzerContext, conn: EngineConnection, table: TableMeta, columns: readonly string[],
  rows: readonly (readonly unknown[])[], options: InsertRowsOptions,
): Promise<InsertRowsResult> {
  const atomic = options.atomic === true;
  const rowCounts = new Array<number>(rows.length).fill(0);
  const errors: { index: number; error: CrateliteError }[] = [];
  const fail = (index: number, error: unknown): void => {
    if (atomic) throw toCrateliteError(error);
    if (rowCounts[index] === FAILED) return;
    rowCounts[index] = FAILED;
    errors.push({ index, error: toCrateliteError(error) });
  };
  if (rows.length === 0) return { rowCount: 0, errors, rowCounts: atomic ? undefined : rowCounts };

  const prepared = prepareRows(table, columns, rows, options.valueTypes, fail);
  // an ALTER TABLE that meets another session's write is aborted without effect: run it again
  const grown = table;
  table = await withConflictRetry(() => growSchema(cx, conn, grown, columns, prepared, (i, e) => { fail(i, e); prepared[i] = undefined; }));

  const layout = rowLayout(table, columns, options.valueTypes);
  const direct = canAppendDirectly(table, layout, columns);
  const staged = convertRows(layout, prepared, direct, fail);

  let rowCount = 0;
  if (direct) {
    rowCount = await appendDirect(conn, table, layout, staged);
    for (const i of staged.rowIndex) rowCounts[i] = 1;
  } else {
    const write: WriteOptions = {
      onConflict: options.onConflict ?? (options.onDuplicate === 'overwrite' ? overwriteClause(table, columns) : undefined),
      skipDuplicates: options.onDuplicate !== 'error',
      atomic,
    };
    const changed = await insertStaged(cx, conn, table, layout, columns, staged, write, {
      written: (i) => { rowCounts[i] = 1; },
      skipped: (i) => { rowCounts[i] = 0; },
      failed: fail,
    });
    rowCount = atomic ? changed : rowCounts.reduce((n, c) => (c === 1 ? n + 1 : n), 0);
  }
  errors.sort((a, b) => a.index - b.index);
  return atomic ? { rowCount, errors } : { rowCount, errors, rowCounts };
}

/** Distinct object texts parsed once per batch (prepareRows); beyond this, each is parsed. */
const MAX_PARSED_TEXTS = 4096;

/**
 * Values in the form the writers take: declared types applied (analyzer/expression.ts
 * `compileParameter`; a failure fails the row), object JSON text parsed once. Rows are copied
 * only when something changes. `undefined` marks a failed row.
 */
function prepareRows(
  table: TableMeta, columns: readonly string[], rows: readonly (readonly unknown[])[],
  hints: readonly (DataType | undefined)[] | undefined, fail: (index: number, error: unknown) => void,
): (readonly unknown[] | undefined)[] {
  const declared: number[] = [];
  const objects: number[] = [];
  columns.forEach((name, i) => {
    const hint = hints?.[i];
    if (hint && hint.kind !== 'undefined') declared.push(i);
    else if (table.columns.find((c) => c.name === name)?.children) objects.push(i);
  });
  if (declared.length === 0 && objects.length === 0) return [...rows];
  /** per declared column: values the cast leaves as they are (decoded by Bind already) */
  const identity = declared.map((i) => sameAsCast(hints![i]!) ?? (() => false));
  const casts = declared.map(() => new Map<unknown, unknown>());
  const parsedTexts = new Map<string, unknown>();
  return rows.map((row, r) => {
    let out: unknown[] | undefined;
    for (let d = 0; d < declared.length; d++) {
      const i = declared[d]!;
      const v = row[i];
      if (v === null || v === undefined || identity[d]!(v)) continue;
      try {
        let cast: unknown;
        if (typeof v === 'object') {
          // the same object is often given for many rows (PG Bind decodes equal texts once)
          const seen = casts[d]!;
          cast = seen.get(v);
          if (cast === undefined) seen.set(v, cast = castLiteralValue(v, hints![i]!));
        } else {
          cast = castLiteralValue(v, hints![i]!);
        }
        (out ??= [...row])[i] = cast;
      } catch (e) {
        fail(r, e);
        return undefined;
      }
    }
    for (const i of objects) {
      const text = row[i];
      if (typeof text !== 'string') continue;
      // equal texts (a device's tags, row after row) are parsed once: the object is only read
      let parsed = parsedTexts.get(text);
      if (parsed === undefined) {
        parsed = objectValue(text);
        if (parsedTexts.size < MAX_PARSED_TEXTS) parsedTexts.set(text, parsed);
      }
      (out ??= [...row])[i] = parsed;
    }
    return out ?? row;
  });
}

/** Leaf values of the rows, column-major; rows failing conversion are reported and left out. */
function convertRows(
  layout: RowLayout, rows: readonly (readonly unknown[] | undefined)[], checkNotNull: boolean,
  fail: (index: number, error: unknown) => void,
): StagedRows {
  const width = layout.leaves.length;
  const out: RowOut = { cols: new Array(width), flags: new Array(width), k: 0 };
  // sized once: growing thousands of elements one by one reallocates and copies
  for (const slot of layout.suppliedSlots) out.cols[slot] = new Array(rows.length);
  for (const slot of layout.defaultSlots) out.flags[slot] = new Array(rows.length);
  const supplied = new Set(layout.suppliedSlots);
  const notNull = checkNotNull ? layout.notNull : [];
  const rowIndex: number[] = [];
  for (let r = 0; r < rows.length; r++) {
    const values = rows[r];
    if (!values) continue;
    for (const slot of layout.defaultSlots) out.flags[slot]![out.k] = false;
    try {
      layout.convert(values, out);
      // NOT NULL as the INSERT's guard would raise it (row-values.ts `notNullGuard`)
      for (const { slot, col } of notNull) {
        if (!supplied.has(slot) || out.cols[slot]![out.k] === null) throw notNullError(col);
      }
    } catch (e) {
      fail(r, e);
      continue;
    }
    rowIndex.push(r);
    out.k++;
  }
  // a failed last row may have left values past the end
  for (const slot of layout.suppliedSlots) out.cols[slot]!.length = out.k;
  for (const slot of layout.defaultSlots) out.flags[slot]!.length = out.k;
  return { rowIndex, values: out.cols, flags: out.flags };
}

/**
 * `ON CONFLICT (pk) DO UPDATE SET c = excluded.c` for every non-key column: the existing row is
 * replaced by the new one as a whole (CrateDB's COPY `overwrite_duplicates`), so columns the new
 * row lacks become NULL or their default, and generated columns are computed from the new row.
 */
function overwriteClause(table: TableMeta, _columns: readonly string[]): Insert['onConflict'] {
  if (!table.primaryKey.length) return undefined;
  const keys = new Set(table.primaryKey.map((p) => p[0]));
  const assignments = table.columns.filter((c) => !keys.has(c.name)).map((c) => ({
    target: { kind: 'ColumnRef' as const, parts: [c.name], pos: 0 },
    value: { kind: 'ColumnRef' as const, parts: ['excluded', c.name], pos: 0 },
  }));
  return assignments.length ? { columns: [], action: 'UPDATE', assignments } : { columns: [], action: 'NOTHING' };
}
