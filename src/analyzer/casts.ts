/**
 * CrateDB casts for the analyzer: which conversions are implicit (types.md §8.2), and the
 * DuckDB SQL of a cast with CrateDB semantics (sql.md §2, §13 #5/#9).
 *
 * In: a compiled expression (DuckDB SQL + CrateDB type, plus the JS value when it is a
 * literal) and a target type. Out: DuckDB SQL. Literals are folded at compile time, so
 * `'2.7'::int` fails during analysis with CrateDB's message
 * ``Cannot cast `'2.7'` of type `text` to type `integer` `` and `'2021-01-01'::timestamp`
 * becomes `make_timestamp(1609459200000000)`; other values are converted at run time by
 * casting/sql-cast.ts (failures: ``Cannot cast value `v` to type `t` ``).
 *
 *   emitCast({sql: 'x', type: double}, integer, 'explicit')
 *     → CASE WHEN NOT (trunc(x) BETWEEN -2147483648 AND 2147483647) THEN error(…) ELSE CAST(trunc(x) AS INTEGER) END
 */
import { SQLParseException } from '../errors/errors.js';
import { isTextual, type DataType } from '../types/data-type.js';
import type { CompiledExpr, FunctionContext } from './functions/function-types.js';
import { printLiteral, raiseDynamicSql, typeLabel } from './expr-util.js';
import { CastFailure, castValue, inferValueType, type CastMode } from './casting/value-cast.js';
import { literalSql } from './casting/literal-sql.js';
import { runtimeCastSql } from './casting/sql-cast.js';
import { regclassFromName } from './casting/reg-types.js';

export { literalSql } from './casting/literal-sql.js';
export { inferValueType, type CastMode } from './casting/value-cast.js';

const NUMBER_KINDS = ['byte', 'smallint', 'integer', 'bigint', 'real', 'double precision', 'numeric'];
const TEXT_KINDS = ['text', 'varchar', 'character'];
const TEMPORAL_KINDS = ['timestamp with time zone', 'timestamp without time zone', 'date'];
/** Targets of numbers and text (types.md §8.2, first row). */
const NUMERIC_TARGETS = ['boolean', ...TEXT_KINDS, 'ip', ...TEMPORAL_KINDS, ...NUMBER_KINDS];
const REG_KINDS = ['regproc', 'regclass', 'regtype'];

const IMPLICIT: Record<string, readonly string[]> = {
  byte: NUMERIC_TARGETS, smallint: NUMERIC_TARGETS, numeric: NUMERIC_TARGETS,
  real: NUMERIC_TARGETS, 'double precision': NUMERIC_TARGETS,
  integer: [...NUMERIC_TARGETS, ...REG_KINDS], bigint: [...NUMERIC_TARGETS, ...REG_KINDS],
  boolean: TEXT_KINDS,
  text: [...NUMERIC_TARGETS, 'geo_shape', 'geo_point', 'object', ...REG_KINDS, 'time with time zone', 'bit', 'json', 'uuid'],
  ip: TEXT_KINDS,
  'timestamp with time zone': ['double precision', 'bigint', ...TEXT_KINDS, 'timestamp without time zone', 'date'],
  'timestamp without time zone': ['double precision', 'bigint', ...TEXT_KINDS, 'timestamp with time zone', 'date'],
  date: ['double precision', 'bigint', ...TEXT_KINDS, 'timestamp without time zone', 'timestamp with time zone'],
  regproc: [...TEXT_KINDS, 'integer'],
  regtype: [...TEXT_KINDS, 'integer', 'bigint'],
  regclass: [...TEXT_KINDS, 'integer', 'bigint'],
  geo_shape: ['object'],
  object: ['geo_shape', 'json'],
  json: ['object'],
  bit: ['bit'],
};
IMPLICIT.varchar = IMPLICIT.text!;
IMPLICIT.character = IMPLICIT.text!.filter((k) => k !== 'uuid');

/** Whether CrateDB converts `from` to `to` without an explicit cast (types.md §8.2). */
export function canImplicitlyCast(from: DataType, to: DataType): boolean {
  if (from.kind === 'undefined') return true;
  if (from.kind === to.kind && from.kind !== 'array') return true;
  if (isTextual(from) && isTextual(to)) return true;
  if (from.kind === 'array') {
    if (to.kind === 'array') return canImplicitlyCast(from.inner, to.inner);
    // `[lon, lat]` literals and double arrays feed geo_point / float_vector columns.
    if (to.kind === 'geo_point' || to.kind === 'float_vector') {
      return from.inner.kind === 'undefined' || NUMBER_KINDS.includes(from.inner.kind);
    }
    return false;
  }
  if (from.kind === 'float_vector' && to.kind === 'array') return canImplicitlyCast({ kind: 'real' }, to.inner);
  return IMPLICIT[from.kind]?.includes(to.kind) ?? false;
}

/** Type equality including parameters (varchar length, numeric precision). */
export function identicalType(a: DataType, b: DataType): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The compile-time error for a literal CrateDB cannot convert. */
function literalCastError(e: CastFailure, expr: CompiledExpr, to: DataType): SQLParseException {
  if (e.specificMessage) return new SQLParseException(e.specificMessage);
  const shown = printLiteral(expr.literal?.value, expr.type);
  return new SQLParseException(`Cannot cast \`${shown}\` of type \`${typeLabel(expr.type)}\` to type \`${typeLabel(to)}\``);
}

