/**
 * Table functions (functions.md §5). `resolveTable` returns a DuckDB table expression the
 * analyzer wraps as `(SELECT * FROM <sql>) AS alias(o0, …)`, plus CrateDB's column names/types.
 *
 *   unnest(a)                  → `unnest(a)`                            column `unnest`
 *   unnest(a, b)               → `(SELECT unnest(a) AS col1, unnest(b) AS col2)` (zipped, NULL-padded)
 *   generate_series(1, 3)      → integers, inclusive; timestamps need an interval step
 *   generate_subscripts(a, 1)  → 1 … len(a) (reversed if asked)
 *   regexp_matches(s, p [, f]) → one `groups` text[] row per match (first match without `g`)
 *   _pg_expandarray(a)         → (x, n) element/index pairs
 */
import { SQLParseException } from '../../errors/errors.js';
import { isIntegral, isTimestamp, T, type DataType } from '../../types/data-type.js';
import { isJsonStored, quoteString } from '../../translator/duckdb-types.js';
import { castExpr } from '../casts.js';
import { stringLiteral } from '../expr-util.js';
import { unifyTypes } from '../operators/coercion.js';
import { coerceArgs, tableFunction } from './define.js';
import type { CompiledExpr, FunctionDef, ResolvedTableCall } from './function-types.js';
import { withFlags } from './regex-functions.js';
import { RESERVED_WORDS } from './text-udfs.js';
import { NON_RESERVED_KEYWORDS } from '../../sql/lexer/keywords.js';

/** The array argument as a DuckDB list plus its element type. */
function listArg(e: CompiledExpr): { sql: string; inner: DataType } | undefined {
  if (e.type.kind === 'undefined') return { sql: 'CAST(NULL AS VARCHAR[])', inner: T.undefined };
  if (e.type.kind !== 'array') return undefined;
  if (isJsonStored(e.type)) return { sql: `CAST(${e.sql} AS JSON[])`, inner: e.type.inner };
  return { sql: e.sql, inner: e.type.inner };
}

function unnest(args: readonly CompiledExpr[]): ResolvedTableCall | undefined {
  if (args.length === 0) return undefined;
  const lists = args.map(listArg);
  if (lists.some((l) => !l)) return undefined;
  if (lists.length === 1) return { sql: `unnest(${lists[0]!.sql})`, columns: [{ name: 'unnest', type: lists[0]!.inner }] };
  const cols = lists.map((l, i) => `unnest(${l!.sql}) AS col${i + 1}`);
  return { sql: `(SELECT ${cols.join(', ')})`, columns: lists.map((l, i) => ({ name: `col${i + 1}`, type: l!.inner })) };
}

function generateSeries(args: readonly CompiledExpr[]): ResolvedTableCall | undefined {
  if (args.length !== 2 && args.length !== 3) return undefined;
  const bounds = args.slice(0, 2);
  const type = unifyTypes(bounds.map((b) => b.type));
  if (isTimestamp(type) || bounds.some((b) => isTimestamp(b.type))) {
    const tsType = type.kind === 'timestamp without time zone' ? T.timestamp : T.timestamptz;
    if (args.length !== 3) throw new SQLParseException('generate_series(start, stop) has type `timestamp` but requires an interval step');
    const [a, b] = bounds.map((x) => castExpr(x, tsType, 'implicit').sql);
    const step = coerceArgs([args[2]!], [T.interval]);
    if (!step) return undefined;
    return { sql: `generate_series(${a}, ${b}, ${step[0]!.sql})`, columns: [{ name: 'generate_series', type: tsType }] };
  }
  const intType = type.kind === 'bigint' ? T.bigint : isIntegral(type) || type.kind === 'undefined' ? T.integer : undefined;
  if (!intType) return undefined;
  const parts = coerceArgs(args, args.map(() => intType));
  if (!parts) return undefined;
  const duck = intType.kind === 'bigint' ? 'BIGINT' : 'INTEGER';
  const call = `generate_series(${parts.map((p) => `CAST(${p.sql} AS BIGINT)`).join(', ')})`;
  return { sql: `(SELECT CAST(generate_series AS ${duck}) AS generate_series FROM ${call})`, columns: [{ name: 'generate_series', type: intType }] };
}

