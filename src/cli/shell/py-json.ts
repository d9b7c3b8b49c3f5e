/**
 * JSON the way crash sees it. crash is Python: it parses `/_sql` responses with `json.loads`
 * and prints values with `str()` / `json.dumps`. To print exactly what crash prints, the shell
 * keeps the distinctions Python keeps and JavaScript loses:
 *
 *   JSON `1`    → bigint 1n      (Python int: arbitrary precision, printed without a point)
 *   JSON `1.0`  → PyFloat(1)     (Python float: printed as `1.0`, `1e-05`, `1e+16`)
 *   JSON object → PyDict         (insertion order kept, also for keys like "1" that JS objects reorder)
 *
 * and renders them back with Python's rules: `pyStr` is `str(value)`, `pyDumps` is
 * `json.dumps(value, indent=…, sort_keys=…, ensure_ascii=…)`.
 */

import { readJson } from '../../types/json-reader.js';

export class PyFloat {
  constructor(readonly value: number) {}
}

export class PyDict {
  readonly entries = new Map<string, PyValue>();
}

export type PyValue = null | boolean | bigint | PyFloat | string | PyValue[] | PyDict;

export class JsonSyntaxError extends Error {}

/** Parses JSON text into Python-like values. Throws JsonSyntaxError on malformed input. */
export function parsePyJson(text: string): PyValue {
  return readJson<PyValue>(text, {
    number: (t) => (/[.eE]/.test(t) ? new PyFloat(Number(t)) : BigInt(t)),
    object: (entries) => {
      const dict = new PyDict();
      for (const [k, v] of entries) dict.entries.set(k, v);
      return dict;
    },
    array: (items) => items,
    // Python's json also accepts these three (Jackson can write them for non-finite doubles)
    nonFinite: (x) => new PyFloat(x),
  }, (what, offset) => new JsonSyntaxError(`${what} at position ${offset}`));
}

/** Python's `repr(float)` (= `str(float)`): shortest round-trip digits, `1.0`, `1e-05`, `1e+16`, `inf`, `nan`. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = x.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** Python's `str(value)` for what json.loads returns (lists and dicts as Python literals). */
export function pyStr(v: PyValue): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof PyFloat) return pyFloatRepr(v.value);
  if (typeof v === 'string') return v;
  return pyRepr(v);
}

function pyRepr(v: PyValue): string {
  if (typeof v === 'string') return pyStringRepr(v);
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (v instanceof PyDict) return `{${[...v.entries].map(([k, x]) => `${pyStringRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  return pyStr(v);
}

/** Python's repr of a str: single quotes unless the text has a single quote and no double quote. */
function pyStringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

export interface DumpOptions {
  /** pretty-print with this many spaces per level (Python's indent=) */
  indent?: number;
  sortKeys?: boolean;
  /** default true, as in Python */
  ensureAscii?: boolean;
}

/** Python's `json.dumps`. */
export function pyDumps(v: PyValue, options: DumpOptions = {}): string {
  const ensureAscii = options.ensureAscii ?? true;
  const indent = options.indent;
  const itemSep = indent === undefined ? ', ' : ',';
  const str = (s: string): string => jsonString(s, ensureAscii);
  const dump = (x: PyValue, level: number): string => {
    if (x === null) return 'null';
    if (typeof x === 'boolean') return x ? 'true' : 'false';
    if (typeof x === 'bigint') return x.toString();
    if (x instanceof PyFloat) {
      if (Number.isNaN(x.value)) return 'NaN';
      if (!Number.isFinite(x.value)) return x.value > 0 ? 'Infinity' : '-Infinity';
      return pyFloatRepr(x.value);
    }
    if (typeof x === 'string') return str(x);
    const items: string[] = Array.isArray(x)
      ? x.map((e) => dump(e, level + 1))
      : sortedEntries(x, options.sortKeys === true).map(([k, e]) => `${str(k)}: ${dump(e, level + 1)}`);
    const [open, close] = Array.isArray(x) ? ['[', ']'] : ['{', '}'];
    if (items.length === 0) return open + close;
    if (indent === undefined) return open + items.join(itemSep) + close;
    const inner = `\n${' '.repeat(indent * (level + 1))}`;
    return `${open}${inner}${items.join(itemSep + inner)}\n${' '.repeat(indent * level)}${close}`;
  };
  return dump(v, 0);
}

function sortedEntries(d: PyDict, sort: boolean): [string, PyValue][] {
  const entries = [...d.entries];
  if (sort) entries.sort(([a], [b]) => compareCodePoints(a, b));
  return entries;
}

/** Python compares str by code point; JS `<` compares UTF-16 units (differs above U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

function jsonString(s: string, ensureAscii: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i]!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || (ensureAscii && c > 0x7e)) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/** Python truthiness, as crash's `if not v` checks use it. */
export function pyTruthy(v: PyValue): boolean {
  if (v === null || v === false || v === '' || v === 0n) return false;
  if (v instanceof PyFloat) return v.value !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof PyDict) return v.entries.size > 0;
  return true;
}
