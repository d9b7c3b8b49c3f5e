/**
 * FROM-clause relations (sql.md §4.1):
 *
 *   relation    ::= aliased {join}…                                  (left-associative)
 *   join        ::= CROSS JOIN aliased
 *                 | [NATURAL] [INNER | LEFT [OUTER] | RIGHT [OUTER] | FULL [OUTER]] JOIN aliased
 *                   [ON bool_expr | USING '(' ident, … ')']           (criteria required unless NATURAL)
 *   aliased     ::= primary [[AS] alias ['(' column_alias, … ')']]
 *   primary     ::= qname | qname '(' [expr, …] ')' | '(' query ')' | '(' relation ')'
 *
 * `LATERAL` is not CrateDB syntax; it falls out as an ordinary name and then fails to parse.
 */
import type { Expression } from '../ast/expression.js';
import type { Alias, Join, Relation, SubqueryRef, TableFunctionRef, TableRef } from '../ast/query.js';
import { parseExpression } from './parse-expression.js';
import { isAliasAhead, isQueryAhead, parseQuery } from './parse-query.js';
import type { TokenStream } from './token-stream.js';

const JOIN_START = ['join', 'inner', 'left', 'right', 'full'];

export function parseRelation(p: TokenStream): Relation {
  p.enter();
  let left = parseAliasedRelation(p);
  let chain = 0;
  for (;;) {
    const pos = left.pos;
    if (p.isKw('cross') && p.isKw('join', 1)) {
      p.i += 2;
      left = { kind: 'Join', pos, type: 'CROSS', natural: false, left, right: parseAliasedRelation(p) };
    } else if (p.isKw('natural') || p.isAnyKw(JOIN_START)) {
      const natural = p.acceptKw('natural');
      const type = parseJoinType(p);
      p.expectKw('join');
      const join: Join = { kind: 'Join', pos, type, natural, left, right: parseAliasedRelation(p) };
      if (!natural) parseJoinCriteria(p, join);
      left = join;
    } else break;
    p.checkChain(++chain);
  }
  p.leave();
  return left;
}

function parseJoinType(p: TokenStream): Join['type'] {
  if (p.acceptKw('inner')) return 'INNER';
  for (const [kw, type] of [['left', 'LEFT'], ['right', 'RIGHT'], ['full', 'FULL']] as const) {
    if (p.acceptKw(kw)) {
      p.acceptKw('outer');
      return type;
    }
  }
  return 'INNER';
}

function parseJoinCriteria(p: TokenStream, join: Join): void {
  if (p.isKw('on')) {
    p.markClause();
    p.next();
    join.on = parseExpression(p);
  } else if (p.acceptKw('using')) join.using = p.identList();
  else p.mismatched("{'ON', 'USING'}");
}

function parseAliasedRelation(p: TokenStream): Relation {
  const pos = p.pos;
  if (p.isOp('(')) {
    if (isQueryAhead(p, 1)) {
      p.next();
      const query = parseQuery(p);
      p.expectOp(')');
      return withAlias(p, { kind: 'SubqueryRef', pos, query });
    }
    p.next();
    const inner = parseRelation(p);
    p.expectOp(')');
    return inner;
  }
  const name = p.qname();
  if (p.acceptOp('(')) {
    const args: Expression[] = p.isOp(')') ? [] : p.list(() => parseExpression(p));
    p.expectOp(')');
    return withAlias(p, { kind: 'TableFunctionRef', pos, name, args });
  }
  return withAlias(p, { kind: 'TableRef', pos, name });
}

function withAlias(p: TokenStream, rel: TableRef | TableFunctionRef | SubqueryRef): Relation {
  if (p.acceptKw('as') || isAliasAhead(p)) {
    const alias: Alias = { name: p.ident() };
    if (p.isOp('(')) alias.columns = p.identList();
    rel.alias = alias;
  }
  return rel;
}
