/**
 * The pg_catalog functions PostgreSQL clients call in their catalog queries (functions.md §2.9,
 * pgwire.md §10), with CrateDB's answers:
 *
 *   format_type(oid, typmod)         CrateDB type name of the OID (`1043` → `text`, `1007` →
 *                                    `integer[]`), `???` when unknown, NULL for NULL; typmod ignored
 *   pg_table_is_visible(oid)         the relation is the first of its name on the search path
 *                                    (pg_catalog first unless listed explicitly)
 *   pg_function_is_visible(oid)      a function of that OID exists (cratelite lists none in
 *                                    pg_proc besides pg_type's receive/send procs, which are not
 *                                    functions) → false for every non-NULL OID
 *   pg_get_constraintdef(oid[, b])   `PRIMARY KEY (a, b)` / `CHECK (<expr>)` of a pg_constraint OID
 *   pg_get_userbyid(oid)             the user of that OID, else `unknown (OID=<n>)`
 *   pg_encoding_to_char(n)           PostgreSQL's encoding name by number (6 → `UTF8`)
 *   pg_get_expr, pg_get_partkeydef, pg_get_serial_sequence, pg_get_function_result,
 *   col_description, obj_description  always NULL
 *   beyond CrateDB, for psql's `\d+`, `\df`, `\dT`: pg_get_viewdef, pg_relation_is_publishable,
 *   pg_get_statisticsobjdef_columns, pg_get_function_arguments (NULL), pg_type_is_visible,
 *   pg_table_size & co. (NULL: sizes are not tracked), pg_size_pretty (PostgreSQL's format),
 *   shobj_description (NULL)
 *
 * Their inputs are mostly OIDs from pg_catalog columns, so each function is compiled to a
 * constant when the argument is a literal and to a `CASE` over the (few) known OIDs otherwise.
 * Lookups use the catalog of the statement (`FunctionContext.catalog`); without one (function
 * library unit tests) relation-dependent answers fall back to "visible" / NULL.
 *
 * Absent from CrateDB and therefore unknown here too (UnsupportedFunctionException): e.g.
 * pg_get_indexdef, to_regtype,
 * pg_partition_ancestors.
 */
import { listConstraints } from '../../catalog/system/constraints.js';
import { constraintOid, userOid } from '../../catalog/system/pg-catalog/pg-oid.js';
import { listRelations } from '../../catalog/system/relations.js';
import { printExpression, quoteIdent } from '../../sql/ast/printer.js';
import { parseExpressionText } from '../../sql/parser/parser.js';
import { T, type DataType } from '../../types/data-type.js';
import { quoteString } from '../../translator/duckdb-types.js';
import { isWrappedInParens } from '../expr-util.js';
import { coerceArgs, result, scalar } from './define.js';
import type { FunctionContext, FunctionDef } from './function-types.js';

const NULL_TEXT = 'CAST(NULL AS VARCHAR)';

/**
 * A function of integer OID arguments whose answer depends on the first argument only: a
 * constant for literals, else `CASE <arg> WHEN <oid> THEN <answer> … ELSE <fallback> END`.
 * A NULL OID gives NULL; so does a NULL in any other argument when `strict` (CrateDB's
 * STRICTNULL feature — format_type is not strict: `format_type(25, NULL)` is `text`).
 */
function byOid(
  name: string, signatures: readonly DataType[][], type: DataType,
  answers: (ctx: FunctionContext) => { known: ReadonlyMap<number, string | boolean>; fallback: (oidSql: string) => string },
  constant: (oid: number, ctx: FunctionContext) => string | boolean | null,
  strict = true,
): FunctionDef {
  return scalar(name, signatures.map((s) => `(${s.map((t) => t.kind).join(', ')})`), (args, ctx) => {
    const typed = signatures.map((s) => coerceArgs(args, s)).find((a) => a !== undefined);
    if (!typed) return undefined;
    const nullable = strict ? typed : typed.slice(0, 1);
    if (nullable.some((a) => a.literal?.value === null)) return result(nullOf(type), type);
    const oid = typed[0]!;
    let cases: string;
    if (oid.literal) cases = sqlValue(constant(Number(oid.literal.value), ctx), type);
    else {
      const { known, fallback } = answers(ctx);
      const whens = [...known].map(([k, v]) => `WHEN ${k} THEN ${sqlValue(v, type)}`).join(' ');
      cases = whens ? `CASE ${oid.sql} ${whens} ELSE ${fallback(oid.sql)} END` : fallback(oid.sql);
    }
    const anyNull = nullable.filter((a) => !a.literal).map((a) => `${a.sql} IS NULL`).join(' OR ');
    return result(anyNull ? `CASE WHEN ${anyNull} THEN ${nullOf(type)} ELSE ${cases} END` : cases, type);
  });
}

