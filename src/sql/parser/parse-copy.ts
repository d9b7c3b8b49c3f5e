/**
 * COPY FROM / COPY TO (copy.md §1.1, §2.1):
 *
 *   COPY t [PARTITION (c = v, …)] ['(' col, … ')'] FROM expr [WITH (…)] [RETURN SUMMARY]
 *   COPY t [PARTITION (c = v, …)] ['(' col_path, … ')'] [WHERE e] TO [DIRECTORY] expr [WITH (…)]
 *
 * PARTITION may come before or after the column list (the grammar and the reference page
 * disagree; copy.md says accept both). COPY FROM columns must be plain top-level names.
 * A missing DIRECTORY is not a syntax error: the analyzer reports CrateDB's
 * "Using COPY TO without specifying a DIRECTORY is not supported".
 */
import type { Expression, GenericProperty } from '../ast/expression.js';
import type { CopyFrom, CopyTo, TableWithPartition } from '../ast/statement.js';
import { parseExpression } from './parse-expression.js';
import { parseColumnPath } from './parse-primary.js';
import { parseOptionalWith, parsePartition } from './parse-properties.js';
import type { TokenStream } from './token-stream.js';

export function parseCopy(p: TokenStream): CopyFrom | CopyTo {
  const pos = p.expectKw('copy').start;
  const table: TableWithPartition = { name: p.qname() };
  const acceptPartition = () => {
    if (!table.partition && p.isKw('partition') && p.isOp('(', 1)) table.partition = parsePartition(p);
  };
  acceptPartition();
  let columns: Expression[] | undefined;
  if (p.acceptOp('(')) {
    columns = p.list(() => parseColumnPath(p));
    p.expectOp(')');
  }
  acceptPartition();
  if (p.acceptKw('from')) {
    const copy: CopyFrom = { kind: 'CopyFrom', pos, table, uri: parseExpression(p), with: [], returnSummary: false };
    if (columns) copy.columns = columns.map((c) => plainColumnName(p, c));
    copy.with = parseOptionalWith(p);
    if (p.acceptKw('return')) {
      p.expectKw('summary');
      copy.returnSummary = true;
    }
    return copy;
  }
  let where: Expression | undefined;
  if (p.isKw('where')) {
    p.markClause();
    p.next();
    where = parseExpression(p);
  }
  if (!p.isKw('to')) p.mismatched(where || columns ? "'TO'" : "{'FROM', 'TO'}");
  p.next();
  const directory = p.acceptKw('directory');
  const uri = parseExpression(p);
  const withProps: GenericProperty[] = parseOptionalWith(p);
  const copy: CopyTo = { kind: 'CopyTo', pos, table, directory, uri, with: withProps };
  if (columns) copy.columns = columns;
  if (where) copy.where = where;
  return copy;
}

function plainColumnName(p: TokenStream, e: Expression): string {
  if (e.kind === 'ColumnRef' && e.parts.length === 1) return e.parts[0]!;
  const t = p.tokens.find((tok) => tok.start === e.pos) ?? p.peek();
  throw p.errorAt(t, 'COPY FROM column list must contain plain column names');
}
