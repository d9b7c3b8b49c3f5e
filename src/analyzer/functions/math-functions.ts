/**
 * Mathematical functions (functions.md §2.4) with CrateDB's result types:
 *   ceil/floor/round/trunc(x)  integer for integer/real input, bigint for bigint/double,
 *                              numeric for numeric (DuckDB would keep DOUBLE)
 *   round(x)                   ties toward +∞ like Java's Math.round: `floor(x + 0.5)`
 *                              (`round(-2.5)` = −2; DuckDB's round gives −3)
 *   log(x, b)                  value first, base second (DuckDB's log takes the base first)
 *   sqrt/ln/log errors         raised with CrateDB's text as SQLParseException
 */
import { T, type DataType } from '../../types/data-type.js';
import { castExpr } from '../casts.js';
import { emitArithmetic } from '../operators/arithmetic.js';
import { coerceArgs, numericArg, result, scalar } from './define.js';
import type { CompiledExpr, FunctionDef, ResolvedCall } from './function-types.js';

const raise = (message: string) => `error('cratelite:SQLParseException:${message}')`;

/** integer for byte/smallint/integer/real, bigint for bigint/double, numeric for numeric. */
function integralResult(t: DataType): DataType {
  if (t.kind === 'numeric') return T.numeric;
  if (t.kind === 'bigint' || t.kind === 'double precision') return T.bigint;
  return T.integer;
}

const isIntegralKind = (t: DataType) => ['byte', 'smallint', 'integer', 'bigint'].includes(t.kind);

/** ceil / floor / trunc / round without precision. */
function roundingCall(name: string, args: readonly CompiledExpr[], sqlFor: (x: string) => string): ResolvedCall | undefined {
  if (args.length !== 1) return undefined;
  const x = numericArg(args[0]!);
  if (!x) return undefined;
  const type = integralResult(x.type);
  if (isIntegralKind(x.type)) return result(`CAST(${x.sql} AS ${type.kind === 'bigint' ? 'BIGINT' : 'INTEGER'})`, type);
  // numeric keeps DuckDB's DECIMAL (scale 0 after rounding); ties round half-up there
  if (type.kind === 'numeric') return result(name === 'round' ? `round(${x.sql})` : sqlFor(x.sql), type);
  return result(`CAST(${sqlFor(x.sql)} AS ${type.kind === 'bigint' ? 'BIGINT' : 'INTEGER'})`, type);
}

const ROUNDING_SIGNATURES = ['(integer)', '(bigint)', '(real)', '(double precision)', '(numeric)'];

function rounding(name: string, sqlFor: (x: string) => string): FunctionDef {
  return scalar(name, ROUNDING_SIGNATURES, (args) => roundingCall(name, args, sqlFor));
}

/**
 * A function of one number computed in DOUBLE; the result type is double precision, or
 * numeric for numeric input (the value stays a DOUBLE, which the encoders print as a number).
 */
function unaryCall(args: readonly CompiledExpr[], sqlFor: (x: string) => string): ResolvedCall | undefined {
  if (args.length !== 1) return undefined;
  const x = numericArg(args[0]!);
  if (!x) return undefined;
  return result(sqlFor(castExpr(x, T.double, 'implicit').sql), x.type.kind === 'numeric' ? T.numeric : T.double);
}

const unary = (name: string, sqlFor: (x: string) => string): FunctionDef =>
  scalar(name, ['(double precision)', '(numeric)'], (args) => unaryCall(args, sqlFor));

function binaryCall(args: readonly CompiledExpr[], sqlFor: (a: string, b: string) => string): ResolvedCall | undefined {
  if (args.length !== 2) return undefined;
  const xs = args.map((a) => numericArg(a));
  if (xs.some((x) => !x)) return undefined;
  const numeric = xs.some((x) => x!.type.kind === 'numeric');
  const [a, b] = xs.map((x) => castExpr(x!, T.double, 'implicit').sql) as [string, string];
  return result(sqlFor(a, b), numeric ? T.numeric : T.double);
}

const binary = (name: string, sqlFor: (a: string, b: string) => string): FunctionDef =>
  scalar(name, ['(double precision, double precision)'], (args) => binaryCall(args, sqlFor));

const lnGuarded = (x: string, fn: string) =>
  `CASE WHEN ${x} < 0 THEN ${raise('cannot take logarithm of a negative number')} `
  + `WHEN ${x} = 0 THEN ${raise('cannot take logarithm of zero')} ELSE ${fn} END`;

