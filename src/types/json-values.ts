/**
 * Result values → JSON text as CrateDB prints them (http.md §3.9, types.md §3–§7, §11): the
 * `/_sql` responses, COPY TO files and the PG text form of objects and arrays.
 *
 * In: raw values of a RowBatch (what @duckdb/node-api returns, or JS shapes cratelite produces)
 * and the column's CrateDB DataType. Out: one JSON text per value.
 *
 * `encoderFor(type)` is called once per column and returns a function specialised for that
 * type; every encoder falls back to `encodeByShape` for values of an unexpected shape, which is
 * also what columns without a known type use (the DuckDB pass-through phase).
 */
import {
  DuckDBArrayValue, DuckDBBitValue, DuckDBBlobValue, DuckDBDateValue, DuckDBDecimalValue,
  DuckDBIntervalValue, DuckDBListValue, DuckDBMapValue, DuckDBStructValue, DuckDBTimeTZValue,
  DuckDBTimestampMillisecondsValue, DuckDBTimestampNanosecondsValue, DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue, DuckDBTimestampValue, DuckDBUnionValue, DuckDBUUIDValue,
} from '@duckdb/node-api';
import type { DataType, ObjectField } from './data-type.js';
import { javaBigDecimal, javaDouble, javaFloat } from './java-number-format.js';
import { epochMillisText, integerText, intervalFields, intervalText, timetzText } from './temporal-format.js';

/** Encodes one non-null value. */
export type ValueEncoder = (v: unknown) => string;

/** Encode a column of a batch: one JSON text per row, `null` for SQL NULL. */
export function encodeColumn(encode: ValueEncoder, values: readonly unknown[], rowCount: number): string[] {
  const out = new Array<string>(rowCount);
  for (let r = 0; r < rowCount; r++) {
    const v = values[r];
    out[r] = v === null || v === undefined ? 'null' : encode(v);
  }
  return out;
}

const str = (s: string): string => JSON.stringify(s);
const nullable = (encode: ValueEncoder): ValueEncoder => (v) => (v === null || v === undefined ? 'null' : encode(v));

/** NaN and ±Infinity are JSON strings, as CrateDB writes them (http.md §3.9). */
function nonFiniteText(x: number): string { return Number.isNaN(x) ? '"NaN"' : x > 0 ? '"Infinity"' : '"-Infinity"'; }

export const encodeDouble: ValueEncoder = (v) => {
  if (typeof v === 'number') return Number.isFinite(v) ? javaDouble(v) : nonFiniteText(v);
  if (typeof v === 'bigint') return javaDouble(Number(v));
  if (v instanceof DuckDBDecimalValue) return javaDouble(v.toDouble());
  return encodeByShape(v);
};

export const encodeReal: ValueEncoder = (v) => {
  if (typeof v === 'number') return Number.isFinite(v) ? javaFloat(v) : nonFiniteText(v);
  return encodeDouble(v);
};

