/**
 * Expression parser: precedence climbing over sql.md §1.1 (lowest first)
 *
 *   OR < AND < NOT < predicates (= <> != < <= > >= << ~ ~* !~ !~*, op ANY/ALL, [NOT] BETWEEN,
 *   [NOT] IN, [NOT] [I]LIKE [ANY|ALL] … ESCAPE, IS [NOT] NULL|TRUE|FALSE|DISTINCT FROM)
 *   < && < || < (& | #) < (+ -) < (* / %) < ^ < unary +/- < primary (parse-primary.ts)
 *
 * One function (`parseBinary`) handles every binary level, so a parenthesis level costs only a
 * handful of JS frames; left-associative chains are built in a loop. `-1`, `+1.5` fold into
 * negative/positive numeric literals (CrateDB does the same; it keeps `-2147483648` an integer).
 */
import type { BinaryOperator, ComparisonOperator, Expression } from '../ast/expression.js';
import type { Query } from '../ast/query.js';
import { parsePostfixExpression } from './parse-primary.js';
import { isQueryStart, parseQuery } from './parse-query.js';
import type { TokenStream } from './token-stream.js';

/** Binding powers (higher binds tighter). */
export const Prec = {
  OR: 1, AND: 2, NOT: 3, PREDICATE: 4, OVERLAP: 5, CONCAT: 6, BIT: 7, ADD: 8, MUL: 9, POW: 10, UNARY: 11,
} as const;
export type Prec = (typeof Prec)[keyof typeof Prec];

const BINARY_PREC: Record<string, Prec> = {
  '&&': Prec.OVERLAP, '||': Prec.CONCAT, '&': Prec.BIT, '|': Prec.BIT, '#': Prec.BIT,
  '+': Prec.ADD, '-': Prec.ADD, '*': Prec.MUL, '/': Prec.MUL, '%': Prec.MUL, '^': Prec.POW,
};

const COMPARISON_OPS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);
const PREDICATE_OPS = new Set([...COMPARISON_OPS, '<<', '~', '~*', '!~', '!~*']);

/** A full (boolean) expression. */
export function parseExpression(p: TokenStream): Expression {
  return parseBinary(p, Prec.OR);
}

/** A value expression: no top-level predicates, NOT, AND or OR (operands of BETWEEN, LIKE, …). */
export function parseValueExpression(p: TokenStream): Expression {
  return parseBinary(p, Prec.OVERLAP);
}

/** Continue an expression whose first operand was already parsed (used by `position(a IN b)`). */
export function continueExpression(p: TokenStream, left: Expression): Expression {
  return parseBinary(p, Prec.OR, left);
}

export function parseBinary(p: TokenStream, minPrec: Prec, initialLeft?: Expression): Expression {
  p.enter();
  let left = initialLeft ?? parsePrefix(p, minPrec);
  let chain = 0;
  for (;;) {
    const t = p.peek();
    const pos = left.pos;
    if (t.type === 'ident' && t.value === 'or' && minPrec <= Prec.OR) {
      p.next();
      left = { kind: 'BinaryOp', pos, op: 'OR', left, right: parseBinary(p, Prec.AND) };
    } else if (t.type === 'ident' && t.value === 'and' && minPrec <= Prec.AND) {
      p.next();
      left = { kind: 'BinaryOp', pos, op: 'AND', left, right: parseBinary(p, Prec.NOT) };
    } else {
      const predicate = minPrec <= Prec.PREDICATE ? parsePredicate(p, left) : undefined;
      if (predicate) left = predicate;
      else if (t.type === 'op' && BINARY_PREC[t.value] !== undefined && BINARY_PREC[t.value]! >= minPrec) {
        const prec = BINARY_PREC[t.value]!;
        p.next();
        // all binary operators are left-associative
        const right = parseBinary(p, (prec + 1) as Prec);
        left = { kind: 'BinaryOp', pos, op: t.value as BinaryOperator, left, right };
      } else break;
    }
    p.checkChain(++chain);
  }
  p.leave();
  return left;
}

function parsePrefix(p: TokenStream, minPrec: Prec): Expression {
  const t = p.peek();
  if (t.type === 'ident' && t.value === 'not' && minPrec <= Prec.NOT) {
    p.next();
    return { kind: 'Not', pos: t.start, operand: parseBinary(p, Prec.NOT) };
  }
  if (t.type === 'op' && (t.value === '-' || t.value === '+')) {
    p.next();
    const operand = parseBinary(p, Prec.UNARY);
    if (operand.kind === 'Literal' && (operand.type === 'integer' || operand.type === 'decimal')) {
      return negateLiteral(operand, t.value, t.start);
    }
    return { kind: 'UnaryOp', pos: t.start, op: t.value, operand };
  }
  return parsePostfixExpression(p);
}

