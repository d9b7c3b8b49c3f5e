/**
 * AST → SQL text for queries: WITH, SELECT, set operations, VALUES, relations and joins.
 *
 * Canonical form: upper-case keywords, `AS` before every alias, ASC omitted, FETCH FIRST
 * printed as LIMIT, parentheses only where the tree needs them (a right-nested set operation,
 * an INTERSECT/EXCEPT operand that is a UNION, a join on the right of a join, a query with
 * its own ORDER BY/LIMIT used as a set-operation operand).
 */
import { printExpr, printPrimary, printQualifiedName, printSortItems, printWindowSpec, quoteIdent } from './print-expression.js';
import type { Alias, Query, QueryBody, QuerySpec, Relation, SelectItem } from './query.js';

export function printQuery(q: Query): string {
  let s = '';
  if (q.with.length > 0) {
    s += `WITH ${q.with.map((c) => {
      const cols = c.columns ? ` (${c.columns.map((n) => quoteIdent(n)).join(', ')})` : '';
      return `${quoteIdent(c.name)}${cols} AS (${printQuery(c.query)})`;
    }).join(', ')} `;
  }
  s += printQueryBody(q.body);
  if (q.orderBy.length > 0) s += ` ORDER BY ${printSortItems(q.orderBy)}`;
  if (q.limit !== undefined) s += ` LIMIT ${q.limit === 'ALL' ? 'ALL' : printPrimary(q.limit)}`;
  if (q.offset !== undefined) s += ` OFFSET ${printPrimary(q.offset)}`;
  return s;
}

const setPrecedence = (b: QueryBody) => (b.kind !== 'SetOperation' ? 3 : b.op === 'UNION' ? 1 : 2);

export function printQueryBody(b: QueryBody): string {
  switch (b.kind) {
    case 'QuerySpec': return printQuerySpec(b);
    case 'Values':
      return `VALUES ${b.rows.map((row) => `(${row.map((v) => (v.kind === 'Default' ? 'DEFAULT' : printExpr(v))).join(', ')})`).join(', ')}`;
    case 'Query': return `(${printQuery(b)})`;
    case 'SetOperation': {
      const prec = setPrecedence(b);
      const left = setPrecedence(b.left) < prec ? `(${printQueryBody(b.left)})` : printQueryBody(b.left);
      const right = setPrecedence(b.right) <= prec ? `(${printQueryBody(b.right)})` : printQueryBody(b.right);
      const op = b.op === 'UNION' && !b.distinct ? 'UNION ALL' : b.op;
      return `${left} ${op} ${right}`;
    }
  }
}

export function printSelectItems(items: readonly SelectItem[]): string {
  return items.map((i) => {
    if (i.kind === 'SelectStar') return i.qualifier ? `${printQualifiedName(i.qualifier)}.*` : '*';
    return i.alias !== undefined ? `${printExpr(i.expr)} AS ${quoteIdent(i.alias)}` : printExpr(i.expr);
  }).join(', ');
}

function printQuerySpec(q: QuerySpec): string {
  let s = `SELECT ${q.distinct ? 'DISTINCT ' : ''}${printSelectItems(q.select)}`;
  if (q.from.length > 0) s += ` FROM ${q.from.map(printRelation).join(', ')}`;
  if (q.where) s += ` WHERE ${printExpr(q.where)}`;
  if (q.groupBy === 'ALL') s += ' GROUP BY ALL';
  else if (q.groupBy.length > 0) s += ` GROUP BY ${q.groupBy.map(printExpr).join(', ')}`;
  if (q.having) s += ` HAVING ${printExpr(q.having)}`;
  if (q.windows.length > 0) {
    s += ` WINDOW ${q.windows.map((w) => `${quoteIdent(w.name)} AS ${printWindowSpec(w.spec)}`).join(', ')}`;
  }
  return s;
}

function printAlias(alias: Alias | undefined): string {
  if (!alias) return '';
  const cols = alias.columns ? `(${alias.columns.map((n) => quoteIdent(n)).join(', ')})` : '';
  return ` AS ${quoteIdent(alias.name)}${cols}`;
}

const JOIN_WORDS = { CROSS: 'CROSS JOIN', INNER: 'JOIN', LEFT: 'LEFT JOIN', RIGHT: 'RIGHT JOIN', FULL: 'FULL JOIN' };

export function printRelation(r: Relation): string {
  switch (r.kind) {
    case 'TableRef': return printQualifiedName(r.name) + printAlias(r.alias);
    case 'TableFunctionRef':
      return `${printQualifiedName(r.name)}(${r.args.map(printExpr).join(', ')})${printAlias(r.alias)}`;
    case 'SubqueryRef': return `(${printQuery(r.query)})${printAlias(r.alias)}`;
    case 'Join': {
      const right = r.right.kind === 'Join' ? `(${printRelation(r.right)})` : printRelation(r.right);
      let s = `${printRelation(r.left)} ${r.natural ? 'NATURAL ' : ''}${JOIN_WORDS[r.type]} ${right}`;
      if (r.on) s += ` ON ${printExpr(r.on)}`;
      if (r.using) s += ` USING (${r.using.map((n) => quoteIdent(n)).join(', ')})`;
      return s;
    }
  }
}
