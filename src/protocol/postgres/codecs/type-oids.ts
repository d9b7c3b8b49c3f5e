/**
 * CrateDB DataType ⇄ PostgreSQL type OID (pgwire.md §5.1, §12; types.md §1, §7.3).
 *
 *   pgTypeOf(type)        → { oid, typlen, typmod } announced in RowDescription / ParameterDescription
 *   dataTypeOfOid(oid)    → the CrateDB type of a parameter declared with that OID in Parse
 *
 * Compatibility notes kept on purpose: text[] is 1015 `_varchar` (never 1009), objects and
 * nested arrays are 114 `json`, byte is announced as int2 (CrateDB 6.5).
 */
import { SQLParseException } from '../../../errors/errors.js';
import { T, type DataType } from '../../../types/data-type.js';

export interface PgType { readonly oid: number; readonly typlen: number; readonly typmod: number }

export const OID = {
  bool: 16, char: 18, name: 19, int8: 20, int2: 21, int4: 23, regproc: 24, text: 25, oid: 26,
  oidvector: 30, json: 114, jsonArray: 199, point: 600, float4: 700, float8: 701, unknown: 705,
  bpchar: 1042, varchar: 1043, date: 1082, timestamp: 1114, timestamptz: 1184, interval: 1186,
  timetz: 1266, bit: 1560, numeric: 1700, regclass: 2205, regtype: 2206, record: 2249, any: 2276,
  anyarray: 2277, uuid: 2950, float4Array: 1021,
} as const;

/** Scalar kind → [oid, typlen, array oid]. */
const SCALARS: Record<string, readonly [number, number, number]> = {
  undefined: [OID.unknown, -2, OID.jsonArray],
  boolean: [OID.bool, 1, 1000],
  byte: [OID.int2, 2, 1005],
  smallint: [OID.int2, 2, 1005],
  integer: [OID.int4, 4, 1007],
  bigint: [OID.int8, 8, 1016],
  real: [OID.float4, 4, 1021],
  'double precision': [OID.float8, 8, 1022],
  numeric: [OID.numeric, -1, 1231],
  text: [OID.varchar, -1, 1015],
  varchar: [OID.varchar, -1, 1015],
  ip: [OID.varchar, -1, 1015],
  character: [OID.bpchar, -1, 1014],
  uuid: [OID.uuid, 16, 2951],
  'timestamp with time zone': [OID.timestamptz, 8, 1185],
  'timestamp without time zone': [OID.timestamp, 8, 1115],
  date: [OID.date, 4, 1182],
  'time with time zone': [OID.timetz, 12, 1270],
  interval: [OID.interval, 16, 1187],
  bit: [OID.bit, -1, 1561],
  object: [OID.json, -1, OID.jsonArray],
  json: [OID.json, -1, OID.jsonArray],
  geo_shape: [OID.json, -1, OID.jsonArray],
  geo_point: [OID.point, 16, 1017],
  float_vector: [OID.float4Array, -1, OID.jsonArray],
  record: [OID.record, -1, 2287],
  regproc: [OID.regproc, 4, 1008],
  regclass: [OID.regclass, 4, 2210],
  regtype: [OID.regtype, 4, 2211],
  oidvector: [OID.oidvector, -1, OID.jsonArray],
};

export function pgTypeOf(t: DataType): PgType {
  if (t.kind === 'array') {
    if (t.inner.kind === 'array') return { oid: OID.json, typlen: -1, typmod: -1 };
    return { oid: SCALARS[t.inner.kind]?.[2] ?? OID.jsonArray, typlen: -1, typmod: -1 };
  }
  const s = SCALARS[t.kind] ?? SCALARS.text!;
  return { oid: s[0], typlen: s[1], typmod: t.kind === 'bit' ? t.length : -1 };
}

/** True when values of this type travel as JSON text (text and binary formats alike). */
export function isJsonOnWire(t: DataType): boolean {
  return pgTypeOf(t).oid === OID.json;
}

const character1: DataType = { kind: 'character', length: 1 };

/** Parameter OID → CrateDB type (pgwire.md §5.1, first match). */
const BY_OID = new Map<number, DataType>([
  [0, T.undefined], [705, T.undefined], [2276, T.undefined],
  [16, T.boolean],
  [18, character1], [1042, character1],
  [19, T.text], [25, T.text], [1043, T.text],
  [20, T.bigint], [21, T.smallint], [23, T.integer], [26, T.integer],
  [24, T.regproc],
  [114, T.object()],
  [600, T.geoPoint],
  [700, T.real], [701, T.double],
  [1082, T.date], [1114, T.timestamp], [1184, T.timestamptz], [1186, T.interval], [1266, T.timetz],
  [1560, { kind: 'bit', length: 1 }],
  [1700, T.numeric],
  [2205, T.regclass], [2206, T.regtype],
  [2249, { kind: 'record', fields: [] }],
  [2950, T.uuid],
  [30, T.oidvector],
]);

const ARRAY_ELEMENTS: Record<number, number> = {
  1000: 16, 1002: 18, 1005: 21, 1007: 23, 1008: 24, 1009: 25, 1014: 1042, 1015: 1043, 1016: 20,
  1017: 600, 1021: 700, 1022: 701, 1115: 1114, 1182: 1082, 1185: 1184, 1187: 1186, 1231: 1700,
  1270: 1266, 1561: 1560, 199: 114, 2210: 2205, 2211: 2206, 2277: 0, 2287: 2249, 2951: 2950,
};

/** Throws `Can't map PGType with oid=<n> to Crate type` (XX000) for OIDs CrateDB does not know. */
export function dataTypeOfOid(oid: number): DataType {
  const scalar = BY_OID.get(oid);
  if (scalar) return scalar;
  const element = ARRAY_ELEMENTS[oid];
  if (element !== undefined) return T.array(BY_OID.get(element)!);
  throw new SQLParseException(`Can't map PGType with oid=${oid} to Crate type`);
}

/** The OID to report in ParameterDescription for a parameter of this type (undefined → 705). */
export function parameterOid(t: DataType): number {
  return t.kind === 'undefined' ? OID.unknown : pgTypeOf(t).oid;
}