export const encodeInteger: ValueEncoder = (v) => {
  if (typeof v === 'number') return Number.isInteger(v) ? integerText(v) : encodeDouble(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return v;
  return encodeByShape(v);
};

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export const encodeNumeric: ValueEncoder = (v) => {
  if (v instanceof DuckDBDecimalValue) return javaBigDecimal(v.value, v.scale);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : nonFiniteText(v);
  if (typeof v === 'string' && JSON_NUMBER.test(v)) return v;
  return encodeByShape(v);
};

export const encodeText: ValueEncoder = (v) => str(typeof v === 'string' ? v : String(v));

export const encodeUuid: ValueEncoder = (v) =>
  str(typeof v === 'string' ? v.toLowerCase() : String(v).toLowerCase());

export const encodeEpochMillis: ValueEncoder = (v) => epochMillisText(v) ?? encodeByShape(v);

export const encodeInterval: ValueEncoder = (v) => {
  if (typeof v === 'string') return str(v);
  const fields = intervalFields(v);
  return fields ? str(intervalText(fields)) : encodeByShape(v);
};

export const encodeTimetz: ValueEncoder = (v) => timetzText(v) ?? encodeByShape(v);

export const encodeBit: ValueEncoder = (v) => {
  if (typeof v === 'string') return str(/^[bB]'/.test(v) ? v : `B'${v}'`);
  if (v instanceof DuckDBBitValue) return str(`B'${v.toString()}'`);
  return encodeByShape(v);
};

/** `json` values are JSON *text*, sent as a JSON string (types.md §3.14). */
export const encodeJsonText: ValueEncoder = (v) => str(typeof v === 'string' ? v : encodeByShape(v));
/** A value of type `undefined` held as JSON text (ResultColumn.json): embedded as the JSON it is. */
export const encodeJsonValue: ValueEncoder = (v) => (typeof v === 'string' ? v : encodeByShape(v));

/** geo_point → `[lon, lat]` doubles. */
export const encodeGeoPoint: ValueEncoder = (v) => {
  const items = listItems(v);
  if (items && items.length === 2) return `[${encodeDouble(items[0])},${encodeDouble(items[1])}]`;
  if (v instanceof DuckDBStructValue) {
    const e = v.entries;
    const lon = e.lon ?? e.x;
    const lat = e.lat ?? e.y;
    if (lon !== undefined && lat !== undefined) return `[${encodeDouble(lon)},${encodeDouble(lat)}]`;
  }
  return encodeByShape(v);
};

/** Items of a list-like raw value (DuckDB LIST/ARRAY or a JS array), else undefined. */
export function listItems(v: unknown): readonly unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof DuckDBListValue || v instanceof DuckDBArrayValue) return v.items;
  return undefined;
}

/** Key/value pairs of a map-like raw value (DuckDB STRUCT/MAP, Map, plain object), else undefined. */
function objectEntries(v: unknown): Iterable<readonly [string, unknown]> | undefined {
  if (v instanceof DuckDBStructValue) return Object.entries(v.entries);
  if (v instanceof DuckDBMapValue) return v.entries.map((e) => [String(e.key), e.value] as const);
  if (v instanceof Map) return [...v.entries()].map(([k, val]) => [String(k), val] as const);
  if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.entries(v as Record<string, unknown>);
  }
  return undefined;
}

/**
 * Embedded JSON text (an object or array column delivered as a JSON string) is passed through;
 * a JSON `null` stays null. Anything else is not JSON of the expected kind and gets quoted.
 */
function isEmbeddedJson(v: unknown, open: string): v is string {
  if (typeof v !== 'string') return false;
  const text = v.trim();
  return text.startsWith(open) || text === 'null';
}

export function arrayEncoder(inner: ValueEncoder): ValueEncoder {
  const item = nullable(inner);
  return (v) => {
    const items = listItems(v);
    if (items) {
      let s = '[';
      for (let i = 0; i < items.length; i++) s += (i === 0 ? '' : ',') + item(items[i]);
      return s + ']';
    }
    if (isEmbeddedJson(v, '[')) return v;
    return encodeByShape(v);
  };
}

export function objectEncoder(fields: readonly ObjectField[]): ValueEncoder {
  const byName = new Map<string, ValueEncoder>();
  for (const f of fields) byName.set(f.name, nullable(encoderFor(f.type)));
  return (v) => {
    if (isEmbeddedJson(v, '{')) return v;
    const entries = objectEntries(v);
    if (!entries) return encodeByShape(v);
    let s = '{';
    let first = true;
    for (const [key, val] of entries) {
      s += `${first ? '' : ','}${str(key)}:${(byName.get(key) ?? encodeByShape)(val)}`;
      first = false;
    }
    return s + '}';
  };
}

/** record → JSON array of its field values, in field order (types.md §6.2). */
export function recordEncoder(fields: readonly ObjectField[]): ValueEncoder {
  const encoders = fields.map((f) => nullable(encoderFor(f.type)));
  return (v) => {
    const items = listItems(v) ?? (v instanceof DuckDBStructValue ? Object.values(v.entries) : undefined);
    if (!items) return encodeByShape(v);
    return `[${items.map((x, i) => (encoders[i] ?? encodeByShape)(x)).join(',')}]`;
  };
}

