/**
 * The COPY sub-protocol (https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-COPY),
 * which CrateDB lacks and cratelite adds for `COPY … FROM STDIN` / `COPY … TO STDOUT`
 * (node-postgres with pg-copy-streams, psql's \copy, psycopg's cursor.copy …):
 *
 *   COPY … FROM STDIN                          COPY … TO STDOUT
 *   ◄── G CopyInResponse (text, n columns)     ◄── H CopyOutResponse (text, n columns)
 *   ──► d CopyData*   (any chunking)           ◄── d CopyData   (one per row)
 *   ──► c CopyDone | f CopyFail                ◄── c CopyDone
 *   ◄── N NoticeResponse* (rows not loaded)    ◄── C CommandComplete `COPY n`
 *   ◄── C CommandComplete `COPY n` | E
 *
 * The statement runs inside the connection's handling of its Query (or Execute) message; it
 * pulls the client's frames itself (PgConnection.readFrame). Flush and Sync are ignored while
 * copying in; any other message ends the COPY with a protocol error. CopyData/CopyDone/CopyFail
 * left over after a failed COPY are discarded by the connection, as PostgreSQL does.
 *
 * Rows out are encoded with the DataRow text encoders (so COPY TO STDOUT shows what SELECT shows)
 * and then escaped for PostgreSQL's text or CSV format; `FORMAT binary` uses the binary DataRow
 * encoders, and binary input is decoded like binary Bind parameters (io/formats/pg-binary.ts).
 */
import { CrateliteError } from '../../errors/errors.js';
import type { CopyChannel, PgCopyFormat } from '../../io/copy-environment.js';
import type { ResultColumn, RowBatch } from '../../session/result-sink.js';
import { PG_COPY_SIGNATURE, type BinaryDecoder } from '../../io/formats/pg-binary.js';
import type { DataType } from '../../types/data-type.js';
import { binaryEncoderFor } from './codecs/binary-encoders.js';
import { decodeBinaryParam } from './codecs/param-decoders.js';
import { textEncoderFor, type TextEncoder } from './codecs/text-encoders.js';
import type { Frame } from './frame-decoder.js';
import type { PgOutput } from './pg-result-sink.js';

/** What the channel needs from its connection. */
export interface CopyHost extends PgOutput {
  /** the client's next frame; rejects when `signal` aborts or the connection closes */
  readFrame(signal?: AbortSignal): Promise<Frame>;
}

/** A failed COPY as PostgreSQL reports it (SQLSTATE 57014 for CopyFail, 08P01 for protocol errors). */
class CopyFailed extends CrateliteError {
  readonly crateName = 'CopyFailed';
  readonly crateCode = 4000;
  constructor(message: string, readonly sqlState: string) {
    super(message);
  }
}

const code = (c: string): number => c.charCodeAt(0);
const COPY_DATA = code('d');
const COPY_DONE = code('c');
const COPY_FAIL = code('f');
const FLUSH = code('H');
const SYNC = code('S');

/** Send at most this much before waiting for the socket. */
const FLUSH_BYTES = 256 * 1024;

export class PgCopyChannel implements CopyChannel {
  constructor(private readonly host: CopyHost) {}

  async *copyIn(columns: number, signal?: AbortSignal, binary = false): AsyncGenerator<Buffer> {
    this.host.writer.copyInResponse(columns, binary);
    await this.host.flush();
    for (;;) {
      const frame = await this.host.readFrame(signal);
      switch (frame.type) {
        case COPY_DATA:
          yield frame.body;
          break;
        case COPY_DONE:
          return;
        case COPY_FAIL: {
          const end = frame.body.indexOf(0);
          const reason = frame.body.toString('utf8', 0, end < 0 ? frame.body.length : end);
          throw new CopyFailed(`COPY from stdin failed: ${reason}`, '57014');
        }
        case FLUSH:
        case SYNC:
          break;
        default:
          throw new CopyFailed(`unexpected message type 0x${frame.type.toString(16).padStart(2, '0')} during COPY from stdin`, '08P01');
      }
    }
  }

  binaryDecoder(type: DataType): BinaryDecoder {
    return (bytes) => decodeBinaryParam(bytes, type);
  }

  async copyOut(columns: readonly ResultColumn[], format: PgCopyFormat, rows: AsyncIterable<RowBatch>): Promise<number> {
    if (format.format === 'binary') return this.copyOutBinary(columns, rows);
    const w = this.host.writer;
    w.copyOutResponse(columns.length);
    const line = lineEncoder(columns, format);
    if (format.header) w.copyData(`${line.header()}\n`);
    let n = 0;
    for await (const batch of rows) {
      for (let r = 0; r < batch.rowCount; r++) {
        w.copyData(`${line.row(batch, r)}\n`);
        if (w.pending >= FLUSH_BYTES) await this.host.flush();
      }
      n += batch.rowCount;
    }
    w.copyDone();
    return n;
  }

