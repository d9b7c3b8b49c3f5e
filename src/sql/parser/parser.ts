/**
 * Entry point of the SQL front end: CrateDB SQL text → AST (src/sql/ast).
 *
 *   parseStatement(sql)   exactly one statement, optional trailing `;` (HTTP `_sql`, PG Parse)
 *   parseStatements(sql)  `;`-separated statements (PG simple query); empty statements skipped
 *   parseExpressionText / parseTypeText   a lone expression / data type (stored generated
 *                         column or default expressions, tests)
 *
 * Errors are ParsingException with CrateDB's message shape and a 0-based `position`:
 *   `select 1; select 2` → `line 1:11: mismatched input 'select' expecting <EOF>`
 * The parser never overflows the JS stack: nesting beyond MAX_NESTING (token-stream.ts) is
 * `statement is too deeply nested`, and a RangeError from the engine is mapped to the same.
 */
import { ParsingException } from '../../errors/errors.js';
import type { Expression, TypeRef } from '../ast/expression.js';
import type { Statement } from '../ast/statement.js';
import { parseAlterTable } from './parse-alter.js';
import { parseCopy } from './parse-copy.js';
import { parseCreateSchema, parseCreateTable, parseCreateView, parseDrop } from './parse-ddl.js';
import { parseDelete, parseInsert, parseUpdate } from './parse-dml.js';
import { parseExpression } from './parse-expression.js';
import { isQueryAhead, parseQuery } from './parse-query.js';
import { parseReset, parseSet, parseShow, parseTransaction } from './parse-session.js';
import { parseType } from './parse-type.js';
import { parseUnsupported, unsupportedStatementName } from './parse-unsupported.js';
import {
  parseAnalyze, parseDeallocate, parseDiscard, parseExplain, parseKill, parseOptimize, parseRefresh,
} from './parse-utility.js';
import { TokenStream } from './token-stream.js';

const STATEMENT_START = "{'SELECT', 'DEALLOCATE', 'FETCH', 'END', 'WITH', 'CREATE', 'ALTER', 'KILL', "
  + "'CLOSE', 'BEGIN', 'START', 'COMMIT', 'ANALYZE', 'DISCARD', 'EXPLAIN', 'SHOW', 'OPTIMIZE', "
  + "'REFRESH', 'RESTORE', 'DROP', 'INSERT', 'VALUES', 'DELETE', 'UPDATE', 'SET', 'RESET', 'COPY', "
  + "'GRANT', 'DENY', 'REVOKE', 'DECLARE'}";

/** Parses exactly one statement; a trailing `;` is allowed. */
export function parseStatement(sql: string): Statement {
  return guarded((p) => {
    const stmt = parseStatementBody(p);
    while (p.acceptOp(';'));
    if (p.peek().type !== 'eof') p.mismatched('<EOF>');
    return stmt;
  }, sql);
}

/** Parses `;`-separated statements; returns [] for empty input or only `;`/comments. */
export function parseStatements(sql: string): Statement[] {
  return parseStatementsWithText(sql).map((s) => s.statement);
}

/** Like parseStatements, with each statement's source text (without the `;`). */
export function parseStatementsWithText(sql: string): { statement: Statement; text: string }[] {
  return guarded((p) => {
    const out: { statement: Statement; text: string }[] = [];
    for (;;) {
      while (p.acceptOp(';'));
      if (p.peek().type === 'eof') return out;
      const start = p.pos;
      const statement = parseStatementBody(p);
      out.push({ statement, text: p.text(start, p.prev().end) });
      if (!p.atEnd()) p.mismatched("{<EOF>, ';'}");
    }
  }, sql);
}

/** Parses a lone expression, e.g. a stored generated-column expression. */
export function parseExpressionText(sql: string): Expression {
  return guarded((p) => {
    const e = parseExpression(p);
    if (p.peek().type !== 'eof') p.mismatched('<EOF>');
    return e;
  }, sql);
}

/** Parses a lone data type, e.g. `timestamp with time zone` or `array(object(strict))`. */
export function parseTypeText(sql: string): TypeRef {
  return guarded((p) => {
    const t = parseType(p);
    if (p.peek().type !== 'eof') p.mismatched('<EOF>');
    return t;
  }, sql);
}

function guarded<T>(fn: (p: TokenStream) => T, sql: string): T {
  const p = new TokenStream(sql);
  try {
    return fn(p);
  } catch (e) {
    // belt and braces: the nesting guard should fire first, but never let a stack overflow escape
    if (e instanceof RangeError) {
      throw new ParsingException(`line 1:1: statement is too deeply nested`, 0);
    }
    throw e;
  }
}

function parseStatementBody(p: TokenStream): Statement {
  p.markClause();
  const unsupported = unsupportedStatementName(p);
  if (unsupported) return parseUnsupported(p, unsupported);
  const t = p.peek();
  if (isQueryAhead(p)) return { kind: 'Select', pos: t.start, query: parseQuery(p) };
  if (t.type !== 'ident') p.mismatched(STATEMENT_START);
  switch (t.value) {
    case 'insert': return parseInsert(p);
    case 'update': return parseUpdate(p);
    case 'delete': return parseDelete(p);
    case 'create': return parseCreate(p);
    case 'drop': return parseDrop(p);
    case 'alter':
      if (p.isKw('table', 1) || (p.isKw('blob', 1) && p.isKw('table', 2))) return parseAlterTable(p);
      p.next();
      return p.mismatched("{'TABLE', 'BLOB', 'USER', 'ROLE', 'CLUSTER'}");
    case 'set': return parseSet(p);
    case 'reset': return parseReset(p);
    case 'show': return parseShow(p);
    case 'begin': case 'start': case 'commit': case 'end': case 'rollback': return parseTransaction(p);
    case 'refresh': return parseRefresh(p);
    case 'optimize': return parseOptimize(p);
    case 'analyze': return parseAnalyze(p);
    case 'explain': return parseExplain(p, parseStatementBody);
    case 'deallocate': return parseDeallocate(p);
    case 'discard': return parseDiscard(p);
    case 'kill': return parseKill(p);
    case 'copy': return parseCopy(p);
    default: return p.mismatched(STATEMENT_START);
  }
}

function parseCreate(p: TokenStream): Statement {
  if (p.isKw('table', 1)) return parseCreateTable(p);
  if (p.isKw('view', 1) || (p.isKw('or', 1) && p.isKw('replace', 2) && p.isKw('view', 3))) return parseCreateView(p);
  if (p.isKw('schema', 1)) return parseCreateSchema(p);
  p.next();
  return p.mismatched("{'TABLE', 'VIEW', 'SCHEMA', 'OR', 'BLOB', 'USER', 'ROLE', 'FUNCTION', 'ANALYZER', 'REPOSITORY', 'SNAPSHOT'}");
}