/** The encoder for a CrateDB type; chosen once per result column. */
export function encoderFor(type: DataType): ValueEncoder {
  switch (type.kind) {
    case 'boolean': return (v) => (typeof v === 'boolean' ? (v ? 'true' : 'false') : encodeByShape(v));
    case 'byte': case 'smallint': case 'integer': case 'bigint': case 'regclass': return encodeInteger;
    case 'real': return encodeReal;
    case 'double precision': return encodeDouble;
    case 'numeric': return encodeNumeric;
    case 'text': case 'varchar': case 'ip': case 'regproc': case 'regtype': return encodeText;
    case 'character': {
      const n = type.length;
      return (v) => str((typeof v === 'string' ? v : String(v)).padEnd(n, ' '));
    }
    case 'uuid': return encodeUuid;
    case 'timestamp with time zone': case 'timestamp without time zone': case 'date': return encodeEpochMillis;
    case 'time with time zone': return encodeTimetz;
    case 'interval': return encodeInterval;
    case 'bit': return encodeBit;
    case 'json': return encodeJsonText;
    case 'geo_point': return encodeGeoPoint;
    case 'geo_shape': return objectEncoder([]);
    case 'object': return objectEncoder(type.fields);
    case 'float_vector': return arrayEncoder(encodeReal);
    case 'oidvector': return arrayEncoder(encodeInteger);
    case 'array': return arrayEncoder(encoderFor(type.inner));
    case 'record': return recordEncoder(type.fields);
    case 'undefined': return encodeByShape;
  }
}

/**
 * Encode by the value's JS shape alone, for columns without a known type and for the
 * undeclared inside of objects. A JS number is printed as an integer when it is one (the type
 * that would say "double" is unknown here), otherwise like Java `Double.toString`.
 */
export function encodeByShape(v: unknown): string {
  switch (typeof v) {
    case 'string': return str(v);
    case 'number': return Number.isSafeInteger(v) ? String(v) : encodeDouble(v);
    case 'bigint': return v.toString();
    case 'boolean': return v ? 'true' : 'false';
    case 'undefined': return 'null';
    case 'object': break;
    default: return str(String(v));
  }
  if (v === null) return 'null';
  if (Array.isArray(v) || v instanceof DuckDBListValue || v instanceof DuckDBArrayValue) return shapeArray(v);
  if (v instanceof DuckDBDecimalValue) return javaBigDecimal(v.value, v.scale);
  if (v instanceof DuckDBTimestampTZValue || v instanceof DuckDBTimestampValue || v instanceof DuckDBDateValue
    || v instanceof DuckDBTimestampMillisecondsValue || v instanceof DuckDBTimestampSecondsValue
    || v instanceof DuckDBTimestampNanosecondsValue || v instanceof Date) {
    return epochMillisText(v) ?? 'null';
  }
  if (v instanceof DuckDBIntervalValue) return encodeInterval(v);
  if (v instanceof DuckDBTimeTZValue) return encodeTimetz(v);
  if (v instanceof DuckDBUUIDValue) return str(v.toString());
  if (v instanceof DuckDBBitValue) return encodeBit(v);
  if (v instanceof DuckDBUnionValue) return encodeByShape(v.value);
  if (v instanceof DuckDBBlobValue || v instanceof Uint8Array) {
    return str(Buffer.from(v instanceof DuckDBBlobValue ? v.bytes : v).toString('base64'));
  }
  const entries = objectEntries(v);
  if (entries) return shapeObject(entries);
  return str(String(v));
}

const shapeArray = arrayEncoder(encodeByShape);
const shapeObject = (entries: Iterable<readonly [string, unknown]>): string => {
  let s = '{';
  let first = true;
  for (const [key, val] of entries) {
    s += `${first ? '' : ','}${str(key)}:${encodeByShape(val)}`;
    first = false;
  }
  return s + '}';
};
