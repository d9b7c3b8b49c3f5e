/**
 * Bind parameter values → JS values, read straight from the Bind message body (pgwire.md §5.2):
 * no Buffer per value, one string per text value at most, and none for short integer texts.
 *
 *   NULL                         → null
 *   binary format                → decodeBinaryParam (a view of the value's bytes)
 *   untyped (OID 0, not inferred) → the UTF-8 text; the statement casts it
 *   integer / floating point text of at most 15 digits, optional sign, nothing else
 *                                → the number, computed from the bytes (exact: < 2^53)
 *   other text                   → decodeTextParam; for deferred INSERTs through a memo of equal
 *                                  texts per type (tags objects, timestamps, metric values)
 *
 * The numeric shortcut gives what decodeTextParam gives for such texts; anything else (spaces,
 * decimals, exponents, out-of-range integers, errors) takes decodeTextParam and its messages.
 */
import type { DataType } from '../../types/data-type.js';
import { decodeBinaryParam, decodeTextParam } from './codecs/param-decoders.js';
import type { Bind, Utf8Sliceable } from './frontend-messages.js';

/** Parameter types whose text is worth remembering within a batch (costly or often repeated). */
const MEMO_KINDS: ReadonlySet<string> = new Set(['object', 'timestamp with time zone', 'timestamp without time zone',
  'double precision', 'real', 'bigint', 'integer']);
/** Distinct texts remembered per type; a full memo starts over. */
const MEMO_SIZE = 4096;
/** Longest digit run computed from bytes: 15 digits are always below 2^53. */
const MAX_FAST_DIGITS = 15;

/** How a text parameter of a type is read; by kind. */
const enum Reading { Text, Int8, Int16, Int32, Int64, Float32, Float64, Other }

const READINGS: Readonly<Record<string, Reading>> = {
  undefined: Reading.Text, byte: Reading.Int8, smallint: Reading.Int16, integer: Reading.Int32, bigint: Reading.Int64,
  real: Reading.Float32, 'double precision': Reading.Float64,
};

const LIMITS: Readonly<Partial<Record<Reading, number>>> = {
  [Reading.Int8]: 127, [Reading.Int16]: 32767, [Reading.Int32]: 2147483647,
};

const utf8 = (b: Buffer, start: number, end: number): string => (b as Utf8Sliceable).utf8Slice(start, end);

/**
 * Decoded texts of a connection's INSERTs, by type kind and text; the values are shared by the
 * rows (they are only read). At most MEMO_SIZE texts per kind: then that kind starts over.
 * The last text of each kind is also compared with the next value's bytes, so a text repeated
 * row after row (a timestamp shared by a hundred devices) costs neither a string nor a lookup.
 */
export class ParamMemo {
  private readonly byKind = new Map<string, KindMemo>();

  /** The value of the UTF-8 text `b[start, end)` as a parameter of `type`. */
  decodeBytes(b: Buffer, start: number, end: number, type: DataType): unknown {
    const memo = this.kind(type);
    const last = memo.lastText;
    if (last !== undefined && asciiEquals(b, start, end, last)) return memo.lastValue;
    return memo.lookup(utf8(b, start, end), type);
  }

  private kind(type: DataType): KindMemo {
    let memo = this.byKind.get(type.kind);
    if (!memo) this.byKind.set(type.kind, memo = new KindMemo());
    return memo;
  }
}

class KindMemo {
  private readonly byText = new Map<string, unknown>();
  lastText: string | undefined;
  lastValue: unknown;

  lookup(text: string, type: DataType): unknown {
    let v = this.byText.get(text);
    if (v === undefined) {
      v = decodeTextParam(text, type);
      if (this.byText.size >= MEMO_SIZE) this.byText.clear();
      this.byText.set(text, v);
    }
    this.lastText = text;
    this.lastValue = v;
    return v;
  }
}

/**
 * Whether `b[start, end)` is the UTF-8 encoding of `text`, answered only for ASCII texts (any
 * other text is reported as different: the caller then decodes the bytes).
 */
function asciiEquals(b: Buffer, start: number, end: number, text: string): boolean {
  if (end - start !== text.length) return false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0x80 || b[start + k] !== c) return false;
  }
  return true;
}

/**
 * The integer a text of sign and digits spells, or undefined when it is anything else or too
 * long for the shortcut. `-0` is -0 (callers of integer types normalise it).
 */
function digitsValue(b: Buffer, start: number, end: number): number | undefined {
  let i = start;
  let negative = false;
  const first = b[i];
  if (first === 0x2d || first === 0x2b) {
    negative = first === 0x2d;
    i++;
  }
  const digits = end - i;
  if (digits < 1 || digits > MAX_FAST_DIGITS) return undefined;
  let v = 0;
  for (; i < end; i++) {
    const d = b[i]! - 0x30;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
  }
  return negative ? -v : v;
}

/** One text parameter from bytes, by its reading; undefined when the shortcut does not apply. */
function fastText(b: Buffer, start: number, end: number, reading: Reading): unknown {
  const v = digitsValue(b, start, end);
  if (v === undefined) return undefined;
  switch (reading) {
    case Reading.Float64: return v;
    case Reading.Float32: return Math.fround(v);
    case Reading.Int64: return v === 0 ? 0 : v;
    default: {
      const limit = LIMITS[reading]!;
      if (v > limit || v < -limit - 1) return undefined; // out of range: decodeTextParam raises
      return v === 0 ? 0 : v;
    }
  }
}

/** The reading of each parameter type, by the statement's type list (kept as long as the list). */
const readingsByTypes = new WeakMap<readonly DataType[], Uint8Array>();

function readingsOf(types: readonly DataType[]): Uint8Array {
  let readings = readingsByTypes.get(types);
  if (!readings) {
    readings = new Uint8Array(types.length);
    for (let i = 0; i < types.length; i++) readings[i] = READINGS[types[i]!.kind] ?? Reading.Other;
    readingsByTypes.set(types, readings);
  }
  return readings;
}

/**
 * The arguments of a Bind for parameters of `types` (one per value; callers check the count).
 * `memo`: share decoded texts across the executions of one batch.
 */
export function decodeBindParams(msg: Bind, types: readonly DataType[], memo: ParamMemo | undefined): unknown[] {
  const { body, count, paramFormats } = msg;
  const args: unknown[] = new Array(count);
  const uniform = paramFormats.length <= 1;
  const allBinary = uniform && paramFormats[0] === 1;
  const readings = readingsOf(types);
  let pos = msg.valuesAt;
  for (let i = 0; i < count; i++) {
    const len = body.readInt32BE(pos);
    pos += 4;
    if (len === -1) {
      args[i] = null;
      continue;
    }
    const start = pos;
    const end = pos + len;
    pos = end;
    const type = types[i]!;
    if (uniform ? allBinary : paramFormats[i] === 1) {
      args[i] = type.kind === 'undefined' ? utf8(body, start, end) : decodeBinaryParam(body.subarray(start, end), type);
      continue;
    }
    const reading: Reading = readings[i]!;
    if (reading === Reading.Text) {
      args[i] = utf8(body, start, end);
      continue;
    }
    if (reading !== Reading.Other) {
      const v = fastText(body, start, end, reading);
      if (v !== undefined) {
        args[i] = v;
        continue;
      }
    }
    args[i] = memo && MEMO_KINDS.has(type.kind) ? memo.decodeBytes(body, start, end, type) : decodeTextParam(utf8(body, start, end), type);
  }
  return args;
}
