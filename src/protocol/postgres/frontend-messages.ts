/**
 * Payload decoders for frontend (client → server) messages (pgwire.md §2, §3.1, §5), one
 * function per message, named after it. In: a frame body from FrameDecoder. Out: a plain
 * object. A body that ends early or carries impossible counts throws ProtocolViolation, which
 * the connection reports like any other error of that message.
 */
import { SQLParseException } from '../../errors/errors.js';

/** A malformed message body (truncated, bad count, bad format code). */
export class ProtocolViolation extends SQLParseException {}

/** Codes of the first packet (int32 after the length). */
export const SSL_REQUEST_CODE = 80877103;
export const CANCEL_REQUEST_CODE = 80877102;
export const GSSENC_REQUEST_CODE = 80877104;
export const PROTOCOL_3_0 = 196608;

/** Buffer's own UTF-8 decoder without toString's argument handling (Node has it on every Buffer). */
export type Utf8Sliceable = Buffer & { utf8Slice(start: number, end: number): string };

/** Reads a message payload: `buf[start, end)` (by default all of `buf`). */
export class MessageReader {
  private pos: number;
  private readonly end: number;
  constructor(private readonly buf: Buffer, start = 0, end = buf.length) {
    this.pos = start;
    this.end = end;
  }

  get remaining(): number { return this.end - this.pos; }

  private need(n: number): void {
    if (this.pos + n > this.end) throw new ProtocolViolation('Unexpected end of message');
  }

  byte(): number { this.need(1); return this.buf[this.pos++]!; }

  int16(): number {
    const p = this.pos;
    const b = this.buf;
    if (p + 2 > this.end) throw new ProtocolViolation('Unexpected end of message');
    this.pos = p + 2;
    return ((b[p]! << 24) | (b[p + 1]! << 16)) >> 16;
  }

