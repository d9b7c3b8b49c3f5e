/**
 * Lexer for the CrateDB SQL dialect (sql.md §1).
 *
 * In: the statement text (possibly several `;`-separated statements).
 * Out: an array of tokens ending with one `eof` token; every token knows its 0-based start/end
 * offsets, its 1-based line and its 0-based column.
 *
 * - Unquoted words become `ident` tokens with the value folded to lower case; keywords are
 *   recognised by the parser (see keywords.ts).
 * - `"x"` → `quoted` (case kept, `""` unescaped); `` `x` `` → `backquoted` (the parser rejects it).
 * - `'…'`, `E'…'` (backslash escapes), `$tag$…$tag$` → `string` with the decoded value.
 * - `B'0101'` → `bitString`; numbers → `integer` / `decimal` (underscores removed);
 *   `1abc` → `digitIdent` (rejected by the parser, like CrateDB).
 * - `?` and `$n` → `param`; `?` is numbered 1, 2, … per statement (reset after each `;`).
 *
 * Lexical errors throw ParsingException with CrateDB's `line L:C: …` prefix.
 */
import { ParsingException } from '../../errors/errors.js';

export type TokenType =
  | 'ident' | 'quoted' | 'backquoted' | 'digitIdent' | 'string' | 'bitString' | 'integer'
  | 'decimal' | 'param' | 'op' | 'eof';

export interface Token {
  type: TokenType;
  /** folded identifier, decoded string, digits without `_`, operator text */
  value: string;
  /** exact source text */
  text: string;
  start: number;
  end: number;
  /** 1-based */
  line: number;
  /** 0-based, like ANTLR's charPositionInLine */
  column: number;
  /** 1-based parameter number for `param` tokens */
  paramIndex?: number;
}

/** Operators, longest first so that the first match is the longest one. */
const OPERATORS = [
  '!~*', '::', '||', '&&', '<<', '<=', '>=', '<>', '!=', '~*', '!~',
  '(', ')', '[', ']', '{', '}', ',', ';', '.', ':', '+', '-', '*', '/', '%', '^', '=', '<', '>',
  '~', '&', '|', '#',
];

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isLetter = (c: string | undefined) =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isIdentStart = (c: string | undefined) => isLetter(c) || c === '_';
const isIdentPart = (c: string | undefined) => isIdentStart(c) || isDigit(c) || c === '@';
const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/** Maps offsets to line/column. */
export class SourcePositions {
  private readonly lineStarts: number[] = [0];
  constructor(readonly sql: string) {
    for (let i = sql.indexOf('\n'); i >= 0; i = sql.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }
  /** 1-based line, 0-based column */
  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! };
  }
}

/**
 * A ParsingException whose message carries CrateDB's `line L:C: ` prefix. CrateDB prints the
 * column 1-based (ANTLR's 0-based charPositionInLine + 1): `select 1; select 2` fails at `1:11`.
 */
export function syntaxErrorAt(positions: SourcePositions, offset: number, message: string): ParsingException {
  const { line, column } = positions.at(offset);
  return new ParsingException(`line ${line}:${column + 1}: ${message}`, offset);
}

export function tokenize(sql: string, positions = new SourcePositions(sql)): Token[] {
  return new Lexer(sql, positions).run();
}

class Lexer {
  private i = 0;
  private paramCounter = 0;
  private readonly tokens: Token[] = [];

  constructor(private readonly sql: string, private readonly positions: SourcePositions) {}

