/**
 * COPY FROM / COPY TO (copy.md §1.1, §2.1), plus PostgreSQL's client-side forms:
 *
 *   COPY t [PARTITION (c = v, …)] ['(' col, … ')'] FROM {expr | STDIN} [WITH (…)] [RETURN SUMMARY]
 *   COPY t [PARTITION (c = v, …)] ['(' col_path, … ')'] [WHERE e] TO [DIRECTORY] {expr | STDOUT} [WITH (…)]
 *   COPY '(' query ')' TO STDOUT [WITH (…)]
 *
 * PARTITION may come before or after the column list (the grammar and the reference page
 * disagree; copy.md says accept both). COPY FROM columns must be plain top-level names.
 * A missing DIRECTORY is not a syntax error: the analyzer reports CrateDB's
 * "Using COPY TO without specifying a DIRECTORY is not supported".
 *
 * Options: CrateDB's `WITH (name = value, …)`, and PostgreSQL's `WITH (FORMAT csv, HEADER,
 * FORCE_QUOTE (a, b))` (no `=`, value optional) and its legacy options after STDIN/STDOUT
 * (`[WITH] CSV HEADER DELIMITER [AS] ',' NULL [AS] '' QUOTE … ESCAPE … FORCE NOT NULL a, b`,
 * what psql's `\copy` passes on). All become `name = value` properties with lower-case names:
 * a bare name is `true`, a column list an array of names, `*` the string '*'.
 */
import type { Expression, GenericProperty } from '../ast/expression.js';
import type { CopyFrom, CopyTo, TableWithPartition } from '../ast/statement.js';
import { parseExpression } from './parse-expression.js';
import { parseColumnPath } from './parse-primary.js';
import { parsePartition, parsePropertyName, parsePropertyValue } from './parse-properties.js';
import { parseQuery } from './parse-query.js';
import type { TokenStream } from './token-stream.js';

export function parseCopy(p: TokenStream): CopyFrom | CopyTo {
  const pos = p.expectKw('copy').start;
  if (p.acceptOp('(')) {
    const query = parseQuery(p);
    p.expectOp(')');
    p.expectKw('to');
    if (!isStdio(p, 'stdout')) p.mismatched("'STDOUT'");
    p.next();
    return { kind: 'CopyTo', pos, query, directory: false, uri: 'STDOUT', with: parseCopyOptions(p, true) };
  }
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
    const stdin = isStdio(p, 'stdin');
    if (stdin) p.next();
    const copy: CopyFrom = { kind: 'CopyFrom', pos, table, uri: stdin ? 'STDIN' : parseExpression(p), with: [], returnSummary: false };
    if (columns) copy.columns = columns.map((c) => plainColumnName(p, c));
    copy.with = parseCopyOptions(p, stdin);
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
  const stdout = !directory && isStdio(p, 'stdout');
  if (stdout) p.next();
  const uri = stdout ? 'STDOUT' : parseExpression(p);
  const copy: CopyTo = { kind: 'CopyTo', pos, table, directory, uri, with: parseCopyOptions(p, stdout) };
  if (columns) copy.columns = columns;
  if (where) copy.where = where;
  return copy;
}

/** an unquoted STDIN / STDOUT word (a quoted "stdin" stays a column reference) */
function isStdio(p: TokenStream, word: 'stdin' | 'stdout'): boolean {
  return p.isKw(word);
}

function plainColumnName(p: TokenStream, e: Expression): string {
  if (e.kind === 'ColumnRef' && e.parts.length === 1) return e.parts[0]!;
  const t = p.tokens.find((tok) => tok.start === e.pos) ?? p.peek();
  throw p.errorAt(t, 'COPY FROM column list must contain plain column names');
}

const bool = (pos: number, value = true): Expression => ({ kind: 'Literal', pos, type: 'boolean', value });
const str = (pos: number, value: string): Expression => ({ kind: 'Literal', pos, type: 'string', value });

/** `WITH (…)`; with `legacy` (after STDIN/STDOUT) also PostgreSQL's unparenthesised options */
function parseCopyOptions(p: TokenStream, legacy: boolean): GenericProperty[] {
  const withKw = p.acceptKw('with');
  if (p.isOp('(')) {
    p.next();
    if (p.acceptOp(')')) return [];
    const props = p.list(() => parseCopyOption(p));
    p.expectOp(')');
    return props;
  }
  if (!legacy) {
    if (withKw) p.mismatched("'('");
    return [];
  }
  const props: GenericProperty[] = [];
  for (;;) {
    const pos = p.pos;
    if (p.acceptKw('binary')) props.push({ name: 'format', value: str(pos, 'binary') });
    else if (p.acceptKw('csv')) props.push({ name: 'format', value: str(pos, 'csv') });
    else if (p.acceptKw('header')) props.push({ name: 'header', value: bool(pos) });
    else if (p.acceptKw('oids')) props.push({ name: 'oids', value: bool(pos) });
    else if (p.isAnyKw(['delimiter', 'null', 'quote', 'escape', 'encoding'])) {
      const name = p.next().value;
      p.acceptKw('as');
      props.push({ name, value: parseExpression(p) });
    } else if (p.acceptKw('force')) {
      let name = 'force_quote';
      if (p.acceptKw('not')) {
        p.expectKw('null');
        name = 'force_not_null';
      } else if (p.acceptKw('null')) {
        name = 'force_null';
      } else {
        p.expectKw('quote');
      }
      props.push({ name, value: p.acceptOp('*') ? str(pos, '*') : columnList(p, pos) });
    } else break;
  }
  if (withKw && props.length === 0) p.mismatched("'('");
  return props;
}

/** `name [=] [value]`: PostgreSQL allows the value to be left out (= true) and omits `=` */
function parseCopyOption(p: TokenStream): GenericProperty {
  const pos = p.pos;
  const name = p.peek().type === 'ident' ? p.next().value : parsePropertyName(p);
  if (p.acceptOp('=')) return { name, value: parsePropertyValue(p) };
  if (p.isOp(',') || p.isOp(')')) return { name, value: bool(pos) };
  if (p.acceptOp('*')) return { name, value: str(pos, '*') };
  if (p.isOp('(')) {
    p.next();
    const list = columnList(p, pos);
    p.expectOp(')');
    return { name, value: list };
  }
  return { name, value: parsePropertyValue(p) };
}

function columnList(p: TokenStream, pos: number): Expression {
  return { kind: 'ArrayLiteral', pos, elements: p.list(() => str(p.pos, p.ident())) };
}
