/**
 * Result values → PostgreSQL binary format (DataRow format 1), per CrateDB type (types.md §11):
 *
 *   bool 1 byte · int2/int4/int8 big-endian · float4/float8 IEEE · numeric PG layout
 *   timestamp(tz) int64 µs since 2000-01-01 · date int32 days since 2000-01-01
 *   timetz int64 µs + int32 offset (seconds EAST of UTC — CrateDB's sign, kept on purpose)
 *   interval int64 µs, int32 days, int32 months · uuid 16 bytes · point 2 × float64
 *   json-typed values (objects, json, geo_shape, nested arrays): same bytes as text
 *   arrays: ndim 1, flags 1, element OID, length, lower bound = length (!), elements (types.md §7.3)
 * Types without a binary form of their own (text, varchar, bit…) send their text bytes.
 */
import { DuckDBBitValue, DuckDBTimeTZValue, DuckDBUUIDValue } from '@duckdb/node-api';
import type { DataType, ObjectField } from '../../../types/data-type.js';
import { intervalFields } from '../../../types/temporal-format.js';
import { encodeNumericBinary } from './pg-numeric.js';
import { PG_EPOCH_DAYS, timestampMicros } from './pg-temporal.js';
import { arrayItems, decimalOf, epochDaysOf, JsonText, millisOf, toBigInt, toNumber } from './raw-values.js';
import { textEncoderFor } from './text-encoders.js';
import { pgTypeOf } from './type-oids.js';

export type BinaryEncoder = (v: unknown) => Uint8Array;

const unwrap = (v: unknown): unknown => (v instanceof JsonText ? v.value() : v);

function fixed(size: number, write: (b: Buffer, v: unknown) => void): BinaryEncoder {
  return (v) => {
    const b = Buffer.allocUnsafe(size);
    write(b, unwrap(v));
    return b;
  };
}

const bool = fixed(1, (b, v) => { b[0] = v ? 1 : 0; });
const int16 = fixed(2, (b, v) => b.writeInt16BE(Number(toBigInt(v)), 0));
const int32 = fixed(4, (b, v) => b.writeInt32BE(Number(toBigInt(v)), 0));
const int64 = fixed(8, (b, v) => b.writeBigInt64BE(BigInt.asIntN(64, toBigInt(v)), 0));
const float32 = fixed(4, (b, v) => b.writeFloatBE(toNumber(v), 0));
const float64 = fixed(8, (b, v) => b.writeDoubleBE(toNumber(v), 0));
const timestamp = fixed(8, (b, v) => b.writeBigInt64BE(timestampMicros(millisOf(v)), 0));
const date = fixed(4, (b, v) => b.writeInt32BE(epochDaysOf(v) - PG_EPOCH_DAYS, 0));

const uuid: BinaryEncoder = (v) => {
  const s = (v instanceof DuckDBUUIDValue ? v.toString() : String(unwrap(v))).replace(/-/g, '');
  return Buffer.from(s, 'hex');
};

const timetz: BinaryEncoder = (v) => {
  const b = Buffer.allocUnsafe(12);
  if (v instanceof DuckDBTimeTZValue) {
    b.writeBigInt64BE(v.micros, 0);
    b.writeInt32BE(v.offset, 8);
  } else {
    const [micros, offset] = v as [number, number];
    b.writeBigInt64BE(BigInt(micros), 0);
    b.writeInt32BE(offset, 8);
  }
  return b;
};

const interval: BinaryEncoder = (v) => {
  const f = intervalFields(v);
  if (!f) throw new TypeError(`not an interval: ${String(v)}`);
  const micros = (BigInt((f.hours * 3600 + f.minutes * 60 + f.seconds)) * 1000n + BigInt(f.millis)) * 1000n;
  const b = Buffer.allocUnsafe(16);
  b.writeBigInt64BE(micros, 0);
  b.writeInt32BE(f.weeks * 7 + f.days, 8);
  b.writeInt32BE(f.years * 12 + f.months, 12);
  return b;
};

