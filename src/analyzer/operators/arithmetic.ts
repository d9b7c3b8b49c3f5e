/**
 * Arithmetic operators `+ - * / % ^` and unary minus (functions.md §1.1, sql.md §13 #1).
 *
 * Result types follow CrateDB's signatures (integer, bigint, real, double, numeric — byte and
 * smallint operands widen to integer); operands are cast to the result type first so DuckDB
 * computes (and overflows) in the same width:
 *   int + int     → `(CAST(a AS INTEGER) + CAST(b AS INTEGER))`  (DuckDB raises
 *                   `Out of Range Error: Overflow in addition of INT32 (…)!`)
 *   int / int     → `CASE WHEN b = 0 THEN error('… / by zero') ELSE (a // b) END` (truncating)
 *   5 / 2.0       → double division (±Infinity / NaN for a zero divisor, as in Java)
 *   ts ± interval, interval + ts → ts · ts − ts → interval · int * interval → interval
 *   ts ± number   → the number is milliseconds (P1), date ± number → timestamp (P2)
 */
import { isFloating, isIntegral, isTemporal, isTextual, T, type DataType } from '../../types/data-type.js';
import { raiseSql } from '../../engine/duckdb-errors.js';
import { castExpr, literalSql } from '../casts.js';
import { compiled, paren } from '../expr-util.js';
import type { CompiledExpr } from '../functions/function-types.js';
import { noOverload } from './coercion.js';

export type ArithmeticOp = '+' | '-' | '*' | '/' | '%';

const OP_NAMES: Record<string, string> = { '+': 'add', '-': 'subtract', '*': 'multiply', '/': 'divide', '%': 'modulus', '^': 'power' };

const isNumberType = (t: DataType): boolean => isIntegral(t) || isFloating(t) || t.kind === 'numeric';

/** CrateDB's result type for numeric operands (undefined when they are not both numeric). */
export function numericResultType(a: DataType, b: DataType): DataType | undefined {
  if (!isNumberType(a) || !isNumberType(b)) return undefined;
  if (a.kind === 'numeric' || b.kind === 'numeric') return T.numeric;
  if (a.kind === 'double precision' || b.kind === 'double precision') return T.double;
  if (a.kind === 'real' || b.kind === 'real') return T.real;
  if (a.kind === 'bigint' || b.kind === 'bigint') return T.bigint;
  return T.integer;
}

/** Operand types after text/NULL operands take the other side's type. */
function settle(l: CompiledExpr, r: CompiledExpr): [CompiledExpr, CompiledExpr] {
  const adopt = (x: CompiledExpr, other: CompiledExpr): CompiledExpr => {
    if (x.type.kind === 'undefined') {
      return castExpr(x, other.type.kind === 'undefined' ? T.integer : other.type, 'implicit');
    }
    if (isTextual(x.type) && (isNumberType(other.type) || other.type.kind === 'interval')) {
      return castExpr(x, other.type, 'implicit');
    }
    return x;
  };
  return [adopt(l, r), adopt(r, l)];
}

export function emitArithmetic(op: ArithmeticOp, left: CompiledExpr, right: CompiledExpr): CompiledExpr {
  const [l, r] = settle(left, right);
  const temporal = temporalArithmetic(op, l, r);
  if (temporal) return compiled(temporal.sql, temporal.type, left, right);
  const type = numericResultType(l.type, r.type);
  if (!type) throw noOverload(OP_NAMES[op]!, [left.type, right.type]);
  const [a, b] = [operandSql(l, type, r), operandSql(r, type, l)];
  let sql = `(${a} ${op === '/' && isIntegral(type) ? '//' : op} ${b})`;
  if (type.kind === 'numeric' && op === '/') sql = `(CAST(${a} AS DOUBLE) / CAST(${b} AS DOUBLE))`;
  const exact = isIntegral(type) || type.kind === 'numeric';
  const nonZeroLiteral = r.literal !== undefined && r.literal.value !== null && Number(r.literal.value) !== 0;
  if ((op === '/' || op === '%') && exact && !nonZeroLiteral) {
    sql = `CASE WHEN ${b} = 0 AND ${a} IS NOT NULL THEN ${raiseSql('ArithmeticException', '/ by zero')} ELSE ${sql} END`;
  }
  return compiled(sql, type, left, right);
}

/**
 * An operand in the result type's DuckDB type. numeric keeps DuckDB's natural DECIMAL scale
 * (integers join as DECIMAL(38,0), so `1 + 2.25::numeric(5,2)` prints 3.25, not 3.2500000000);
 * a floating operand makes numeric arithmetic run in DOUBLE (CrateDB converts the double to
 * BigDecimal via its shortest text, which DOUBLE output reproduces).
 */
function operandSql(e: CompiledExpr, type: DataType, other: CompiledExpr): string {
  if (type.kind !== 'numeric') return castExpr(e, type, 'implicit').sql;
  if (isFloating(e.type) || isFloating(other.type)) return castExpr(e, T.double, 'implicit').sql;
  if (e.type.kind === 'numeric') return e.sql;
  return `CAST(${castExpr(e, T.bigint, 'implicit').sql} AS DECIMAL(38,0))`;
}

