/**
 * JavaScript scalar functions that translated SQL calls where DuckDB has no equivalent
 * (functions.md "JS" rows). The engine calls `registerBuiltinUdfs` on every new connection;
 * DuckDB keeps them database-wide and re-registering is harmless.
 *
 * Names all start with `cratelite_` so they can never clash with a CrateDB function name and
 * are never reachable from user SQL (the analyzer only resolves registry names). A UDF that
 * must fail sets an error in the `cratelite:<Name>:<message>` format (engine/duckdb-errors.ts).
 */
import {
  BIGINT, BOOLEAN, DOUBLE, DuckDBScalarFunction, FLOAT, INTEGER, INTERVAL, LIST, listValue, STRUCT, TIMESTAMP, VARCHAR,
  type DuckDBConnection, type DuckDBType, type DuckDBValue,
} from '@duckdb/node-api';
import { javaDouble, javaFloat } from '../../types/java-number-format.js';
import { parseTimestampText } from '../casting/timestamp-text.js';
import { ipInCidr, normaliseIp } from '../casting/ip-address.js';
import { parsePgArrayText, type PgArrayValue } from '../casting/pg-array-text.js';
import { formatIntervalText, toIntervalValue } from '../casting/interval-value.js';
import { formatMysqlDate, formatPgTemplate } from './datetime-format.js';
import { initcap, quoteIdent } from './text-udfs.js';
import { genRandomTextUuid } from './random-text-uuid.js';
import { lttb } from './lttb.js';
import { geohash } from './geohash.js';
import { regexpInstr } from './regexp-instr.js';
import { intersects, parseShape, within } from './geo-relations.js';
import { FormatError, javaFormat } from './java-format.js';
import { decodeBytea, encodeBytea, parseIdent, parseUri, TextParseError } from './text-parsers.js';
import { SQLParseException } from '../../errors/errors.js';

class UdfError extends Error {}

const castError = (value: unknown, type: string) =>
  new UdfError(`cratelite:SQLParseException:Cannot cast value \`${String(value)}\` to type \`${type}\``);

interface Udf {
  name: string;
  params: DuckDBType[];
  returns: DuckDBType;
  fn: (...args: any[]) => DuckDBValue;
  /** called with NULL arguments too */
  special?: boolean;
  volatile?: boolean;
}

const micros = (v: { micros: bigint }): bigint => v.micros;

/** Run a parser; its TextParseError or SQLParseException becomes a CrateDB SQLParseException. */
function parsing<R>(f: () => R): R {
  try { return f(); } catch (e) {
    if (e instanceof TextParseError || e instanceof SQLParseException) throw new UdfError(`cratelite:SQLParseException:${e.message}`);
    throw e;
  }
}

/** The last shapes parsed (a query compares every row against one constant shape). */
const parsedShapes = new Map<string, ReturnType<typeof parseShape>>();

function shapes(a: string, b: string, relation: typeof within): boolean {
  const parse = (json: string) => {
    let s = parsedShapes.get(json);
    if (!s) {
      if (parsedShapes.size >= 64) parsedShapes.clear();
      parsedShapes.set(json, (s = parseShape(json)));
    }
    return s;
  };
  return parsing(() => relation(parse(a), parse(b)));
}