  /** PostgreSQL's binary COPY format: signature, flags, no extension; per row the field count and length-prefixed values; trailer -1 */
  private async copyOutBinary(columns: readonly ResultColumn[], rows: AsyncIterable<RowBatch>): Promise<number> {
    const w = this.host.writer;
    w.copyOutResponse(columns.length, true);
    const encoders = columns.map((c) => binaryEncoderFor(c.type));
    w.copyData(Buffer.concat([PG_COPY_SIGNATURE, Buffer.alloc(8)])); // flags 0, no header extension
    let n = 0;
    const bodies: (Uint8Array | null)[] = new Array(encoders.length);
    for await (const batch of rows) {
      for (let r = 0; r < batch.rowCount; r++) {
        // the values first, then one buffer for the row: field count, (length, bytes) per field
        let size = 2;
        for (let c = 0; c < encoders.length; c++) {
          const v = batch.columns[c]![r];
          const body = v === null || v === undefined ? null : encoders[c]!(v);
          bodies[c] = body;
          size += 4 + (body?.length ?? 0);
        }
        const row = Buffer.allocUnsafe(size);
        let pos = row.writeInt16BE(encoders.length, 0);
        for (const body of bodies) {
          pos = row.writeInt32BE(body ? body.length : -1, pos);
          if (body) {
            row.set(body, pos);
            pos += body.length;
          }
        }
        w.copyData(row);
        if (w.pending >= FLUSH_BYTES) await this.host.flush();
      }
      n += batch.rowCount;
    }
    const trailer = Buffer.allocUnsafe(2);
    trailer.writeInt16BE(-1, 0);
    w.copyData(trailer);
    w.copyDone();
    return n;
  }

  notice(message: string): void {
    this.host.writer.noticeResponse(message);
  }
}

interface LineEncoder {
  header(): string;
  row(batch: RowBatch, r: number): string;
}

function lineEncoder(columns: readonly ResultColumn[], f: PgCopyFormat): LineEncoder {
  const encoders: TextEncoder[] = columns.map((c) => textEncoderFor(c.type));
  const names = columns.map((c) => c.name);
  if (f.format === 'text') {
    const escape = textEscaper(f.delimiter);
    return {
      header: () => names.map(escape).join(f.delimiter),
      row: (b, r) => {
        let s = '';
        for (let c = 0; c < encoders.length; c++) {
          const v = b.columns[c]![r];
          if (c > 0) s += f.delimiter;
          s += v === null || v === undefined ? f.nullString : escape(encoders[c]!(v));
        }
        return s;
      },
    };
  }
  const forced = names.map((n) => f.forceQuote === '*' || f.forceQuote.has(n));
  const quote = csvQuoter(f);
  return {
    header: () => names.map((n) => quote(n, false)).join(f.delimiter),
    row: (b, r) => {
      let s = '';
      for (let c = 0; c < encoders.length; c++) {
        const v = b.columns[c]![r];
        if (c > 0) s += f.delimiter;
        s += v === null || v === undefined ? f.nullString : quote(encoders[c]!(v), forced[c]!);
      }
      return s;
    },
  };
}

/** text format: backslash, newline, carriage return, tab and the delimiter are backslash-escaped */
function textEscaper(delimiter: string): (s: string) => string {
  const special = new RegExp(`[\\\\\\n\\r\\t${delimiter.replace(/[\\\]^-]/g, '\\$&')}]`, 'g');
  return (s) => s.replace(special, (c) => {
    switch (c) {
      case '\\': return '\\\\';
      case '\n': return '\\n';
      case '\r': return '\\r';
      case '\t': return '\\t';
      default: return `\\${c}`;
    }
  });
}

/** csv format: quoted when needed (delimiter, quote, CR/LF, equal to the NULL string) or forced */
function csvQuoter(f: PgCopyFormat): (s: string, force: boolean) => string {
  const { quote, escape, delimiter, nullString } = f;
  return (s, force) => {
    if (!force && s !== nullString && !s.includes(delimiter) && !s.includes(quote) && !s.includes('\n') && !s.includes('\r')
      && !(escape !== quote && s.includes(escape)) && s !== '\\.') {
      return s;
    }
    let out = '';
    for (const ch of s) out += ch === quote || ch === escape ? escape + ch : ch;
    return quote + out + quote;
  };
}