  run(): Token[] {
    const s = this.sql;
    while (true) {
      this.skipTrivia();
      if (this.i >= s.length) break;
      const start = this.i;
      const c = s[start]!;
      const next = s[start + 1];
      if ((c === 'e' || c === 'E') && next === "'") this.escapeString(start);
      else if ((c === 'b' || c === 'B') && next === "'") this.bitString(start);
      else if (isIdentStart(c)) this.word(start);
      else if (isDigit(c) || (c === '.' && isDigit(next))) this.number(start);
      else if (c === '"') this.quotedIdent(start, '"', 'quoted');
      else if (c === '`') this.quotedIdent(start, '`', 'backquoted');
      else if (c === "'") this.plainString(start);
      else if (c === '$') this.dollar(start);
      else if (c === '?') {
        this.i++;
        this.push('param', '?', start, ++this.paramCounter);
      } else this.operator(start);
    }
    this.push('eof', '<EOF>', s.length);
    return this.tokens;
  }

  private push(type: TokenType, value: string, start: number, paramIndex?: number): void {
    const { line, column } = this.positions.at(start);
    const end = type === 'eof' ? start : this.i;
    const token: Token = { type, value, text: type === 'eof' ? '<EOF>' : this.sql.slice(start, end), start, end, line, column };
    if (paramIndex !== undefined) token.paramIndex = paramIndex;
    this.tokens.push(token);
  }

  private fail(offset: number, message: string): never {
    throw syntaxErrorAt(this.positions, offset, message);
  }

  private recognitionError(start: number, end = this.sql.length): never {
    this.fail(start, `token recognition error at: '${this.sql.slice(start, end)}'`);
  }

