/**
 * Written type names (TypeRef) → DataType, with CrateDB's aliases (types.md §1).
 * Unknown names: `Cannot find data type: <name>`.
 */
import { SQLParseException } from '../errors/errors.js';
import type { TypeRef } from '../sql/ast/index.js';
import { T, type DataType, type ObjectField } from '../types/data-type.js';

const ALIASES: Record<string, DataType> = {
  boolean: T.boolean, bool: T.boolean,
  byte: T.byte, tinyint: T.byte,
  smallint: T.smallint, short: T.smallint, int2: T.smallint,
  integer: T.integer, int: T.integer, int4: T.integer,
  bigint: T.bigint, long: T.bigint, int8: T.bigint,
  real: T.real, float: T.real, float4: T.real,
  'double precision': T.double, double: T.double, float8: T.double,
  text: T.text, string: T.text, varchar: T.text, 'character varying': T.text, name: T.text,
  'timestamp with time zone': T.timestamptz, timestamptz: T.timestamptz,
  'timestamp without time zone': T.timestamp, timestamp: T.timestamp,
  date: T.date,
  'time with time zone': T.timetz, timetz: T.timetz,
  interval: T.interval,
  ip: T.ip, uuid: T.uuid, json: T.json,
  geo_point: T.geoPoint, geo_shape: T.geoShape,
  regclass: T.regclass, regproc: T.regproc, regtype: T.regtype, oidvector: T.oidvector,
  // beyond CrateDB: psql casts schema oids to regnamespace; here it is the plain oid
  regnamespace: T.integer,
  object: T.object('dynamic'),
};

export interface ResolvedObjectColumn { name: string; type: DataType }

export function resolveType(ref: TypeRef): DataType {
  switch (ref.kind) {
    case 'ArrayType': return T.array(resolveType(ref.inner));
    case 'ObjectType': {
      const fields: ObjectField[] = [];
      for (const c of ref.columns) {
        if (!c.type) throw new SQLParseException(`Column ${c.name.join('.')} has no type`);
        fields.push({ name: c.name[c.name.length - 1]!, type: resolveType(c.type) });
      }
      return T.object(ref.policy ?? 'dynamic', fields);
    }
    case 'NamedType': return resolveNamed(ref.name, ref.params);
  }
}

function resolveNamed(name: string, params: number[]): DataType {
  const n = name.toLowerCase();
  switch (n) {
    case 'varchar': case 'character varying':
      if (params.length) return { kind: 'varchar', length: params[0]! };
      return T.text;
    case 'character': case 'char': return { kind: 'character', length: params[0] ?? 1 };
    case '"char"': return { kind: 'character', length: 1 };
    case 'numeric': case 'decimal':
      return params.length === 0 ? T.numeric
        : params.length === 1 ? { kind: 'numeric', precision: params[0]! }
          : { kind: 'numeric', precision: params[0]!, scale: params[1]! };
    case 'bit': return { kind: 'bit', length: params[0] ?? 1 };
    case 'float_vector':
      if (params.length !== 1) throw new SQLParseException('float_vector requires a dimension');
      return { kind: 'float_vector', dimensions: params[0]! };
  }
  const t = ALIASES[n];
  if (!t) throw new SQLParseException(`Cannot find data type: ${name}`);
  if (params.length) throw new SQLParseException(`The '${n}' type doesn't support type parameters.`);
  return t;
}