  int32(): number {
    const p = this.pos;
    const b = this.buf;
    if (p + 4 > this.end) throw new ProtocolViolation('Unexpected end of message');
    this.pos = p + 4;
    return (b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!;
  }

  uint32(): number { this.need(4); const v = this.buf.readUInt32BE(this.pos); this.pos += 4; return v; }

  /** NUL-terminated UTF-8 string. */
  cstring(): string {
    const buf = this.buf;
    const start = this.pos;
    if (start < this.end && buf[start] === 0) { // the unnamed statement or portal
      this.pos++;
      return '';
    }
    // names are short: a loop beats indexOf's argument handling; long texts (queries) use indexOf
    let end = start;
    const scanEnd = Math.min(this.end, start + 64);
    while (end < scanEnd && buf[end] !== 0) end++;
    if (end === scanEnd) end = buf.indexOf(0, end);
    if (end < 0 || end >= this.end) throw new ProtocolViolation('Unexpected end of message: missing string terminator');
    const s = (buf as Utf8Sliceable).utf8Slice(start, end);
    this.pos = end + 1;
    return s;
  }

  get position(): number { return this.pos; }

  skip(n: number): void { this.need(n); this.pos += n; }

  bytes(n: number): Buffer {
    this.need(n);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
}

// ─── start-up phase ──────────────────────────────────────────────────────────

export type FirstPacket =
  | { readonly kind: 'SSLRequest' }
  | { readonly kind: 'GSSENCRequest' }
  | { readonly kind: 'CancelRequest'; readonly processId: number; readonly secretKey: number }
  | { readonly kind: 'StartupMessage'; readonly major: number; readonly minor: number; readonly parameters: ReadonlyMap<string, string> };

export function decodeFirstPacket(body: Buffer): FirstPacket {
  const r = new MessageReader(body);
  const code = r.int32();
  if (code === SSL_REQUEST_CODE) return { kind: 'SSLRequest' };
  if (code === GSSENC_REQUEST_CODE) return { kind: 'GSSENCRequest' };
  if (code === CANCEL_REQUEST_CODE) return { kind: 'CancelRequest', processId: r.int32(), secretKey: r.int32() };
  const major = code >>> 16;
  const minor = code & 0xffff;
  const parameters = new Map<string, string>();
  if (major === 3) {
    // NUL-terminated key/value pairs, ended by an empty key; empty values are dropped (CrateDB)
    while (r.remaining > 0) {
      const key = r.cstring();
      if (key === '') break;
      const value = r.cstring();
      if (value !== '') parameters.set(key, value);
    }
  }
  return { kind: 'StartupMessage', major, minor, parameters };
}

/** Whether a first packet is a StartupMessage (after it, messages carry a type byte). */
export function isStartupMessage(body: Buffer): boolean {
  if (body.length < 4) return false;
  const code = body.readInt32BE(0);
  return code !== SSL_REQUEST_CODE && code !== GSSENC_REQUEST_CODE && code !== CANCEL_REQUEST_CODE;
}

// ─── query messages ──────────────────────────────────────────────────────────

export interface Parse { readonly statement: string; readonly query: string; readonly paramOids: readonly number[] }
/**
 * A decoded Bind. Parameter values stay in the message body (no Buffer per value): `count`
 * values start at `valuesAt`, each `int32 length` (-1 = NULL) + bytes; `values` is the same as
 * Buffers for code that wants them.
 */
export class Bind {
  constructor(
    readonly portal: string,
    readonly statement: string,
    readonly paramFormats: readonly number[],
    /** the message body */
    readonly body: Buffer,
    /** offset of the first parameter's length word in `body` */
    readonly valuesAt: number,
    readonly count: number,
    readonly resultFormats: readonly number[],
  ) {}

  /** The parameter values as views of the body; null = SQL NULL. */
  get values(): (Buffer | null)[] {
    const out: (Buffer | null)[] = [];
    let pos = this.valuesAt;
    for (let i = 0; i < this.count; i++) {
      const len = this.body.readInt32BE(pos);
      pos += 4;
      out.push(len === -1 ? null : this.body.subarray(pos, pos + len));
      if (len > 0) pos += len;
    }
    return out;
  }
}
export interface Describe { readonly target: number; readonly name: string }
export interface Execute { readonly portal: string; readonly maxRows: number }
export interface Close { readonly target: number; readonly name: string }

export function decodeQuery(body: Buffer): string { return new MessageReader(body).cstring(); }

export function decodeParse(body: Buffer): Parse {
  const r = new MessageReader(body);
  const statement = r.cstring();
  const query = r.cstring();
  const n = count(r.int16(), r.remaining, 4);
  const paramOids: number[] = [];
  for (let i = 0; i < n; i++) paramOids.push(r.uint32());
  return { statement, query, paramOids };
}

/** A Bind payload: `body[start, end)`, by default all of `body`. */
export function decodeBind(body: Buffer, start = 0, end = body.length): Bind {
  const r = new MessageReader(body, start, end);
  const portal = r.cstring();
  const statement = r.cstring();
  const paramFormats = formatCodes(r);
  const n = count(r.int16(), r.remaining, 4);
  const valuesAt = r.position;
  // lengths are checked here; the values are read where they are decoded (ExtendedQuery.bind)
  for (let i = 0; i < n; i++) {
    const len = r.int32();
    if (len < -1) throw new ProtocolViolation(`Invalid parameter length ${len}`);
    if (len > 0) r.skip(len);
  }
  const resultFormats = formatCodes(r);
  return new Bind(portal, statement, paramFormats, body, valuesAt, n, resultFormats);
}

export function decodeDescribe(body: Buffer): Describe {
  const r = new MessageReader(body);
  return { target: r.byte(), name: r.cstring() };
}

export function decodeExecute(body: Buffer, start = 0, end = body.length): Execute {
  const r = new MessageReader(body, start, end);
  return { portal: r.cstring(), maxRows: r.int32() };
}

export function decodeClose(body: Buffer): Close {
  const r = new MessageReader(body);
  return { target: r.byte(), name: r.cstring() };
}

function count(n: number, remaining: number, minBytesEach: number): number {
  if (n < 0 || n * minBytesEach > remaining) throw new ProtocolViolation(`Invalid count ${n}`);
  return n;
}

const NO_CODES: readonly number[] = Object.freeze([]);
const TEXT_CODES: readonly number[] = Object.freeze([0]);

function formatCodes(r: MessageReader): readonly number[] {
  const n = count(r.int16(), r.remaining, 2);
  if (n === 0) return NO_CODES;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const f = r.int16();
    if (f !== 0 && f !== 1) throw new ProtocolViolation(`Unsupported format code: ${f}`);
    out.push(f);
  }
  return n === 1 && out[0] === 0 ? TEXT_CODES : out;
}

/** Format of item `i` under PG's rule: no codes = text, one code = for all, else one each. */
export function formatAt(codes: readonly number[], i: number): number {
  if (codes.length === 0) return 0;
  if (codes.length === 1) return codes[0]!;
  return codes[i] ?? 0;
}
