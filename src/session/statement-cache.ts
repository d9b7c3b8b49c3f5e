/**
 * Parsed statements by their SQL text. Drivers send the same texts over and over (`SELECT 1`
 * health checks, prepared INSERTs, catalog queries); parsing them once saves the lexer and the
 * parser on every later round trip. ASTs are never modified after parsing, so one tree is
 * shared by every session. Long texts (multi-row VALUES, inlined data) are not kept.
 */
import type { Statement } from '../sql/ast/index.js';
import { parseStatement, parseStatementsWithText } from '../sql/parser/parser.js';
import { Lru } from './lru.js';

const MAX_ENTRIES = 1000;
const MAX_TEXT_LENGTH = 8192;

const single = new Lru<Statement>(MAX_ENTRIES);
const multi = new Lru<{ statement: Statement; text: string }[]>(MAX_ENTRIES);

function cached<V>(lru: Lru<V>, sql: string, parse: (sql: string) => V): V {
  if (sql.length > MAX_TEXT_LENGTH) return parse(sql);
  let v = lru.get(sql);
  if (v === undefined) {
    v = parse(sql);
    lru.set(sql, v);
  }
  return v;
}

/** parseStatement, cached by text (errors are not cached: they are thrown again each time) */
export const parseCached = (sql: string): Statement => cached(single, sql, parseStatement);

/** parseStatementsWithText, cached by text */
export const parseManyCached = (sql: string): { statement: Statement; text: string }[] => cached(multi, sql, parseStatementsWithText);
