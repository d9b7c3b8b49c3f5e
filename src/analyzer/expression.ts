/**
 * CrateDB expression AST → DuckDB SQL with its CrateDB type (`CompiledExpr`).
 *
 * Names resolve through the Scope (object children become their own stored columns);
 * operators, casts and functions are delegated to operators.ts, casts.ts and the function
 * registry, which hold CrateDB's semantics. Every emitted expression is parenthesised.
 */
import { ColumnUnknownException, SQLParseException, UnsupportedFeatureException } from '../errors/errors.js';
import type { Expression } from '../sql/ast/index.js';
import { pathName } from '../catalog/table-meta.js';
import { T, type DataType } from '../types/data-type.js';
import { quoteString } from '../translator/duckdb-types.js';
import { castLiteralValue, emitCast, inferValueType } from './casts.js';
import type { ExprContext } from './expression-context.js';
import type { CompiledExpr } from './functions/function-types.js';
import { compileFunction } from './function-call.js';
import { sqlLiteral } from './literals.js';
import { intervalLiteralSql } from './interval-literal.js';
import * as ops from './operators.js';
import { resolveType } from './resolve-type.js';

export function compileExpr(e: Expression, cx: ExprContext): CompiledExpr {
  switch (e.kind) {
    case 'Literal': return compileLiteral(e);
    case 'Parameter': return compileParameter(e.index, cx, e.pos);
    case 'ColumnRef':
    case 'Subscript':
      return compileReference(e, cx);
    case 'IntervalLiteral':
      return { sql: intervalLiteralSql(e.value, e.sign, e.from, e.to), type: T.interval };
    case 'TypedLiteral': {
      const lit: CompiledExpr = { sql: quoteString(e.value), type: T.text, literal: { value: e.value } };
      const type = resolveType(e.type);
      return { sql: emitCast(lit, type, 'explicit'), type };
    }
    case 'Cast': {
      const operand = compileExpr(e.operand, cx);
      const type = resolveType(e.type);
      const sql = emitCast(operand, type, e.try ? 'try' : 'explicit', cx.fctx);
      return { sql, type: mergeObjectTypes(operand.type, type), aggregate: operand.aggregate };
    }
    case 'FunctionCall': return compileFunction(e, cx);
    case 'BinaryOp': {
      const left = compileExpr(e.left, cx);
      const right = compileExpr(e.right, cx);
      if (e.op === 'AND' || e.op === 'OR') {
        return {
          sql: `(${toBoolean(left)} ${e.op} ${toBoolean(right)})`, type: T.boolean,
          aggregate: left.aggregate || right.aggregate,
        };
      }
      return withAgg(ops.emitBinary(e.op, left, right), left, right);
    }
    case 'UnaryOp': {
      const operand = compileExpr(e.operand, cx);
      return withAgg(ops.emitUnary(e.op, operand), operand);
    }
    case 'Not': {
      const operand = compileExpr(e.operand, cx);
      return { sql: `(NOT ${toBoolean(operand)})`, type: T.boolean, aggregate: operand.aggregate };
    }
    case 'IsNull': {
      const operand = compileExpr(e.operand, cx);
      return { sql: `(${operand.sql} IS ${e.negated ? 'NOT ' : ''}NULL)`, type: T.boolean, aggregate: operand.aggregate };
    }
    case 'IsBoolean': {
      const operand = compileExpr(e.operand, cx);
      return {
        sql: `(${toBoolean(operand)} IS ${e.negated ? 'NOT ' : ''}${e.value ? 'TRUE' : 'FALSE'})`,
        type: T.boolean, aggregate: operand.aggregate,
      };
    }
    case 'IsDistinctFrom': {
      const l = compileExpr(e.left, cx);
      const r = compileExpr(e.right, cx);
      return withAgg(ops.emitIsDistinct(l, r, e.negated), l, r);
    }
    case 'Between': {
      const v = compileExpr(e.operand, cx);
      const lo = compileExpr(e.low, cx);
      const hi = compileExpr(e.high, cx);
      return withAgg(ops.emitBetween(v, lo, hi, e.negated), v, lo, hi);
    }
    case 'InList': {
      const v = compileExpr(e.operand, cx);
      const list = e.list.map((x) => compileExpr(x, cx));
      return withAgg(ops.emitIn(v, list, e.negated), v, ...list);
    }
    case 'InSubquery': {
      const v = compileExpr(e.operand, cx);
      const q = cx.compileSubquery(e.query, cx.scope);
      const col = singleColumn(q.columns.length, e.pos);
      const target = q.columns[col]!.type;
      const left = target.kind === v.type.kind || v.type.kind === 'undefined' ? v.sql : emitCast(v, target, 'implicit');
      return { sql: `(${left} ${e.negated ? 'NOT ' : ''}IN (${q.sql}))`, type: T.boolean, aggregate: v.aggregate };
    }
    case 'Exists': {
      const q = cx.compileSubquery(e.query, cx.scope);
      return { sql: `(EXISTS (${q.sql}))`, type: T.boolean };
    }
    case 'SubqueryExpr': {
      const q = cx.compileSubquery(e.query, cx.scope);
      singleColumn(q.columns.length, e.pos);
      return { sql: `(${q.sql})`, type: q.columns[0]!.type };
    }
    case 'ArraySubquery': {
      const q = cx.compileSubquery(e.query, cx.scope);
      singleColumn(q.columns.length, e.pos);
      return { sql: `ARRAY(${q.sql})`, type: T.array(q.columns[0]!.type) };
    }
    case 'Quantified': {
      const left = compileExpr(e.left, cx);
      if (e.right.kind === 'Subquery') {
        const q = cx.compileSubquery(e.right.query, cx.scope);
        singleColumn(q.columns.length, e.pos);
        const op = e.op === '!=' ? '<>' : e.op;
        return { sql: `(${left.sql} ${op} ${e.quantifier} (${q.sql}))`, type: T.boolean, aggregate: left.aggregate };
      }
      const right = compileExpr(e.right, cx);
      return withAgg(ops.emitQuantified(e.op, e.quantifier, left, right), left, right);
    }
    case 'Like': {
      const operand = compileExpr(e.operand, cx);
      const pattern = compileExpr(e.pattern, cx);
      const escape = e.escape ? compileExpr(e.escape, cx) : undefined;
      return withAgg(ops.emitLike(operand, pattern, escape, {
        caseInsensitive: e.caseInsensitive, negated: e.negated, quantifier: e.quantifier,
      }), operand, pattern);
    }
    case 'ArrayLiteral': {
      const elements = e.elements.map((x) => compileExpr(x, cx));
      return withAgg(ops.emitArrayLiteral(elements), ...elements);
    }
    case 'ObjectLiteral': {
      const entries = e.entries.map((en) => ({ key: en.key, value: compileExpr(en.value, cx) }));
      const compiled = ops.emitObjectLiteral(entries);
      const allLiteral = entries.every((en) => en.value.literal);
      const literal = allLiteral
        ? { value: Object.fromEntries(entries.map((en) => [en.key, en.value.literal!.value])) }
        : undefined;
      return { ...compiled, literal, aggregate: entries.some((en) => en.value.aggregate) };
    }
    case 'Case': {
      const operand = e.operand ? compileExpr(e.operand, cx) : undefined;
      const whens = e.whens.map((w) => ({ when: compileExpr(w.when, cx), then: compileExpr(w.then, cx) }));
      const otherwise = e.else ? compileExpr(e.else, cx) : undefined;
      const all = [...whens.flatMap((w) => [w.when, w.then]), ...(otherwise ? [otherwise] : []), ...(operand ? [operand] : [])];
      return withAgg(ops.emitCase(operand, whens, otherwise), ...all);
    }
    case 'AtTimeZone': {
      const v = compileExpr(e.operand, cx);
      const zone = compileExpr(e.zone, cx);
      return withAgg(ops.emitAtTimeZone(v, zone), v, zone);
    }
    case 'Extract': {
      const v = compileExpr(e.operand, cx);
      return withAgg(ops.emitExtract(e.field, v), v);
    }
    case 'SpecialFunction': return compileSpecial(e.name, cx);
    case 'FieldAccess': {
      const base = compileExpr(e.base, cx);
      const key: CompiledExpr = { sql: quoteString(e.field), type: T.text, literal: { value: e.field } };
      return withAgg(ops.emitSubscript(base, key), base);
    }
    case 'Slice': {
      const base = compileExpr(e.base, cx);
      const from = e.from ? compileExpr(e.from, cx) : undefined;
      const to = e.to ? compileExpr(e.to, cx) : undefined;
      return withAgg(ops.emitSlice(base, from, to), base);
    }
    case 'Match':
      throw new UnsupportedFeatureException('MATCH predicate is not supported by cratelite yet');
  }
}

