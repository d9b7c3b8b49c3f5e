/**
 * JS values → the values DuckDB's vector writers take, per storage shape. The counterpart of
 * the SQL literals in analyzer/casting/literal-sql.ts, for column-wise appends: the same value
 * lands in the same DuckDB type either way.
 *
 *   { kind: 'timestamptz' }, 1451606400000 (epoch ms)  → 1451606400000000 (micros)
 *   { kind: 'date' }, 86400000                          → 1 (days)
 *   { kind: 'list', item: { kind: 'date' } }, [0]       → listValue([DuckDBDateValue(0)])
 *
 * Top-level values are plain numbers where chunk-appender.ts writes the vector memory itself
 * (timestamps as micros, dates as days); items of lists and arrays are @duckdb/node-api values.
 */
import {
  arrayValue, DuckDBDateValue, DuckDBIntervalValue, DuckDBTimestampTZValue, DuckDBTimestampValue,
  DuckDBUUIDValue, listValue, type DuckDBValue,
} from '@duckdb/node-api';

export type StorageShape =
  /** BOOLEAN */
  | { readonly kind: 'boolean' }
  /** TINYINT, SMALLINT, INTEGER, FLOAT, DOUBLE: a JS number */
  | { readonly kind: 'number' }
  /** BIGINT: number or bigint (top level: kept; items: bigint) */
  | { readonly kind: 'bigint' }
  /** VARCHAR (and JSON): a string */
  | { readonly kind: 'text' }
  /** TIMESTAMP / TIMESTAMPTZ / DATE from epoch milliseconds */
  | { readonly kind: 'timestamp' } | { readonly kind: 'timestamptz' } | { readonly kind: 'date' }
  /** INTERVAL from `{months, days, micros}` */
  | { readonly kind: 'interval' }
  /** UUID from its canonical text */
  | { readonly kind: 'uuid' }
  /** `T[]` and `T[n]` from a JS array */
  | { readonly kind: 'list'; readonly item: StorageShape }
  | { readonly kind: 'array'; readonly item: StorageShape };

export type StorageWriter = (v: unknown) => unknown;

const MS_PER_DAY = 86_400_000;

const microsBig = (ms: unknown): bigint => BigInt(Math.trunc(Number(ms))) * 1000n;
/** micros as a number while that is exact (about ±285 years around 1970), else as a bigint */
const MAX_EXACT_MS = Number.MAX_SAFE_INTEGER / 1000;
const micros = (ms: unknown): number | bigint => {
  const t = Math.trunc(Number(ms));
  return Math.abs(t) <= MAX_EXACT_MS ? t * 1000 : BigInt(t) * 1000n;
};

/**
 * A converter of non-null JS values to what the vector of `shape` takes (items may be null).
 * `nested`: for items of a list or array.
 */
export function storageWriter(shape: StorageShape, nested = false): StorageWriter {
  switch (shape.kind) {
    case 'boolean': return (v) => Boolean(v);
    case 'number': return (v) => Number(v);
    case 'bigint': return nested ? (v) => (typeof v === 'bigint' ? v : BigInt(v as number)) : (v) => v;
    case 'text': return (v) => String(v);
    case 'timestamp': return nested ? (v) => new DuckDBTimestampValue(microsBig(v)) : micros;
    case 'timestamptz': return nested ? (v) => new DuckDBTimestampTZValue(microsBig(v)) : micros;
    case 'date': return nested ? (v) => new DuckDBDateValue(Math.floor(Number(v) / MS_PER_DAY))
      : (v) => Math.floor(Number(v) / MS_PER_DAY);
    case 'interval': return (v) => {
      const { months, days, micros: us } = v as { months: number; days: number; micros: number };
      return new DuckDBIntervalValue(months, days, BigInt(Math.trunc(us)));
    };
    case 'uuid': return (v) => DuckDBUUIDValue.fromUint128(BigInt(`0x${String(v).replace(/-/g, '')}`));
    case 'list': case 'array': {
      const item = storageWriter(shape.item, true);
      const make = shape.kind === 'list' ? listValue : arrayValue;
      return (v) => make((v as unknown[]).map((x) => (x === null || x === undefined ? null : item(x)) as DuckDBValue));
    }
  }
}
