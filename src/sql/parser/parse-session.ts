/**
 * Session and transaction statements (sql.md §8.1–§8.3, §8.9):
 *
 *   SET [SESSION | LOCAL] name {TO | =} {DEFAULT | value, …}     value: string, number, ident, ON, TRUE, FALSE
 *   SET [SESSION | LOCAL] TIME ZONE {LOCAL | DEFAULT | value}     → SetSession name 'timezone'
 *   SET [SESSION CHARACTERISTICS AS] TRANSACTION mode, …         → SetTransaction
 *   SET GLOBAL [PERSISTENT | TRANSIENT] name {= | TO} value, …
 *   RESET GLOBAL name, …  |  RESET {name | ALL}
 *   SHOW {name | ALL | TIME ZONE | TRANSACTION ISOLATION LEVEL | TRANSACTION_ISOLATION}
 *   SHOW TABLES [{FROM | IN} s] [LIKE 'p' | WHERE e]
 *   SHOW SCHEMAS [LIKE 'p' | WHERE e]
 *   SHOW COLUMNS {FROM | IN} t [{FROM | IN} s] [LIKE 'p' | WHERE e]
 *   SHOW CREATE TABLE t
 *   BEGIN [WORK | TRANSACTION] [mode …] | START TRANSACTION [mode …]
 *   COMMIT | END | ROLLBACK [WORK | TRANSACTION]
 *
 * Identifier values of SET become string literals (`SET search_path TO doc, x` →
 * ['doc', 'x']); transaction modes are kept as upper-case strings ('ISOLATION LEVEL
 * READ COMMITTED', 'READ ONLY', 'NOT DEFERRABLE', …).
 */
import type { Expression } from '../ast/expression.js';
import type { Statement } from '../ast/statement.js';
import { parseExpression } from './parse-expression.js';
import { parseProperty, parsePropertyName } from './parse-properties.js';
import type { TokenStream } from './token-stream.js';

const isAssign = (p: TokenStream, k: number) => p.isOp('=', k) || p.isKw('to', k);

export function parseSet(p: TokenStream): Statement {
  const pos = p.expectKw('set').start;
  if (p.isKw('global') && !isAssign(p, 1)) {
    p.next();
    let persistent = false;
    if (p.acceptKw('persistent')) persistent = true;
    else p.acceptKw('transient');
    return { kind: 'SetGlobal', pos, persistent, properties: p.list(() => parseProperty(p, true)) };
  }
  if (p.isKw('session') && p.isKw('characteristics', 1)) {
    p.i += 2;
    p.expectKws('as', 'transaction');
    return { kind: 'SetTransaction', pos, modes: parseTransactionModes(p, true) };
  }
  if (p.isKw('transaction') && !isAssign(p, 1)) {
    p.next();
    return { kind: 'SetTransaction', pos, modes: parseTransactionModes(p, true) };
  }
  let scope: 'SESSION' | 'LOCAL' = 'SESSION';
  if (p.isAnyKw(['session', 'local']) && !isAssign(p, 1)) scope = p.next().value === 'local' ? 'LOCAL' : 'SESSION';
  if (p.isKw('time') && p.isKw('zone', 1)) {
    p.i += 2;
    if (p.acceptKw('local') || p.acceptKw('default')) return { kind: 'SetSession', pos, scope, name: 'timezone', values: 'DEFAULT' };
    return { kind: 'SetSession', pos, scope, name: 'timezone', values: [parseSetValue(p)] };
  }
  const name = parsePropertyName(p);
  if (!p.acceptKw('to')) p.expectOp('=');
  if (p.acceptKw('default')) return { kind: 'SetSession', pos, scope, name, values: 'DEFAULT' };
  return { kind: 'SetSession', pos, scope, name, values: p.list(() => parseSetValue(p)) };
}

/** string | number | ident | ON | TRUE | FALSE; identifiers (and ON) become string literals */
function parseSetValue(p: TokenStream): Expression {
  const t = p.peek();
  if (t.type === 'quoted' || (t.type === 'ident' && (p.isIdent() || t.value === 'on'))) {
    p.next();
    return { kind: 'Literal', pos: t.start, type: 'string', value: t.value };
  }
  return parseExpression(p);
}

const ISOLATION_LEVELS: [string[], string][] = [
  [['serializable'], 'SERIALIZABLE'], [['repeatable', 'read'], 'REPEATABLE READ'],
  [['read', 'committed'], 'READ COMMITTED'], [['read', 'uncommitted'], 'READ UNCOMMITTED'],
];

function acceptWords(p: TokenStream, words: string[]): boolean {
  if (!words.every((w, k) => p.isKw(w, k))) return false;
  p.i += words.length;
  return true;
}

