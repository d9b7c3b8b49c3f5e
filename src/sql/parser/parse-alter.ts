/**
 * ALTER [BLOB] TABLE (sql.md §6.4):
 *
 *   ALTER [BLOB] TABLE {ONLY t | t [PARTITION '(' col = expr, … ')']} action, …
 *   action ::= SET '(' p = e, … ')' [WITH '(' … ')'] | RESET ['(' p, … ')'] [WITH '(' … ')']
 *            | ADD [COLUMN] column_definition          (ADD a int, ADD b text  or  ADD a int, b text)
 *            | DROP [COLUMN] [IF EXISTS] col            (repeatable the same way)
 *            | DROP CONSTRAINT name | RENAME [COLUMN] a TO b | RENAME TO name
 *            | ALTER [COLUMN] c SET DEFAULT e | ALTER [COLUMN] c DROP DEFAULT
 *            | OPEN | CLOSE | REROUTE …                 (REROUTE keeps its raw text)
 *
 * The statement-level `WITH (timeout = …)` after SET/RESET is accepted and ignored (a NOOP in
 * CrateDB on a single node, sql.md §6.4).
 */
import type { AlterTable, AlterTableAction } from '../ast/statement.js';
import { parseColumnDefinition } from './parse-column.js';
import { parseExpression } from './parse-expression.js';
import { parseColumnPath } from './parse-primary.js';
import { parseOptionalWith, parseProperties, parsePropertyName, parseTableWithPartition } from './parse-properties.js';
import type { TokenStream } from './token-stream.js';

const ACTION_START = ['set', 'reset', 'add', 'drop', 'rename', 'alter', 'open', 'close', 'reroute'];

export function parseAlterTable(p: TokenStream): AlterTable {
  const pos = p.expectKw('alter').start;
  const blob = p.acceptKw('blob');
  p.expectKw('table');
  const only = p.acceptKw('only');
  const table = only ? { name: p.qname() } : parseTableWithPartition(p);
  const actions = [parseAction(p)];
  while (p.acceptOp(',')) {
    const last = actions[actions.length - 1]!;
    if (!p.isAnyKw(ACTION_START) && last.kind === 'AddColumn') {
      actions.push({ kind: 'AddColumn', column: parseColumnDefinition(p, true) });
    } else if (!p.isAnyKw(ACTION_START) && last.kind === 'DropColumn') {
      actions.push(parseDropColumn(p));
    } else actions.push(parseAction(p));
  }
  return { kind: 'AlterTable', pos, blob, only, table, actions };
}

function parseAction(p: TokenStream): AlterTableAction {
  if (p.acceptKw('set')) {
    const properties = parseProperties(p);
    parseOptionalWith(p);
    return { kind: 'SetProperties', properties };
  }
  if (p.acceptKw('reset')) {
    let names: string[] = [];
    if (p.acceptOp('(')) {
      names = p.list(() => parsePropertyName(p));
      p.expectOp(')');
    }
    parseOptionalWith(p);
    return { kind: 'ResetProperties', names };
  }
  if (p.acceptKw('add')) {
    p.acceptKw('column');
    return { kind: 'AddColumn', column: parseColumnDefinition(p, true) };
  }
  if (p.acceptKw('drop')) {
    if (p.acceptKw('constraint')) return { kind: 'DropConstraint', name: p.ident() };
    p.acceptKw('column');
    return parseDropColumn(p);
  }
  if (p.acceptKw('rename')) {
    if (p.isKw('to') && !p.isKw('to', 1)) {
      p.next();
      return { kind: 'RenameTo', name: p.qname() };
    }
    p.acceptKw('column');
    const from = parseColumnPath(p);
    p.expectKw('to');
    return { kind: 'RenameColumn', from, to: parseColumnPath(p) };
  }
  if (p.acceptKw('alter')) {
    p.acceptKw('column');
    const column = parseColumnPath(p);
    if (p.acceptKw('set')) {
      p.expectKw('default');
      return { kind: 'SetDefault', column, expr: parseExpression(p) };
    }
    p.expectKws('drop', 'default');
    return { kind: 'DropDefault', column };
  }
  if (p.acceptKw('open')) return { kind: 'Open' };
  if (p.acceptKw('close')) return { kind: 'Close' };
  if (p.acceptKw('reroute')) {
    const start = p.pos;
    while (!p.atEnd()) p.next();
    if (p.pos === start) p.mismatched("{'MOVE', 'ALLOCATE', 'PROMOTE', 'CANCEL'}");
    return { kind: 'Reroute', text: p.text(start, p.prev().end) };
  }
  p.mismatched(`{${ACTION_START.map((a) => `'${a.toUpperCase()}'`).join(', ')}}`);
}

function parseDropColumn(p: TokenStream): AlterTableAction {
  let ifExists = false;
  if (p.isKw('if')) {
    p.expectKws('if', 'exists');
    ifExists = true;
  }
  return { kind: 'DropColumn', ifExists, column: parseColumnPath(p) };
}
