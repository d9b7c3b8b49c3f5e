/**
 * Result values → PostgreSQL text format (DataRow format 0), per CrateDB type (types.md §3–§7,
 * §11). `textEncoderFor(type)` is called once per result column; the encoder gets non-null raw
 * values (protocol/postgres/codecs/raw-values.ts) and returns the text.
 *
 *   boolean t/f · numbers in Java form (`1.0`, `1.0E10`) · timestamptz `2021-03-09 14:15:16.123+00`
 *   objects/json/geo_shape/nested arrays: compact JSON (the HTTP encoding, reused)
 *   arrays `{"1","2",NULL}` (every element quoted; only json elements are escaped — CrateDB)
 *   geo_point `(lon,lat)` · record `(1,Arthur)` · float_vector `{"1.5","2.0"}`
 */
import {
  DuckDBBitValue, DuckDBStructValue, DuckDBTimestampTZValue, DuckDBTimestampValue, DuckDBTimeTZValue, DuckDBUUIDValue,
} from '@duckdb/node-api';
import type { DataType, ObjectField } from '../../../types/data-type.js';
import { encodeByShape, encodeNumeric, encoderFor } from '../../../types/json-values.js';
import { javaBigDecimal, javaDouble, javaFloat } from '../../../types/java-number-format.js';
import { intervalFields, intervalText } from '../../../types/temporal-format.js';
import { dateText, timestampText, timetzText } from './pg-temporal.js';
import { arrayItems, decimalOf, JsonText, millisOf, toBigInt, toNumber } from './raw-values.js';
import { isJsonOnWire } from './type-oids.js';

export type TextEncoder = (v: unknown) => string;

/** Text of a value of unknown type: strings as they are, everything else as compact JSON. */
const byShape: TextEncoder = (v) => (typeof v === 'string' ? v : v instanceof JsonText ? jsonElementText(v) : encodeByShape(v));

function jsonElementText(v: JsonText): string {
  return v.text.startsWith('"') ? String(v.value()) : v.text;
}

/** A value of type `undefined` held as JSON text (ResultColumn.json): a string's text, else the JSON. */
export const jsonValueText: TextEncoder = (v) => (typeof v === 'string' ? jsonElementText(new JsonText(v)) : byShape(v));

const integer: TextEncoder = (v) => {
  if (typeof v === 'string') return v;
  if (v instanceof JsonText) return v.text;
  return toBigInt(v).toString();
};

const real: TextEncoder = (v) => javaFloat(toNumber(v instanceof JsonText ? v.value() : v));
const double: TextEncoder = (v) => javaDouble(toNumber(v instanceof JsonText ? v.value() : v));

const numeric: TextEncoder = (v) => {
  if (v instanceof JsonText) return v.text;
  if (typeof v === 'number') return encodeNumeric(v); // same digits as HTTP (`2`, not `2.0`)
  const d = decimalOf(v);
  return javaBigDecimal(d.unscaled, d.scale);
};

const text: TextEncoder = (v) => (typeof v === 'string' ? v : v instanceof JsonText ? jsonElementText(v) : String(v));

const uuid: TextEncoder = (v) => (v instanceof DuckDBUUIDValue ? v.toString() : text(v)).toLowerCase();

const bit: TextEncoder = (v) => {
  const s = v instanceof DuckDBBitValue ? v.toString() : text(v);
  const m = /^[bB]'([01]*)'$/.exec(s);
  return m ? m[1]! : s;
};

const interval: TextEncoder = (v) => {
  if (typeof v === 'string') return v;
  const f = intervalFields(v);
  return f ? intervalText(f) : byShape(v);
};

const timetz: TextEncoder = (v) => {
  if (v instanceof DuckDBTimeTZValue) return timetzText(v.micros, v.offset);
  if (Array.isArray(v) && v.length === 2) return timetzText(BigInt(v[0] as number), Number(v[1]));
  return byShape(v);
};

const geoPoint: TextEncoder = (v) => {
  let items = arrayItems(v);
  if (!items && v instanceof DuckDBStructValue) items = [v.entries.lon ?? v.entries.x, v.entries.lat ?? v.entries.y];
  if (!items || items.length !== 2) return byShape(v);
  return `(${double(items[0])},${double(items[1])})`;
};