const nullOf = (type: DataType): string => (type.kind === 'boolean' ? 'CAST(NULL AS BOOLEAN)'
  : type.kind === 'bigint' ? 'CAST(NULL AS BIGINT)' : NULL_TEXT);

function sqlValue(v: string | boolean | null, type: DataType): string {
  if (v === null) return nullOf(type);
  return typeof v === 'boolean' ? String(v) : quoteString(v);
}

/** A function that is always NULL (after checking its arguments fit one of the signatures). */
function alwaysNull(name: string, signatures: readonly DataType[][], type: DataType = T.text): FunctionDef {
  return scalar(name, signatures.map((s) => `(${s.map((t) => t.kind).join(', ')})`), (args) =>
    (signatures.some((s) => coerceArgs(args, s)) ? result(nullOf(type), type) : undefined));
}

// ---- format_type ----------------------------------------------------------------------------

/** CrateDB's pg OID → CrateDB type mapping (PGTypes.fromOID), as type names. */
const TYPE_NAMES: ReadonlyMap<number, string> = (() => {
  const scalars: [number, string, number?][] = [
    // oid, name, array oid
    [1043, 'text', 1015], [1042, 'character', 1014], [16, 'boolean', 1000], [114, 'object', 199],
    [2249, 'record', 2287], [21, 'smallint', 1005], [23, 'integer', 1007], [20, 'bigint', 1016],
    [700, 'real', 1021], [701, 'double precision', 1022], [1700, 'numeric', 1231],
    [1266, 'time with time zone', 1270], [1184, 'timestamp with time zone', 1185],
    [1114, 'timestamp without time zone', 1115], [1082, 'date', 1182], [705, 'undefined'],
    [600, 'geo_point', 1017], [1186, 'interval', 1187], [24, 'regproc', 1008], [2205, 'regclass', 2210],
    [2206, 'regtype', 2211], [1560, 'bit', 1561], [2950, 'uuid', 2951], [30, 'oidvector'],
    // not mapped from a CrateDB type, but known to PGTypes.fromOID
    [0, 'undefined'], [25, 'text', 1009], [2276, 'undefined', 2277], [19, 'text'], [26, 'integer'],
    [18, 'character', 1002],
  ];
  const names = new Map<number, string>();
  for (const [oid, name, arrayOid] of scalars) {
    names.set(oid, name);
    if (arrayOid !== undefined) names.set(arrayOid, `${name}[]`);
  }
  return names;
})();

const formatType = byOid('format_type', [[T.integer, T.integer]], T.text,
  () => ({ known: TYPE_NAMES, fallback: () => quoteString('???') }),
  (oid) => TYPE_NAMES.get(oid) ?? '???', false);

// ---- relations and constraints --------------------------------------------------------------

/** The search path as `pg_table_is_visible` walks it: pg_catalog first unless listed. */
function effectiveSearchPath(ctx: FunctionContext): string[] {
  const raw = ctx.setting('search_path');
  const listed = raw !== undefined
    ? raw.split(',').map((s) => s.trim().replace(/^"(.*)"$/, '$1')).filter(Boolean)
    : [...(ctx.searchPath ?? [ctx.currentSchema])];
  return listed.includes('pg_catalog') ? listed : ['pg_catalog', ...listed];
}

/** OIDs of the relations that are the first of their name on the search path. */
function visibleRelations(ctx: FunctionContext): ReadonlyMap<number, boolean> {
  const visible = new Map<number, boolean>();
  if (!ctx.catalog) return visible;
  const relations = listRelations(ctx.catalog);
  const path = effectiveSearchPath(ctx);
  const winner = new Map<string, number>();
  for (const r of relations) {
    const rank = path.indexOf(r.schema);
    if (rank < 0) continue;
    const best = winner.get(r.name);
    if (best === undefined || rank < best) winner.set(r.name, rank);
  }
  for (const r of relations) {
    const rank = winner.get(r.name);
    if (rank !== undefined && path[rank] === r.schema) visible.set(r.oid, true);
  }
  return visible;
}

