/**
 * INSERT, UPDATE and DELETE (sql.md §5):
 *
 *   INSERT INTO t ['(' col, … ')'] {VALUES '(' {expr | DEFAULT}, … ')', … | query | '(' query ')'}
 *     [ON CONFLICT ['(' target, … ')'] DO NOTHING | ON CONFLICT '(' target, … ')' DO UPDATE SET a = e, …]
 *     [RETURNING item, …]
 *   UPDATE t [[AS] alias] SET target = expr, … [WHERE e] [RETURNING item, …]
 *   DELETE FROM t [[AS] alias] [WHERE e]
 *
 * DELETE has no RETURNING in CrateDB: `DELETE FROM t RETURNING *` fails like there (the word
 * `returning` is taken as the alias and `*` is then unexpected).
 */
import type { Expression } from '../ast/expression.js';
import type { Query } from '../ast/query.js';
import type { Assignment, Delete, Insert, Update } from '../ast/statement.js';
import { parseExpression } from './parse-expression.js';
import { parseColumnPath } from './parse-primary.js';
import { isAliasAhead, isQueryAhead, parseQuery, parseSelectItems, parseValues } from './parse-query.js';
import type { TokenStream } from './token-stream.js';

export function parseInsert(p: TokenStream): Insert {
  const pos = p.expectKw('insert').start;
  p.expectKw('into');
  const table = p.qname();
  const columns = p.isOp('(') && !isQueryAhead(p, 1) ? p.identList() : undefined;
  const insert: Insert = { kind: 'Insert', pos, table, source: parseInsertSource(p) };
  if (columns) insert.columns = columns;
  if (p.isKw('on') && p.isKw('conflict', 1)) {
    p.i += 2;
    const targets: Expression[] = [];
    if (p.acceptOp('(')) {
      targets.push(...p.list(() => parseColumnPath(p)));
      p.expectOp(')');
    }
    if (targets.length === 0 && p.isKw('do') && p.isKw('update', 1)) p.mismatched("'('");
    p.expectKw('do');
    if (p.acceptKw('nothing')) insert.onConflict = { columns: targets, action: 'NOTHING' };
    else {
      p.expectKw('update');
      p.expectKw('set');
      insert.onConflict = { columns: targets, action: 'UPDATE', assignments: parseAssignments(p) };
    }
  }
  if (p.acceptKw('returning')) insert.returning = parseSelectItems(p);
  return insert;
}

function parseInsertSource(p: TokenStream): Query {
  if (p.isKw('values')) {
    const body = parseValues(p, true);
    return { kind: 'Query', pos: body.pos, with: [], body, orderBy: [] };
  }
  if (isQueryAhead(p)) return parseQuery(p);
  p.mismatched("{'SELECT', 'VALUES', 'WITH', '('}");
}

/** `target = expr, …` where target is a column path (`o['a']['b']`, `excluded.x` on the right) */
export function parseAssignments(p: TokenStream): Assignment[] {
  p.markClause();
  return p.list(() => {
    const target = parseColumnPath(p);
    p.expectOp('=');
    return { target, value: parseExpression(p) };
  });
}

function parseOptionalAlias(p: TokenStream): string | undefined {
  if (p.acceptKw('as') || isAliasAhead(p)) return p.ident();
  return undefined;
}

export function parseUpdate(p: TokenStream): Update {
  const pos = p.expectKw('update').start;
  const table = p.qname();
  const update: Update = { kind: 'Update', pos, table, assignments: [] };
  const alias = parseOptionalAlias(p);
  if (alias !== undefined) update.alias = alias;
  p.expectKw('set');
  update.assignments = parseAssignments(p);
  if (p.isKw('where')) {
    p.markClause();
    p.next();
    update.where = parseExpression(p);
  }
  if (p.acceptKw('returning')) update.returning = parseSelectItems(p);
  return update;
}

export function parseDelete(p: TokenStream): Delete {
  const pos = p.expectKw('delete').start;
  p.expectKw('from');
  const del: Delete = { kind: 'Delete', pos, table: p.qname() };
  const alias = parseOptionalAlias(p);
  if (alias !== undefined) del.alias = alias;
  if (p.isKw('where')) {
    p.markClause();
    p.next();
    del.where = parseExpression(p);
  }
  return del;
}