  private skipTrivia(): void {
    const s = this.sql;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') this.i++;
      else if (c === '-' && s[this.i + 1] === '-') {
        const nl = s.indexOf('\n', this.i);
        this.i = nl < 0 ? s.length : nl + 1;
      } else if (c === '/' && s[this.i + 1] === '*') {
        const close = s.indexOf('*/', this.i + 2);
        if (close < 0) this.recognitionError(this.i);
        this.i = close + 2;
      } else break;
    }
  }

  private word(start: number): void {
    const s = this.sql;
    let j = start + 1;
    while (isIdentPart(s[j])) j++;
    this.i = j;
    this.push('ident', s.slice(start, j).toLowerCase(), start);
  }

  /** `"…"` or `` `…` `` with the delimiter doubled as escape. */
  private quotedIdent(start: number, quote: string, type: 'quoted' | 'backquoted'): void {
    const [value, end] = this.delimited(start, start + 1, quote);
    this.i = end;
    this.push(type, value, start);
  }

  /** `'…'` with `''` as an embedded quote; backslashes are literal. */
  private plainString(start: number): void {
    const [value, end] = this.delimited(start, start + 1, "'");
    this.i = end;
    this.push('string', value, start);
  }

  /** text from `from` up to the closing `quote` (doubled quotes unescaped); returns [value, end] */
  private delimited(start: number, from: number, quote: string): [string, number] {
    const s = this.sql;
    let value = '';
    let j = from;
    for (;;) {
      const close = s.indexOf(quote, j);
      if (close < 0) this.recognitionError(start);
      value += s.slice(j, close);
      if (s[close + 1] !== quote) return [value, close + 1];
      value += quote;
      j = close + 2;
    }
  }

  /** `E'…'`: C-style escapes (sql.md §1). */
  private escapeString(start: number): void {
    const s = this.sql;
    let j = start + 2;
    let value = '';
    while (true) {
      if (j >= s.length) this.recognitionError(start);
      const c = s[j]!;
      if (c === "'") {
        if (s[j + 1] === "'") { value += "'"; j += 2; continue; }
        break;
      }
      if (c !== '\\') { value += c; j++; continue; }
      const e = s[j + 1];
      if (e === undefined) this.recognitionError(start);
      j += 2;
      switch (e) {
        case 'b': value += '\b'; break;
        case 'f': value += '\f'; break;
        case 'n': value += '\n'; break;
        case 'r': value += '\r'; break;
        case 't': value += '\t'; break;
        case 'x': {
          let hex = '';
          while (hex.length < 2 && isHex(s[j])) hex += s[j++];
          if (hex === '') value += 'x';
          else value += String.fromCodePoint(parseInt(hex, 16));
          break;
        }
        case 'u': case 'U': {
          const n = e === 'u' ? 4 : 8;
          const hex = s.slice(j, j + n);
          if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) {
            this.fail(j - 2, `Invalid Unicode escape (must be \\uXXXX or \\UXXXXXXXX (X = 0..9, A..F))`);
          }
          const cp = parseInt(hex, 16);
          if (cp > 0x10ffff) this.fail(j - 2, `Invalid Unicode escape: ${hex}`);
          value += String.fromCodePoint(cp);
          j += n;
          break;
        }
        default:
          if (e >= '0' && e <= '7') {
            let oct = e;
            while (oct.length < 3 && s[j] !== undefined && s[j]! >= '0' && s[j]! <= '7') oct += s[j++];
            value += String.fromCodePoint(parseInt(oct, 8));
          } else value += e; // \' \\ and any other \c = c
      }
    }
    this.i = j + 1;
    this.push('string', value, start);
  }

  private bitString(start: number): void {
    const s = this.sql;
    const close = s.indexOf("'", start + 2);
    if (close < 0) this.recognitionError(start);
    const bits = s.slice(start + 2, close);
    if (!/^[01]*$/.test(bits)) this.recognitionError(start, close + 1);
    this.i = close + 1;
    this.push('bitString', bits, start);
  }

  /** `$1` parameter, or a `$tag$…$tag$` dollar-quoted string (tag may be empty). */
  private dollar(start: number): void {
    const s = this.sql;
    if (isDigit(s[start + 1])) {
      let j = start + 1;
      while (isDigit(s[j])) j++;
      this.i = j;
      this.push('param', s.slice(start, j), start, Number(s.slice(start + 1, j)));
      return;
    }
    let j = start + 1;
    if (isIdentStart(s[j])) {
      j++;
      while (isIdentStart(s[j]) || isDigit(s[j])) j++;
    }
    if (s[j] !== '$') this.recognitionError(start, j);
    const tag = s.slice(start, j + 1);
    const close = s.indexOf(tag, j + 1);
    if (close < 0) this.recognitionError(start);
    this.i = close + tag.length;
    this.push('string', s.slice(j + 1, close), start);
  }

  /** Runs of digits with single `_` separators between digits (`1_000_000`). */
  private digits(j: number): number {
    const s = this.sql;
    while (isDigit(s[j]) || (s[j] === '_' && isDigit(s[j - 1]) && isDigit(s[j + 1]))) j++;
    return j;
  }

  private number(start: number): void {
    const s = this.sql;
    let j = this.digits(start);
    let decimal = false;
    if (s[j] === '.' && s[j + 1] !== '.') {
      decimal = true;
      j = this.digits(j + 1);
    }
    if ((s[j] === 'e' || s[j] === 'E')
      && (isDigit(s[j + 1]) || ((s[j + 1] === '+' || s[j + 1] === '-') && isDigit(s[j + 2])))) {
      decimal = true;
      j = this.digits(j + (isDigit(s[j + 1]) ? 1 : 2));
    }
    if (isIdentPart(s[j])) {
      // `1abc`: CrateDB's DIGIT_IDENTIFIER, rejected by the parser with a dedicated message
      while (isIdentPart(s[j])) j++;
      this.i = j;
      this.push('digitIdent', s.slice(start, j).toLowerCase(), start);
      return;
    }
    this.i = j;
    this.push(decimal ? 'decimal' : 'integer', s.slice(start, j).replace(/_/g, ''), start);
  }

  private operator(start: number): void {
    const s = this.sql;
    const c = s[start]!;
    for (const op of OPERATORS) {
      if (op[0] !== c) continue;
      if (s.startsWith(op, start)) {
        this.i = start + op.length;
        this.push('op', op, start);
        if (op === ';') this.paramCounter = 0;
        return;
      }
    }
    this.recognitionError(start, start + 1);
  }
}