function acceptTransactionMode(p: TokenStream): string | undefined {
  if (acceptWords(p, ['isolation', 'level'])) {
    const level = ISOLATION_LEVELS.find(([words]) => acceptWords(p, words));
    if (!level) p.mismatched("{'SERIALIZABLE', 'REPEATABLE', 'READ'}");
    return `ISOLATION LEVEL ${level[1]}`;
  }
  if (acceptWords(p, ['read', 'write'])) return 'READ WRITE';
  if (acceptWords(p, ['read', 'only'])) return 'READ ONLY';
  if (acceptWords(p, ['deferrable'])) return 'DEFERRABLE';
  if (acceptWords(p, ['not', 'deferrable'])) return 'NOT DEFERRABLE';
  return undefined;
}

/** transaction modes, separated by optional commas */
function parseTransactionModes(p: TokenStream, required: boolean): string[] {
  const expected = "{'ISOLATION', 'READ', 'DEFERRABLE', 'NOT'}";
  const modes: string[] = [];
  for (let mode = acceptTransactionMode(p); mode !== undefined; mode = acceptTransactionMode(p)) {
    modes.push(mode);
    if (p.acceptOp(',') && !p.isAnyKw(['isolation', 'read', 'deferrable', 'not'])) p.mismatched(expected);
  }
  if (required && modes.length === 0) p.mismatched(expected);
  return modes;
}

export function parseReset(p: TokenStream): Statement {
  const pos = p.expectKw('reset').start;
  if (p.acceptKw('global')) return { kind: 'ResetGlobal', pos, names: p.list(() => parsePropertyName(p)) };
  if (p.acceptKw('all')) return { kind: 'ResetSession', pos, name: 'ALL' };
  return { kind: 'ResetSession', pos, name: parsePropertyName(p) };
}

function parseLikeOrWhere(p: TokenStream, into: { like?: string; where?: Expression }): void {
  if (p.acceptKw('like')) {
    const t = p.peek();
    if (t.type !== 'string') p.mismatched('string');
    into.like = p.next().value;
  } else if (p.isKw('where')) {
    p.markClause();
    p.next();
    into.where = parseExpression(p);
  }
}

export function parseShow(p: TokenStream): Statement {
  const pos = p.expectKw('show').start;
  if (p.isKw('transaction') && p.isKw('isolation', 1)) {
    p.expectKws('transaction', 'isolation', 'level');
    return { kind: 'ShowTransactionIsolation', pos };
  }
  if (p.acceptKw('transaction_isolation')) return { kind: 'ShowTransactionIsolation', pos };
  if (p.isKw('create')) {
    p.expectKws('create', 'table');
    return { kind: 'ShowCreateTable', pos, table: p.qname() };
  }
  if (p.acceptKw('tables')) {
    const stmt: Statement & { kind: 'ShowTables' } = { kind: 'ShowTables', pos };
    if (p.acceptKw('from') || p.acceptKw('in')) stmt.schema = p.ident();
    parseLikeOrWhere(p, stmt);
    return stmt;
  }
  if (p.acceptKw('schemas')) {
    const stmt: Statement & { kind: 'ShowSchemas' } = { kind: 'ShowSchemas', pos };
    parseLikeOrWhere(p, stmt);
    return stmt;
  }
  if (p.acceptKw('columns')) {
    if (!p.acceptKw('from')) p.expectKw('in');
    const stmt: Statement & { kind: 'ShowColumns' } = { kind: 'ShowColumns', pos, table: p.qname() };
    if (p.acceptKw('from') || p.acceptKw('in')) stmt.schema = p.ident();
    parseLikeOrWhere(p, stmt);
    return stmt;
  }
  if (p.acceptKw('all')) return { kind: 'ShowSetting', pos, name: 'ALL' };
  if (p.isKw('time') && p.isKw('zone', 1)) {
    p.i += 2;
    return { kind: 'ShowSetting', pos, name: 'timezone' };
  }
  return { kind: 'ShowSetting', pos, name: parsePropertyName(p) };
}

/** BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK */
export function parseTransaction(p: TokenStream): Statement {
  const t = p.next();
  const pos = t.start;
  switch (t.value) {
    case 'begin':
      if (!p.acceptKw('work')) p.acceptKw('transaction');
      parseTransactionModes(p, false);
      return { kind: 'Begin', pos };
    case 'start':
      p.expectKw('transaction');
      parseTransactionModes(p, false);
      return { kind: 'Begin', pos };
    default:
      if (!p.acceptKw('work')) p.acceptKw('transaction');
      return t.value === 'rollback' ? { kind: 'Rollback', pos } : { kind: 'Commit', pos };
  }
}
