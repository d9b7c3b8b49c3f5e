/**
 * Queries (sql.md §4.1):
 *
 *   query       ::= [WITH cte, …] set_expr [ORDER BY …] [limit_clause] [offset_clause]
 *   set_expr    ::= term {UNION [ALL | DISTINCT] term}…          (left-associative)
 *   term        ::= primary {{INTERSECT | EXCEPT} primary}…       (binds tighter than UNION)
 *   primary     ::= query_spec | VALUES (…), … | '(' query ')'
 *   query_spec  ::= SELECT [ALL | DISTINCT] item, … [FROM …] [WHERE …] [GROUP BY {ALL | e, …}]
 *                   [HAVING …] [WINDOW w AS (…), …]
 *
 * LIMIT/FETCH and OFFSET may come in either order; FETCH {FIRST|NEXT} n {ROW|ROWS} ONLY is
 * stored as the limit. A parenthesised query without its own WITH/ORDER BY/LIMIT/OFFSET is
 * unwrapped, so `(SELECT 1)` and `SELECT 1` give the same tree.
 */
import type { Expression } from '../ast/expression.js';
import type { Query, QueryBody, QuerySpec, SelectItem, ValuesBody } from '../ast/query.js';
import { parseExpression } from './parse-expression.js';
import { parsePostfixExpression } from './parse-primary.js';
import { parseRelation } from './parse-relation.js';
import { parseOptionalOrderBy, parseWindowSpec } from './parse-window.js';
import type { TokenStream } from './token-stream.js';

/** does a query start at token k (SELECT, WITH, VALUES '(')? */
export function isQueryStart(p: TokenStream, k = 0): boolean {
  return p.isKw('select', k) || p.isKw('with', k) || (p.isKw('values', k) && p.isOp('(', k + 1));
}

/** does a query start at token k, possibly behind opening parentheses? */
export function isQueryAhead(p: TokenStream, k = 0): boolean {
  while (p.isOp('(', k)) k++;
  return isQueryStart(p, k);
}

export function parseQuery(p: TokenStream): Query {
  p.enter();
  const pos = p.pos;
  let ctes: Query['with'] = [];
  if (p.acceptKw('with')) ctes = p.list(() => parseCte(p));
  const q = finishQuery(p, pos, ctes, parseSetExpression(p));
  p.leave();
  return q;
}

/** continue a query whose first term was already parsed: `((SELECT 1) UNION …)` */
export function continueQuery(p: TokenStream, pos: number, first: QueryBody): Query {
  return finishQuery(p, pos, [], parseSetExpression(p, first));
}

/** a parenthesised query without own clauses is just its body */
export function unwrapQuery(q: Query): QueryBody {
  const plain = q.with.length === 0 && q.orderBy.length === 0 && q.limit === undefined && q.offset === undefined;
  return plain ? q.body : q;
}

function parseCte(p: TokenStream): Query['with'][number] {
  const name = p.ident();
  const columns = p.isOp('(') ? p.identList() : undefined;
  p.expectKw('as');
  p.expectOp('(');
  const query = parseQuery(p);
  p.expectOp(')');
  return columns ? { name, columns, query } : { name, query };
}

function finishQuery(p: TokenStream, pos: number, ctes: Query['with'], body: QueryBody): Query {
  const orderBy = parseOptionalOrderBy(p);
  let limit: Expression | 'ALL' | undefined;
  let offset: Expression | undefined;
  for (;;) {
    if (limit === undefined && p.acceptKw('limit')) {
      limit = p.acceptKw('all') ? 'ALL' : parsePostfixExpression(p);
    } else if (limit === undefined && p.isKw('fetch') && p.isAnyKw(['first', 'next'], 1)) {
      p.i += 2;
      const t = p.peek();
      limit = p.isAnyKw(['row', 'rows'])
        ? { kind: 'Literal', pos: t.start, type: 'integer', value: 1n }
        : parsePostfixExpression(p);
      if (!p.acceptKw('rows')) p.expectKw('row');
      p.expectKw('only');
    } else if (offset === undefined && p.acceptKw('offset')) {
      offset = parsePostfixExpression(p);
      if (!p.acceptKw('rows')) p.acceptKw('row');
    } else break;
  }
  if (ctes.length === 0 && orderBy.length === 0 && limit === undefined && offset === undefined && body.kind === 'Query') {
    return body;
  }
  const q: Query = { kind: 'Query', pos, with: ctes, body, orderBy };
  if (limit !== undefined) q.limit = limit;
  if (offset !== undefined) q.offset = offset;
  return q;
}