function modulus(name: string): FunctionDef {
  return scalar(name, ['(integer, integer)', '(bigint, bigint)', '(double precision, double precision)', '(numeric, numeric)'], (args) => {
    if (args.length !== 2) return undefined;
    const [a, b] = args.map((x) => numericArg(x, T.integer));
    if (!a || !b) return undefined;
    const r = emitArithmetic('%', a, b);
    return { sql: r.sql, type: r.type };
  });
}

function roundWithPrecision(args: readonly CompiledExpr[]): ResolvedCall | undefined {
  const x = numericArg(args[0]!);
  const n = coerceArgs([args[1]!], [T.integer]);
  if (!x || !n) return undefined;
  const digits = n[0]!.literal?.value;
  if (typeof digits !== 'number') {
    // DuckDB rounds DECIMALs only to constant digits; fall back to DOUBLE rounding.
    return result(`round(${castExpr(x, T.double, 'implicit').sql}, ${n[0]!.sql})`, T.numeric);
  }
  const dec = x.type.kind === 'numeric' ? x.sql : isIntegralKind(x.type) ? `CAST(${x.sql} AS DECIMAL(38,0))`
    : castExpr(x, T.numeric, 'implicit').sql;
  return result(`round(${dec}, ${Math.min(digits, 37)})`, T.numeric);
}

export const mathFunctions: FunctionDef[] = [
  scalar('abs', ['(integer)', '(bigint)', '(real)', '(double precision)', '(numeric)'], (args) => {
    if (args.length !== 1) return undefined;
    const x = numericArg(args[0]!);
    return x ? result(`abs(${x.sql})`, x.type) : undefined;
  }),
  scalar('sign', ['(double precision)', '(numeric)'], (args) => {
    if (args.length !== 1) return undefined;
    const x = numericArg(args[0]!);
    if (!x) return undefined;
    return x.type.kind === 'numeric' ? result(`CAST(sign(${x.sql}) AS DECIMAL(38,0))`, T.numeric)
      : result(`CAST(sign(${x.sql}) AS DOUBLE)`, T.double);
  }),
  rounding('ceil', (x) => `ceil(${x})`),
  rounding('ceiling', (x) => `ceil(${x})`),
  rounding('floor', (x) => `floor(${x})`),
  scalar('round', [...ROUNDING_SIGNATURES, '(number, integer)'], (args) =>
    (args.length === 2 ? roundWithPrecision(args) : roundingCall('round', args, (x) => `floor(${x} + 0.5)`))),
  scalar('trunc', ['(number)', '(number, integer)'], (args) => {
    if (args.length === 2) {
      const x = numericArg(args[0]!);
      const n = coerceArgs([args[1]!], [T.integer]);
      if (!x || !n) return undefined;
      return result(`CAST(trunc(${castExpr(x, T.double, 'implicit').sql}, ${n[0]!.sql}) AS DOUBLE)`, T.double);
    }
    return roundingCall('trunc', args, (x) => `trunc(${x})`);
  }),
  unary('sqrt', (x) => `CASE WHEN ${x} < 0 THEN ${raise('cannot take square root of a negative number')} ELSE sqrt(${x}) END`),
  binary('power', (a, b) => `pow(${a}, ${b})`),
  unary('exp', (x) => `exp(${x})`),
  unary('ln', (x) => lnGuarded(x, `ln(${x})`)),
  scalar('log', ['(double precision)', '(double precision, double precision)'], (args) => (args.length === 1
    ? unaryCall(args, (x) => lnGuarded(x, `log10(${x})`))
    : binaryCall(args, (x, b) => lnGuarded(x, `CASE WHEN ${b} = 1 THEN ${raise('division by zero')} ELSE log(${b}, ${x}) END`)))),
  modulus('mod'),
  modulus('modulus'),
  scalar('pi', ['()'], (args) => (args.length === 0 ? result('pi()', T.double) : undefined)),
  unary('radians', (x) => `radians(${x})`),
  unary('degrees', (x) => `degrees(${x})`),
  unary('sin', (x) => `sin(${x})`),
  unary('cos', (x) => `cos(${x})`),
  unary('tan', (x) => `tan(${x})`),
  unary('asin', (x) => `asin(${x})`),
  unary('acos', (x) => `acos(${x})`),
  unary('atan', (x) => `atan(${x})`),
  binary('atan2', (y, x) => `atan2(${y}, ${x})`),
  unary('cot', (x) => `CASE WHEN ${x} = 0 THEN CAST('Infinity' AS DOUBLE) ELSE cot(${x}) END`),
  scalar('random', ['()'], (args) => (args.length === 0 ? result('random()', T.double) : undefined)),
  scalar('gen_random_text_uuid', ['()'], (args) => (args.length === 0 ? result('cratelite_gen_random_text_uuid()', T.text) : undefined)),
];
