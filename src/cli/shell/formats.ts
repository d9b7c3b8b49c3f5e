/**
 * crash's output formats (crate/crash docs/formats.rst, `outputs.py`), byte for byte on a
 * non-terminal stdout, so scripts written against crash keep working:
 *
 *   tabular   the table of tabular.ts
 *   json      [{"col": value, …}, …] indented by 2, non-ASCII escaped (Python json.dumps)
 *   json_row  one {"col": value} object per line (COPY FROM-able)
 *   csv       Python's csv writer with quote ', escape \, CRLF line ends; objects/arrays as JSON
 *   raw       {"rows", "cols", "rowcount", "duration" (seconds)} indented by 2
 *   mixed     "col | value" per line, a line of dashes after each row
 *   dynamic   tabular when it fits the terminal width, else mixed
 *
 * Like crash, every format's text is followed by one newline (so csv and json_row end with an
 * empty line). Keys of duplicate column names collapse in json/json_row as in a Python dict.
 */
import { renderTabular } from './tabular.js';
import { PyDict, pyDumps, PyFloat, pyFloatRepr, pyStr, pyTruthy, type PyValue } from './py-json.js';

export const FORMATS = ['tabular', 'json', 'csv', 'raw', 'mixed', 'dynamic', 'json_row'] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}

export interface ResultSet {
  cols: string[];
  rows: PyValue[][];
  rowcount: PyValue;
  /** server-side milliseconds as sent (a Python float or int), or -1 when absent */
  duration: PyValue;
}

export interface RenderOptions {
  /** stdout is a terminal: mixed colours its column names, as crash does */
  isTty: boolean;
  /** terminal width (crash uses 80 when not interactive) */
  width: number;
}

export function renderResult(format: Format, r: ResultSet, o: RenderOptions): string {
  return `${FORMATTERS[format](r, o)}\n`;
}

const FORMATTERS: Record<Format, (r: ResultSet, o: RenderOptions) => string> = {
  tabular: (r) => renderTabular(r.cols, r.rows),
  json: (r) => pyDumps(r.rows.map((row) => toDict(r.cols, row)), { indent: 2 }),
  json_row: (r) => r.rows.map((row) => `${pyDumps(toDict(r.cols, row))}\n`).join(''),
  csv: (r) => [r.cols, ...r.rows.map((row) => row.map(csvField))].map(csvRow).join(''),
  raw: (r) => {
    const raw = new PyDict();
    raw.entries.set('rows', r.rows);
    raw.entries.set('cols', r.cols);
    raw.entries.set('rowcount', r.rowcount);
    raw.entries.set('duration', durationSeconds(r.duration));
    return pyDumps(raw, { indent: 2 });
  },
  mixed: renderMixed,
  dynamic: (r, o) => {
    let required = r.cols.reduce((n, c) => n + len(c) + 4, 0) + 1;
    for (const row of r.rows) required = Math.max(required, row.reduce<number>((n, v) => n + valueLength(v) + 4, 0) + 1);
    return required > o.width ? renderMixed(r, o) : renderTabular(r.cols, r.rows);
  },
};

function toDict(cols: readonly string[], row: readonly PyValue[]): PyDict {
  const d = new PyDict();
  cols.forEach((c, i) => d.entries.set(c, row[i] ?? null));
  return d;
}

/** `duration > -1 and float(duration) / 1000.0 or duration` */
function durationSeconds(d: PyValue): PyValue {
  const ms = typeof d === 'bigint' ? Number(d) : d instanceof PyFloat ? d.value : undefined;
  if (ms === undefined || !(ms > -1)) return d;
  const seconds = ms / 1000;
  return seconds !== 0 ? new PyFloat(seconds) : d;
}

const YELLOW = '\x1b[33m';
const RESET = '\x1b[0m';

function renderMixed(r: ResultSet, o: RenderOptions): string {
  const padding = Math.max(...r.cols.map(len));
  const colWidth = padding + (o.isTty ? YELLOW.length + RESET.length : 0);
  const delimiter = '-'.repeat(o.width);
  let out = '';
  for (const row of r.rows) {
    r.cols.forEach((c, i) => {
      const name = o.isTty ? YELLOW + c + RESET : c;
      out += `${name}${' '.repeat(Math.max(0, colWidth - len(name)))} | ${mixedValue(row[i] ?? null, padding)}`;
    });
    out += `${delimiter}\n`;
  }
  return out;
}

function mixedValue(v: PyValue, padding: number): string {
  if (v === null) return 'NULL\n';
  if (Array.isArray(v) || v instanceof PyDict) {
    const lines = pyDumps(v, { indent: 2, sortKeys: true }).split('\n');
    lines[lines.length - 1] = ` ${lines[lines.length - 1]}`;
    return `${[lines[0], ...lines.slice(1).map((l) => `${' '.repeat(padding)} |${l}`)].join('\n')}\n`;
  }
  if (v instanceof PyFloat) return `${pyFloatRepr(v.value)}\n`;
  return `${pyStr(v)}\n`;
}

/** crash `_val_len` */
function valueLength(v: PyValue): number {
  if (!pyTruthy(v)) return 4;
  if (Array.isArray(v) || v instanceof PyDict) return len(pyDumps(v));
  return len(pyStr(v));
}

/** Python len(): code points. */
function len(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function csvField(v: PyValue): PyValue {
  return Array.isArray(v) || v instanceof PyDict ? pyDumps(v, { sortKeys: true }) : v;
}

/**
 * Python's csv.writer(doublequote=False, escapechar='\\', quotechar="'"), QUOTE_MINIMAL, '\r\n':
 * the quote and escape characters are escaped with a backslash; a field with a comma or a line
 * break is quoted; a row that is one empty field is written as ''.
 */
function csvRow(fields: readonly PyValue[]): string {
  const out = fields.map((f) => {
    const text = f === null ? '' : pyStr(f);
    let quoted = false;
    let body = '';
    for (const ch of text) {
      if (ch === "'" || ch === '\\') body += '\\';
      else if (ch === ',' || ch === '\r' || ch === '\n') quoted = true;
      body += ch;
    }
    return quoted ? `'${body}'` : body;
  });
  if (out.length === 1 && out[0] === '') return "''\r\n";
  return `${out.join(',')}\r\n`;
}
