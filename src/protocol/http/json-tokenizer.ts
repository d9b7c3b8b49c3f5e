/**
 * A pull tokenizer for JSON request bodies that behaves like the Jackson parser CrateDB uses
 * (`JsonXContent`): Java-style comments (`/* *\/`, `//`) allowed, duplicate keys in an object
 * rejected (STRICT_DUPLICATE_DETECTION), root-level values may follow each other, and errors
 * surface only when the offending token is pulled — so, as in CrateDB, garbage after the
 * closing `}` of the request object is never looked at.
 *
 * In: the body bytes (already checked to be valid UTF-8). Out: tokens named like CrateDB's
 * `XContentParser.Token` (they appear in error messages), with `text` holding field names,
 * strings and the literal text of numbers.
 */

export type JsonToken =
  | 'START_OBJECT' | 'END_OBJECT' | 'START_ARRAY' | 'END_ARRAY' | 'FIELD_NAME'
  | 'VALUE_STRING' | 'VALUE_NUMBER' | 'VALUE_BOOLEAN' | 'VALUE_NULL';

export class JsonSyntaxError extends Error {}

interface Context { readonly isObject: boolean; count: number; names?: Set<string> }

const isWhitespace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isIdentifierPart = (c: number): boolean =>
  isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x24 || c >= 0x80;

const ESCAPES: Record<number, string> = {
  0x22: '"', 0x5c: '\\', 0x2f: '/', 0x62: '\b', 0x66: '\f', 0x6e: '\n', 0x72: '\r', 0x74: '\t',
};

export class JsonTokenizer {
  /** Field name, string value, or the literal text of a number/boolean of the current token. */
  text = '';
  /** For VALUE_NUMBER: has a fraction or exponent (Jackson: a double). */
  isFloat = false;
  private pos = 0;
  private readonly stack: Context[] = [];
  private fieldValuePending = false;

  constructor(private readonly buf: Buffer) {}

  /** The next token, or null at the end of input (only allowed outside any object/array). */
  next(): JsonToken | null {
    this.skipWhitespace();
    const ctx = this.stack[this.stack.length - 1];
    if (this.fieldValuePending) {
      this.fieldValuePending = false;
      this.expect(0x3a, "':' after field name");
      this.skipWhitespace();
      return this.value(false);
    }
    if (ctx === undefined) return this.pos >= this.buf.length ? null : this.value(true);
    if (this.pos >= this.buf.length) throw this.error('unexpected end-of-input');
    const c = this.buf[this.pos]!;
    if (c === (ctx.isObject ? 0x7d : 0x5d)) {
      this.pos++;
      this.stack.pop();
      return ctx.isObject ? 'END_OBJECT' : 'END_ARRAY';
    }
    if (ctx.count > 0) {
      this.expect(0x2c, "',' or the end of the " + (ctx.isObject ? 'object' : 'array'));
      this.skipWhitespace();
    }
    ctx.count++;
    if (!ctx.isObject) return this.value(false);
    if (this.buf[this.pos] !== 0x22) throw this.error('expected a field name');
    this.pos++;
    this.text = this.string();
    ctx.names ??= new Set();
    if (ctx.names.has(this.text)) throw this.error(`duplicate field '${this.text}'`);
    ctx.names.add(this.text);
    this.fieldValuePending = true;
    return 'FIELD_NAME';
  }

  private value(atRoot: boolean): JsonToken {
    if (this.pos >= this.buf.length) throw this.error('unexpected end-of-input');
    const c = this.buf[this.pos]!;
    switch (c) {
      case 0x7b: this.pos++; this.stack.push({ isObject: true, count: 0 }); return 'START_OBJECT';
      case 0x5b: this.pos++; this.stack.push({ isObject: false, count: 0 }); return 'START_ARRAY';
      case 0x22: this.pos++; this.text = this.string(); return 'VALUE_STRING';
      case 0x74: this.literal('true'); return 'VALUE_BOOLEAN';
      case 0x66: this.literal('false'); return 'VALUE_BOOLEAN';
      case 0x6e: this.literal('null'); return 'VALUE_NULL';
      default:
        if (c === 0x2d || isDigit(c)) { this.number(atRoot); return 'VALUE_NUMBER'; }
        throw this.error(`unexpected character '${String.fromCharCode(c)}'`);
    }
  }

