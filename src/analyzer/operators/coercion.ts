/**
 * Operand type unification for operators and conditionals (types.md §8.1–8.2).
 *
 * Two rules, as CrateDB applies them:
 *  1. A literal next to a non-literal of higher precedence takes the other side's type
 *     (`int_col = '1'` → `int_col = 1`, `ts > '2021-01-01'` → folded timestamp,
 *     `ts > 1396915200000` → epoch-ms timestamp), so the column keeps its native type.
 *  2. Otherwise the lower-precedence operand is converted to the higher type
 *     (`integer + bigint` → bigint; `timestamp` vs `timestamptz` → timestamp).
 */
import { UnsupportedFunctionException } from '../../errors/errors.js';
import { higherType, isIntegral, isTextual, precedence, T, typeSignature, type DataType } from '../../types/data-type.js';
import { canImplicitlyCast, castExpr, identicalType } from '../casts.js';
import type { CompiledExpr } from '../functions/function-types.js';

/** The common type of several expressions' types (CASE branches, array elements, UNION). */
export function unifyTypes(types: readonly DataType[]): DataType {
  let result: DataType = T.undefined;
  for (const t of types) result = unifyPair(result, t);
  return result;
}

function unifyPair(a: DataType, b: DataType): DataType {
  if (a.kind === 'undefined') return b;
  if (b.kind === 'undefined') return a;
  if (identicalType(a, b)) return a;
  if (isTextual(a) && isTextual(b)) return T.text;
  if (a.kind === 'numeric' && b.kind === 'numeric') return T.numeric;
  if (a.kind === 'array' && b.kind === 'array') return T.array(unifyPair(a.inner, b.inner));
  if (a.kind === 'object' && b.kind === 'object') {
    const fields = [...a.fields];
    for (const f of b.fields) if (!fields.some((x) => x.name === f.name)) fields.push(f);
    return { kind: 'object', policy: b.policy, fields };
  }
  return higherType(a, b);
}

/** Cast every expression to `t` (implicit conversion). */
export function castAll(exprs: readonly CompiledExpr[], t: DataType): CompiledExpr[] {
  return exprs.map((e) => castExpr(e, t, 'implicit'));
}

const isLiteral = (e: CompiledExpr): boolean => e.literal !== undefined;

const isPgArrayLiteral = (e: CompiledExpr): boolean =>
  isTextual(e.type) && typeof e.literal?.value === 'string' && e.literal.value.startsWith('{');

/**
 * Whether a literal takes the other operand's type. It does when precedence would convert it
 * anyway, and for integral literals against timestamps (epoch ms, exact either way) so the
 * column stays unconverted for DuckDB's filters. A higher-precedence literal does not: with
 * `real_col = 0.1` CrateDB compares as double (false for 0.1f), and `int_col = 3000000000`
 * compares as bigint instead of failing.
 */
function literalAdopts(lit: CompiledExpr, other: DataType): boolean {
  if (!canImplicitlyCast(lit.type, other)) return false;
  if (precedence(lit.type) <= precedence(other)) return true;
  return isIntegral(lit.type) && (other.kind === 'timestamp with time zone' || other.kind === 'timestamp without time zone');
}

/**
 * Bring two operands to one type for comparison-like operators. Throws
 * UnsupportedFunctionException (CrateDB: no overload found) when no implicit conversion exists.
 */
export function commonOperands(opName: string, l: CompiledExpr, r: CompiledExpr): [CompiledExpr, CompiledExpr] {
  if (identicalType(l.type, r.type)) return [l, r];
  if (l.type.kind === 'undefined') return [castExpr(l, r.type, 'implicit'), r];
  if (r.type.kind === 'undefined') return [l, castExpr(r, l.type, 'implicit')];
  if (isTextual(l.type) && isTextual(r.type)) return [l, r];
  // a PostgreSQL array literal compared with an array (`polroles = '{0}'`, sent by psql)
  if (r.type.kind === 'array' && isPgArrayLiteral(l)) return [castExpr(l, r.type, 'explicit'), r];
  if (l.type.kind === 'array' && isPgArrayLiteral(r)) return [l, castExpr(r, l.type, 'explicit')];
  if (isLiteral(r) && !isLiteral(l) && literalAdopts(r, l.type)) return [l, castExpr(r, l.type, 'implicit')];
  if (isLiteral(l) && !isLiteral(r) && literalAdopts(l, r.type)) return [castExpr(l, r.type, 'implicit'), r];
  const target = unifyPair(l.type, r.type);
  const [lo, hi] = precedence(l.type) <= precedence(r.type) ? [l, r] : [r, l];
  if (canImplicitlyCast(lo.type, target) && canImplicitlyCast(hi.type, target)) {
    return [castExpr(l, target, 'implicit'), castExpr(r, target, 'implicit')];
  }
  // CrateDB also tries the other direction when the higher type converts down
  if (canImplicitlyCast(hi.type, lo.type)) {
    return [castExpr(l, lo.type, 'implicit'), castExpr(r, lo.type, 'implicit')];
  }
  throw noOverload(opName, [l.type, r.type]);
}

/** CrateDB's error for an operator/function without a matching signature. */
export function noOverload(name: string, types: readonly DataType[]): UnsupportedFunctionException {
  const list = types.map(typeSignature).join(', ');
  return new UnsupportedFunctionException(
    `Unknown function: ${name}(${list}), no overload found for matching argument types: (${list}).`);
}

/** Array nesting depth of a type (`integer` 0, `integer_array` 1, …). */
export function arrayDepth(t: DataType): number {
  return t.kind === 'array' ? 1 + arrayDepth(t.inner) : 0;
}

/** The innermost non-array type. */
export function leafType(t: DataType): DataType {
  return t.kind === 'array' ? leafType(t.inner) : t;
}
