/**
 * Partition identifiers, encoded exactly like CrateDB encodes them (system-tables.md §2), so
 * `information_schema.table_partitions.partition_ident`, `sys.shards.partition_ident` and
 * `sys.health` show the same strings a CrateDB node would for the same partition values.
 *
 * In: the partition values in PARTITIONED BY order (JS values as the engine returns them, plus
 * the column types when known). Out: the ident string, e.g. `04732cpp6osj2d9i60o30c1g` for
 * `['1396915200000']`. `decodePartitionIdent` is the inverse (values come back as text).
 *
 * Encoding: vint(count), then per value vint(0) for NULL or vint(utf8 length + 1) + UTF-8 bytes;
 * the bytes are Base32 (RFC 4648 "extended hex" alphabet, `0-9a-v`), lower case, without `=`.
 */
import type { DataType } from '../types/data-type.js';

const BASE32_HEX = '0123456789abcdefghijklmnopqrstuv';

/** Unsigned LEB128, as Lucene/Elasticsearch `writeVInt` writes it. */
function writeVInt(out: number[], n: number): void {
  let v = n >>> 0;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
}

function readVInt(bytes: Uint8Array, pos: { i: number }): number {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos.i >= bytes.length) throw new Error('truncated partition ident');
    const b = bytes[pos.i++]!;
    result |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) return result >>> 0;
    shift += 7;
    if (shift > 28) throw new Error('invalid vint in partition ident');
  }
}

export function base32HexEncode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_HEX[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32_HEX[(buffer << (5 - bits)) & 31];
  return out;
}

export function base32HexDecode(text: string): Uint8Array {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text.toLowerCase().replace(/=+$/, '')) {
    const v = BASE32_HEX.indexOf(ch);
    if (v < 0) throw new Error(`invalid partition ident character '${ch}'`);
    buffer = ((buffer << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** Java `Double.toString`: `1.0`, `0.001`, `1.0E7`, `1.0E-4`, `NaN`, `Infinity`. */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(d);
    return s.includes('.') ? s : `${s}.0`;
  }
  // JS and Java (JDK 19+) both print the shortest digits that round-trip.
  const [mantissa, exp] = d.toExponential().split('e') as [string, string];
  const m = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${m}E${Number(exp)}`;
}

/** Java `Float.toString` for a value that is a float32. */
export function javaFloatToString(f: number): string {
  if (!Number.isFinite(f) || f === 0) return javaDoubleToString(f);
  const target = Math.fround(f);
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(target.toPrecision(p));
    if (Math.fround(candidate) === target) return javaDoubleToString(candidate);
  }
  return javaDoubleToString(target);
}

/**
 * A partition value as CrateDB stores it in the ident: integers in decimal, timestamps and dates
 * as epoch milliseconds, booleans `true`/`false`, real/double like Java's `toString`, text as is.
 */
export function partitionValueText(value: unknown, type?: DataType): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return String(value.getTime());
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    switch (type?.kind) {
      case 'real': return javaFloatToString(value);
      case 'double precision': return javaDoubleToString(value);
      default: return Number.isInteger(value) ? String(value) : javaDoubleToString(value);
    }
  }
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Encode already-textual partition values (NULL allowed) into the ident. */
export function encodePartitionIdent(values: readonly (string | null)[]): string {
  const out: number[] = [];
  writeVInt(out, values.length);
  const utf8 = new TextEncoder();
  for (const v of values) {
    if (v === null) {
      writeVInt(out, 0);
    } else {
      const bytes = utf8.encode(v);
      writeVInt(out, bytes.length + 1);
      for (const b of bytes) out.push(b);
    }
  }
  return base32HexEncode(Uint8Array.from(out));
}

/** The ident of a partition given its (typed) values, in PARTITIONED BY order. */
export function partitionIdent(values: readonly unknown[], types?: readonly (DataType | undefined)[]): string {
  return encodePartitionIdent(values.map((v, i) => partitionValueText(v, types?.[i])));
}

/** The partition values (as text, NULL kept) encoded in an ident. */
export function decodePartitionIdent(ident: string): (string | null)[] {
  const bytes = base32HexDecode(ident);
  const pos = { i: 0 };
  const count = readVInt(bytes, pos);
  const utf8 = new TextDecoder();
  const values: (string | null)[] = [];
  for (let k = 0; k < count; k++) {
    const len = readVInt(bytes, pos) - 1;
    if (len < 0) {
      values.push(null);
      continue;
    }
    if (pos.i + len > bytes.length) throw new Error('truncated partition ident');
    values.push(utf8.decode(bytes.subarray(pos.i, pos.i + len)));
    pos.i += len;
  }
  return values;
}
