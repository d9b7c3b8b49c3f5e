/**
 * Cursor over the lexer's tokens, shared by all parse-* modules.
 *
 * Besides peek/next it offers the small vocabulary the recursive-descent functions use:
 * keyword tests (`isKw('select')`, matched on unquoted words only), operators, identifiers
 * (non-reserved words or quoted names), qualified names, and CrateDB-shaped syntax errors:
 *   `line 1:11: mismatched input 'select' expecting <EOF>`
 *   `line 1:8: no viable alternative at input 'select from'`
 *
 * PostgreSQL's spelled-out operator form `OPERATOR(pg_catalog.~)` (psql's `\d name` sends it)
 * is folded into the plain operator token when the stream is built, so every parse-* module sees
 * `~` (see `foldOperatorCalls`).
 *
 * It also guards the JS stack: `enter()`/`leave()` count the recursion depth of nested
 * expressions/queries/types and `checkChain()` the length of left-deep chains (`1+1+1…`),
 * failing with `statement is too deeply nested` past MAX_NESTING instead of overflowing.
 */
import type { ParsingException } from '../../errors/errors.js';
import { RESERVED_KEYWORDS } from '../lexer/keywords.js';
import { SourcePositions, syntaxErrorAt, tokenize, type Token } from '../lexer/lexer.js';

/** Maximum nesting of expressions / queries / types (AST depth), see module comment. */
export const MAX_NESTING = 1000;

export class TokenStream {
  readonly tokens: Token[];
  readonly positions: SourcePositions;
  i = 0;
  /** current recursion depth (see enter/leave) */
  depth = 0;
  /** first token of the clause being parsed, for `no viable alternative at input '…'` */
  clauseStart = 0;

  constructor(readonly sql: string) {
    this.positions = new SourcePositions(sql);
    this.tokens = foldOperatorCalls(tokenize(sql, this.positions));
  }

  peek(k = 0): Token {
    const idx = Math.min(this.i + k, this.tokens.length - 1);
    return this.tokens[idx]!;
  }

  next(): Token {
    const t = this.peek();
    if (t.type !== 'eof') this.i++;
    return t;
  }

  /** the most recently consumed token */
  prev(): Token {
    return this.tokens[Math.max(0, this.i - 1)]!;
  }

  get pos(): number { return this.peek().start; }

  atEnd(): boolean {
    const t = this.peek();
    return t.type === 'eof' || (t.type === 'op' && t.value === ';');
  }

  // ---- keywords and operators --------------------------------------------------------------

  isKw(word: string, k = 0): boolean {
    const t = this.peek(k);
    return t.type === 'ident' && t.value === word;
  }

  isAnyKw(words: readonly string[], k = 0): boolean {
    const t = this.peek(k);
    return t.type === 'ident' && words.includes(t.value);
  }

  acceptKw(word: string): boolean {
    if (!this.isKw(word)) return false;
    this.i++;
    return true;
  }

  expectKw(word: string): Token {
    if (!this.isKw(word)) this.mismatched(`'${word.toUpperCase()}'`);
    return this.next();
  }

  /** expect a sequence of keywords, e.g. `expectKws('primary', 'key')` */
  expectKws(...words: string[]): void {
    for (const w of words) this.expectKw(w);
  }