function withAgg(result: CompiledExpr, ...inputs: CompiledExpr[]): CompiledExpr {
  return inputs.some((i) => i.aggregate) ? { ...result, aggregate: true } : result;
}

function singleColumn(n: number, pos: number): number {
  if (n !== 1) throw new UnsupportedFeatureException(`Subqueries with more than 1 column are not supported`, pos);
  return 0;
}

/** Conditions must be boolean; NULL literals and text are cast like CrateDB does. */
export function toBoolean(e: CompiledExpr): string {
  if (e.type.kind === 'boolean') return e.sql;
  if (e.type.kind === 'undefined') return `CAST(${e.sql} AS BOOLEAN)`;
  return emitCast(e, T.boolean, 'implicit');
}

function compileLiteral(e: Extract<Expression, { kind: 'Literal' }>): CompiledExpr {
  switch (e.type) {
    case 'null': return { sql: 'NULL', type: T.undefined, literal: { value: null } };
    case 'boolean': return { sql: e.value ? 'true' : 'false', type: T.boolean, literal: { value: e.value } };
    case 'integer': {
      const v = e.value;
      if (v >= -(2n ** 31n) && v < 2n ** 31n) return { sql: String(v), type: T.integer, literal: { value: Number(v) } };
      if (v >= -(2n ** 63n) && v < 2n ** 63n) return { sql: `CAST(${v} AS BIGINT)`, type: T.bigint, literal: { value: v } };
      return { sql: `CAST(${v} AS DECIMAL(38,0))`, type: T.numeric, literal: { value: v } };
    }
    case 'decimal': {
      // CrateDB types decimal literals as DOUBLE (sql.md §13 #2)
      const n = Number(e.value);
      return { sql: `CAST('${e.value}' AS DOUBLE)`, type: T.double, literal: { value: n } };
    }
    case 'string': return { sql: quoteString(e.value), type: T.text, literal: { value: e.value } };
    case 'bit': return { sql: quoteString(e.value), type: { kind: 'bit', length: e.value.length }, literal: { value: e.value } };
  }
}