/** `(f1,f2)`: NULL fields empty; quoted when empty or containing `"\(),` or whitespace (inner quotes not doubled — CrateDB). */
function recordEncoder(fields: readonly ObjectField[]): TextEncoder {
  const encoders = fields.map((f) => textEncoderFor(f.type));
  return (v) => {
    const items = arrayItems(v) ?? (v instanceof DuckDBStructValue ? Object.values(v.entries) : undefined);
    if (!items) return byShape(v);
    const parts = items.map((x, i) => {
      if (x === null || x === undefined) return '';
      const s = (encoders[i] ?? byShape)(x);
      return s === '' || /["\\(),\s]/.test(s) ? `"${s}"` : s;
    });
    return `(${parts.join(',')})`;
  };
}

/** One-dimensional array: `{"a","b",NULL}`. */
function arrayEncoder(inner: DataType, element: TextEncoder = textEncoderFor(inner)): TextEncoder {
  const escape = isJsonOnWire(inner);
  return (v) => {
    const items = arrayItems(v);
    if (!items) return byShape(v);
    const parts = items.map((x) => {
      if (x === null || x === undefined) return 'NULL';
      const s = element(x);
      return escape ? `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"` : `"${s}"`;
    });
    return `{${parts.join(',')}}`;
  };
}

/** JSON text on the wire: the HTTP encoding (compact; embedded JSON documents passed through). */
function jsonEncoder(type: DataType): TextEncoder {
  const encode = encoderFor(type);
  return (v) => (v instanceof JsonText ? v.text : encode(v));
}

const epochTimestamp = (withTimeZone: boolean): TextEncoder => {
  const slow: TextEncoder = (v) => timestampText(millisOf(v instanceof JsonText ? v.value() : v), withTimeZone);
  // Hot path of timestamp columns (every TSBS result): DuckDB's {micros} within 2^53 (years
  // 1685–2255, exact as a double), the `yyyy-MM-dd ` of the last day seen reused; the rest: slow.
  const suffix = withTimeZone ? '+00' : '';
  let day = NaN;
  let prefix = '';
  return (v) => {
    if (!(v instanceof DuckDBTimestampTZValue || v instanceof DuckDBTimestampValue)) return slow(v);
    const micros = Number(v.micros);
    if (!Number.isSafeInteger(micros)) return slow(v);
    const subMs = ((micros % 1000) + 1000) % 1000;
    const ms = (micros - subMs) / 1000;
    const d = Math.floor(ms / MS_PER_DAY);
    if (d !== day) {
      const text = timestampText(d * MS_PER_DAY, false);
      day = d;
      prefix = text.slice(0, text.indexOf(' ') + 1);
    }
    let t = ms - d * MS_PER_DAY;
    const millis = t % 1000;
    t = (t - millis) / 1000;
    const secs = t % 60;
    t = (t - secs) / 60;
    const mins = t % 60;
    return `${prefix}${TWO_DIGITS[(t - mins) / 60]}:${TWO_DIGITS[mins]}:${TWO_DIGITS[secs]}.${THREE_DIGITS[millis]}${suffix}`;
  };
};
const MS_PER_DAY = 86_400_000;
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

export function textEncoderFor(type: DataType): TextEncoder {
  switch (type.kind) {
    case 'boolean': return (v) => (v === true || (v instanceof JsonText && v.text === 'true') ? 't' : v === false || v instanceof JsonText ? 'f' : byShape(v));
    case 'byte': case 'smallint': case 'integer': case 'bigint': case 'regclass': return integer;
    case 'real': return real;
    case 'double precision': return double;
    case 'numeric': return numeric;
    case 'text': case 'varchar': case 'ip': case 'regproc': case 'regtype': case 'undefined': return text;
    case 'character': {
      const n = type.length;
      return (v) => text(v).padEnd(n, ' ');
    }
    case 'uuid': return uuid;
    case 'timestamp with time zone': return epochTimestamp(true);
    case 'timestamp without time zone': return epochTimestamp(false);
    case 'date': return (v) => dateText(millisOf(v instanceof JsonText ? v.value() : v));
    case 'time with time zone': return timetz;
    case 'interval': return interval;
    case 'bit': return bit;
    case 'json': return (v) => (typeof v === 'string' ? v : v instanceof JsonText ? v.text : encodeByShape(v));
    case 'object': case 'geo_shape': return jsonEncoder(type);
    case 'geo_point': return geoPoint;
    case 'float_vector': return arrayEncoder(type, real);
    case 'record': return recordEncoder(type.fields);
    case 'oidvector': return (v) => (arrayItems(v) ?? []).map(integer).join(' ');
    case 'array': return type.inner.kind === 'array' ? jsonEncoder(type) : arrayEncoder(type.inner);
  }
}
