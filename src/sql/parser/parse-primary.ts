/**
 * Primary expressions and their postfix operators (sql.md §1, §1.1 level 1).
 *
 * Primary: literals, parameters, column references, function calls, `(expr)`, `(query)`,
 * `[…]` / `ARRAY[…]`, `{k = v}`, CASE/CAST/EXTRACT/INTERVAL/MATCH and keyword functions
 * (parse-special.ts), typed literals (`DATE '2020-01-01'`).
 * Postfix (left to right, same level): `[i]`, `[a:b]`, `::type`, `AT TIME ZONE z`, `(e).field`,
 * and PostgreSQL's `COLLATE name` (`'^(t1)$' COLLATE pg_catalog.default`, sent by psql), which is
 * accepted and ignored: cratelite compares text by code points under every collation name.
 */
import type { Expression } from '../ast/expression.js';
import { RESERVED_FUNCTION_NAMES, RESERVED_KEYWORDS } from '../lexer/keywords.js';
import { parseExpression } from './parse-expression.js';
import { parseFunctionCall } from './parse-function.js';
import { continueQuery, isQueryStart, parseQuery, unwrapQuery } from './parse-query.js';
import {
  parseCase, parseCast, parseExtract, parseInterval, parseMatch, parseSpecialFunction,
  parseTypedLiteral, SPECIAL_FUNCTIONS, typedLiteralAhead,
} from './parse-special.js';
import { parseType } from './parse-type.js';
import type { TokenStream } from './token-stream.js';

/** Keywords that continue a query after a parenthesised first term: `((select 1) union …)` */
const QUERY_CONTINUATION = ['union', 'intersect', 'except', 'order', 'limit', 'offset', 'fetch'];

/** A primary expression followed by any number of postfix operators. */
export function parsePostfixExpression(p: TokenStream): Expression {
  const first = p.peek();
  let e = parsePrimary(p);
  const parenthesized = first.type === 'op' && first.value === '(';
  let chain = 0;
  for (;;) {
    if (p.isOp('[')) e = parseSubscript(p, e);
    else if (p.isOp('::')) {
      p.next();
      e = { kind: 'Cast', pos: e.pos, operand: e, type: parseType(p), try: false, syntax: 'colons' };
    } else if (p.isKw('at') && p.isKw('time', 1) && p.isKw('zone', 2)) {
      p.i += 3;
      e = { kind: 'AtTimeZone', pos: e.pos, operand: e, zone: parsePrimary(p) };
    } else if (p.isKw('collate') && (p.peek(1).type === 'quoted' || p.isIdent(1))) {
      skipCollation(p);
    } else if (p.isOp('.') && (parenthesized || e.kind === 'FieldAccess') && p.isIdent(1)) {
      p.next();
      e = { kind: 'FieldAccess', pos: e.pos, base: e, field: p.ident() };
    } else break;
    p.checkChain(++chain);
  }
  return e;
}

/** `COLLATE name[.name…]`; any word may follow a dot (`pg_catalog.default`). */
function skipCollation(p: TokenStream): void {
  p.expectKw('collate');
  p.next();
  while (p.isOp('.') && (p.peek(1).type === 'ident' || p.peek(1).type === 'quoted')) p.i += 2;
}

function parseSubscript(p: TokenStream, base: Expression): Expression {
  p.expectOp('[');
  let from: Expression | undefined;
  if (!p.isOp(':')) from = parseExpression(p);
  if (p.acceptOp(':')) {
    const slice: Expression = { kind: 'Slice', pos: base.pos, base };
    if (from) slice.from = from;
    if (!p.isOp(']')) slice.to = parseExpression(p);
    p.expectOp(']');
    return slice;
  }
  p.expectOp(']');
  return { kind: 'Subscript', pos: base.pos, base, index: from! };
}

export function parsePrimary(p: TokenStream): Expression {
  const t = p.peek();
  switch (t.type) {
    case 'integer':
      p.next();
      return { kind: 'Literal', pos: t.start, type: 'integer', value: BigInt(t.value) };
    case 'decimal':
      p.next();
      return { kind: 'Literal', pos: t.start, type: 'decimal', value: t.value };
    case 'string':
      p.next();
      return { kind: 'Literal', pos: t.start, type: 'string', value: t.value };
    case 'bitString':
      p.next();
      return { kind: 'Literal', pos: t.start, type: 'bit', value: t.value };
    case 'param':
      p.next();
      return { kind: 'Parameter', pos: t.start, index: t.paramIndex! };
    case 'quoted':
      return parseNameExpression(p);
    case 'ident':
      return parseWord(p);
    case 'op':
      if (t.value === '(') return parseParenthesized(p);
      if (t.value === '[') {
        p.next();
        return parseArrayElements(p, t.start);
      }
      if (t.value === '{') return parseObjectLiteral(p);
      break;
    default:
      break;
  }
  p.noViable();
}

