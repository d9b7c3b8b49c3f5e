/**
 * System-table rows (computed in JS) → an inline DuckDB relation for the statement's SQL.
 *
 * Rows travel as one JSON document that DuckDB's `from_json` turns into typed columns:
 *
 *   (SELECT struct_extract(u.s, 'c0') AS "c0", … FROM
 *      (SELECT unnest(from_json('[{"c0":1,"c1":"a"},…]', '[{"c0":"INTEGER","c1":"VARCHAR"}]')) AS s) AS u)
 *
 * A `VALUES` list of typed literals costs DuckDB's parser and binder per value (seconds for the
 * ~2,000 rows of information_schema.columns of 50 tables); one JSON string costs milliseconds.
 * Tables with a column type JSON cannot carry exactly (intervals, decimals, geo points …) or a
 * value JSON cannot hold (NaN) use the `VALUES` form.
 */
import type { SystemTable } from '../catalog/system/system-table.js';
import type { DataType } from '../types/data-type.js';
import { toJsonText } from './casting/literal-sql.js';
import { sqlLiteral } from './literals.js';
import { isJsonStored, quoteIdent, quoteString, toDuckDbType } from '../translator/duckdb-types.js';

export function inlineRelation(table: SystemTable, rows: readonly (readonly unknown[])[]): string {
  const names = table.columns.map((_, i) => quoteIdent(`c${i}`));
  if (rows.length === 0) {
    const cols = table.columns.map((c, i) => `CAST(NULL AS ${toDuckDbType(c.type)}) AS ${names[i]}`);
    return `(SELECT ${cols.join(', ')} WHERE false)`;
  }
  return jsonRelation(table, rows, names) ?? valuesRelation(table, rows, names);
}

export function valuesRelation(table: SystemTable, rows: readonly (readonly unknown[])[], names: string[]): string {
  const values = rows.map((r) => `(${table.columns.map((c, i) => sqlLiteral(r[i] ?? null, c.type)).join(', ')})`);
  return `(SELECT * FROM (VALUES ${values.join(', ')}) AS v(${names.join(', ')}))`;
}

/** Thrown inside jsonRelation when a value has no exact JSON form. */
class NoJson extends Error {}

export function jsonRelation(table: SystemTable, rows: readonly (readonly unknown[])[], names: string[]): string | undefined {
  const structure: Record<string, unknown> = {};
  const writers: ((v: unknown) => string)[] = [];
  for (let i = 0; i < table.columns.length; i++) {
    const type = table.columns[i]!.type;
    const s = structureOf(type);
    if (s === undefined) return undefined;
    structure[`c${i}`] = s;
    writers.push(writerOf(type));
  }
  let json: string;
  try {
    json = `[${rows.map((r) => `{${writers.map((w, i) => `"c${i}":${w(r[i])}`).join(',')}}`).join(',')}]`;
  } catch (e) {
    if (e instanceof NoJson) return undefined;
    throw e;
  }
  const cols = names.map((n, i) => `struct_extract(u.s, 'c${i}') AS ${n}`);
  return `(SELECT ${cols.join(', ')} FROM (SELECT unnest(from_json(${quoteString(json)}, ${quoteString(JSON.stringify([structure]))})) AS s) AS u)`;
}

/** from_json's structure for a column type, or undefined when the table must use VALUES. */
function structureOf(t: DataType): unknown {
  if (isJsonStored(t)) return 'JSON';
  switch (t.kind) {
    case 'undefined': case 'boolean': case 'byte': case 'smallint': case 'integer': case 'regclass': case 'regproc':
    case 'regtype': case 'bigint': case 'real': case 'double precision': case 'text': case 'varchar': case 'character':
    case 'timestamp with time zone': case 'timestamp without time zone':
      return toDuckDbType(t);
    case 'oidvector': return ['INTEGER'];
    case 'array': {
      const inner = structureOf(t.inner);
      return inner === undefined ? undefined : [inner];
    }
    default: return undefined;
  }
}

function writerOf(t: DataType): (v: unknown) => string {
  if (isJsonStored(t)) {
    return (v) => {
      if (v === null || v === undefined) return 'null';
      if (typeof v !== 'string') return toJsonText(v);
      try {
        return toJsonText(JSON.parse(v));
      } catch {
        throw new NoJson();
      }
    };
  }
  switch (t.kind) {
    case 'timestamp with time zone': case 'timestamp without time zone': {
      const zone = t.kind === 'timestamp with time zone';
      return (v) => {
        if (v === null || v === undefined) return 'null';
        const ms = Number(v);
        if (!Number.isFinite(ms)) throw new NoJson();
        const iso = new Date(ms).toISOString();
        return JSON.stringify(zone ? iso : iso.slice(0, -1));
      };
    }
    case 'array': case 'oidvector': {
      const inner = t.kind === 'array' ? writerOf(t.inner) : scalarWriter;
      return (v) => {
        if (v === null || v === undefined) return 'null';
        if (!Array.isArray(v)) throw new NoJson();
        return `[${v.map(inner).join(',')}]`;
      };
    }
    default: return scalarWriter;
  }
}

function scalarWriter(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' && !Number.isFinite(v)) throw new NoJson();
  if (typeof v === 'object') throw new NoJson();
  return toJsonText(v);
}
