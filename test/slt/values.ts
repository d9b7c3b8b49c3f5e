/**
 * Result values of the SLT runner and their canonical text rendering (the rules are stated in
 * runner.ts). Numbers are kept as the exact text the server sent — CrateDB prints doubles the
 * Java way (`1.0`, `1.0E-4`) and `JSON.parse` would turn `1.0` into `1` — so responses are read
 * with the number-preserving JSON reader of src/types/json-reader.ts instead of `JSON.parse`.
 */
import { readJson } from '../../src/types/json-reader.js';

/** A JSON number kept as its source text, e.g. `1.0`, `308534400000`, `1.0E-4`. */
export class JsonNumber {
  constructor(readonly text: string) {}
  toString(): string { return this.text; }
}

export type SqlValue = null | boolean | string | JsonNumber | SqlValue[] | { [key: string]: SqlValue };

/** Parse JSON text, keeping numbers as {@link JsonNumber}. Throws SyntaxError on bad input. */
export function parseJsonPreservingNumbers(text: string): SqlValue {
  return readJson<SqlValue>(text, {
    number: (t) => new JsonNumber(t),
    object: (entries) => {
      const obj: { [key: string]: SqlValue } = {};
      for (const [k, v] of entries) obj[k] = v;
      return obj;
    },
    array: (items) => items,
  }, (what, offset) => new SyntaxError(`invalid JSON at offset ${offset}: ${what}`));
}

/** Compact JSON with object keys sorted (CrateDB does not guarantee key order). */
export function toCanonicalJson(value: SqlValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof JsonNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map(toCanonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${toCanonicalJson(value[k]!)}`).join(',')}}`;
}

/** Render one result value as it appears in an expected-results line (see runner.ts). */
export function renderValue(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof JsonNumber) return value.text;
  if (typeof value === 'string') {
    if (value === '') return '(empty)';
    return value.replace(/[\n\r\t]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
  }
  return toCanonicalJson(value);
}

/** Type letter that best describes a value; used by `--complete` when it must invent a type string. */
export function typeLetterOf(value: SqlValue): string {
  if (typeof value === 'boolean') return 'B';
  if (typeof value === 'string') return 'T';
  if (value instanceof JsonNumber) return /[.eE]/.test(value.text) ? 'R' : 'I';
  return '?';
}