function parseSetExpression(p: TokenStream, first?: QueryBody): QueryBody {
  let left = parseIntersectTerm(p, first);
  let chain = 0;
  while (p.isKw('union')) {
    p.next();
    const distinct = !p.acceptKw('all');
    if (distinct) p.acceptKw('distinct');
    const right = parseIntersectTerm(p);
    left = { kind: 'SetOperation', pos: left.pos, op: 'UNION', distinct, left, right };
    p.checkChain(++chain);
  }
  return left;
}

function parseIntersectTerm(p: TokenStream, first?: QueryBody): QueryBody {
  let left = first ?? parseQueryPrimary(p);
  let chain = 0;
  while (p.isAnyKw(['intersect', 'except'])) {
    const op = p.next().value === 'intersect' ? 'INTERSECT' : 'EXCEPT';
    const right = parseQueryPrimary(p);
    left = { kind: 'SetOperation', pos: left.pos, op, distinct: true, left, right };
    p.checkChain(++chain);
  }
  return left;
}

function parseQueryPrimary(p: TokenStream): QueryBody {
  if (p.isKw('select')) return parseQuerySpec(p);
  if (p.isKw('values')) return parseValues(p, false);
  if (p.isOp('(')) {
    p.next();
    const q = parseQuery(p);
    p.expectOp(')');
    return unwrapQuery(q);
  }
  p.mismatched("{'SELECT', 'VALUES', '('}");
}

/** `VALUES (e, …), …`; DEFAULT items only where `allowDefault` (INSERT sources) */
export function parseValues(p: TokenStream, allowDefault: boolean): ValuesBody {
  const pos = p.expectKw('values').start;
  const rows = p.list(() => {
    p.expectOp('(');
    const row = p.list((): ValuesBody['rows'][number][number] => {
      const t = p.peek();
      if (allowDefault && p.acceptKw('default')) return { kind: 'Default', pos: t.start };
      return parseExpression(p);
    });
    p.expectOp(')');
    return row;
  });
  return { kind: 'Values', pos, rows };
}

function parseQuerySpec(p: TokenStream): QuerySpec {
  p.markClause();
  const pos = p.expectKw('select').start;
  let distinct = false;
  if (p.acceptKw('distinct')) distinct = true;
  else p.acceptKw('all');
  const spec: QuerySpec = { kind: 'QuerySpec', pos, distinct, select: parseSelectItems(p), from: [], groupBy: [], windows: [] };
  if (p.acceptKw('from')) spec.from = p.list(() => parseRelation(p));
  if (p.isKw('where')) {
    p.markClause();
    p.next();
    spec.where = parseExpression(p);
  }
  if (p.isKw('group')) {
    p.next();
    p.expectKw('by');
    p.markClause();
    spec.groupBy = p.acceptKw('all') ? 'ALL' : p.list(() => parseExpression(p));
  }
  if (p.isKw('having')) {
    p.markClause();
    p.next();
    spec.having = parseExpression(p);
  }
  if (isWindowClauseAhead(p)) {
    p.next();
    spec.windows = p.list(() => {
      const name = p.ident();
      p.expectKw('as');
      if (p.isOp('(')) return { name, spec: parseWindowSpec(p) };
      return { name, spec: { base: p.ident(), partitionBy: [], orderBy: [] } };
    });
  }
  return spec;
}

function isWindowClauseAhead(p: TokenStream): boolean {
  return p.isKw('window') && p.isIdent(1) && p.isKw('as', 2);
}

/**
 * True if the current token can be an alias written without AS. Non-reserved words that start
 * a following clause (`WINDOW w AS`, `FETCH FIRST`) are not aliases.
 */
export function isAliasAhead(p: TokenStream): boolean {
  if (!p.isIdent()) return false;
  if (isWindowClauseAhead(p)) return false;
  if (p.isKw('fetch') && p.isAnyKw(['first', 'next'], 1)) return false;
  return true;
}

/** `item, …` of a select list or RETURNING clause */
export function parseSelectItems(p: TokenStream): SelectItem[] {
  return p.list(() => parseSelectItem(p));
}

function parseSelectItem(p: TokenStream): SelectItem {
  const pos = p.pos;
  if (p.acceptOp('*')) return { kind: 'SelectStar', pos };
  for (let k = 0; p.isIdent(k) && p.isOp('.', k + 1); k += 2) {
    if (p.isOp('*', k + 2)) {
      const qualifier: string[] = [];
      while (!p.isOp('*')) {
        qualifier.push(p.ident());
        p.expectOp('.');
      }
      p.next();
      return { kind: 'SelectStar', pos, qualifier };
    }
  }
  const item: SelectItem = { kind: 'SelectExpr', pos, expr: parseExpression(p) };
  if (p.acceptKw('as') || isAliasAhead(p)) item.alias = p.ident();
  return item;
}
