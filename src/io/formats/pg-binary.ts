/**
 * PostgreSQL's binary COPY file format (https://www.postgresql.org/docs/current/sql-copy.html,
 * "Binary Format"), as asyncpg's `copy_records_to_table` and pgx's `CopyFrom` send it:
 *
 *   header   "PGCOPY\n\377\r\n\0" | int32 flags | int32 extension length | extension bytes
 *   tuple    int16 field count | per field: int32 length (-1 = NULL) | bytes
 *   trailer  int16 -1
 *
 * In: the CopyData payloads in any chunking. Out: a row per tuple (its number counts as the
 * "line"), with each field decoded by the column's binary decoder (the same as for binary Bind
 * parameters). A tuple whose field count or a value is wrong is a row error and the next tuple
 * is read (the lengths still frame it); a broken header or a stream cut inside a tuple ends the
 * COPY with PostgreSQL's message (SQLSTATE 22P04, bad_copy_file_format).
 */
import { CrateliteError } from '../../errors/errors.js';
import type { ParsedRow, RowError } from './records.js';

export type BinaryDecoder = (bytes: Buffer) => unknown;

export const PG_COPY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** flags bit 16: OIDs included (not supported since PostgreSQL 12); bits 17–31 are critical */
const OIDS_FLAG = 1 << 16;
const CRITICAL_FLAGS = 0xffff0000 | 0;

export class BadCopyFileFormat extends CrateliteError {
  readonly crateName = 'SQLParseException';
  readonly crateCode = 4000;
  readonly sqlState = '22P04';
}

export class PgBinaryReader {
  private buf: Buffer = Buffer.alloc(0);
  private headerRead = false;
  private tuple = 0;
  /** true once the trailer arrived; later bytes are ignored */
  done = false;

  constructor(private readonly columns: readonly string[], private readonly decoders: readonly BinaryDecoder[]) {}

  /** The complete tuples in `chunk` (plus what an earlier chunk left unfinished). */
  push(chunk: Buffer): (ParsedRow | RowError)[] {
    if (this.done) return [];
    const buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    let pos = this.headerRead ? 0 : this.readHeader(buf);
    const out: (ParsedRow | RowError)[] = [];
    while (pos >= 0 && pos + 2 <= buf.length) {
      const count = buf.readInt16BE(pos);
      if (count === -1) {
        this.done = true;
        this.buf = Buffer.alloc(0);
        return out;
      }
      const end = tupleEnd(buf, pos + 2, count);
      if (end < 0) break;
      out.push(this.decodeTuple(buf, pos + 2, count));
      pos = end;
    }
    // keep the unfinished rest as a copy: the chunk's memory may be reused by the connection
    this.buf = pos < 0 ? Buffer.from(buf) : Buffer.from(buf.subarray(pos));
    return out;
  }

  /** End of the client's data: a stream cut inside the header or a tuple is an error. */
  end(): void {
    if (this.done || this.buf.length === 0) return; // no data at all, or no trailer after a whole tuple
    if (!this.headerRead) throw this.headerError();
    throw new BadCopyFileFormat('unexpected EOF in COPY data');
  }

  /** The header's length, or -1 while it is incomplete. */
  private readHeader(buf: Buffer): number {
    if (buf.length < PG_COPY_SIGNATURE.length + 8) {
      if (!PG_COPY_SIGNATURE.subarray(0, Math.min(buf.length, PG_COPY_SIGNATURE.length)).equals(buf.subarray(0, PG_COPY_SIGNATURE.length))) {
        throw new BadCopyFileFormat('COPY file signature not recognized');
      }
      return -1;
    }
    if (!buf.subarray(0, PG_COPY_SIGNATURE.length).equals(PG_COPY_SIGNATURE)) throw new BadCopyFileFormat('COPY file signature not recognized');
    const flags = buf.readInt32BE(PG_COPY_SIGNATURE.length);
    if (flags & OIDS_FLAG) throw new BadCopyFileFormat('invalid COPY file header (WITH OIDS)');
    if (flags & CRITICAL_FLAGS & ~OIDS_FLAG) throw new BadCopyFileFormat('unrecognized critical flags in COPY file header');
    const extension = buf.readInt32BE(PG_COPY_SIGNATURE.length + 4);
    if (extension < 0) throw new BadCopyFileFormat('invalid COPY file header (wrong length)');
    const size = PG_COPY_SIGNATURE.length + 8 + extension;
    if (buf.length < size) return -1;
    this.headerRead = true;
    return size;
  }

  private headerError(): BadCopyFileFormat {
    const b = this.buf;
    if (b.length < PG_COPY_SIGNATURE.length || !b.subarray(0, PG_COPY_SIGNATURE.length).equals(PG_COPY_SIGNATURE)) {
      return new BadCopyFileFormat('COPY file signature not recognized');
    }
    return new BadCopyFileFormat(b.length < PG_COPY_SIGNATURE.length + 4 ? 'invalid COPY file header (missing flags)' : 'invalid COPY file header (missing length)');
  }

  private decodeTuple(buf: Buffer, pos: number, count: number): ParsedRow | RowError {
    const line = ++this.tuple;
    if (count !== this.columns.length) return { line, error: `row field count is ${count}, expected ${this.columns.length}` };
    const values: unknown[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const len = buf.readInt32BE(pos);
      pos += 4;
      if (len === -1) {
        values[i] = null;
        continue;
      }
      try {
        values[i] = this.decoders[i]!(buf.subarray(pos, pos + len));
      } catch (e) {
        return { line, error: e instanceof Error ? e.message : String(e) };
      }
      pos += len;
    }
    return { line, columns: this.columns, values };
  }
}

/** Where the tuple whose fields start at `pos` ends, or -1 when it is not all in `buf` yet. */
function tupleEnd(buf: Buffer, pos: number, count: number): number {
  if (count < 0) throw new BadCopyFileFormat(`row field count is ${count}, expected a positive number`);
  for (let i = 0; i < count; i++) {
    if (pos + 4 > buf.length) return -1;
    const len = buf.readInt32BE(pos);
    if (len < -1) throw new BadCopyFileFormat('invalid field size');
    pos += 4 + Math.max(len, 0);
    if (pos > buf.length) return -1;
  }
  return pos;
}
