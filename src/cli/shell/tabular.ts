/**
 * crash's `tabular` format, character for character. crash prints tables with python-tabulate
 * 0.9 and its own "cratedb" table format (crate/crash `tabulate.py`, `outputs.py`):
 *
 *   +--------+---------+        lines of `-` joined by `+`, cells padded by one space,
 *   | name   | version |        no line between rows, NULL for missing values,
 *   +--------+---------+        strings left-aligned (and stripped of surrounding blanks),
 *   | crate1 | 0.46.3  |        columns of numbers aligned on the decimal point,
 *   |  0.50  |    1.0  |        cells with line breaks spread over several lines,
 *   +--------+---------+        widths in terminal cells (East Asian wide = 2, as wcwidth counts).
 *
 * The column type is tabulate's guess from every value in the column, with Python's parsing
 * rules: a string column whose values all look like numbers ("1", "2.5") is aligned as numbers,
 * and one empty string makes it a text column. Values print as Python's `str()` would (see
 * py-json.ts); booleans as TRUE/FALSE, objects and arrays as JSON with sorted keys.
 */
import { PyDict, pyDumps, PyFloat, pyStr, type PyValue } from './py-json.js';

type Cell = null | bigint | PyFloat | string;

/** tabulate's type lattice: NoneType < bool < int < float < str. */
const enum ColType { None = 0, Bool = 1, Int = 2, Float = 3, Str = 5 }

export function renderTabular(cols: readonly string[], rows: readonly (readonly PyValue[])[]): string {
  const cells: Cell[][] = rows.map((row) => row.map(transformField));
  const headers = cols.map((c) => c);
  const all = [...headers, ...cells.flatMap((r) => r.map((c) => (c === null ? 'None' : pyStr(c))))];
  const hasInvisible = all.some((s) => ANSI.test(s));
  const multiline = all.some((s) => /[\r\n]/.test(s));
  const lineWidth = (s: string): number => wcswidth(hasInvisible ? stripAnsi(s) : s);
  const width = (s: string): number => (multiline ? Math.max(...s.split(/[\r\n]/).map(lineWidth)) : lineWidth(s));

  const columns: string[][] = [];
  const aligns: ('decimal' | 'left')[] = [];
  const ncols = Math.max(0, ...cells.map((r) => r.length));
  for (let c = 0; c < ncols; c++) {
    const values = cells.map((r) => (c < r.length ? r[c]! : null));
    const type = values.reduce<ColType>((t, v) => Math.max(t, typeOf(v)), ColType.Bool);
    const align = type === ColType.Int || type === ColType.Float ? 'decimal' : 'left';
    const formatted = values.map((v) => (v === null ? 'NULL' : pyStr(v)));
    const minWidth = c < headers.length ? width(headers[c]!) : 0;
    columns.push(alignColumn(formatted, align, minWidth, multiline, lineWidth));
    aligns.push(align);
  }

  // With no rows, tabulate sizes the columns from the headers alone, all left-aligned.
  const tCols = columns.length > 0 ? columns : headers.map(() => ['']);
  const tAligns = aligns.length > 0 ? aligns : headers.map(() => 'left' as const);
  const widths = headers.map((h, i) => Math.max(width(h), ...tCols[i]!.map(width)));
  const headerCells = headers.map((h, i) => alignHeader(h, tAligns[i]!, widths[i]!, multiline, lineWidth));
  const dataRows = cells.map((_, r) => columns.map((col) => col[r]!));

  const lines: string[] = [];
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const appendRow = (row: readonly string[]): void => {
    if (!multiline) {
      lines.push(`|${row.map((cell) => ` ${cell} `).join('|')}|`.trimEnd());
      return;
    }
    const cellLines = row.map(splitLines);
    const n = Math.max(0, ...cellLines.map((l) => l.length));
    const padded = cellLines.map((l, i) => [...l, ...Array<string>(n - l.length).fill(' '.repeat(widths[i]!))]);
    for (let k = 0; k < n; k++) lines.push(`|${padded.map((l) => ` ${l[k]} `).join('|')}|`.trimEnd());
  };
  lines.push(rule);
  appendRow(headerCells);
  lines.push(rule);
  for (const row of dataRows) appendRow(row);
  lines.push(rule);
  return lines.join('\n');
}

/** crash `_transform_field`: booleans as TRUE/FALSE, containers as JSON with sorted keys. */
function transformField(v: PyValue): Cell {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (Array.isArray(v) || v instanceof PyDict) return pyDumps(v, { sortKeys: true, ensureAscii: false });
  return v;
}

function typeOf(v: Cell): ColType {
  if (v === null) return ColType.None;
  if (typeof v === 'bigint') return ColType.Int;
  if (v instanceof PyFloat) return ColType.Float;
  const s = ANSI.test(v) ? stripAnsi(v) : v;
  if (s === 'True' || s === 'False') return ColType.Bool;
  if (isPyInt(s)) return ColType.Int;
  if (isPyNumber(s)) return ColType.Float;
  return ColType.Str;
}

/** Python `int(s)` succeeds. */
function isPyInt(s: string): boolean {
  return /^\s*[+-]?\d(?:_?\d)*\s*$/.test(s);
}