const bit: BinaryEncoder = (v) => {
  const bits = v instanceof DuckDBBitValue ? v.toString() : String(unwrap(v)).replace(/^[bB]'([01]*)'$/, '$1');
  const out = Buffer.alloc(4 + Math.ceil(bits.length / 8));
  out.writeInt32BE(bits.length, 0);
  for (let i = 0; i < bits.length; i++) if (bits[i] === '1') out[4 + (i >> 3)]! |= 0x80 >> (i & 7);
  return out;
};

const point: BinaryEncoder = (v) => {
  const items = arrayItems(v) ?? [];
  const b = Buffer.allocUnsafe(16);
  b.writeDoubleBE(toNumber(unwrap(items[0])), 0);
  b.writeDoubleBE(toNumber(unwrap(items[1])), 8);
  return b;
};

function viaText(type: DataType): BinaryEncoder {
  const text = textEncoderFor(type);
  return (v) => Buffer.from(text(v), 'utf8');
}

/** `ndim 1 | flags | elem OID | length | lbound = length | elements` (an empty array: lbound 0). */
function arrayEncoder(elementOid: number, element: BinaryEncoder, flags: number): BinaryEncoder {
  return (v) => {
    const items = arrayItems(v) ?? [];
    const encoded = items.map((x) => (x === null || x === undefined ? null : element(x)));
    let size = 20;
    for (const e of encoded) size += 4 + (e?.length ?? 0);
    const b = Buffer.allocUnsafe(size);
    b.writeInt32BE(1, 0);
    b.writeInt32BE(flags, 4);
    b.writeInt32BE(elementOid, 8);
    b.writeInt32BE(items.length, 12);
    b.writeInt32BE(items.length, 16);
    let pos = 20;
    for (const e of encoded) {
      if (e === null) {
        b.writeInt32BE(-1, pos);
        pos += 4;
      } else {
        b.writeInt32BE(e.length, pos);
        b.set(e, pos + 4);
        pos += 4 + e.length;
      }
    }
    return b;
  };
}

/** `int32 field count`, then per field `int32 OID | int32 length (-1 NULL) | bytes`. */
function recordEncoder(fields: readonly ObjectField[]): BinaryEncoder {
  const encoders = fields.map((f) => ({ oid: pgTypeOf(f.type).oid, encode: binaryEncoderFor(f.type) }));
  const fallback = { oid: 705, encode: viaText({ kind: 'undefined' }) };
  return (v) => {
    const items = arrayItems(v) ?? [];
    const parts: Buffer[] = [Buffer.alloc(4)];
    parts[0]!.writeInt32BE(items.length, 0);
    items.forEach((x, i) => {
      const f = encoders[i] ?? fallback;
      const head = Buffer.allocUnsafe(8);
      head.writeInt32BE(f.oid, 0);
      if (x === null || x === undefined) {
        head.writeInt32BE(-1, 4);
        parts.push(head);
      } else {
        const body = f.encode(x);
        head.writeInt32BE(body.length, 4);
        parts.push(head, Buffer.from(body));
      }
    });
    return Buffer.concat(parts);
  };
}

export function binaryEncoderFor(type: DataType): BinaryEncoder {
  switch (type.kind) {
    case 'boolean': return bool;
    case 'byte': case 'smallint': return int16;
    case 'integer': case 'regclass': case 'regproc': case 'regtype': return int32;
    case 'bigint': return int64;
    case 'real': return float32;
    case 'double precision': return float64;
    case 'numeric': return (v) => encodeNumericBinary(decimalOf(unwrap(v)));
    case 'uuid': return uuid;
    case 'timestamp with time zone': case 'timestamp without time zone': return timestamp;
    case 'date': return date;
    case 'time with time zone': return timetz;
    case 'interval': return interval;
    case 'bit': return bit;
    case 'geo_point': return point;
    case 'float_vector': return arrayEncoder(700, float32, 0);
    case 'oidvector': return arrayEncoder(23, int32, 1);
    case 'record': return recordEncoder(type.fields);
    case 'array':
      if (type.inner.kind === 'array') return viaText(type);
      return arrayEncoder(pgTypeOf(type.inner).oid, binaryEncoderFor(type.inner), 1);
    default: return viaText(type);
  }
}
