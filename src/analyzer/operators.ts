/**
 * CrateDB operators → DuckDB SQL (functions.md §1). The analyzer compiles the operands and
 * calls in here; AND/OR/NOT and subquery forms stay in the analyzer.
 *
 * Each family lives in ./operators/: arithmetic (`+ - * / % ^`, unary minus, time
 * arithmetic), comparison (`= <> < …`, BETWEEN, IN, IS DISTINCT, regex match), concat (`||`,
 * bit operators, `&&`, `<<`), like, quantified (ANY/ALL), subscript (`[]`, slices),
 * constructors (array/object literals, CASE), time (AT TIME ZONE, EXTRACT). Type unification
 * is in ./operators/coercion.ts.
 */
import type { BinaryOperator } from '../sql/ast/expression.js';
import type { CompiledExpr } from './functions/function-types.js';
import { emitArithmetic, emitPower } from './operators/arithmetic.js';
import { emitComparison, emitRegexMatch } from './operators/comparison.js';
import { emitBitwise, emitConcat, emitIpContainment, emitOverlap } from './operators/concat.js';

export { emitUnary } from './operators/arithmetic.js';
export { emitBetween, emitComparison, emitIn, emitIsDistinct } from './operators/comparison.js';
export { emitLike, type LikeOptions } from './operators/like.js';
export { emitQuantified, quantifiedSql } from './operators/quantified.js';
export { emitSlice, emitSubscript } from './operators/subscript.js';
export { emitArrayLiteral, emitCase, emitObjectLiteral } from './operators/constructors.js';
export { emitAtTimeZone, emitExtract, localToZoneSql, zoneToLocalSql } from './operators/time.js';
export { commonOperands, unifyTypes } from './operators/coercion.js';
export { objectMergeSql } from './operators/concat.js';

/** Every binary operator except AND / OR. */
export function emitBinary(op: Exclude<BinaryOperator, 'AND' | 'OR'> | BinaryOperator, left: CompiledExpr, right: CompiledExpr): CompiledExpr {
  switch (op) {
    case '+': case '-': case '*': case '/': case '%': return emitArithmetic(op, left, right);
    case '^': return emitPower(left, right);
    case '=': case '<>': case '!=': case '<': case '<=': case '>': case '>=': return emitComparison(op, left, right);
    case '~': case '~*': case '!~': case '!~*': return emitRegexMatch(op, left, right);
    case '||': return emitConcat(left, right);
    case '&': case '|': case '#': return emitBitwise(op, left, right);
    case '&&': return emitOverlap(left, right);
    case '<<': return emitIpContainment(left, right);
    case 'AND': case 'OR':
      return { sql: `(${left.sql} ${op} ${right.sql})`, type: { kind: 'boolean' } };
  }
}
