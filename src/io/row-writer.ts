/**
 * Buffers parsed COPY FROM rows and writes them `bulk_size` at a time through insertRows (the
 * one INSERT path, with CrateDB's per-row semantics), counting successes and failures per URI
 * in the summary.
 *
 * A batch is written as one insertRows call per distinct column list, in order of first
 * appearance (rows of a CSV file or of uniform JSON share one list). Rows with different key
 * sets are therefore not written in file order within a batch; CrateDB gives no order
 * guarantee either (copy.md §1.4).
 *
 * PARTITION (…) values replace the partition columns of every row (copy.md §1.4 step 4).
 */
import type { AnalyzerContext } from '../analyzer/analyzer-context.js';
import { insertRows } from '../analyzer/dml/insert-rows.js';
import type { TableMeta } from '../catalog/table-meta.js';
import type { EngineConnection } from '../engine/engine.js';
import type { CrateliteError } from '../errors/errors.js';
import type { ParsedRow } from './formats/records.js';
import type { UriResult } from './summary.js';

interface Pending { readonly result: UriResult; readonly row: ParsedRow }

export interface RowWriterOptions {
  readonly bulkSize: number;
  readonly overwriteDuplicates: boolean;
  /** PARTITION (…): column path → value */
  readonly partition?: readonly { path: readonly string[]; value: unknown }[];
  /** checked after each write; throws to stop (KILL) */
  readonly checkAborted: () => void;
  /** rows written / failed so far */
  readonly onWritten?: (written: number, failed: number) => void;
}

export class RowWriter {
  private pending: Pending[] = [];
  written = 0;
  failed = 0;

  constructor(
    private readonly cx: AnalyzerContext,
    private readonly conn: EngineConnection,
    private readonly table: TableMeta,
    private readonly o: RowWriterOptions,
  ) {}

  /** Queue a row; true when a batch is full (call flush). */
  add(result: UriResult, row: ParsedRow): boolean {
    this.pending.push({ result, row: this.o.partition ? withPartition(row, this.o.partition) : row });
    return this.pending.length >= this.o.bulkSize;
  }

  rowFailed(result: UriResult, message: string, line: number): void {
    result.rowFailed(message, line);
    this.failed++;
  }

  async flush(): Promise<void> {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    for (const group of groupByColumns(batch)) {
      const { rowCount, errors } = await insertRows(
        this.cx, this.conn, this.table, group.columns, group.items.map((p) => p.row.values),
        { onDuplicate: this.o.overwriteDuplicates ? 'overwrite' : 'error' });
      this.o.checkAborted();
      const failedAt = new Set<number>();
      for (const { index, error } of errors) {
        failedAt.add(index);
        const p = group.items[index]!;
        this.rowFailed(p.result, copyErrorMessage(error), p.row.line);
      }
      group.items.forEach((p, i) => { if (!failedAt.has(i)) p.result.successCount++; });
      this.written += rowCount;
    }
    this.o.onWritten?.(this.written, this.failed);
  }
}

function groupByColumns(batch: readonly Pending[]): { columns: readonly string[]; items: Pending[] }[] {
  const byArray = new Map<readonly string[], { columns: readonly string[]; items: Pending[] }>();
  const byKey = new Map<string, { columns: readonly string[]; items: Pending[] }>();
  const out: { columns: readonly string[]; items: Pending[] }[] = [];
  for (const p of batch) {
    const cols = p.row.columns;
    let g = byArray.get(cols);
    if (!g) {
      const key = cols.join('\u0000');
      g = byKey.get(key);
      if (!g) {
        g = { columns: cols, items: [] };
        byKey.set(key, g);
        out.push(g);
      }
      byArray.set(cols, g);
    }
    g.items.push(p);
  }
  return out;
}

function withPartition(row: ParsedRow, partition: readonly { path: readonly string[]; value: unknown }[]): ParsedRow {
  const columns = [...row.columns];
  const values = [...row.values];
  for (const { path, value } of partition) {
    const top = path[0]!;
    let i = columns.indexOf(top);
    if (path.length === 1) {
      if (i < 0) {
        columns.push(top);
        values.push(value);
      } else values[i] = value;
      continue;
    }
    if (i < 0) {
      i = columns.length;
      columns.push(top);
      values.push({});
    }
    const base = values[i];
    const root: Record<string, unknown> = base && typeof base === 'object' && !Array.isArray(base) ? structuredClone(base as Record<string, unknown>) : {};
    let obj = root;
    for (const key of path.slice(1, -1)) {
      const next = obj[key];
      obj = obj[key] = next && typeof next === 'object' && !Array.isArray(next) ? next as Record<string, unknown> : {};
    }
    obj[path[path.length - 1]!] = value;
    values[i] = root;
  }
  return { line: row.line, columns, values };
}

/**
 * The message a failed row shows in the summary: the error's message without CrateDB's
 * `Name[…]` wrapper. Casts read as CrateDB's COPY reports them, which is not the INSERT literal
 * wording: `Cannot cast value \`May\` to type \`timestamp with time zone\``.
 */
export function copyErrorMessage(error: CrateliteError): string {
  const m = /^Cannot cast `'((?:[^']|'')*)'` of type `[^`]+` to type `([^`]+)`$/s.exec(error.message);
  if (m) return `Cannot cast value \`${m[1]!.replace(/''/g, "'")}\` to type \`${m[2]}\``;
  const n = /^Cannot cast `([^`]*)` of type `[^`]+` to type `([^`]+)`$/s.exec(error.message);
  if (n) return `Cannot cast value \`${n[1]}\` to type \`${n[2]}\``;
  return error.message;
}