function negateLiteral(lit: Expression & { kind: 'Literal' }, sign: string, pos: number): Expression {
  if (sign === '+') return { ...lit, pos };
  if (lit.type === 'integer') return { kind: 'Literal', pos, type: 'integer', value: -lit.value };
  if (lit.type === 'decimal') {
    const v = lit.value;
    return { kind: 'Literal', pos, type: 'decimal', value: v.startsWith('-') ? v.slice(1) : `-${v}` };
  }
  return lit;
}

/** Parses one predicate applied to `left`, or returns undefined if none starts here. */
function parsePredicate(p: TokenStream, left: Expression): Expression | undefined {
  const t = p.peek();
  const pos = left.pos;
  if (t.type === 'op' && PREDICATE_OPS.has(t.value)) {
    p.next();
    if (COMPARISON_OPS.has(t.value) && p.isAnyKw(['any', 'some', 'all']) && p.isOp('(', 1)) {
      const quantifier = p.next().value === 'all' ? 'ALL' : 'ANY';
      return { kind: 'Quantified', pos, op: t.value as ComparisonOperator, quantifier, left, right: parseQuantifiedOperand(p) };
    }
    return { kind: 'BinaryOp', pos, op: t.value as BinaryOperator, left, right: parseValueExpression(p) };
  }
  if (t.type !== 'ident') return undefined;
  if (t.value === 'is') return parseIs(p, left);
  let negated = false;
  if (t.value === 'not') {
    if (!p.isAnyKw(['between', 'in', 'like', 'ilike'], 1)) return undefined;
    p.next();
    negated = true;
  }
  const kw = p.peek();
  if (kw.type !== 'ident') return undefined;
  switch (kw.value) {
    case 'between': {
      p.next();
      const low = parseValueExpression(p);
      p.expectKw('and');
      const high = parseValueExpression(p);
      return { kind: 'Between', pos, operand: left, low, high, negated };
    }
    case 'in': {
      p.next();
      p.expectOp('(');
      if (isQueryStart(p)) {
        const query = parseQuery(p);
        p.expectOp(')');
        return { kind: 'InSubquery', pos, operand: left, query, negated };
      }
      const list = p.list(() => parseExpression(p));
      p.expectOp(')');
      return { kind: 'InList', pos, operand: left, list, negated };
    }
    case 'like': case 'ilike':
      p.next();
      return parseLike(p, left, kw.value === 'ilike', negated);
    default:
      return undefined;
  }
}

/** `(array-expr)` or `(subquery)` after `op ANY|ALL` */
function parseQuantifiedOperand(p: TokenStream): Expression | { kind: 'Subquery'; query: Query } {
  p.expectOp('(');
  if (isQueryStart(p)) {
    const query = parseQuery(p);
    p.expectOp(')');
    return { kind: 'Subquery', query };
  }
  const e = parseExpression(p);
  p.expectOp(')');
  return e;
}

function parseLike(p: TokenStream, operand: Expression, caseInsensitive: boolean, negated: boolean): Expression {
  let quantifier: 'ANY' | 'ALL' | undefined;
  let pattern: Expression;
  if (p.isAnyKw(['any', 'some', 'all']) && p.isOp('(', 1)) {
    quantifier = p.next().value === 'all' ? 'ALL' : 'ANY';
    const open = p.expectOp('(');
    if (isQueryStart(p)) {
      pattern = { kind: 'SubqueryExpr', pos: open.start, query: parseQuery(p) };
    } else pattern = parseExpression(p);
    p.expectOp(')');
  } else pattern = parseValueExpression(p);
  const like: Expression = { kind: 'Like', pos: operand.pos, operand, pattern, caseInsensitive, negated };
  if (quantifier) like.quantifier = quantifier;
  if (p.acceptKw('escape')) like.escape = parseValueExpression(p);
  return like;
}

function parseIs(p: TokenStream, left: Expression): Expression {
  const pos = left.pos;
  p.expectKw('is');
  const negated = p.acceptKw('not');
  if (p.acceptKw('null')) return { kind: 'IsNull', pos, operand: left, negated };
  if (p.acceptKw('true')) return { kind: 'IsBoolean', pos, operand: left, value: true, negated };
  if (p.acceptKw('false')) return { kind: 'IsBoolean', pos, operand: left, value: false, negated };
  if (p.isKw('distinct')) {
    p.next();
    p.expectKw('from');
    return { kind: 'IsDistinctFrom', pos, left, right: parseValueExpression(p), negated };
  }
  p.mismatched("{'NULL', 'TRUE', 'FALSE', 'DISTINCT'}");
}