const UDFS: Udf[] = [
  {
    name: 'cratelite_text_to_ts', params: [VARCHAR, BOOLEAN, BOOLEAN], returns: BIGINT,
    fn: (text: string, withTz: boolean, raise: boolean) => {
      const ms = parseTimestampText(text, withTz);
      if (ms !== undefined) return BigInt(ms);
      if (raise) throw castError(text, withTz ? 'timestamp with time zone' : 'timestamp without time zone');
      return null;
    },
  },
  {
    name: 'cratelite_ip', params: [VARCHAR, BOOLEAN], returns: VARCHAR,
    fn: (text: string, raise: boolean) => {
      const ip = normaliseIp(text);
      if (ip !== undefined) return ip;
      if (raise) throw castError(text, 'ip');
      return null;
    },
  },
  {
    name: 'cratelite_ip_in_cidr', params: [VARCHAR, VARCHAR], returns: BOOLEAN,
    fn: (ip: string, cidr: string) => {
      try { return ipInCidr(ip, cidr); } catch (e) { throw new UdfError(`cratelite:SQLParseException:${(e as Error).message}`); }
    },
  },
  { name: 'cratelite_double_text', params: [DOUBLE], returns: VARCHAR, fn: (x: number) => javaDouble(x) },
  { name: 'cratelite_real_text', params: [FLOAT], returns: VARCHAR, fn: (x: number) => javaFloat(x) },
  {
    name: 'cratelite_interval_text', params: [INTERVAL], returns: VARCHAR,
    fn: (iv: { months: number; days: number; micros: bigint }) => formatIntervalText(toIntervalValue(iv)),
  },
  {
    name: 'cratelite_pg_array', params: [VARCHAR, BOOLEAN], returns: LIST(VARCHAR),
    fn: (text: string, raise: boolean) => {
      const parsed = parsePgArrayText(text);
      if (parsed && parsed.every((x) => !Array.isArray(x))) return listValue(parsed as (string | null)[]);
      if (raise) throw castError(text, 'text_array');
      return null;
    },
  },
  {
    name: 'cratelite_date_format', params: [VARCHAR, TIMESTAMP], returns: VARCHAR,
    fn: (format: string, ts: { micros: bigint }) => formatMysqlDate(format, micros(ts)),
  },
  {
    name: 'cratelite_to_char', params: [TIMESTAMP, VARCHAR], returns: VARCHAR,
    fn: (ts: { micros: bigint }, template: string) => formatPgTemplate(template, micros(ts)),
  },
  { name: 'cratelite_initcap', params: [VARCHAR], returns: VARCHAR, fn: (s: string) => initcap(s) },
  {
    name: 'cratelite_regexp_instr', params: [VARCHAR, VARCHAR, INTEGER, INTEGER, INTEGER, VARCHAR, INTEGER], returns: INTEGER,
    fn: (s: string, p: string, start: number, n: number, end: number, flags: string, sub: number) =>
      parsing(() => regexpInstr(s, p, start, n, end, flags, sub)),
  },
  { name: 'cratelite_geohash', params: [DOUBLE, DOUBLE], returns: VARCHAR, fn: (lon: number, lat: number) => geohash(lon, lat) },
  { name: 'cratelite_quote_ident', params: [VARCHAR], returns: VARCHAR, fn: (s: string) => quoteIdent(s) },
  { name: 'cratelite_geo_within', params: [VARCHAR, VARCHAR], returns: BOOLEAN, fn: (a: string, b: string) => shapes(a, b, within) },
  { name: 'cratelite_geo_intersects', params: [VARCHAR, VARCHAR], returns: BOOLEAN, fn: (a: string, b: string) => shapes(a, b, intersects) },
  {
    name: 'cratelite_lttb', params: [LIST(STRUCT({ t: BIGINT, v: DOUBLE })), INTEGER], returns: VARCHAR, special: true,
    fn: (points: { items: { entries: { t: bigint; v: number } }[] } | null, threshold: number | null) => {
      if (threshold === null) throw new UdfError('cratelite:SQLParseException:lttb expects threshold not to be a null');
      if (points === null) return null;
      const r = lttb(points.items.map((p) => ({ t: Number(p.entries.t), v: p.entries.v })), threshold);
      return JSON.stringify(r);
    },
  },
  {
    name: 'cratelite_format', params: [VARCHAR, LIST(VARCHAR)], returns: VARCHAR, special: true,
    fn: (fmt: string | null, args: { items: (string | null)[] } | null) => {
      if (fmt === null) return null;
      try {
        return javaFormat(fmt, args?.items ?? []);
      } catch (e) {
        if (e instanceof FormatError) throw new UdfError(`cratelite:SQLParseException:${e.message}`);
        throw e;
      }
    },
  },
  { name: 'cratelite_parse_ident', params: [VARCHAR, BOOLEAN], returns: LIST(VARCHAR), fn: (s: string, strict: boolean) => listValue(parsing(() => parseIdent(s, strict))) },
  { name: 'cratelite_parse_uri', params: [VARCHAR], returns: VARCHAR, fn: (s: string) => parsing(() => parseUri(s, false)) },
  { name: 'cratelite_parse_url', params: [VARCHAR], returns: VARCHAR, fn: (s: string) => parsing(() => parseUri(s, true)) },
  { name: 'cratelite_encode', params: [VARCHAR, VARCHAR], returns: VARCHAR, fn: (s: string, f: string) => parsing(() => encodeBytea(s, f)) },
  { name: 'cratelite_decode', params: [VARCHAR, VARCHAR], returns: VARCHAR, fn: (s: string, f: string) => parsing(() => decodeBytea(s, f)) },
  { name: 'cratelite_gen_random_text_uuid', params: [], returns: VARCHAR, fn: () => genRandomTextUuid(), volatile: true },
];

function toScalarFunction(udf: Udf): DuckDBScalarFunction {
  return DuckDBScalarFunction.create({
    name: udf.name,
    returnType: udf.returns,
    parameterTypes: udf.params,
    volatile: udf.volatile,
    specialHandling: udf.special,
    mainFunction: (info, input, output) => {
      const columns = udf.params.map((_, i) => input.getColumnVector(i));
      try {
        for (let row = 0; row < input.rowCount; row++) {
          const args = columns.map((c) => c.getItem(row));
          output.setItem(row, !udf.special && args.some((a) => a === null) ? null : udf.fn(...args));
        }
        output.flush();
      } catch (e) {
        info.setError(e instanceof UdfError ? e.message : `cratelite:RuntimeException:${(e as Error).message}`);
      }
    },
  });
}

/** Register every cratelite UDF on `connection` (idempotent). */
export async function registerBuiltinUdfs(connection: DuckDBConnection): Promise<void> {
  for (const udf of UDFS) connection.registerScalarFunction(toScalarFunction(udf));
}

export type { PgArrayValue };
