/**
 * Small SQL-building helpers shared by casts, operators and the function registry.
 *
 * Everything here produces DuckDB SQL text for CrateDB-typed values (types come from
 * ../types/data-type.ts, DuckDB storage types from ../translator/duckdb-types.ts). Nothing
 * here decides CrateDB semantics; it only keeps the emitted SQL uniform (explicit casts,
 * explicit parentheses, errors raised in the `cratelite:<Name>:<message>` format that
 * engine/duckdb-errors.ts turns back into CrateDB errors).
 */
import { typeSignature, type DataType } from '../types/data-type.js';
import { quoteString, toDuckDbType } from '../translator/duckdb-types.js';
import type { CompiledExpr } from './functions/function-types.js';
import { javaDouble } from '../types/java-number-format.js';

/** `CAST(sql AS <duckdb type of t>)` */
export const castSql = (sql: string, t: DataType): string => `CAST(${sql} AS ${toDuckDbType(t)})`;

/** A typed NULL: `CAST(NULL AS INTEGER)`. */
export const nullSql = (t: DataType): string => `CAST(NULL AS ${toDuckDbType(t)})`;

/** Build a CompiledExpr; `aggregate` is carried over from the inputs. */
export function compiled(sql: string, type: DataType, ...from: readonly CompiledExpr[]): CompiledExpr {
  return from.some((e) => e.aggregate) ? { sql, type, aggregate: true } : { sql, type };
}

/** The operand's SQL, as a bound DuckDB parameter when it is a bindable parameter value. */
export function boundSql(e: CompiledExpr): string {
  return e.bind && e.literal ? e.bind(e.literal.value, e.type) ?? e.sql : e.sql;
}

/** `f(a, b, …)` */
export const call = (name: string, ...args: string[]): string => `${name}(${args.join(', ')})`;

/**
 * DuckDB SQL raising a CrateDB error whose message is computed at run time.
 * `parts` are SQL expressions (already VARCHAR-castable) and literal strings, concatenated.
 * Same wire format as `raiseSql` in engine/duckdb-errors.ts: `cratelite:<Name>:<message>`.
 */
export function raiseDynamicSql(name: string, parts: readonly (string | { sql: string })[]): string {
  const pieces = parts.map((p) => (typeof p === 'string' ? quoteString(p) : `CAST(${p.sql} AS VARCHAR)`));
  return `error(concat(${quoteString(`cratelite:${name}:`)}, ${pieces.join(', ')}))`;
}

/** The run-time cast failure of CrateDB's ExplicitCastFunction: ``Cannot cast value `v` to type `t` ``. */
export function raiseCastValueSql(valueSql: string, to: DataType): string {
  return raiseDynamicSql('SQLParseException', ['Cannot cast value `', { sql: valueSql }, `\` to type \`${typeSignature(to)}\``]);
}

/** The CrateDB type name used in error messages. */
export const typeLabel = (t: DataType): string => typeSignature(t);

/**
 * Print a literal value the way CrateDB prints a Literal symbol in messages:
 * text quoted (`'abc'`), numbers in Java form, arrays as `[1, 2]`, objects as `{a=1}`.
 */
export function printLiteral(value: unknown, type?: DataType): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') {
    return type && type.kind !== 'text' && type.kind !== 'varchar' && type.kind !== 'character'
      && type.kind !== 'undefined' ? value : `'${value.replace(/'/g, "''")}'`;
  }
  if (typeof value === 'number') {
    if (type && (type.kind === 'double precision' || type.kind === 'real')) return javaDouble(value);
    return Number.isInteger(value) ? String(value) : javaDouble(value);
  }
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const inner = type?.kind === 'array' ? type.inner : undefined;
    return `[${value.map((v) => printLiteral(v, inner)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}=${printLiteral(v)}`).join(', ')}}`;
  }
  return String(value);
}

/** Wrap in parentheses unless already an atom (identifier, number, call, parenthesised). */
export function paren(sql: string): string {
  if (/^[A-Za-z_][\w.]*$/.test(sql) || /^-?\d+(\.\d+)?$/.test(sql)) return sql;
  if (isWrappedInParens(sql)) return sql;
  return `(${sql})`;
}

/** true when `sql` starts with `(` and that parenthesis closes at the very end (quotes respected) */
export function isWrappedInParens(sql: string): boolean {
  if (!sql.startsWith('(')) return false;
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0 && i < sql.length - 1) return false;
    }
  }
  return depth === 0;
}

/** The value of a literal expression, or undefined when `e` is not a literal. */
export const literalValue = (e: CompiledExpr): unknown => (e.literal ? e.literal.value : undefined);

/** True when `e` is the NULL literal (or any literal whose value is null). */
export const isNullLiteral = (e: CompiledExpr): boolean => e.literal !== undefined && e.literal.value === null;

/** A string literal's value if `e` is one. */
export function stringLiteral(e: CompiledExpr): string | undefined {
  return e.literal && typeof e.literal.value === 'string' ? e.literal.value : undefined;
}

/** An integer literal's value as a JS number if `e` is one. */
export function intLiteral(e: CompiledExpr): number | undefined {
  if (!e.literal) return undefined;
  const v = e.literal.value;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  return undefined;
}