const pgTableIsVisible = byOid('pg_table_is_visible', [[T.integer]], T.boolean,
  (ctx) => (ctx.catalog
    ? { known: visibleRelations(ctx), fallback: () => 'false' }
    : { known: new Map(), fallback: () => 'true' }),
  (oid, ctx) => (ctx.catalog ? visibleRelations(ctx).has(oid) : true));

/** pg_constraint OID → `PRIMARY KEY (…)` / `CHECK (…)` (NOT NULL constraints are not listed). */
function constraintDefs(ctx: FunctionContext): ReadonlyMap<number, string> {
  const defs = new Map<number, string>();
  if (!ctx.catalog) return defs;
  for (const c of listConstraints(listRelations(ctx.catalog))) {
    if (c.notNull) continue;
    const r = c.relation;
    const def = c.type === 'PRIMARY KEY'
      ? `PRIMARY KEY (${r.primaryKey.map(quotedPath).join(', ')})`
      : `CHECK (${checkText(c.expr ?? '')})`;
    defs.set(constraintOid(r.schema, r.name, c.name, c.type), def);
  }
  return defs;
}

/**
 * A CHECK expression the way CrateDB keeps it (`"qty" > 0`): identifiers quoted, no outer
 * parentheses. The catalog stores cratelite's printed form (`(qty > 0)`).
 */
function checkText(expr: string): string {
  let text: string;
  try {
    text = printExpression(parseExpressionText(expr), { quoteIdentifiers: true });
  } catch {
    return expr;
  }
  return isWrappedInParens(text) ? text.slice(1, -1) : text;
}

/** CrateDB's `ColumnIdent.quotedOutputName`: `id`, `"Name"`, `o['k']` */
const quotedPath = (path: readonly string[]): string =>
  quoteIdent(path[0]!, false) + path.slice(1).map((k) => `['${k.replace(/'/g, "''")}']`).join('');

const pgGetConstraintdef = byOid('pg_get_constraintdef', [[T.integer], [T.integer, T.boolean]], T.text,
  (ctx) => ({ known: constraintDefs(ctx), fallback: () => NULL_TEXT }),
  (oid, ctx) => constraintDefs(ctx).get(oid) ?? null);

// ---- users, encodings -----------------------------------------------------------------------

/** The users cratelite knows (the superuser only, until users exist). */
const USERS = ['crate'];
const USER_NAMES: ReadonlyMap<number, string> = new Map(USERS.map((u) => [userOid(u), u]));

const pgGetUserbyid = byOid('pg_get_userbyid', [[T.integer]], T.text,
  () => ({ known: USER_NAMES, fallback: (oid) => `'unknown (OID=' || CAST(${oid} AS VARCHAR) || ')'` }),
  (oid) => USER_NAMES.get(oid) ?? `unknown (OID=${oid})`);

/** PostgreSQL's encoding numbers (pg_wchar.h), as CrateDB lists them. */
const ENCODINGS = [
  'SQL_ASCII', 'EUC_JP', 'EUC_CN', 'EUC_KR', 'EUC_TW', 'EUC_JIS_2004', 'UTF8', 'MULE_INTERNAL', 'LATIN1',
  'LATIN2', 'LATIN3', 'LATIN4', 'LATIN5', 'LATIN6', 'LATIN7', 'LATIN8', 'LATIN9', 'LATIN10', 'WIN1256',
  'WIN1258', 'WIN866', 'WIN874', 'KOI8R', 'WIN1251', 'WIN1252', 'ISO_8859_5', 'ISO_8859_6', 'ISO_8859_7',
  'ISO_8859_8', 'WIN1250', 'WIN1253', 'WIN1254', 'WIN1255', 'WIN1257', 'KOI8U', 'SJIS', 'BIG5', 'GBK', 'UHC',
  'GB18030', 'JOHAB', 'SHIFT_JIS_2004',
];
const ENCODING_NAMES: ReadonlyMap<number, string> = new Map(ENCODINGS.map((e, i) => [i, e]));