const isTs = (t: DataType): boolean => t.kind === 'timestamp with time zone' || t.kind === 'timestamp without time zone';

function temporalArithmetic(op: ArithmeticOp, l: CompiledExpr, r: CompiledExpr): { sql: string; type: DataType } | undefined {
  const lt = l.type;
  const rt = r.type;
  const iv = (t: DataType) => t.kind === 'interval';
  if ((op === '+' || op === '-') && isTemporal(lt) && iv(rt)) {
    const type = lt.kind === 'date' ? T.timestamp : lt;
    const base = lt.kind === 'date' ? `CAST(${l.sql} AS TIMESTAMP)` : l.sql;
    return { sql: `(${base} ${op} ${r.sql})`, type };
  }
  if (op === '+' && iv(lt) && isTemporal(rt)) return temporalArithmetic('+', r, l);
  if ((op === '+' || op === '-') && iv(lt) && iv(rt)) return { sql: `(${l.sql} ${op} ${r.sql})`, type: T.interval };
  if (op === '*' && iv(lt) && isNumberType(rt)) return { sql: `(${l.sql} * ${paren(r.sql)})`, type: T.interval };
  if (op === '*' && isNumberType(lt) && iv(rt)) return { sql: `(${paren(l.sql)} * ${r.sql})`, type: T.interval };
  if (op === '-' && isTemporal(lt) && isTemporal(rt)) {
    if (lt.kind === 'date' && rt.kind === 'date') {
      // CrateDB quirk (functions.md §1.1): date − date is a timestamp of the ms difference.
      return { sql: msToTs(`(${epochMs(l)} - ${epochMs(r)})`, T.timestamp), type: T.timestamp };
    }
    const type = lt.kind === 'timestamp without time zone' || rt.kind === 'timestamp without time zone' ? T.timestamp : T.timestamptz;
    const a = castExpr(l, lt.kind === 'date' ? T.timestamp : lt, 'implicit');
    const b = castExpr(r, rt.kind === 'date' ? T.timestamp : rt, 'implicit');
    void type;
    return { sql: `(${a.sql} - ${b.sql})`, type: T.interval };
  }
  if ((op === '+' || op === '-') && isTemporal(lt) && isNumberType(rt)) {
    const type = isTs(lt) ? lt : T.timestamp;
    return { sql: msToTs(`(${epochMs(l)} ${op} ${msOf(r)})`, type), type };
  }
  if (op === '+' && isNumberType(lt) && isTemporal(rt)) return temporalArithmetic('+', r, l);
  return undefined;
}

const epochMs = (e: CompiledExpr): string => `epoch_ms(${e.type.kind === 'date' ? `CAST(${e.sql} AS TIMESTAMP)` : e.sql})`;
const msOf = (e: CompiledExpr): string => (isIntegral(e.type) ? `CAST(${e.sql} AS BIGINT)` : `CAST(trunc(${e.sql}) AS BIGINT)`);
const msToTs = (ms: string, t: DataType): string =>
  `${t.kind === 'timestamp with time zone' ? 'make_timestamptz' : 'make_timestamp'}(${ms} * 1000)`;

/** `a ^ b`: double precision (numeric when an operand is numeric). */
export function emitPower(left: CompiledExpr, right: CompiledExpr): CompiledExpr {
  const [l, r] = settle(left, right);
  const type = numericResultType(l.type, r.type);
  if (!type) throw noOverload('power', [left.type, right.type]);
  const result = type.kind === 'numeric' ? T.numeric : T.double;
  const a = castExpr(l, T.double, 'implicit').sql;
  const b = castExpr(r, T.double, 'implicit').sql;
  const sql = `pow(${a}, ${b})`;
  return compiled(sql, result, left, right);
}

/** Unary `-` / `+`: same type; integer negation overflows like Java's negateExact. */
export function emitUnary(op: '-' | '+', operand: CompiledExpr): CompiledExpr {
  let e = operand;
  if (e.type.kind === 'undefined') e = castExpr(e, T.integer, 'implicit');
  if (!isNumberType(e.type) && e.type.kind !== 'interval') throw noOverload(op === '-' ? 'negate' : '+', [operand.type]);
  if (op === '+') return e;
  if (e.literal !== undefined && typeof e.literal.value === 'number') {
    const value = -e.literal.value;
    return { sql: literalSql(value, e.type), type: e.type, literal: { value } };
  }
  // `0 - x` instead of `-x`: DuckDB's negation overflow message names no type
  // ("Overflow in negation of numeric value!"), the subtraction's does (INT32/INT64), so the
  // error classifier can report CrateDB's `integer overflow` / `long overflow`.
  if (isIntegral(e.type)) return compiled(`(CAST(0 AS ${e.type.kind === 'bigint' ? 'BIGINT' : 'INTEGER'}) - ${paren(e.sql)})`, e.type, operand);
  return compiled(`(-${paren(e.sql)})`, e.type, operand);
}
