/**
 * The PostgreSQL types CrateDB announces (pgwire.md §11.2, §12): the rows of pg_catalog.pg_type
 * and the mapping CrateDB type → pg_type entry used by pg_attribute (atttypid, attlen, atttypmod).
 *
 * In: a CrateDB `DataType`. Out: `{oid, typname, typlen, typmod}`. Arrays of arrays and objects
 * are announced as `json`/`_json`, text and ip as `varchar`, byte as `int2` — as CrateDB does.
 */
import type { DataType } from '../../../types/data-type.js';
import { regprocOid } from './pg-oid.js';

export interface PgTypeRow {
  readonly oid: number;
  readonly typname: string;
  readonly typarray: number;
  readonly typelem: number;
  readonly typlen: number;
  readonly typtype: string;
  readonly typcategory: string;
  readonly typinput: string;
  readonly typoutput: string;
  /** '-' means "no function" (regproc 0) */
  readonly typreceive: string;
  readonly typsend: string;
}

/** `oid typname typarray typelem typlen typtype typcategory`, from CrateDB's docs/interfaces/postgres.rst */
const TYPES = `
16 bool 1000 0 1 b N
18 char 1002 0 1 b S
19 name -1 0 64 b S
20 int8 1016 0 8 b N
21 int2 1005 0 2 b N
23 int4 1007 0 4 b N
24 regproc 1008 0 4 b N
25 text 1009 0 -1 b S
26 oid 1028 0 4 b N
30 oidvector 1013 26 -1 b A
114 json 199 0 -1 b U
199 _json 0 114 -1 b A
600 point 1017 0 16 b G
700 float4 1021 0 4 b N
701 float8 1022 0 8 b N
705 unknown 0 0 -2 p X
1000 _bool 0 16 -1 b A
1002 _char 0 18 -1 b A
1005 _int2 0 21 -1 b A
1007 _int4 0 23 -1 b A
1008 _regproc 0 24 -1 b A
1009 _text 0 25 -1 b A
1014 _bpchar 0 1042 -1 b A
1015 _varchar 0 1043 -1 b A
1016 _int8 0 20 -1 b A
1017 _point 0 600 -1 b A
1021 _float4 0 700 -1 b A
1022 _float8 0 701 -1 b A
1042 bpchar 1014 0 -1 b S
1043 varchar 1015 0 -1 b S
1082 date 1182 0 4 b D
1114 timestamp 1115 0 8 b D
1115 _timestamp 0 1114 -1 b A
1182 _date 0 1082 -1 b A
1184 timestamptz 1185 0 8 b D
1185 _timestamptz 0 1184 -1 b A
1186 interval 1187 0 16 b T
1187 _interval 0 1186 -1 b A
1231 _numeric 0 1700 -1 b A
1266 timetz 1270 0 12 b D
1270 _timetz 0 1266 -1 b A
1560 bit 1561 0 -1 b V
1561 _bit 0 1560 -1 b A
1700 numeric 1231 0 -1 b N
2205 regclass 2210 0 4 b N
2206 regtype 2211 0 4 b N
2210 _regclass 0 2205 -1 b A
2211 _regtype 0 2206 -1 b A
2249 record 2287 0 -1 p P
2276 any 0 0 4 p P
2277 anyarray 0 2276 -1 p P
2287 _record 0 2249 -1 p A
2950 uuid 2951 0 16 b U
2951 _uuid 0 2950 -1 b A
`;

/** Types whose binary procs are `<name>_recv`/`<name>_send` rather than `<name>recv`/`<name>send`. */
const UNDERSCORE_PROCS = new Set(['date', 'timestamp', 'timestamptz', 'numeric', 'json', 'point', 'interval', 'bit', 'timetz', 'record']);

function procs(typname: string, typarray: number): Pick<PgTypeRow, 'typinput' | 'typoutput' | 'typreceive' | 'typsend'> {
  if (typname === 'unknown') return { typinput: 'unknownin', typoutput: 'unknownout', typreceive: 'unknownrecv', typsend: 'unknownsend' };
  if (typname === 'any') return { typinput: 'array_in', typoutput: 'array_out', typreceive: '-', typsend: '-' };
  if (typname === 'anyarray') return { typinput: 'array_in', typoutput: 'array_out', typreceive: 'anyarray_recv', typsend: 'anyarray_send' };
  // CrateDB's rule is literally "typarray = 0 ⇒ array procs" (PGType.typInput …)
  if (typarray === 0) return { typinput: 'array_in', typoutput: 'array_out', typreceive: 'array_recv', typsend: 'array_send' };
  const sep = UNDERSCORE_PROCS.has(typname) ? '_' : '';
  return { typinput: `${typname}_in`, typoutput: `${typname}_out`, typreceive: `${typname}${sep}recv`, typsend: `${typname}${sep}send` };
}

export const PG_TYPES: readonly PgTypeRow[] = TYPES.trim().split('\n').map((line) => {
  const [oid, typname, typarray, typelem, typlen, typtype, typcategory] = line.split(' ') as string[];
  return {
    oid: Number(oid), typname: typname!, typarray: Number(typarray), typelem: Number(typelem), typlen: Number(typlen),
    typtype: typtype!, typcategory: typcategory!, ...procs(typname!, Number(typarray)),
  };
});

const BY_OID = new Map(PG_TYPES.map((t) => [t.oid, t]));

const PROC_NAMES = new Map<number, string>(PG_TYPES
  .flatMap((t) => [t.typinput, t.typoutput, t.typreceive, t.typsend])
  .filter((n) => n !== '-')
  .map((n) => [regprocOid(n), n]));

/**
 * The function name a regproc OID stands for, for the PG text format of regproc values
 * (pg_type.typinput …); `-` for 0, undefined when unknown.
 */
export function regprocName(oid: number): string | undefined {
  return oid === 0 ? '-' : PROC_NAMES.get(oid);
}

/** OID of the PG type a CrateDB scalar is announced as. */
const SCALAR_OIDS: Partial<Record<DataType['kind'], number>> = {
  undefined: 705, boolean: 16, byte: 21, smallint: 21, integer: 23, bigint: 20, real: 700,
  'double precision': 701, text: 1043, varchar: 1043, character: 1042, ip: 1043, numeric: 1700,
  'timestamp with time zone': 1184, 'timestamp without time zone': 1114, date: 1082,
  'time with time zone': 1266, interval: 1186, bit: 1560, uuid: 2950, json: 114, object: 114,
  geo_shape: 114, geo_point: 600, float_vector: 1021, record: 2249, regproc: 24, regclass: 2205,
  regtype: 2206, oidvector: 30,
};

export interface PgTypeInfo { readonly oid: number; readonly typname: string; readonly typlen: number; readonly typmod: number }

export function pgTypeOf(t: DataType): PgTypeInfo {
  let oid: number;
  if (t.kind === 'array') {
    const inner = t.inner;
    if (inner.kind === 'array') oid = 114; // nested arrays travel as JSON
    else if (inner.kind === 'object' || inner.kind === 'undefined' || inner.kind === 'geo_shape' || inner.kind === 'json') oid = 199;
    else if (inner.kind === 'record') oid = 2287;
    else oid = BY_OID.get(pgTypeOf(inner).oid)?.typarray ?? 199;
  } else {
    oid = SCALAR_OIDS[t.kind] ?? 705;
  }
  const row = BY_OID.get(oid)!;
  return { oid, typname: row.typname, typlen: row.typlen, typmod: t.kind === 'bit' ? t.length : -1 };
}