const pgEncodingToChar = byOid('pg_encoding_to_char', [[T.integer]], T.text,
  () => ({ known: ENCODING_NAMES, fallback: () => NULL_TEXT }),
  (n) => ENCODING_NAMES.get(n) ?? null);

// ---- functions ------------------------------------------------------------------------------

const pgFunctionIsVisible = byOid('pg_function_is_visible', [[T.integer]], T.boolean,
  () => ({ known: new Map(), fallback: () => 'false' }),
  () => false);

/**
 * pg_size_pretty(bigint), PostgreSQL's rules: below 10 kB in bytes, then kB, MB, GB, TB, PB,
 * each unit used while the value stays below 20 × 1024 halves, rounded half away from zero.
 */
const pgSizePretty = scalar('pg_size_pretty', ['(bigint)'], (args) => {
  const typed = coerceArgs(args, [T.bigint]);
  if (!typed) return undefined;
  const x = `CAST(${typed[0]!.sql} AS BIGINT)`;
  const half = (v: string) => `CAST(sign(${v}) * ((abs(${v}) + 1) // 2) AS BIGINT)`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let shifted = `(${x} >> 9)`;
  const whens = [`WHEN abs(${x}) < 10240 THEN CAST(${x} AS VARCHAR) || ' bytes'`];
  for (const unit of units) {
    whens.push(`WHEN abs(${shifted}) < 20479 THEN CAST(${half(shifted)} AS VARCHAR) || ' ${unit}'`);
    shifted = `(${shifted} >> 10)`;
  }
  return result(`CASE WHEN ${x} IS NULL THEN ${NULL_TEXT} ${whens.join(' ')} ELSE CAST(${half(shifted)} AS VARCHAR) || ' PB' END`, T.text);
});

/** beyond CrateDB (psql `\dT`): every type cratelite announces lives in pg_catalog */
const pgTypeIsVisible = byOid('pg_type_is_visible', [[T.integer]], T.boolean,
  () => ({ known: new Map([...TYPE_NAMES.keys()].map((oid) => [oid, true])), fallback: () => 'false' }),
  (oid) => TYPE_NAMES.has(oid));

export const pgFunctions: FunctionDef[] = [
  formatType,
  pgTableIsVisible,
  pgFunctionIsVisible,
  pgGetConstraintdef,
  pgGetUserbyid,
  pgEncodingToChar,
  alwaysNull('pg_get_expr', [[T.text, T.integer], [T.text, T.integer, T.boolean]]),
  alwaysNull('pg_get_partkeydef', [[T.integer]]),
  // beyond CrateDB, for psql's `\d table` (its catalogs are empty here)
  alwaysNull('pg_get_statisticsobjdef_columns', [[T.integer]]),
  alwaysNull('pg_get_viewdef', [[T.integer], [T.integer, T.boolean]]),
  alwaysNull('pg_relation_is_publishable', [[T.regclass], [T.integer]], T.boolean),
  // beyond CrateDB, for psql's `\df` and `\dT` (no user functions or types are listed)
  alwaysNull('pg_get_function_arguments', [[T.integer]]),
  pgTypeIsVisible,
  // beyond CrateDB, for psql's `\dt+` and `\l+`: sizes are not tracked (NULL), formatting is real
  alwaysNull('pg_table_size', [[T.integer]], T.bigint),
  alwaysNull('pg_relation_size', [[T.integer]], T.bigint),
  alwaysNull('pg_total_relation_size', [[T.integer]], T.bigint),
  alwaysNull('pg_database_size', [[T.text], [T.integer]], T.bigint),
  alwaysNull('shobj_description', [[T.integer, T.text]]),
  pgSizePretty,
  alwaysNull('pg_get_serial_sequence', [[T.text, T.text]]),
  alwaysNull('pg_get_function_result', [[T.integer]]),
  alwaysNull('col_description', [[T.integer, T.integer]]),
  alwaysNull('obj_description', [[T.integer, T.text]]),
];

/** exported for tests: the type name format_type gives an OID */
export const formatTypeName = (oid: number): string => TYPE_NAMES.get(oid) ?? '???';
