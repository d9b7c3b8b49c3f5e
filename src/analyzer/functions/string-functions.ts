/**
 * String functions (functions.md §2.1). Arguments convert implicitly to text; lengths and
 * positions are `integer`.
 *
 *   substr('crate.io', 0, 3) → `substring(s, greatest(0, 1), greatest(3, 0))` = 'cra'
 *                              (CrateDB clamps the start to 1 before counting; PostgreSQL
 *                              would give 'cr'; DuckDB would count a negative start from the end)
 *   substr(s, 'pattern')     → first capture group (or whole match), NULL without match
 *   octet_length(s)          → `strlen(s)` (DuckDB's octet_length takes BLOBs only)
 *   initcap / quote_ident    → JS UDFs (udf-registry.ts)
 */
import { SQLParseException } from '../../errors/errors.js';
import { isTextual, T, typeSignature, type DataType } from '../../types/data-type.js';
import { quoteString } from '../../translator/duckdb-types.js';
import { castExpr } from '../casts.js';
import { intLiteral, stringLiteral } from '../expr-util.js';
import { objectMergeSql } from '../operators/concat.js';
import { unifyTypes } from '../operators/coercion.js';
import { allText, coerceArgs, result, scalar } from './define.js';
import type { CompiledExpr, FunctionDef, ResolvedCall } from './function-types.js';

type Sql = (args: string[]) => string;

/** A text function with fixed parameter types. */
function textFn(name: string, params: DataType[], returns: DataType, sql: Sql): FunctionDef {
  return scalar(name, [`(${params.map(typeSignature).join(', ')})`], (args) => {
    const a = coerceArgs(args, params);
    return a ? result(sql(a.map((x) => x.sql)), returns) : undefined;
  });
}

/** One name, several arities. */
function textFnArities(name: string, variants: { params: DataType[]; sql: Sql }[], returns: DataType = T.text): FunctionDef {
  return scalar(name, variants.map((v) => `(${v.params.map(typeSignature).join(', ')})`), (args) => {
    for (const v of variants) {
      const a = coerceArgs(args, v.params);
      if (a) return result(v.sql(a.map((x) => x.sql)), returns);
    }
    return undefined;
  });
}

const int = (sql: string) => `CAST(${sql} AS INTEGER)`;

function concat(args: readonly CompiledExpr[]): ResolvedCall | undefined {
  if (args.length === 0) return undefined;
  if (args.some((a) => a.type.kind === 'array')) {
    const type = unifyTypes(args.map((a) => a.type));
    if (type.kind !== 'array') return undefined;
    const items = args.map((a) => castExpr(a, type, 'implicit').sql);
    return result(items.reduce((acc, x) => `list_concat(${acc}, ${x})`), type);
  }
  if (args.length === 2 && args.every((a) => a.type.kind === 'object' || a.type.kind === 'undefined')
    && args.some((a) => a.type.kind === 'object')) {
    return result(objectMergeSql(args[0]!.sql, args[1]!.sql), unifyTypes(args.map((a) => a.type)));
  }
  const items = args.map((a) => (isTextual(a.type) ? a.sql : a.type.kind === 'undefined' ? 'CAST(NULL AS VARCHAR)'
    : castExpr(a, T.text, 'explicit').sql));
  return result(`concat(${items.join(', ')})`, T.text);
}

/** An argument of format() as the text Java's Formatter would see (timestamps are longs). */
function formatArg(a: CompiledExpr): string {
  if (a.type.kind === 'undefined') return 'CAST(NULL AS VARCHAR)';
  if (a.type.kind === 'boolean') return `CAST(${a.sql} AS VARCHAR)`;
  if (isTextual(a.type)) return a.sql;
  if (a.type.kind === 'array' || a.type.kind === 'geo_point') return `CAST(${a.sql} AS VARCHAR)`;
  return castExpr(a, T.text, 'explicit').sql;
}