const FLOAT = /^\s*[+-]?(?:(?:\d(?:_?\d)*\.(?:\d(?:_?\d)*)?|\.\d(?:_?\d)*|\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?|inf|infinity|nan)\s*$/i;

/** tabulate `_isnumber`: Python `float(s)` succeeds, and only "inf", "-inf", "nan" may be non-finite. */
function isPyNumber(s: string): boolean {
  if (!FLOAT.test(s)) return false;
  const x = Number(s.trim().replace(/_/g, '').replace(/^([+-]?)inf(inity)?$/i, '$1Infinity'));
  if (Number.isFinite(x)) return true;
  return ['inf', '-inf', 'nan'].includes(s.toLowerCase());
}

const THOUSANDS = /^(?:[+-]?[0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]*)?|(?:\.[0-9]+)?)$/;

/** tabulate `_afterpoint`: digits after the decimal point (or exponent), -1 for integers and text. */
function afterPoint(s: string): number {
  if (!(isPyNumber(s) || THOUSANDS.test(s))) return -1;
  if (isPyInt(s)) return -1;
  let pos = s.lastIndexOf('.');
  if (pos < 0) pos = s.toLowerCase().lastIndexOf('e');
  return pos >= 0 ? codePoints(s) - codePoints(s.slice(0, pos)) - 1 : -1;
}

function alignColumn(strings: string[], align: 'decimal' | 'left', minWidth: number, multiline: boolean, lineWidth: (s: string) => number): string[] {
  let prepared: string[];
  let padLeft: boolean;
  if (align === 'decimal') {
    const decimals = strings.map(afterPoint);
    const max = Math.max(...decimals);
    prepared = strings.map((s, i) => s + ' '.repeat(max - decimals[i]!));
    padLeft = true;
  } else {
    prepared = strings.map(pyStrip);
    padLeft = false;
  }
  const lineWidths = prepared.map((s) => (multiline ? s.split(/[\r\n]/).map(lineWidth) : [lineWidth(s)]));
  const maxWidth = Math.max(minWidth, ...lineWidths.flat());
  const pad = (s: string, w: number): string => {
    const fill = ' '.repeat(Math.max(0, maxWidth - w));
    return padLeft ? fill + s : s + fill;
  };
  if (!multiline) return prepared.map((s, i) => pad(s, lineWidths[i]![0]!));
  // tabulate pairs str.splitlines() with the widths of re.split('[\r\n]') — they differ for "\r\n".
  return prepared.map((s, i) => {
    const parts = splitLines(s);
    const ws = lineWidths[i]!;
    const lens = s.split(/[\r\n]/).map(codePoints);
    const n = Math.min(parts.length, ws.length);
    return parts.slice(0, n).map((p, k) => pad(p, ws[k]! - lens[k]! + codePoints(p))).join('\n');
  });
}

function alignHeader(h: string, align: 'decimal' | 'left', width: number, multiline: boolean, lineWidth: (s: string) => number): string {
  if (multiline) return h.split(/\r|\n/).map((line) => alignHeader(line, align, width, false, lineWidth)).join('\n');
  const fill = ' '.repeat(Math.max(0, width - lineWidth(h)));
  return align === 'left' ? h + fill : fill + h;
}

/** Python `str.splitlines()` for the breaks that matter here. */
function splitLines(s: string): string[] {
  if (s === '') return [];
  const parts = s.split(/\r\n|\r|\n|\v|\f|\x1c|\x1d|\x1e|\x85|\u2028|\u2029/);
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Python `str.strip()`. */
function pyStrip(s: string): string {
  return s.replace(/^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/g, '');
}

const ANSI = /\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]/;
const ANSI_ALL = new RegExp(ANSI.source, 'g');
const stripAnsi = (s: string): string => s.replace(ANSI_ALL, '');

const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/**
 * Terminal cells of a string, as the wcwidth package's `wcswidth` counts them (crash installs it
 * through prompt_toolkit, and tabulate then uses it): East Asian wide and fullwidth characters
 * take 2, combining marks 0, and any control character makes the whole string -1.
 */
export function wcswidth(s: string): number {
  let total = 0;
  for (const ch of s) {
    const w = wcwidth(ch.codePointAt(0)!);
    if (w < 0) return -1;
    total += w;
  }
  return total;
}

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2063]$/u;

const WIDE: readonly [number, number][] = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0], [0x23f3, 0x23f3],
  [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f], [0x2693, 0x2693], [0x26a1, 0x26a1],
  [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5], [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea],
  [0x26f2, 0x26f3], [0x26f5, 0x26f5], [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b],
  [0x2728, 0x2728], [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55], [0x2e80, 0x303e],
  [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3],
  [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x18aff],
  [0x1b000, 0x1b2ff], [0x1f004, 0x1f004], [0x1f0cf, 0x1f0cf], [0x1f18e, 0x1f18e], [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251], [0x1f300, 0x1f64f], [0x1f680, 0x1f6ff], [0x1f7e0, 0x1f7eb], [0x1f90c, 0x1f9ff],
  [0x1fa70, 0x1faff], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

function wcwidth(c: number): number {
  if (c === 0) return 0;
  if (c < 32 || (c >= 0x7f && c < 0xa0)) return -1;
  if (c < 0x300) return 1;
  if (ZERO_WIDTH.test(String.fromCodePoint(c))) return 0;
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = WIDE[mid]!;
    if (c < a) hi = mid - 1;
    else if (c > b) lo = mid + 1;
    else return 2;
  }
  return 1;
}
