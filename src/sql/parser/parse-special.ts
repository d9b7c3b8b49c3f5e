/**
 * Expressions with their own syntax (sql.md §1, functions.md §1.9):
 * CASE, CAST/TRY_CAST, EXTRACT, INTERVAL literals, typed literals, MATCH and the keyword
 * functions CURRENT_DATE, CURRENT_TIME[(p)], CURRENT_TIMESTAMP[(p)], CURRENT_USER, USER,
 * SESSION_USER, CURRENT_ROLE, CURRENT_CATALOG, CURRENT_SCHEMA[()].
 */
import type { Expression, IntervalUnit, SpecialFunction } from '../ast/expression.js';
import { parseExpression } from './parse-expression.js';
import { parseColumnPath, parsePostfixExpression, parsePrimary } from './parse-primary.js';
import { parseProperties } from './parse-properties.js';
import { parseType } from './parse-type.js';
import type { TokenStream } from './token-stream.js';

const SPECIAL_NAMES: Record<string, SpecialFunction['name']> = {
  current_date: 'CURRENT_DATE', current_time: 'CURRENT_TIME', current_timestamp: 'CURRENT_TIMESTAMP',
  current_user: 'CURRENT_USER', session_user: 'SESSION_USER', user: 'USER', current_role: 'CURRENT_ROLE',
  current_catalog: 'CURRENT_CATALOG', current_schema: 'CURRENT_SCHEMA',
};

/** Words parsed as SpecialFunction when unqualified (current_schema is non-reserved, like in CrateDB). */
export const SPECIAL_FUNCTIONS: ReadonlySet<string> = new Set(Object.keys(SPECIAL_NAMES));

export const INTERVAL_UNITS: readonly IntervalUnit[] = ['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND'];

export function parseSpecialFunction(p: TokenStream): Expression {
  const t = p.next();
  const fn: SpecialFunction = { kind: 'SpecialFunction', pos: t.start, name: SPECIAL_NAMES[t.value]! };
  if (fn.name === 'CURRENT_TIME' || fn.name === 'CURRENT_TIMESTAMP') {
    if (p.acceptOp('(')) {
      const n = p.peek();
      if (n.type !== 'integer') p.mismatched('integer');
      p.next();
      fn.precision = Number(n.value);
      p.expectOp(')');
    }
  } else if (fn.name === 'CURRENT_SCHEMA' && p.isOp('(') && p.isOp(')', 1)) {
    p.i += 2;
  }
  return fn;
}

export function parseCase(p: TokenStream): Expression {
  const pos = p.expectKw('case').start;
  const operand = p.isKw('when') ? undefined : parseExpression(p);
  const whens: { when: Expression; then: Expression }[] = [];
  while (p.acceptKw('when')) {
    const when = parseExpression(p);
    p.expectKw('then');
    whens.push({ when, then: parseExpression(p) });
  }
  if (whens.length === 0) p.mismatched("'WHEN'");
  const e: Expression = { kind: 'Case', pos, whens };
  if (operand) e.operand = operand;
  if (p.acceptKw('else')) e.else = parseExpression(p);
  p.expectKw('end');
  return e;
}

export function parseCast(p: TokenStream): Expression {
  const t = p.next();
  p.expectOp('(');
  const operand = parseExpression(p);
  p.expectKw('as');
  const type = parseType(p);
  p.expectOp(')');
  return { kind: 'Cast', pos: t.start, operand, type, try: t.value === 'try_cast', syntax: 'cast' };
}

/** `EXTRACT(field FROM e)`; the field may be a word or a string literal, stored upper-cased. */
export function parseExtract(p: TokenStream): Expression {
  const pos = p.expectKw('extract').start;
  p.expectOp('(');
  const f = p.peek();
  if (f.type !== 'ident' && f.type !== 'quoted' && f.type !== 'string') p.mismatched('identifier');
  p.next();
  p.expectKw('from');
  const operand = parseExpression(p);
  p.expectOp(')');
  return { kind: 'Extract', pos, field: f.value.toUpperCase(), operand };
}

function acceptUnit(p: TokenStream): IntervalUnit | undefined {
  const t = p.peek();
  const unit = t.value.toUpperCase() as IntervalUnit;
  if (t.type === 'ident' && INTERVAL_UNITS.includes(unit)) {
    p.next();
    return unit;
  }
  return undefined;
}

/** `INTERVAL [+|-] 'text' [unit [TO unit]]` */
export function parseInterval(p: TokenStream): Expression {
  const pos = p.expectKw('interval').start;
  let sign: 1 | -1 = 1;
  if (p.acceptOp('-')) sign = -1;
  else p.acceptOp('+');
  const value = p.next().value;
  const e: Expression = { kind: 'IntervalLiteral', pos, sign, value };
  const from = acceptUnit(p);
  if (from) {
    e.from = from;
    if (p.isKw('to') && p.peek(1).type === 'ident' && INTERVAL_UNITS.includes(p.peek(1).value.toUpperCase() as IntervalUnit)) {
      p.next();
      e.to = acceptUnit(p)!;
    }
  }
  return e;
}

/**
 * True if the tokens ahead are a primitive type name followed by a string literal
 * (`DATE '…'`, `TIMESTAMP WITH TIME ZONE '…'`, `NUMERIC(5,2) '…'`, `DOUBLE PRECISION '1'`).
 */
export function typedLiteralAhead(p: TokenStream): boolean {
  const w = p.peek().value;
  let k = 1;
  if (w === 'double' && p.isKw('precision', 1)) k = 2;
  else if (w === 'character' && p.isKw('varying', 1)) k = 2;
  else if ((w === 'timestamp' || w === 'time') && p.isAnyKw(['with', 'without'], 1) && p.isKw('time', 2) && p.isKw('zone', 3)) k = 4;
  if (p.isOp('(', k)) {
    k++;
    if (p.peek(k).type !== 'integer') return false;
    k++;
    while (p.isOp(',', k) && p.peek(k + 1).type === 'integer') k += 2;
    if (!p.isOp(')', k)) return false;
    k++;
  }
  return p.peek(k).type === 'string';
}

export function parseTypedLiteral(p: TokenStream): Expression {
  const pos = p.pos;
  const type = parseType(p);
  return { kind: 'TypedLiteral', pos, type, value: p.next().value };
}

/** `MATCH(col | (col [boost], …), term) [USING type [WITH (…)]]` */
export function parseMatch(p: TokenStream): Expression {
  const pos = p.expectKw('match').start;
  p.expectOp('(');
  const matchColumn = () => {
    const column = parseColumnPath(p);
    if (p.isOp(',') || p.isOp(')')) return { column };
    return { column, boost: parsePrimary(p) };
  };
  let columns: { column: Expression; boost?: Expression }[];
  if (p.acceptOp('(')) {
    columns = p.list(matchColumn);
    p.expectOp(')');
  } else columns = [matchColumn()];
  p.expectOp(',');
  const term = parsePostfixExpression(p);
  p.expectOp(')');
  const e: Expression = { kind: 'Match', pos, columns, term, options: [] };
  if (p.acceptKw('using')) {
    e.matchType = p.ident();
    if (p.acceptKw('with')) e.options = parseProperties(p);
  }
  return e;
}
