/**
 * Building blocks for the function registry: FunctionDef constructors and argument
 * coercion helpers shared by every `*-functions.ts` family file.
 *
 * Aggregates and window functions may need SQL around the aggregate call (a result cast, a
 * list post-processing step). They are written as templates containing `OVER_SLOT` right
 * after the aggregate call; `sql` has the slot removed and `windowSql(over)` fills it with
 * `OVER (…)`, so `CAST(sum(x) AS BIGINT)` becomes `CAST(sum(x) OVER (…) AS BIGINT)` for
 * window use (see `applyOver` in registry.ts).
 */
import { T, type DataType } from '../../types/data-type.js';
import { coerce, identicalType } from '../casts.js';
import type {
  CallOptions, CompiledExpr, FunctionContext, FunctionDef, FunctionKind, ResolvedCall, ResolvedTableCall,
} from './function-types.js';

/** Marks where `OVER (…)` belongs in an aggregate/window template. */
export const OVER_SLOT = '\u0000OVER\u0000';

/** A resolved aggregate/window call that knows where its OVER clause goes. */
export interface WindowAwareCall extends ResolvedCall {
  windowSql(over: string): string;
}

type Resolver = (args: readonly CompiledExpr[], ctx: FunctionContext, options: CallOptions) => ResolvedCall | undefined;

function def(name: string, kind: FunctionKind, signatures: readonly string[], resolve: Resolver): FunctionDef {
  return { name, kind, signatures, resolve };
}

export const scalar = (name: string, signatures: readonly string[], resolve: Resolver): FunctionDef =>
  def(name, 'scalar', signatures, resolve);

/** An aggregate; `resolve` returns a template (with OVER_SLOT) that `templated` finishes. */
export const aggregate = (name: string, signatures: readonly string[], resolve: Resolver): FunctionDef =>
  def(name, 'aggregate', signatures, resolve);

export const windowFunction = (name: string, signatures: readonly string[], resolve: Resolver): FunctionDef =>
  def(name, 'window', signatures, resolve);

export function tableFunction(
  name: string, signatures: readonly string[],
  resolveTable: (args: readonly CompiledExpr[], ctx: FunctionContext) => ResolvedTableCall | undefined,
): FunctionDef {
  return { name, kind: 'table', signatures, resolve: () => undefined, resolveTable };
}

/** Finish a template: plain SQL without the slot, plus `windowSql`. */
export function templated(template: string, type: DataType): WindowAwareCall {
  const withSlot = template.includes(OVER_SLOT) ? template : `${template}${OVER_SLOT}`;
  return {
    sql: withSlot.split(OVER_SLOT).join(''),
    type,
    windowSql: (over: string) => withSlot.split(OVER_SLOT).join(` OVER (${over})`),
  };
}

/**
 * `name([DISTINCT] args) [FILTER (WHERE …)]` followed by the OVER slot. `ignoreNulls`
 * places IGNORE NULLS inside the parentheses (DuckDB syntax).
 */
export function aggCall(name: string, args: readonly string[], options: CallOptions, extra = ''): string {
  const distinct = options.distinct ? 'DISTINCT ' : '';
  const nulls = options.nulls === 'IGNORE' ? ' IGNORE NULLS' : '';
  const filter = options.filter ? ` FILTER (WHERE ${options.filter.sql})` : '';
  return `${name}(${distinct}${args.join(', ')}${extra}${nulls})${filter}${OVER_SLOT}`;
}

/** Coerce each argument to the given types (implicit casts); undefined when any does not fit. */
export function coerceArgs(args: readonly CompiledExpr[], types: readonly DataType[]): CompiledExpr[] | undefined {
  if (args.length !== types.length) return undefined;
  const out: CompiledExpr[] = [];
  for (let i = 0; i < args.length; i++) {
    const c = coerce(args[i]!, types[i]!);
    if (!c) return undefined;
    out.push(c);
  }
  return out;
}

/** The first overload whose parameter types all accept the arguments. */
export function firstMatch(
  args: readonly CompiledExpr[], overloads: readonly (readonly DataType[])[],
): { index: number; args: CompiledExpr[] } | undefined {
  // Prefer overloads needing no conversion, then any that convert implicitly.
  for (let i = 0; i < overloads.length; i++) {
    const types = overloads[i]!;
    if (types.length === args.length && args.every((a, j) => identicalType(a.type, types[j]!))) {
      return { index: i, args: [...args] };
    }
  }
  for (let i = 0; i < overloads.length; i++) {
    const coerced = coerceArgs(args, overloads[i]!);
    if (coerced) return { index: i, args: coerced };
  }
  return undefined;
}

/** Coerce to text (any scalar that converts implicitly). */
export const asText = (e: CompiledExpr): CompiledExpr | undefined => coerce(e, T.text);

/** All arguments as text, or undefined. */
export function allText(args: readonly CompiledExpr[]): CompiledExpr[] | undefined {
  const out = args.map(asText);
  return out.every((x): x is CompiledExpr => x !== undefined) ? out : undefined;
}

export const isNumberType = (t: DataType): boolean =>
  ['byte', 'smallint', 'integer', 'bigint', 'real', 'double precision', 'numeric'].includes(t.kind);

/** Numeric argument: numbers as they are, NULL as `fallback`, text literals converted. */
export function numericArg(e: CompiledExpr, fallback: DataType = T.double): CompiledExpr | undefined {
  if (isNumberType(e.type)) return e;
  if (e.type.kind === 'undefined') return coerce(e, fallback);
  if (e.literal !== undefined && e.type.kind === 'text') return coerce(e, fallback);
  return undefined;
}

/** A call result; `sql` is wrapped in parentheses-free function syntax already. */
export const result = (sql: string, type: DataType): ResolvedCall => ({ sql, type });