function generateSubscripts(args: readonly CompiledExpr[]): ResolvedTableCall | undefined {
  if (args.length !== 2 && args.length !== 3) return undefined;
  const list = listArg(args[0]!);
  const rest = coerceArgs(args.slice(1), args.length === 3 ? [T.integer, T.boolean] : [T.integer]);
  if (!list || !rest) return undefined;
  const [dim, reverse] = rest;
  const dimValue = dim!.literal?.value;
  let length = `len(${list.sql})`;
  if (dimValue !== undefined && dimValue !== null && Number(dimValue) > 1) {
    let sql = list.sql;
    for (let d = 2; d < Number(dimValue); d++) sql = `flatten(${sql})`;
    length = `list_max(list_transform(${sql}, _s -> len(_s)))`;
  } else if (dimValue === undefined) {
    length = `CASE WHEN ${dim!.sql} = 1 THEN len(${list.sql}) WHEN ${dim!.sql} = 2 THEN list_max(list_transform(${list.sql}, _s -> len(_s))) END`;
  }
  const guarded = dimValue !== undefined && dimValue !== null && Number(dimValue) < 1 ? 'NULL' : length;
  const series = reverse ? `CASE WHEN ${reverse.sql} THEN generate_series(${guarded}, 1, -1) ELSE generate_series(1, ${guarded}) END`
    : `generate_series(1, ${guarded})`;
  return {
    sql: `(SELECT CAST(unnest(${series}) AS INTEGER) AS generate_subscripts)`,
    columns: [{ name: 'generate_subscripts', type: T.integer }],
  };
}

function regexpMatches(args: readonly CompiledExpr[]): ResolvedTableCall | undefined {
  const a = coerceArgs(args, args.map(() => T.text));
  if (!a || a.length < 2 || a.length > 3) return undefined;
  const p = stringLiteral(a[1]!);
  const flags = a[2] ? stringLiteral(a[2]) : '';
  if (p === undefined || flags === undefined) throw new SQLParseException('regexp_matches requires a literal pattern and flags');
  const { pattern, global } = withFlags(p, flags);
  const groups = (p.replace(/\\./g, '').match(/\((?!\?)/g) ?? []).length;
  const ids = groups === 0 ? [0] : Array.from({ length: groups }, (_, i) => i + 1);
  const s = a[0]!.sql;
  const lists = ids.map((g) => `regexp_extract_all(${s}, ${quoteString(pattern)}, ${g}) AS g${g}`).join(', ');
  const row = `[${ids.map((g) => `list_extract(g${g}, i)`).join(', ')}]`;
  const last = global ? `len(g${ids[0]})` : `least(len(g${ids[0]}), 1)`;
  return {
    sql: `(SELECT ${row} AS groups FROM (SELECT ${lists}) m, generate_series(1, ${last}) r(i) ORDER BY i)`,
    columns: [{ name: 'groups', type: T.array(T.text) }],
  };
}

export const tableFunctions: FunctionDef[] = [
  tableFunction('unnest', ['(array, ...)'], (args) => unnest(args)),
  tableFunction('generate_series', ['(integer, integer [, integer])', '(timestamp, timestamp, interval)'], (args) => generateSeries(args)),
  tableFunction('generate_subscripts', ['(array, integer [, boolean])'], (args) => generateSubscripts(args)),
  tableFunction('regexp_matches', ['(text, text [, text])'], (args) => regexpMatches(args)),
  tableFunction('_pg_expandarray', ['(array)'], (args) => {
    const list = args.length === 1 ? listArg(args[0]!) : undefined;
    if (!list) return undefined;
    return {
      sql: `(SELECT unnest(${list.sql}) AS x, CAST(generate_subscripts(${list.sql}, 1) AS INTEGER) AS n)`,
      columns: [{ name: 'x', type: list.inner }, { name: 'n', type: T.integer }],
    };
  }),
  tableFunction('pg_get_keywords', ['()'], (args) => {
    if (args.length !== 0) return undefined;
    const rows = [...[...RESERVED_WORDS].map((w) => `(${quoteString(w)}, 'R', 'reserved')`),
      ...NON_RESERVED_KEYWORDS.map((w) => `(${quoteString(w)}, 'U', 'unreserved')`)].join(', ');
    return {
      sql: `(SELECT * FROM (VALUES ${rows}) AS k(word, catcode, catdesc))`,
      columns: [{ name: 'word', type: T.text }, { name: 'catcode', type: T.text }, { name: 'catdesc', type: T.text }],
    };
  }),
];
