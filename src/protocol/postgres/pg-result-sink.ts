/**
 * The PostgreSQL ResultSink: statement output → RowDescription / DataRow messages
 * (STYLE.md §2 — the seam between session and protocol).
 *
 *   columns(cols)  → RowDescription (simple query only; the extended protocol answers Describe)
 *   batch(rows)    → one DataRow per row, cells encoded per column type and result format;
 *                    then the bytes go to the socket and, when the socket's buffer is full, the
 *                    promise returned to the engine waits for 'drain' (backpressure)
 *   end(n)         → remembered; the caller sends CommandComplete with the tag
 *
 * Values are encoded by the type the client was told about (`announced`, from Describe) when
 * there is one, so the bytes always match the RowDescription the client holds.
 */
import type { ResultColumn, ResultSink, RowBatch } from '../../session/result-sink.js';
import type { DataType } from '../../types/data-type.js';
import { binaryEncoderFor } from './codecs/binary-encoders.js';
import { jsonValueText, textEncoderFor } from './codecs/text-encoders.js';
import { pgTypeOf } from './codecs/type-oids.js';
import { formatAt } from './frontend-messages.js';
import type { BackendWriter, Cell, FieldDescription } from './messages/backend-messages.js';

/** Where encoded messages go: the connection's writer, flushed with backpressure. */
export interface PgOutput {
  readonly writer: BackendWriter;
  /** Send what the writer holds; resolves when the socket can take more. */
  flush(): Promise<void>;
}

export type CellEncoder = (v: unknown) => Cell;

/** The encoder of a column's values in `format`; JSON-held `undefined` values (ResultColumn.json) are text in both (OID unknown). */
export function cellEncoder(column: Pick<ResultColumn, 'type' | 'json'>, format: number): CellEncoder {
  const { type } = column;
  const encode = column.json ? jsonValueText : format === 1 ? binaryEncoderFor(type) : textEncoderFor(type);
  return (v) => (v === null || v === undefined ? null : encode(v));
}

export function fieldDescriptions(columns: readonly ResultColumn[], formats: readonly number[]): FieldDescription[] {
  return columns.map((c, i) => {
    const t = pgTypeOf(c.type);
    return { name: c.name, tableOid: c.origin?.tableOid ?? 0, attnum: c.origin?.attnum ?? 0, typeOid: t.oid, typlen: t.typlen, typmod: t.typmod, format: formatAt(formats, i) };
  });
}

/** Flush to the socket every this many bytes inside a batch, so huge batches do not pile up. */
const FLUSH_BYTES = 256 * 1024;

export class PgResultSink implements ResultSink {
  private encoders: CellEncoder[] = [];
  /** DataRows sent */
  rowsSent = 0;
  rowCount = -1;
  hasResultSet = false;

  constructor(
    private readonly out: PgOutput,
    private readonly options: {
      /** send RowDescription on columns() (simple query) */
      readonly describe: boolean;
      readonly resultFormats: readonly number[];
      /** the columns the client was told about in a RowDescription, if any */
      readonly announced?: readonly ResultColumn[];
    },
  ) {}

  columns(columns: readonly ResultColumn[]): void {
    this.hasResultSet = true;
    const announced = this.options.announced;
    const types = announced && announced.length === columns.length ? announced : columns;
    this.encoders = types.map((c, i) => cellEncoder(c, formatAt(this.options.resultFormats, i)));
    if (this.options.describe) this.out.writer.rowDescription(fieldDescriptions(columns, this.options.resultFormats));
  }

  async batch(batch: RowBatch): Promise<void> {
    const width = batch.columns.length;
    const cells = new Array<Cell>(width);
    const writer = this.out.writer;
    for (let r = 0; r < batch.rowCount; r++) {
      for (let c = 0; c < width; c++) cells[c] = (this.encoders[c] ?? fallback)(batch.columns[c]![r]);
      writer.dataRow(cells);
      this.rowsSent++;
      if (writer.pending >= FLUSH_BYTES) await this.out.flush();
    }
    // small results stay buffered: the connection sends them with CommandComplete and
    // ReadyForQuery in one write (a write per message costs a syscall each)
  }

  end(rowCount: number): void { this.rowCount = rowCount; }
}

const fallback = cellEncoder({ type: { kind: 'undefined' } }, 0);