export function compileParameter(index: number, cx: ExprContext, pos?: number): CompiledExpr {
  if (index < 1 || index > cx.args.length) {
    throw new SQLParseException(
      `The query contains a parameter placeholder $${index}, but there are only ${cx.args.length} parameter values`, pos);
  }
  const value = cx.args[index - 1];
  const hint = cx.argTypes?.[index - 1];
  if (cx.inferParam && (hint === undefined || hint.kind === 'undefined')) {
    // describing: the value is unknown; its type is whatever the context casts it to
    const infer = cx.inferParam;
    return { sql: 'NULL', type: T.undefined, literal: { value: null }, onCast: (t) => infer(index, t) };
  }
  if (hint?.kind === 'undefined' && typeof value === 'string') {
    // an untyped text parameter (PG OID 0): like PostgreSQL's `unknown`, it takes the type the
    // context asks for (`id = $1`, `VALUES ($1)`), and stays text otherwise
    return withBinder({ sql: quoteString(value), type: T.undefined, literal: { value } }, cx);
  }
  if (hint && hint.kind !== 'undefined') {
    // a declared type (PG Parse OIDs): bring the value into that type's JS form first
    const typed = castLiteralValue(value ?? null, hint);
    return withBinder({ sql: sqlLiteral(typed, hint), type: hint, literal: { value: typed } }, cx);
  }
  const type = inferValueType(value);
  return withBinder({ sql: sqlLiteral(value, type), type, literal: { value: value ?? null } }, cx);
}

const withBinder = (e: CompiledExpr, cx: ExprContext): CompiledExpr => (cx.bindParam ? { ...e, bind: cx.bindParam } : e);

