/**
 * Function calls (sql.md §4.1 `function_call`):
 *   name '(' ['*' | [DISTINCT | ALL] expr, …] ')' [FILTER '(' WHERE e ')'] [{IGNORE|RESPECT} NULLS]
 *   [OVER window_name | OVER '(' window_definition ')']
 *
 * and the SQL-standard argument syntaxes, rewritten to ordinary calls:
 *   SUBSTRING(s FROM a [FOR b])               → substring(s, a[, b])
 *   TRIM([BOTH|LEADING|TRAILING] [c] FROM s)  → trim(s, c, 'both'|'leading'|'trailing')
 *                                                (c defaults to ' ', the mode to 'both';
 *                                                plain `trim(s)` stays a one-argument call)
 *   POSITION(a IN b)                          → position(a, b)   (substring first, as written)
 */
import type { Expression, FunctionCall } from '../ast/expression.js';
import { RESERVED_KEYWORDS } from '../lexer/keywords.js';
import { continueExpression, parseExpression, parseValueExpression } from './parse-expression.js';
import { parseWindowSpec } from './parse-window.js';
import type { TokenStream } from './token-stream.js';

const TRIM_MODES = ['both', 'leading', 'trailing'];

/** Called with the name already consumed and the current token on `(`. */
export function parseFunctionCall(p: TokenStream, name: string[], pos: number): Expression {
  // a call costs about twice the JS frames of a parenthesis level: count it as one more level
  p.enter();
  const call = parseCall(p, name, pos);
  p.leave();
  return call;
}

function parseCall(p: TokenStream, name: string[], pos: number): Expression {
  p.expectOp('(');
  const call: FunctionCall = { kind: 'FunctionCall', pos, name, args: [], distinct: false, star: false };
  const single = name.length === 1 ? name[0] : undefined;
  let first: Expression | undefined;
  if (single === 'trim') {
    const trim = parseTrimArgs(p, pos);
    if (trim && trim.kind === 'FunctionCall') return trim;
    first = trim?.first;
  }
  if (!first && p.acceptOp('*')) {
    call.star = true;
    p.expectOp(')');
  } else if (first || !p.acceptOp(')')) {
    if (!first) {
      if (p.acceptKw('distinct')) call.distinct = true;
      else p.acceptKw('all');
    }
    if (!first && single === 'position') {
      first = parseValueExpression(p);
      if (p.acceptKw('in')) {
        call.args = [first, parseValueExpression(p)];
        p.expectOp(')');
        return call;
      }
      first = continueExpression(p, first);
    }
    first ??= parseExpression(p);
    if (single === 'substring' && p.acceptKw('from')) {
      call.args = [first, parseExpression(p)];
      if (p.acceptKw('for')) call.args.push(parseExpression(p));
      p.expectOp(')');
      return call;
    }
    call.args = [first];
    while (p.acceptOp(',')) call.args.push(parseExpression(p));
    p.expectOp(')');
  }
  parseCallSuffixes(p, call);
  return call;
}

/** FILTER, IGNORE/RESPECT NULLS and OVER after the argument list */
function parseCallSuffixes(p: TokenStream, call: FunctionCall): void {
  if (p.isKw('filter') && p.isOp('(', 1)) {
    p.i += 2;
    p.expectKw('where');
    call.filter = parseExpression(p);
    p.expectOp(')');
  }
  if (p.isAnyKw(['ignore', 'respect']) && p.isKw('nulls', 1)) {
    call.nulls = p.next().value === 'ignore' ? 'IGNORE' : 'RESPECT';
    p.next();
  }
  if (p.isKw('over') && (p.isOp('(', 1) || p.isIdent(1))) {
    p.next();
    if (p.isOp('(')) call.over = parseWindowSpec(p);
    else {
      const name = p.ident();
      call.over = { base: name, partitionBy: [], orderBy: [] };
      call.overName = name;
    }
  }
}

/** could token k start the `chars` operand of TRIM(mode chars FROM s)? */
function startsTrimChars(p: TokenStream, k: number): boolean {
  const t = p.peek(k);
  return t.type === 'string' || t.type === 'param' || t.type === 'quoted'
    || (t.type === 'ident' && !RESERVED_KEYWORDS.has(t.value));
}

/**
 * TRIM's FROM forms. For an ordinary argument list returns undefined (nothing consumed) or
 * `{ first }`, the already parsed first argument.
 */
function parseTrimArgs(p: TokenStream, pos: number): FunctionCall | { kind: 'first'; first: Expression } | undefined {
  let mode = 'both';
  let chars: Expression | undefined;
  if (p.isAnyKw(TRIM_MODES) && (p.isKw('from', 1) || startsTrimChars(p, 1))) {
    mode = p.next().value;
    if (!p.isKw('from')) chars = parseExpression(p);
    p.expectKw('from');
  } else if (!p.acceptKw('from')) {
    if (p.isOp(')') || p.isOp('*')) return undefined;
    if (p.isKw('distinct') || p.isKw('all')) return undefined;
    const first = parseExpression(p);
    if (!p.acceptKw('from')) return { kind: 'first', first };
    chars = first;
  }
  const target = parseExpression(p);
  p.expectOp(')');
  const charsArg: Expression = chars ?? { kind: 'Literal', pos, type: 'string', value: ' ' };
  return {
    kind: 'FunctionCall', pos, name: ['trim'], distinct: false, star: false,
    args: [target, charsArg, { kind: 'Literal', pos, type: 'string', value: mode }],
  };
}