function parseWord(p: TokenStream): Expression {
  const t = p.peek();
  switch (t.value) {
    case 'true': case 'false':
      p.next();
      return { kind: 'Literal', pos: t.start, type: 'boolean', value: t.value === 'true' };
    case 'null':
      p.next();
      return { kind: 'Literal', pos: t.start, type: 'null', value: null };
    case 'case': return parseCase(p);
    case 'cast': case 'try_cast': return parseCast(p);
    case 'extract': return parseExtract(p);
    case 'match': return parseMatch(p);
    case 'exists': {
      p.next();
      p.expectOp('(');
      const query = parseQuery(p);
      p.expectOp(')');
      return { kind: 'Exists', pos: t.start, query };
    }
    case 'array': {
      p.next();
      if (p.acceptOp('[')) return parseArrayElements(p, t.start);
      p.expectOp('(');
      const query = parseQuery(p);
      p.expectOp(')');
      return { kind: 'ArraySubquery', pos: t.start, query };
    }
    case 'interval':
      if (p.peek(1).type === 'string' || ((p.isOp('-', 1) || p.isOp('+', 1)) && p.peek(2).type === 'string')) {
        return parseInterval(p);
      }
      break;
    default:
      break;
  }
  if (SPECIAL_FUNCTIONS.has(t.value)) return parseSpecialFunction(p);
  if (RESERVED_FUNCTION_NAMES.has(t.value) && p.isOp('(', 1)) {
    p.next();
    return parseFunctionCall(p, [t.value], t.start);
  }
  if (RESERVED_KEYWORDS.has(t.value)) p.noViable();
  if (typedLiteralAhead(p)) return parseTypedLiteral(p);
  return parseNameExpression(p);
}

/** `a`, `t.a`, `s.t.a`, or a function call `f(…)`, `s.f(…)`. */
function parseNameExpression(p: TokenStream): Expression {
  const pos = p.pos;
  const parts = [p.ident()];
  while (p.isOp('.') && p.isIdent(1)) {
    p.next();
    parts.push(p.ident());
  }
  if (p.isOp('(')) return parseFunctionCall(p, parts, pos);
  return { kind: 'ColumnRef', pos, parts };
}

function parseParenthesized(p: TokenStream): Expression {
  const open = p.expectOp('(');
  if (isQueryStart(p)) {
    const query = parseQuery(p);
    p.expectOp(')');
    return { kind: 'SubqueryExpr', pos: open.start, query };
  }
  const e = parseExpression(p);
  if (e.kind === 'SubqueryExpr' && p.isAnyKw(QUERY_CONTINUATION)) {
    const query = continueQuery(p, e.pos, unwrapQuery(e.query));
    p.expectOp(')');
    return { kind: 'SubqueryExpr', pos: open.start, query };
  }
  p.expectOp(')');
  return e;
}

/** elements after `[` (or `ARRAY[`) up to the closing `]` */
function parseArrayElements(p: TokenStream, pos: number): Expression {
  const elements: Expression[] = [];
  if (!p.isOp(']')) elements.push(...p.list(() => parseExpression(p)));
  p.expectOp(']');
  return { kind: 'ArrayLiteral', pos, elements };
}

function parseObjectLiteral(p: TokenStream): Expression {
  const open = p.expectOp('{');
  const entries: { key: string; value: Expression }[] = [];
  if (!p.isOp('}')) {
    entries.push(...p.list(() => {
      const key = p.ident();
      p.expectOp('=');
      return { key, value: parseExpression(p) };
    }));
  }
  p.expectOp('}');
  return { kind: 'ObjectLiteral', pos: open.start, entries };
}

/**
 * A column path: `qname ('[' expr ']')*`, as used by DDL column references, assignment
 * targets, ON CONFLICT targets, MATCH columns and COPY TO columns (`obj['a']['b']`).
 */
export function parseColumnPath(p: TokenStream): Expression {
  const pos = p.pos;
  let e: Expression = { kind: 'ColumnRef', pos, parts: p.qname() };
  let chain = 0;
  while (p.acceptOp('[')) {
    e = { kind: 'Subscript', pos, base: e, index: parseExpression(p) };
    p.expectOp(']');
    p.checkChain(++chain);
  }
  return e;
}