/** `col`, `t.col`, `o['a']['b']`, `arr[1]`, `o['a'][2]` … */
function compileReference(e: Expression, cx: ExprContext): CompiledExpr {
  const keys: Expression[] = [];
  let base: Expression = e;
  while (base.kind === 'Subscript') {
    keys.unshift(base.index);
    base = base.base;
  }
  if (base.kind !== 'ColumnRef') {
    return applySubscripts(compileExpr(base, cx), keys, cx);
  }
  // CrateDB reads `obj[n]['a']` as `obj['a'][n]`: on an object column, an index before the
  // names picks the element of the child array they lead to
  if (keys.length > 1 && !isTextLiteral(keys[0]!) && keys.slice(1).every(isTextLiteral)
    && cx.scope.resolveOrThrow(base.parts, [], base.pos).type.kind === 'object') {
    keys.push(keys.shift()!);
  }
  // leading string-literal keys may name stored object children
  const names: string[] = [];
  for (const k of keys) {
    if (k.kind === 'Literal' && k.type === 'string') names.push(k.value);
    else break;
  }
  const resolved = cx.scope.resolveOrThrow(base.parts, names, base.pos);
  const consumed = names.length - resolved.rest.length;
  let value: CompiledExpr = { sql: resolved.sql, type: resolved.type };
  const remaining = keys.slice(consumed);
  if (!resolved.meta) checkObjectKeys(base.parts[base.parts.length - 1]!, resolved.type, remaining, cx, e.pos);
  if (resolved.meta?.children && remaining.length > 0) {
    const first = remaining[0]!;
    if (first.kind === 'Literal' && first.type === 'string') {
      const policy = resolved.meta.policy ?? 'dynamic';
      if (policy !== 'ignored' && cx.errorOnUnknownObjectKey) {
        throw new ColumnUnknownException(`Column ${pathName([...resolved.meta.path, first.value])} unknown`, e.pos);
      }
      if (policy !== 'ignored') return { sql: 'NULL', type: T.undefined };
    }
  }
  if (remaining.length === 0 && resolved.meta && resolved.relation.table?.kind === 'table') {
    return { ...value, column: { tableOid: resolved.relation.table.oid, attnum: resolved.meta.position } };
  }
  return applySubscripts(value, remaining, cx);
}

const isTextLiteral = (k: Expression): boolean => k.kind === 'Literal' && k.type === 'string';

/**
 * Object values with a known schema (a derived column, an object literal, a cast to OBJECT AS
 * (…)) reject unknown keys like stored columns do (sql.md §4.2), unless the object is IGNORED or
 * `error_on_unknown_object_key` is off.
 */
function checkObjectKeys(name: string, type: DataType, keys: Expression[], cx: ExprContext, pos: number): void {
  let t: DataType = type;
  const path = [name];
  for (const k of keys) {
    // an object whose schema is not known at all (fields empty, not STRICT) can hold any key
    if (t.kind !== 'object' || !(k.kind === 'Literal' && k.type === 'string')) return;
    if (t.fields.length === 0 && t.policy !== 'strict') return;
    const field = t.fields.find((f) => f.name === k.value);
    path.push(k.value);
    if (!field) {
      if (t.policy !== 'ignored' && cx.errorOnUnknownObjectKey) {
        throw new ColumnUnknownException(`Column ${pathName(path)} unknown`, pos);
      }
      return;
    }
    t = field.type;
  }
}

/** `CAST(obj AS OBJECT AS (…))` merges the inner types, the target's winning (types.md §4.2). */
function mergeObjectTypes(from: DataType, to: DataType): DataType {
  if (from.kind !== 'object' || to.kind !== 'object') return to;
  const fields = [...to.fields];
  for (const f of from.fields) if (!fields.some((x) => x.name === f.name)) fields.push(f);
  return to.policy === 'strict' ? to : { kind: 'object', policy: to.policy, fields };
}

function applySubscripts(value: CompiledExpr, keys: Expression[], cx: ExprContext): CompiledExpr {
  for (const k of keys) value = withAgg(ops.emitSubscript(value, compileExpr(k, cx)), value);
  return value;
}

function compileSpecial(name: string, cx: ExprContext): CompiledExpr {
  switch (name) {
    case 'CURRENT_TIMESTAMP': case 'LOCALTIMESTAMP':
      return { sql: cx.fctx.statementTimeSql, type: T.timestamptz };
    case 'CURRENT_DATE':
      return { sql: `CAST(${cx.fctx.statementTimeSql} AS DATE)`, type: T.date };
    case 'CURRENT_TIME': case 'LOCALTIME':
      return { sql: `CAST(${cx.fctx.statementTimeSql} AS TIMETZ)`, type: T.timetz };
    case 'CURRENT_USER': case 'SESSION_USER': case 'USER': case 'CURRENT_ROLE':
      return { sql: quoteString(cx.fctx.user), type: T.text };
    case 'CURRENT_SCHEMA':
      return { sql: quoteString(cx.fctx.currentSchema), type: T.text };
    case 'CURRENT_CATALOG':
      return { sql: quoteString('crate'), type: T.text };
  }
  throw new UnsupportedFeatureException(`${name} is not supported`);
}

export type { DataType };
