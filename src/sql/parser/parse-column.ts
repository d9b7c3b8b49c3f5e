/**
 * Column definitions and table elements of CREATE TABLE / ALTER TABLE ADD COLUMN /
 * OBJECT AS (…) (sql.md §6.1):
 *
 *   column_definition ::= column_name [data_type] column_constraint …
 *   column_constraint ::= [CONSTRAINT name] PRIMARY KEY | NOT NULL | NULL
 *                       | [CONSTRAINT name] DEFAULT expr
 *                       | [CONSTRAINT name] [GENERATED ALWAYS] AS {expr | '(' expr ')'}
 *                       | [CONSTRAINT name] CHECK '(' bool_expr ')'
 *                       | INDEX OFF | INDEX USING method [WITH '(' … ')']
 *                       | STORAGE WITH '(' … ')'
 *   table_element     ::= column_definition | [CONSTRAINT name] PRIMARY KEY '(' col, … ')'
 *                       | [CONSTRAINT name] CHECK '(' e ')'
 *                       | INDEX name USING method '(' col, … ')' [WITH '(' … ')']
 */
import type { ColumnConstraint, ColumnDefinition, Expression } from '../ast/expression.js';
import type { TableElement } from '../ast/statement.js';
import { parseExpression } from './parse-expression.js';
import { parseColumnPath } from './parse-primary.js';
import { parseOptionalWith, parseProperties } from './parse-properties.js';
import { parseType } from './parse-type.js';
import type { TokenStream } from './token-stream.js';

function startsConstraint(p: TokenStream): boolean {
  return p.isAnyKw(['constraint', 'null', 'default', 'as', 'index'])
    || (p.isKw('primary') && p.isKw('key', 1))
    || (p.isKw('not') && p.isKw('null', 1))
    || (p.isKw('generated') && p.isKw('always', 1))
    || (p.isKw('check') && p.isOp('(', 1))
    || (p.isKw('storage') && p.isKw('with', 1));
}

/**
 * `name [type] constraint…`; with `allowPath` the name may be a sub-column path
 * `o['a']['b']` (ALTER TABLE ADD COLUMN), giving name ['o', 'a', 'b'].
 */
export function parseColumnDefinition(p: TokenStream, allowPath: boolean): ColumnDefinition {
  const pos = p.pos;
  const name = [p.ident()];
  while (allowPath && p.isOp('[')) {
    p.next();
    const key = p.peek();
    if (key.type !== 'string') p.mismatched('string');
    p.next();
    name.push(key.value);
    p.expectOp(']');
  }
  const def: ColumnDefinition = { kind: 'ColumnDefinition', pos, name, constraints: [] };
  if (!startsConstraint(p) && !p.isOp(',') && !p.isOp(')') && !p.atEnd()) def.type = parseType(p);
  while (startsConstraint(p)) def.constraints.push(parseColumnConstraint(p));
  return def;
}

function parseColumnConstraint(p: TokenStream): ColumnConstraint {
  let name: string | undefined;
  if (p.acceptKw('constraint')) name = p.ident();
  const named = (c: ColumnConstraint): ColumnConstraint => (name === undefined ? c : { ...c, name });
  if (p.isKw('primary')) {
    p.expectKws('primary', 'key');
    return named({ kind: 'PrimaryKey' });
  }
  if (p.acceptKw('default')) return named({ kind: 'Default', expr: parseExpression(p) });
  if (p.isKw('generated') || p.isKw('as')) {
    if (p.acceptKw('generated')) p.expectKw('always');
    p.expectKw('as');
    return named({ kind: 'Generated', expr: parseExpression(p) });
  }
  if (p.isKw('check')) {
    p.next();
    return named({ kind: 'Check', expr: parseParenthesizedExpression(p) });
  }
  if (name !== undefined) p.mismatched("{'PRIMARY', 'DEFAULT', 'GENERATED', 'AS', 'CHECK'}");
  if (p.acceptKw('not')) {
    p.expectKw('null');
    return { kind: 'NotNull' };
  }
  if (p.acceptKw('null')) return { kind: 'Null' };
  if (p.acceptKw('index')) {
    if (p.acceptKw('off')) return { kind: 'IndexOff' };
    p.expectKw('using');
    const method = p.ident();
    const c: ColumnConstraint = { kind: 'IndexUsing', method };
    const props = parseOptionalWith(p);
    if (props.length > 0) c.properties = props;
    return c;
  }
  p.expectKw('storage');
  p.expectKw('with');
  return { kind: 'Storage', properties: parseProperties(p) };
}

function parseParenthesizedExpression(p: TokenStream): Expression {
  p.expectOp('(');
  const e = parseExpression(p);
  p.expectOp(')');
  return e;
}

/** `'(' column_path, … ')'` */
export function parseColumnPathList(p: TokenStream): Expression[] {
  p.expectOp('(');
  const cols = p.list(() => parseColumnPath(p));
  p.expectOp(')');
  return cols;
}

export function parseTableElement(p: TokenStream): TableElement {
  const pos = p.pos;
  let name: string | undefined;
  const startsTableConstraint = p.isKw('constraint')
    || (p.isKw('primary') && p.isKw('key', 1) && p.isOp('(', 2))
    || (p.isKw('check') && p.isOp('(', 1));
  if (startsTableConstraint) {
    if (p.acceptKw('constraint')) name = p.ident();
    const withName = <T extends object>(e: T): T => (name === undefined ? e : { ...e, name });
    if (p.isKw('check')) {
      p.next();
      return withName({ kind: 'CheckConstraint', expr: parseParenthesizedExpression(p), pos });
    }
    p.expectKws('primary', 'key');
    return withName({ kind: 'PrimaryKeyConstraint', columns: parseColumnPathList(p), pos });
  }
  if (p.acceptKw('index')) {
    const indexName = p.ident();
    p.expectKw('using');
    const method = p.ident();
    const columns = parseColumnPathList(p);
    return { kind: 'IndexDefinition', name: indexName, method, columns, properties: parseOptionalWith(p), pos };
  }
  return parseColumnDefinition(p, false);
}