/**
 * DuckDB SQL for `CAST(expr AS to)` with CrateDB semantics. `implicit` is the conversion the
 * analyzer inserts for operators, function arguments and assignments; `try` gives NULL
 * instead of an error.
 */
export function emitCast(expr: CompiledExpr, to: DataType, mode: 'implicit' | 'explicit' | 'try', fctx?: FunctionContext): string {
  return castExpr(expr, to, mode, fctx).sql;
}

/**
 * Like emitCast, but keeps the folded literal value on the result. With `fctx`, relation names
 * cast to regclass are looked up in its catalog (`'doc.t1'::regclass`).
 */
export function castExpr(expr: CompiledExpr, to: DataType, mode: 'implicit' | 'explicit' | 'try', fctx?: FunctionContext): CompiledExpr {
  expr.onCast?.(to);
  if (identicalType(expr.type, to)) return expr;
  if (expr.literal !== undefined) {
    try {
      const v = expr.literal.value;
      const value = to.kind === 'regclass' && typeof v === 'string' && fctx
        ? regclassFromName(v, fctx.catalog, fctx.currentSchema)
        : castValue(v, expr.type, to, mode);
      const folded: CompiledExpr = { sql: literalSql(value, to), type: to, literal: { value } };
      return expr.bind ? { ...folded, bind: expr.bind } : folded;
    } catch (e) {
      if (!(e instanceof CastFailure)) throw e;
      if (mode === 'try') return { sql: literalSql(null, to), type: to, literal: { value: null } };
      throw literalCastError(e, expr, to);
    }
  }
  const sql = runtimeCastSql(expr.sql, expr.type, to, mode);
  return expr.aggregate ? { sql, type: to, aggregate: true } : { sql, type: to };
}

/**
 * JS-side cast of a literal or parameter value to the JS value of `to` (see
 * casting/value-cast.ts for the value convention). `from` defaults to the type inferred from
 * the JS value. `assignment` mode adds INSERT/UPDATE checks (varchar(n) too long, bit length).
 * Errors: SQLParseException ``Cannot cast value `v` to type `t` `` or CrateDB's specific text;
 * `try` mode returns null instead.
 */
export function castLiteralValue(value: unknown, to: DataType, mode: CastMode = 'implicit', from?: DataType): unknown {
  try {
    return castValue(value, from ?? inferValueType(value), to, mode);
  } catch (e) {
    if (!(e instanceof CastFailure)) throw e;
    if (mode === 'try') return null;
    if (e.specificMessage) throw new SQLParseException(e.specificMessage);
    const shown = typeof value === 'string' ? value : printLiteral(value, from);
    throw new SQLParseException(`Cannot cast value \`${shown}\` to type \`${typeLabel(to)}\``);
  }
}

/**
 * The conversion of a value written into a column (INSERT / UPDATE / COPY): the implicit cast
 * plus the storage checks CrateDB makes on write (types.md §3.5, §3.6, §3.13):
 *   varchar(n)   longer values fail (`'Alice Smith' is too long for the text type of length: 3`)
 *                unless the excess is only blanks, which are cut
 *   character(n) the same check, then blank-padded to n
 *   bit(n)       the length must match exactly (`bit string length 5 does not match type bit(4)`)
 */
export function emitAssignmentCast(expr: CompiledExpr, to: DataType): string {
  expr.onCast?.(to);
  if (expr.literal !== undefined) {
    try {
      return literalSql(castValue(expr.literal.value, expr.type, to, 'assignment'), to);
    } catch (e) {
      if (!(e instanceof CastFailure)) throw e;
      throw literalCastError(e, expr, to);
    }
  }
  const x = castExpr(expr, to.kind === 'varchar' || to.kind === 'character' ? { kind: 'text' } : to, 'implicit').sql;
  if (to.kind === 'varchar' || to.kind === 'character') {
    const n = to.length;
    const what = to.kind === 'varchar' ? 'text' : 'character';
    const tooLong = raiseDynamicSql('SQLParseException', ["'", { sql: x }, `' is too long for the ${what} type of length: ${n}`]);
    const cut = to.kind === 'varchar' ? `left(${x}, ${n})` : `rpad(left(${x}, ${n}), ${n}, ' ')`;
    return `CASE WHEN length(${x}) > ${n} AND rtrim(substring(${x}, ${n + 1})) <> '' THEN ${tooLong} ELSE ${cut} END`;
  }
  if (to.kind === 'bit') {
    const mismatch = raiseDynamicSql('SQLParseException', ['bit string length ', { sql: `length(${x})` }, ` does not match type bit(${to.length})`]);
    return `CASE WHEN length(${x}) <> ${to.length} THEN ${mismatch} ELSE ${x} END`;
  }
  return x;
}

/** Apply an implicit conversion when the types differ; undefined when CrateDB would not convert. */
export function coerce(expr: CompiledExpr, to: DataType): CompiledExpr | undefined {
  if (identicalType(expr.type, to)) return expr;
  if (!canImplicitlyCast(expr.type, to)) return undefined;
  return castExpr(expr, to, 'implicit');
}