/** Java-regex substring: first capture group if the pattern has one, else the whole match. */
function regexSubstring(s: CompiledExpr, pattern: CompiledExpr): ResolvedCall {
  const p = stringLiteral(pattern);
  const pat = p !== undefined ? quoteString(p) : pattern.sql;
  const hasGroup = p !== undefined ? /\((?!\?)/.test(p.replace(/\\./g, '')) : false;
  return result(`CASE WHEN regexp_matches(${s.sql}, ${pat}) THEN regexp_extract(${s.sql}, ${pat}, ${hasGroup ? 1 : 0}) END`, T.text);
}

function substr(args: readonly CompiledExpr[]): ResolvedCall | undefined {
  if (args.length < 2 || args.length > 3) return undefined;
  const s = castExpr(args[0]!, T.text, 'implicit');
  if (args.length === 2 && isTextual(args[1]!.type) && !(args[1]!.literal && /^-?\d+$/.test(String(args[1]!.literal.value)))) {
    return regexSubstring(s, args[1]!);
  }
  const rest = coerceArgs(args.slice(1), args.slice(1).map(() => T.integer));
  if (!rest) return undefined;
  const from = `greatest(${rest[0]!.sql}, 1)`;
  const sql = rest[1] ? `substring(${s.sql}, ${from}, greatest(${rest[1].sql}, 0))` : `substring(${s.sql}, ${from})`;
  return result(sql, T.text);
}

function splitPart(args: readonly CompiledExpr[]): ResolvedCall | undefined {
  const a = coerceArgs(args, [T.text, T.text, T.integer]);
  if (!a) return undefined;
  const [s, d, n] = a.map((x) => x.sql) as [string, string, string];
  const nLit = intLiteral(a[2]!);
  if (nLit !== undefined && nLit <= 0) throw new SQLParseException('field position must be greater than zero');
  return result(`CASE WHEN ${n} <= 0 THEN error('cratelite:SQLParseException:field position must be greater than zero') `
    + `WHEN ${d} = '' THEN CASE WHEN ${n} = 1 THEN ${s} ELSE '' END ELSE split_part(${s}, ${d}, ${n}) END`, T.text);
}

function trim(args: readonly CompiledExpr[]): ResolvedCall | undefined {
  if (args.length === 1) {
    const a = allText(args);
    return a ? result(`trim(${a[0]!.sql}, ' ')`, T.text) : undefined;
  }
  if (args.length !== 3) return undefined;
  const a = allText(args);
  if (!a) return undefined;
  const mode = stringLiteral(args[2]!) ?? 'both';
  const fn = mode === 'leading' ? 'ltrim' : mode === 'trailing' ? 'rtrim' : 'trim';
  return result(`${fn}(${a[0]!.sql}, ${a[1]!.sql})`, T.text);
}

function encodeDecode(name: 'encode' | 'decode') {
  return scalar(name, ['(text, text)'], (args) => {
    const a = coerceArgs(args, [T.text, T.text]);
    const format = a ? stringLiteral(a[1]!)?.toLowerCase() : undefined;
    if (format !== undefined && !['base64', 'hex', 'escape'].includes(format)) {
      throw new SQLParseException(`Encoding format '${format}' is not supported`);
    }
    return a ? result(`cratelite_${name}(${a[0]!.sql}, ${a[1]!.sql})`, T.text) : undefined;
  });
}

const URI_FIELDS = [
  { name: 'scheme', type: T.text }, { name: 'userinfo', type: T.text }, { name: 'hostname', type: T.text },
  { name: 'port', type: T.integer }, { name: 'path', type: T.text }, { name: 'query', type: T.text },
  { name: 'fragment', type: T.text },
];

export const stringFunctions: FunctionDef[] = [
  scalar('concat', ['(text, ...)', '(array, array)', '(object, object)'], (args) => concat(args)),
  scalar('concat_ws', ['(text, text, ...)'], (args) => {
    if (args.length < 2) return undefined;
    const items = args.map((a) => (isTextual(a.type) ? a.sql : castExpr(a, T.text, a.type.kind === 'undefined' ? 'implicit' : 'explicit').sql));
    return result(`concat_ws(${items.join(', ')})`, T.text);
  }),
  scalar('format', ['(text, ...)'], (args) => {
    if (args.length < 1) return undefined;
    const fmt = castExpr(args[0]!, T.text, 'implicit');
    return result(`cratelite_format(${fmt.sql}, [${args.slice(1).map(formatArg).join(', ')}]::VARCHAR[])`, T.text);
  }),
  scalar('substr', ['(text, integer)', '(text, integer, integer)', '(text, text)'], (args) => substr(args)),
  scalar('substring', ['(text, integer)', '(text, integer, integer)', '(text, text)'], (args) => substr(args)),
  textFn('char_length', [T.text], T.integer, ([s]) => int(`length(${s})`)),
  textFn('length', [T.text], T.integer, ([s]) => int(`length(${s})`)),
  textFn('bit_length', [T.text], T.integer, ([s]) => int(`(strlen(${s}) * 8)`)),
  textFn('octet_length', [T.text], T.integer, ([s]) => int(`strlen(${s})`)),
  textFn('ascii', [T.text], T.integer, ([s]) => `CASE WHEN ${s} = '' THEN 0 ELSE ascii(${s}) END`),
  textFn('chr', [T.integer], T.text, ([n]) => `chr(${n})`),
  textFn('lower', [T.text], T.text, ([s]) => `lower(${s})`),
  textFn('upper', [T.text], T.text, ([s]) => `upper(${s})`),
  textFn('initcap', [T.text], T.text, ([s]) => `cratelite_initcap(${s})`),
  textFn('md5', [T.text], T.text, ([s]) => `md5(${s})`),
  textFn('sha1', [T.text], T.text, ([s]) => `sha1(${s})`),
  textFn('replace', [T.text, T.text, T.text], T.text, ([s, a, b]) => `replace(${s}, ${a}, ${b})`),
  textFn('translate', [T.text, T.text, T.text], T.text, ([s, a, b]) => `translate(${s}, ${a}, ${b})`),
  scalar('trim', ['(text)', '(text, text, text)'], (args) => trim(args)),
  textFnArities('ltrim', [{ params: [T.text], sql: ([s]) => `ltrim(${s}, ' ')` }, { params: [T.text, T.text], sql: ([s, c]) => `ltrim(${s}, ${c})` }]),
  textFnArities('rtrim', [{ params: [T.text], sql: ([s]) => `rtrim(${s}, ' ')` }, { params: [T.text, T.text], sql: ([s, c]) => `rtrim(${s}, ${c})` }]),
  textFnArities('btrim', [{ params: [T.text], sql: ([s]) => `trim(${s}, ' ')` }, { params: [T.text, T.text], sql: ([s, c]) => `trim(${s}, ${c})` }]),
  textFn('quote_ident', [T.text], T.text, ([s]) => `cratelite_quote_ident(${s})`),
  textFn('left', [T.text, T.integer], T.text, ([s, n]) => `left(${s}, ${n})`),
  textFn('right', [T.text, T.integer], T.text, ([s, n]) => `right(${s}, ${n})`),
  textFn('starts_with', [T.text, T.text], T.boolean, ([s, p]) => `starts_with(${s}, ${p})`),
  textFnArities('lpad', [
    { params: [T.text, T.integer], sql: ([s, n]) => `lpad(${s}, greatest(${n}, 0), ' ')` },
    { params: [T.text, T.integer, T.text], sql: ([s, n, f]) => `lpad(${s}, greatest(${n}, 0), ${f})` },
  ]),
  textFnArities('rpad', [
    { params: [T.text, T.integer], sql: ([s, n]) => `rpad(${s}, greatest(${n}, 0), ' ')` },
    { params: [T.text, T.integer, T.text], sql: ([s, n, f]) => `rpad(${s}, greatest(${n}, 0), ${f})` },
  ]),
  encodeDecode('encode'),
  encodeDecode('decode'),
  textFn('repeat', [T.text, T.integer], T.text, ([s, n]) => `repeat(${s}, greatest(${n}, 0))`),
  textFn('strpos', [T.text, T.text], T.integer, ([s, sub]) => int(`strpos(${s}, ${sub})`)),
  textFn('position', [T.text, T.text], T.integer, ([sub, s]) => int(`strpos(${s}, ${sub})`)),
  textFn('reverse', [T.text], T.text, ([s]) => `reverse(${s})`),
  scalar('split_part', ['(text, text, integer)'], (args) => splitPart(args)),
  scalar('parse_ident', ['(text)', '(text, boolean)'], (args) => {
    const a = coerceArgs(args, [T.text, T.boolean].slice(0, args.length));
    if (!a || a.length === 0) return undefined;
    return result(`cratelite_parse_ident(${a[0]!.sql}, ${a[1]?.sql ?? 'true'})`, T.array(T.text));
  }),
  textFn('parse_uri', [T.text], T.object('dynamic', URI_FIELDS), ([s]) => `CAST(cratelite_parse_uri(${s}) AS JSON)`),
  textFn('parse_url', [T.text], T.object('dynamic', [...URI_FIELDS, { name: 'parameters', type: T.object('dynamic') }]),
    ([s]) => `CAST(cratelite_parse_url(${s}) AS JSON)`),
];
