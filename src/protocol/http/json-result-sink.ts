/**
 * The ResultSink of `/_sql`: turns what a statement produced into the response body of
 * http.md §3.5 / §3.6, keys in CrateDB's order:
 *
 *   result set:  {"cols":[…],"col_types":[…]?,"rows":[[…],…],"rowcount":N,"duration":F}
 *   row count:   {"cols":[],"col_types":[]?,"rows":[[]],"rowcount":N,"duration":F}
 *
 * Rows are encoded column by column (one encoder per column, chosen from its DataType) and
 * stitched into row arrays as text, collected in a ByteBuilder. HTTP cannot stream (the status
 * line depends on the outcome), so the body is complete before anything is sent.
 */
import type { ResultColumn, ResultSink, RowBatch } from '../../session/result-sink.js';
import { httpTypeId } from '../../types/data-type.js';
import { ByteBuilder } from './byte-builder.js';
import { javaFloat } from '../../types/java-number-format.js';
import { encodeByShape, encodeColumn, encodeJsonValue, encoderFor, type ValueEncoder } from '../../types/json-values.js';

/** Bodies below this many characters are kept as one string (ByteBuilder chunks beyond). */
const SMALL_BODY = 64 * 1024;

export class JsonResultSink implements ResultSink {
  private cols: readonly ResultColumn[] | undefined;
  private encoders: ValueEncoder[] = [];
  /** row text while the body is small (sent with the headers in one write), then `large` */
  private small = '';
  private large: ByteBuilder | undefined;
  private rowsWritten = 0;
  private rowCount = -1;

  constructor(private readonly includeTypes: boolean) {}

  columns(columns: readonly ResultColumn[]): void {
    this.cols = columns;
    this.encoders = columns.map((c) => (c.json ? encodeJsonValue : encoderFor(c.type)));
  }

  batch(batch: RowBatch): void {
    // A batch before columns() (or wider than the announced columns) is encoded by JS shape.
    if (!this.cols) this.cols = [];
    const n = batch.rowCount;
    const encoded = batch.columns.map((values, c) => encodeColumn(this.encoders[c] ?? encodeByShape, values, n));
    const width = encoded.length;
    let text = '';
    for (let r = 0; r < n; r++) {
      text += this.rowsWritten++ === 0 ? '[' : ',[';
      for (let c = 0; c < width; c++) text += (c === 0 ? '' : ',') + encoded[c]![r];
      text += ']';
    }
    if (this.large) {
      this.large.append(text);
    } else if (this.small.length + text.length < SMALL_BODY) {
      this.small += text;
    } else {
      this.large = new ByteBuilder();
      this.large.append(this.small);
      this.large.append(text);
      this.small = '';
    }
  }

  end(rowCount: number): void { this.rowCount = rowCount; }

  /** True once the statement announced a result set. */
  get hasResultSet(): boolean { return this.cols !== undefined; }

  /** The whole response body; `durationMs` is the server-side time so far. */
  body(durationMs: number): Buffer[] {
    const text = this.text(durationMs);
    if (text !== undefined) return [Buffer.from(text)];
    const [head, tail] = this.frame(durationMs);
    return [Buffer.from(head), ...this.large!.finish(), Buffer.from(tail)];
  }

  /**
   * The whole response body as one string when it is small (undefined otherwise): the HTTP
   * layer then writes status line, headers and body with a single socket write.
   */
  text(durationMs: number): string | undefined {
    if (this.large) return undefined;
    const [head, tail] = this.frame(durationMs);
    return this.cols === undefined ? head : head + this.small + tail;
  }

  /** the body before and after the rows (for row-count statements: all of it, tail empty) */
  private frame(durationMs: number): [string, string] {
    const cols = this.cols ?? [];
    let head = `{"cols":${JSON.stringify(cols.map((c) => c.name))}`;
    if (this.includeTypes) head += `,"col_types":${JSON.stringify(cols.map((c) => httpTypeId(c.type)))}`;
    if (this.cols === undefined) {
      // Row-count statements carry one empty row: crate-python reads `rowcount` as -1 without it.
      return [`${head},"rows":[[]],"rowcount":${this.rowCount},"duration":${durationText(durationMs)}}`, ''];
    }
    return [`${head},"rows":[`, `],"rowcount":${this.rowsWritten},"duration":${durationText(durationMs)}}`];
  }
}

/** `duration` is a Java float of milliseconds (CrateDB `ResultToXContentBuilder.duration`). */
export function durationText(ms: number): string {
  return javaFloat(Math.max(ms, 0));
}

/** Milliseconds elapsed since a `process.hrtime.bigint()` start. */
export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