  private literal(word: string): void {
    const end = this.pos + word.length;
    if (this.buf.toString('latin1', this.pos, end) !== word || (end < this.buf.length && isIdentifierPart(this.buf[end]!))) {
      throw this.error('unrecognized token');
    }
    this.text = word;
    this.pos = end;
  }

  private number(atRoot: boolean): void {
    const b = this.buf;
    const start = this.pos;
    let p = this.pos;
    if (b[p] === 0x2d) p++;
    if (!isDigit(b[p] ?? 0)) throw this.error('expected a digit after the minus sign');
    if (b[p] === 0x30 && isDigit(b[p + 1] ?? 0)) throw this.error('leading zeroes are not allowed');
    while (isDigit(b[p] ?? 0)) p++;
    this.isFloat = false;
    if (b[p] === 0x2e) {
      p++;
      if (!isDigit(b[p] ?? 0)) throw this.error('decimal point not followed by a digit');
      while (isDigit(b[p] ?? 0)) p++;
      this.isFloat = true;
    }
    if (b[p] === 0x65 || b[p] === 0x45) {
      p++;
      if (b[p] === 0x2b || b[p] === 0x2d) p++;
      if (!isDigit(b[p] ?? 0)) throw this.error('exponent not followed by a digit');
      while (isDigit(b[p] ?? 0)) p++;
      this.isFloat = true;
    }
    // Jackson requires whitespace between a root-level number and whatever follows.
    if (atRoot && p < b.length && !isWhitespace(b[p]!)) throw this.error('expected space separating root-level values');
    this.text = b.toString('latin1', start, p);
    this.pos = p;
  }

  /** Reads a string whose opening quote was consumed. */
  private string(): string {
    const b = this.buf;
    const start = this.pos;
    let p = start;
    let parts: string | undefined;
    let chunkStart = start;
    for (;;) {
      if (p >= b.length) throw this.error('unexpected end-of-input in a string');
      const c = b[p]!;
      if (c === 0x22) break;
      if (c < 0x20) throw this.error('unescaped control character in a string');
      if (c !== 0x5c) { p++; continue; }
      parts = (parts ?? '') + b.toString('utf8', chunkStart, p);
      const e = b[p + 1];
      if (e === 0x75) {
        const hex = b.toString('latin1', p + 2, p + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw this.error('invalid \\u escape');
        parts += String.fromCharCode(parseInt(hex, 16));
        p += 6;
      } else {
        const ch = e === undefined ? undefined : ESCAPES[e];
        if (ch === undefined) throw this.error('invalid escape');
        parts += ch;
        p += 2;
      }
      chunkStart = p;
    }
    this.pos = p + 1;
    const tail = b.toString('utf8', chunkStart, p);
    return parts === undefined ? tail : parts + tail;
  }

  private skipWhitespace(): void {
    const b = this.buf;
    let p = this.pos;
    for (;;) {
      const c = b[p];
      if (c === undefined) break;
      if (isWhitespace(c)) { p++; continue; }
      if (c !== 0x2f) break;
      const d = b[p + 1];
      if (d === 0x2f) {
        while (p < b.length && b[p] !== 0x0a && b[p] !== 0x0d) p++;
      } else if (d === 0x2a) {
        const end = b.indexOf('*/', p + 2, 'latin1');
        if (end < 0) throw this.error('unterminated comment');
        p = end + 2;
      } else {
        break;
      }
    }
    this.pos = p;
  }

  private expect(byte: number, what: string): void {
    if (this.buf[this.pos] !== byte) throw this.error(`expected ${what}`);
    this.pos++;
  }

  private error(message: string): JsonSyntaxError {
    return new JsonSyntaxError(`${message} at byte ${this.pos}`);
  }
}
