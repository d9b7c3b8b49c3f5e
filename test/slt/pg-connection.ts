/**
 * The PostgreSQL implementation of the SLT `Connection`: one `pg` client (= one session) per
 * file, simple query protocol, text results. Values are converted by the RowDescription type
 * OIDs into the shapes the HTTP connection produces, so the same expected rows work for both
 * protocols (runner.ts, "PG adapter duties"):
 *
 *   int/float/numeric text        → JsonNumber (`1.0` stays `1.0`); NaN/±Infinity → strings
 *   bool t/f                      → true/false
 *   timestamp(tz) / date text     → epoch milliseconds (JsonNumber)
 *   json (objects, nested arrays) → parsed JSON;  PG arrays `{…}` → arrays of converted elements
 *   point `(x,y)` → [x, y];  timetz `13:00:00+01:00` → [µs, offset s];  bit `0110` → `B'0110'`
 *   record `(1,a)` → [1, "a"];  oidvector `23 25` → [23, 25];  regclass digits → number
 *
 * Errors: `code` = SQLSTATE, `message` = the M field. Where PG text loses what HTTP shows (the
 * `json` type is also OID 114, record fields have no types) records differ per protocol.
 */
import pg from 'pg';
import { parsePgArrayText, type PgArrayValue } from '../../src/analyzer/casting/pg-array-text.js';
import { SqlError, type Connection, type QueryResult } from './connection.js';
import { JsonNumber, parseJsonPreservingNumbers, type SqlValue } from './values.js';

type Convert = (text: string) => SqlValue;

const number: Convert = (t) => (t === 'NaN' || t === 'Infinity' || t === '-Infinity' ? t : new JsonNumber(t));
const text: Convert = (t) => t;

/** `yyyy-MM-dd[ HH:mm:ss.SSS][+00][ BC]` → epoch ms. */
const epochMillis: Convert = (t) => {
  const m = /^(\d{4,})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?)?(?:[+-]\d{2}(?::?\d{2})?)?( BC)?$/.exec(t);
  if (!m) return t;
  const year = m[8] ? 1 - Number(m[1]) : Number(m[1]);
  const d = new Date(0);
  d.setUTCFullYear(year, Number(m[2]) - 1, Number(m[3]));
  d.setUTCHours(Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3)));
  return new JsonNumber(String(d.getTime()));
};

const json: Convert = (t) => {
  try {
    return parseJsonPreservingNumbers(t);
  } catch {
    return t;
  }
};

const point: Convert = (t) => {
  const m = /^\(([^,]+),([^)]+)\)$/.exec(t);
  return m ? [number(m[1]!), number(m[2]!)] : t;
};

const timetz: Convert = (t) => {
  const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (!m) return t;
  const micros = ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1_000_000 + Number((m[4] ?? '').padEnd(6, '0'));
  const offset = m[5] ? (m[5] === '-' ? -1 : 1) * ((Number(m[6]) * 60 + Number(m[7])) * 60 + Number(m[8] ?? 0)) : 0;
  return [new JsonNumber(String(micros)), new JsonNumber(String(offset))];
};

/** `(1,Arthur,"a b",)` → [1, "Arthur", "a b", null]; field types are unknown, numbers by shape. */
const record: Convert = (t) => {
  if (!t.startsWith('(') || !t.endsWith(')')) return t;
  const fields: SqlValue[] = [];
  let i = 1;
  while (i < t.length) {
    let value = '';
    let quoted = false;
    if (t[i] === '"') {
      quoted = true;
      i++;
      while (i < t.length && t[i] !== '"') value += t[i++];
      i++;
    } else {
      while (i < t.length - 1 && t[i] !== ',') value += t[i++];
    }
    fields.push(!quoted && value === '' ? null : !quoted && /^-?\d+(\.\d+)?(E-?\d+)?$/.test(value) ? new JsonNumber(value) : value);
    if (t[i] === ',') i++;
    else break;
  }
  return fields;
};

const SCALARS: Record<number, Convert> = {
  16: (t) => t === 't', 20: number, 21: number, 23: number, 26: number, 700: number, 701: number, 1700: number,
  2205: number, 1114: epochMillis, 1184: epochMillis, 1082: epochMillis, 114: json, 600: point, 1266: timetz,
  1560: (t) => `B'${t}'`, 2249: record, 30: (t) => (t === '' ? [] : t.split(' ').map(number)),
};

const ARRAY_ELEMENTS: Record<number, number> = {
  1000: 16, 1005: 21, 1007: 23, 1016: 20, 1021: 700, 1022: 701, 1231: 1700, 1015: 1043, 1014: 1042, 1009: 25,
  1185: 1184, 1115: 1114, 1182: 1082, 1187: 1186, 2951: 2950, 1017: 600, 1270: 1266, 1561: 1560, 199: 114,
  1008: 24, 2210: 2205, 2211: 2206, 2287: 2249,
};

function converterFor(oid: number): Convert {
  const scalar = SCALARS[oid];
  if (scalar) return scalar;
  const element = ARRAY_ELEMENTS[oid];
  if (element === undefined) return text;
  const convertElement = converterFor(element);
  const convertItems = (items: PgArrayValue): SqlValue[] =>
    items.map((x) => (x === null ? null : Array.isArray(x) ? convertItems(x) : convertElement(x)));
  return (t) => {
    const items = parsePgArrayText(t);
    return items ? convertItems(items) : t;
  };
}

export class PgConnection implements Connection {
  readonly protocol = 'pg' as const;
  private readonly client: pg.Client;
  private connected: Promise<void> | undefined;

  constructor(port: number, host = '127.0.0.1', private readonly timeoutMs = 30_000) {
    this.client = new pg.Client({ host, port, user: 'crate', database: 'doc', query_timeout: timeoutMs });
    // errors after the connection died are reported by the next query
    this.client.on('error', () => {});
  }

  async query(sql: string): Promise<QueryResult> {
    this.connected ??= this.client.connect();
    await this.connected;
    let result: pg.QueryResult<unknown[]>;
    try {
      result = await this.client.query({ text: sql, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } });
    } catch (e) {
      const err = e as { code?: string; message?: string };
      if (err.code === undefined) throw e;
      throw new SqlError(err.code, err.message ?? String(e));
    }
    if (Array.isArray(result)) result = result[result.length - 1] as pg.QueryResult<unknown[]>;
    // `BEGIN` is the one tag without a count (HTTP reports 0); negative counts (`ALTER -2`) are
    // not parsed by pg (null) and mean "unknown", HTTP's -1
    if (result.fields.length === 0) return { kind: 'count', rowCount: result.rowCount ?? (result.command === 'BEGIN' ? 0 : -1) };
    const converters = result.fields.map((f) => converterFor(f.dataTypeID));
    const rows = result.rows.map((row) => row.map((v, i) => (v === null ? null : converters[i]!(v as string))));
    return { kind: 'rows', columns: result.fields.map((f) => f.name), rows };
  }

  async close(): Promise<void> {
    if (this.connected) await this.client.end().catch(() => {});
  }
}