  isOp(op: string, k = 0): boolean {
    const t = this.peek(k);
    return t.type === 'op' && t.value === op;
  }

  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.i++;
    return true;
  }

  expectOp(op: string): Token {
    if (!this.isOp(op)) this.mismatched(`'${op}'`);
    return this.next();
  }

  // ---- identifiers -------------------------------------------------------------------------

  /** true if token k can be used as an identifier (quoted, or an unquoted non-reserved word) */
  isIdent(k = 0): boolean {
    const t = this.peek(k);
    return t.type === 'quoted' || (t.type === 'ident' && !RESERVED_KEYWORDS.has(t.value));
  }

  /** an identifier: unquoted non-reserved word (folded) or quoted name (as written) */
  ident(): string {
    const t = this.peek();
    if (this.isIdent()) {
      this.i++;
      return t.value;
    }
    this.rejectIdentifier(t);
    this.mismatched('identifier');
  }

  /** CrateDB's dedicated messages for back-quoted and digit-leading identifiers */
  rejectIdentifier(t: Token): void {
    if (t.type === 'backquoted') {
      throw this.errorAt(t, 'backquoted identifiers are not supported; use double quotes to quote identifiers');
    }
    if (t.type === 'digitIdent') {
      throw this.errorAt(t, 'identifiers must not start with a digit; surround the identifier with double quotes');
    }
  }

  /** `ident ('.' ident)*` */
  qname(): string[] {
    const parts = [this.ident()];
    while (this.isOp('.') && (this.isIdent(1) || this.peek(1).type === 'backquoted')) {
      this.i++;
      parts.push(this.ident());
    }
    return parts;
  }

  /** `'(' ident, … ')'` */
  identList(): string[] {
    this.expectOp('(');
    const names = [this.ident()];
    while (this.acceptOp(',')) names.push(this.ident());
    this.expectOp(')');
    return names;
  }

  /** comma-separated list of at least one item */
  list<T>(item: () => T): T[] {
    const items = [item()];
    while (this.acceptOp(',')) items.push(item());
    return items;
  }

  // ---- errors ------------------------------------------------------------------------------

  errorAt(t: Token, message: string): ParsingException {
    return syntaxErrorAt(this.positions, t.start, message);
  }

  /** `mismatched input 'x' expecting …` at the current token */
  mismatched(expected: string): never {
    const t = this.peek();
    this.rejectIdentifier(t);
    throw this.errorAt(t, `mismatched input '${t.text}' expecting ${expected}`);
  }

  /** `no viable alternative at input '<clause text up to the offending token>'` */
  noViable(): never {
    const t = this.peek();
    this.rejectIdentifier(t);
    const startTok = this.tokens[Math.min(this.clauseStart, this.i)]!;
    const text = t.type === 'eof'
      ? this.sql.slice(startTok.start, this.prev().end) + '<EOF>'
      : this.sql.slice(startTok.start, t.end);
    throw this.errorAt(t, `no viable alternative at input '${text}'`);
  }

  markClause(): void {
    this.clauseStart = this.i;
  }

  // ---- nesting guard -----------------------------------------------------------------------

  enter(): void {
    if (++this.depth > MAX_NESTING) this.tooDeep();
  }

  leave(): void {
    this.depth--;
  }

  /** a left-deep chain of `length` nodes below the current depth */
  checkChain(length: number): void {
    if (this.depth + length > MAX_NESTING) this.tooDeep();
  }

  tooDeep(): never {
    throw this.errorAt(this.peek(), 'statement is too deeply nested');
  }

  /** source text between two offsets */
  text(start: number, end: number): string {
    return this.sql.slice(start, end);
  }
}

/** Operators the expression parser knows; only these may appear inside `OPERATOR(…)`. */
const FOLDABLE_OPERATORS = new Set([
  '=', '<>', '!=', '<', '<=', '>', '>=', '<<', '~', '~*', '!~', '!~*',
  '&&', '||', '&', '|', '#', '+', '-', '*', '/', '%', '^',
]);

/**
 * `OPERATOR ( [schema .]… op )` → the `op` token. The sequence cannot be anything else: a
 * function argument never ends with a binary operator. Anything that does not match exactly is
 * left alone (and fails in the parser as before).
 */
function foldOperatorCalls(tokens: Token[]): Token[] {
  if (!tokens.some((t) => t.type === 'ident' && t.value === 'operator')) return tokens;
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const open = tokens[i + 1];
    if (t.type !== 'ident' || t.value !== 'operator' || open?.type !== 'op' || open.value !== '(') {
      out.push(t);
      continue;
    }
    let k = i + 2;
    while ((tokens[k]?.type === 'ident' || tokens[k]?.type === 'quoted') && tokens[k + 1]?.type === 'op' && tokens[k + 1]!.value === '.') k += 2;
    const op = tokens[k];
    const close = tokens[k + 1];
    if (op?.type === 'op' && FOLDABLE_OPERATORS.has(op.value) && close?.type === 'op' && close.value === ')') {
      out.push(op);
      i = k + 1;
    } else out.push(t);
  }
  return out;
}
