/**
 * CrateDB data types as cratelite's analyzer sees them.
 *
 * One tagged union, `DataType`, shared by the catalog, the analyzer, the translator and the
 * result encoders. Names, HTTP `col_types` ids and precedence follow ../shared/spec/types.md §1
 * and §8.1 (CrateDB `io.crate.types.*`).
 */

export type ColumnPolicy = 'dynamic' | 'strict' | 'ignored';

export type ScalarTypeName =
  | 'undefined' | 'boolean' | 'byte' | 'smallint' | 'integer' | 'bigint' | 'real'
  | 'double precision' | 'text' | 'timestamp with time zone' | 'timestamp without time zone'
  | 'date' | 'time with time zone' | 'interval' | 'ip' | 'uuid' | 'json' | 'geo_point'
  | 'geo_shape' | 'regclass' | 'regproc' | 'regtype' | 'oidvector';

export type DataType =
  | { readonly kind: ScalarTypeName }
  | { readonly kind: 'varchar'; readonly length: number }
  | { readonly kind: 'character'; readonly length: number }
  | { readonly kind: 'numeric'; readonly precision?: number; readonly scale?: number }
  | { readonly kind: 'bit'; readonly length: number }
  | { readonly kind: 'float_vector'; readonly dimensions: number }
  | { readonly kind: 'array'; readonly inner: DataType }
  | { readonly kind: 'object'; readonly policy: ColumnPolicy; readonly fields: readonly ObjectField[] }
  | { readonly kind: 'record'; readonly fields: readonly ObjectField[] };

export interface ObjectField { readonly name: string; readonly type: DataType }

const scalar = <K extends ScalarTypeName>(kind: K) => Object.freeze({ kind }) as { readonly kind: K };

export const T = {
  undefined: scalar('undefined'),
  boolean: scalar('boolean'),
  byte: scalar('byte'),
  smallint: scalar('smallint'),
  integer: scalar('integer'),
  bigint: scalar('bigint'),
  real: scalar('real'),
  double: scalar('double precision'),
  text: scalar('text'),
  timestamptz: scalar('timestamp with time zone'),
  timestamp: scalar('timestamp without time zone'),
  date: scalar('date'),
  timetz: scalar('time with time zone'),
  interval: scalar('interval'),
  ip: scalar('ip'),
  uuid: scalar('uuid'),
  json: scalar('json'),
  geoPoint: scalar('geo_point'),
  geoShape: scalar('geo_shape'),
  regclass: scalar('regclass'),
  regproc: scalar('regproc'),
  regtype: scalar('regtype'),
  oidvector: scalar('oidvector'),
  numeric: Object.freeze({ kind: 'numeric' }) as DataType,
  array: (inner: DataType): DataType => ({ kind: 'array', inner }),
  object: (policy: ColumnPolicy = 'dynamic', fields: readonly ObjectField[] = []): DataType =>
    ({ kind: 'object', policy, fields }),
} as const;

/** HTTP `col_types` ids (http.md §3.7). Arrays are `[100, inner]`. */
const HTTP_IDS: Record<string, number> = {
  undefined: 0, byte: 2, boolean: 3, text: 4, varchar: 4, ip: 5, 'double precision': 6, real: 7,
  smallint: 8, integer: 9, bigint: 10, 'timestamp with time zone': 11, object: 12, geo_point: 13,
  geo_shape: 14, 'timestamp without time zone': 15, interval: 17, record: 18, regproc: 19,
  'time with time zone': 20, oidvector: 21, numeric: 22, regclass: 23, date: 24, bit: 25, json: 26,
  character: 27, float_vector: 28, uuid: 29, regtype: 30,
};

export type HttpTypeId = number | [100, HttpTypeId];

export function httpTypeId(t: DataType): HttpTypeId {
  if (t.kind === 'array') return [100, httpTypeId(t.inner)];
  return HTTP_IDS[t.kind] ?? 1;
}

/** The canonical CrateDB name, as `pg_typeof` and `information_schema.columns.data_type` show it. */
export function typeName(t: DataType): string {
  switch (t.kind) {
    case 'varchar': return 'text';
    case 'character': return 'character';
    case 'numeric': return 'numeric';
    case 'bit': return 'bit';
    case 'float_vector': return 'float_vector';
    case 'array': return t.inner.kind === 'object' ? 'object_array' : `${typeName(t.inner)}_array`;
    default: return t.kind;
  }
}

/** The type as written in DDL / CAST and in error messages (`varchar(3)`, `text_array`...). */
export function typeSignature(t: DataType): string {
  switch (t.kind) {
    case 'varchar': return `varchar(${t.length})`;
    case 'character': return `character(${t.length})`;
    case 'numeric': return t.precision === undefined ? 'numeric'
      : t.scale === undefined ? `numeric(${t.precision})` : `numeric(${t.precision},${t.scale})`;
    case 'bit': return `bit(${t.length})`;
    case 'float_vector': return `float_vector(${t.dimensions})`;
    case 'array': return `${typeSignature(t.inner)}_array`;
    default: return t.kind;
  }
}

/** Precedence rank, lowest first (types.md §8.1). */
const PRECEDENCE: string[] = [
  'undefined', 'text', 'varchar', 'character', 'boolean', 'byte', 'smallint', 'time with time zone',
  'integer', 'regtype', 'regproc', 'regclass', 'interval', 'date', 'timestamp with time zone',
  'timestamp without time zone', 'uuid', 'bigint', 'ip', 'real', 'double precision', 'numeric',
  'array', 'record', 'geo_point', 'object', 'json', 'geo_shape', 'bit', 'float_vector',
];

export function precedence(t: DataType): number {
  const i = PRECEDENCE.indexOf(t.kind);
  return i < 0 ? 0 : i;
}

export const isIntegral = (t: DataType): boolean =>
  t.kind === 'byte' || t.kind === 'smallint' || t.kind === 'integer' || t.kind === 'bigint';
export const isFloating = (t: DataType): boolean => t.kind === 'real' || t.kind === 'double precision';
export const isNumeric = (t: DataType): boolean => isIntegral(t) || isFloating(t) || t.kind === 'numeric';
export const isTextual = (t: DataType): boolean => t.kind === 'text' || t.kind === 'varchar' || t.kind === 'character';
export const isTimestamp = (t: DataType): boolean =>
  t.kind === 'timestamp with time zone' || t.kind === 'timestamp without time zone';
export const isTemporal = (t: DataType): boolean => isTimestamp(t) || t.kind === 'date';

export function sameType(a: DataType, b: DataType): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'array' && b.kind === 'array') return sameType(a.inner, b.inner);
  return true;
}

/** The higher-precedence of two types; arrays compare by their inner types. */
export function higherType(a: DataType, b: DataType): DataType {
  if (a.kind === 'undefined') return b;
  if (b.kind === 'undefined') return a;
  if (a.kind === 'array' && b.kind === 'array') return T.array(higherType(a.inner, b.inner));
  return precedence(b) > precedence(a) ? b : a;
}
