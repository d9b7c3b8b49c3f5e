/**
 * COPY FROM's fast path for local CSV files: DuckDB reads the file (`read_csv`, every field as
 * VARCHAR) and ONE set-based `INSERT … SELECT` loads it, built by bulk-write.ts
 * `relationInsertSql`, inside fast-load.ts `runFastInsert` (one transaction next to a JS scan;
 * any failure rolls it back and the caller redoes the file on the JS path, crate-csv.ts, which
 * then reports each bad line). Taken only where it provably writes what the JS path would:
 *
 *   columns: with a header, the JS path reads the header line itself (with crate-csv.ts's own
 *     tokenizer); every imported name (all, or those in the column list) must be a top-level
 *     column of a type converted below, spelt exactly. Without a header, the column list (or
 *     every top-level column in order) must be. Anything else (dynamic or unknown names,
 *     duplicate or empty names, object and array columns, DEFAULT columns, …) → JS path.
 *   records: DuckDB reads with explicit delimiter, quote and escape (`"`), no sniffing, strict
 *     mode and no null padding: a record with fewer or more fields than the header (or the
 *     column list) fails the statement (the JS path fills in absent columns, fails or ignores
 *     extra values: it then does). A JS scan checks the lines the two readers could split
 *     differently and hands the file over for: a `\r`, a NUL byte, a blank line, a line ending
 *     in the delimiter with one field too many (DuckDB drops that empty field, the JS path
 *     counts it), a blank at a field's edge (the JS path trims it, DuckDB keeps it), and any
 *     line with a quote or blank that is not a plain
 *     sequence of unquoted fields and `"…"` fields with `""` inside (a quote that does not
 *     close on its line: DuckDB would go on to the next line).
 *   values: DuckDB gives an empty unquoted field as NULL, `""` as '' (allow_quoted_nulls =
 *     false): both are '' as on the JS path, and NULL with empty_string_as_null. Text is kept
 *     as it is; other values are converted only when a guard shows DuckDB's cast gives what
 *     value-cast.ts gives the text (integers: `[+-]?digits` in range; double and real: a plain
 *     decimal, finite, not -0; boolean: CrateDB's words; timestamps: epoch milliseconds up to
 *     13 digits); else `error()` → JS path (which reports the cast failure per row).
 *
 * Not tried (JS path): what fast-load.ts `fastLoadApplies` refuses (primary keys, partitions,
 * `skip`, CRATELITE_COPY_FAST=off), remote files, paths with glob characters, a delimiter that
 * is a quote, blank or line end, and a header line longer than 1 MiB.
 */
import type { AnalyzerContext } from '../analyzer/analyzer-context.js';
import type { ColumnMeta, TableMeta } from '../catalog/table-meta.js';
import { quoteIdent, quoteString } from '../translator/duckdb-types.js';
import type { CopyRun } from './copy-job.js';
import { NOT_EXACT, fastInsertSql, plainPath, readFirstLine, runFastInsert, scanFileLines } from './fast-load.js';
import { CsvSyntaxError, CsvTokenizer } from './formats/csv-tokenizer.js';

export interface FastCsvOptions {
  readonly delimiter: string;
  readonly header: boolean;
  readonly emptyStringAsNull: boolean;
  readonly targetColumns?: readonly string[];
}

const INTEGERS: Record<string, string> = { 'byte': 'TINYINT', 'smallint': 'SMALLINT', 'integer': 'INTEGER', 'bigint': 'BIGINT' };
const TRUE_WORDS = `('t', 'true', 'y', 'yes', 'on', '1')`;
const FALSE_WORDS = `('f', 'false', 'n', 'no', 'off', '0')`;

/** SQL for a value of a column of `kind` from the CSV text `e` (NULL = SQL NULL), or undefined. */
function textValueExpr(kind: string, e: string): string | undefined {
  // the common case first: `ok` of a NULL is NULL, which no WHEN takes
  const guarded = (ok: string, value: string): string => `CASE WHEN ${ok} THEN ${value} WHEN ${e} IS NULL THEN NULL ELSE ${NOT_EXACT} END`;
  const decimal = `regexp_full_match(${e}, '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?') `
    + `AND isfinite(TRY_CAST(${e} AS DOUBLE)) AND NOT (starts_with(${e}, '-') AND TRY_CAST(${e} AS DOUBLE) = 0)`;
  const epochMs = `regexp_full_match(${e}, '[+-]?[0-9]{1,13}')`;
  const int = INTEGERS[kind];
  if (int) return guarded(`regexp_full_match(${e}, '[+-]?[0-9]+') AND TRY_CAST(${e} AS ${int}) IS NOT NULL`, `CAST(${e} AS ${int})`);
  switch (kind) {
    case 'text': return e;
    case 'double precision': return guarded(decimal, `CAST(${e} AS DOUBLE)`);
    case 'real': return guarded(decimal, `CAST(CAST(${e} AS DOUBLE) AS FLOAT)`);
    case 'boolean':
      return `CASE WHEN ${e} IS NULL THEN NULL WHEN NOT regexp_full_match(${e}, '[A-Za-z01]{1,5}') THEN ${NOT_EXACT} `
        + `WHEN lower(${e}) IN ${TRUE_WORDS} THEN true WHEN lower(${e}) IN ${FALSE_WORDS} THEN false ELSE ${NOT_EXACT} END`;
    case 'timestamp with time zone': return guarded(epochMs, `make_timestamptz(CAST(${e} AS BIGINT) * 1000)`);
    case 'timestamp without time zone': return guarded(epochMs, `make_timestamp(CAST(${e} AS BIGINT) * 1000)`);
    default: return undefined;
  }
}

/** The top-level column `name` (exact spelling) when the fast path converts its values. */
function fastColumn(table: TableMeta, name: string): ColumnMeta | undefined {
  const col = table.columns.find((c) => c.name === name);
  if (!col || col.children || col.generatedExpr || col.defaultExpr) return undefined;
  return textValueExpr(col.type.kind, 'x') ? col : undefined;
}

const escapeRegex = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

export class FastCsvLoader {
  /** a line with a quote or a blank that both readers split alike (see the header comment) */
  private readonly plainLine: RegExp;
  private readonly delimiterByte: number;

  constructor(private readonly cx: AnalyzerContext, private readonly o: FastCsvOptions) {
    const d = escapeRegex(o.delimiter);
    const field = `(?:[^"${d} \\t](?:[^"${d}]*[^"${d} \\t])?|"(?:[^"]|"")*")?`;
    this.plainLine = new RegExp(`^${field}(?:${d}${field})*$`);
    this.delimiterByte = Buffer.from(o.delimiter)[0]!;
  }

  /** Whether files may be tried at all with these options. */
  static applies(o: FastCsvOptions): boolean {
    return Buffer.byteLength(o.delimiter) === 1 && !'" \t\r\n\0'.includes(o.delimiter);
  }

  /**
   * Load one local file (gzip: compressed) into `table` in one transaction. Returns the rows
   * written, or undefined when the file must go through the JS path (nothing was written).
   * Throws only when the job was killed.
   */
  async load(path: string, gzip: boolean, table: TableMeta, run: CopyRun): Promise<number | undefined> {
    if (!plainPath(path)) return undefined;
    const fields = await this.fieldColumns(path, gzip, table);
    if (!fields) return undefined;
    const imported = fields.flatMap((c, i) => (c ? [{ col: c, field: i }] : []));
    if (imported.length === 0) return undefined;
    const exprs = new Map<string, string>();
    for (const { col, field } of imported) {
      const text = `coalesce(r.${quoteIdent(`c${field}`)}, '')`;
      exprs.set(col.internal, textValueExpr(col.type.kind, this.o.emptyStringAsNull ? `nullif(${text}, '')` : text)!);
    }
    const columns = fields.map((_, i) => `${quoteString(`c${i}`)}: 'VARCHAR'`).join(', ');
    const from = `read_csv(${quoteString(path)}, `
      + `delim = ${quoteString(this.o.delimiter)}, quote = '"', escape = '"', header = ${this.o.header}, `
      + `columns = {${columns}}, auto_detect = false, strict_mode = true, null_padding = false, `
      + `ignore_errors = false, allow_quoted_nulls = false, new_line = '\\n', `
      + `compression = '${gzip ? 'gzip' : 'none'}') AS r`;
    const sql = fastInsertSql(this.cx, table, imported.map((f) => f.col.name), (internal) => exprs.get(internal), from);
    if (sql === undefined) return undefined;
    return runFastInsert(run, path, sql, (signal, onBytes) => scanFileLines(path, gzip, signal, onBytes, (buf, end) => this.suspect(buf, end, fields.length)));
  }

  /**
   * Per field position of a record, the column it goes to (null: not imported), or undefined
   * when the file must go through the JS path.
   */
  private async fieldColumns(path: string, gzip: boolean, table: TableMeta): Promise<(ColumnMeta | null)[] | undefined> {
    const target = this.o.targetColumns?.length ? this.o.targetColumns : undefined;
    let names: (string | null)[];
    if (this.o.header) {
      let first: Buffer | undefined;
      try {
        first = await readFirstLine(path, gzip);
      } catch {
        return undefined; // missing or unreadable: the JS path reports it
      }
      if (!first || first.length === 0) return undefined;
      const text = first.toString('utf8');
      if (!this.plainLine.test(text)) return undefined;
      let header;
      try {
        header = this.tokenizer().line(text)!;
      } catch (e) {
        if (e instanceof CsvSyntaxError) return undefined;
        throw e;
      }
      const all = header.map((f) => f.text);
      if (new Set(all).size !== all.length || all.includes('')) return undefined;
      names = all.map((n) => (!target || target.includes(n) ? n : null));
    } else {
      names = target ? [...target] : [...table.columns].sort((a, b) => a.position - b.position).map((c) => c.name);
      if (new Set(names).size !== names.length) return undefined;
    }
    const out: (ColumnMeta | null)[] = [];
    for (const n of names) {
      if (n === null) {
        out.push(null);
        continue;
      }
      const col = fastColumn(table, n);
      if (!col) return undefined;
      out.push(col);
    }
    return out;
  }

  /** crate-csv.ts's tokenizer */
  private tokenizer(): CsvTokenizer {
    return new CsvTokenizer({ delimiter: this.o.delimiter, quote: '"', escape: '"', trim: true, multiline: false });
  }

  /**
   * In buf[0, end) (starting and ending with a newline): a line the readers may split apart.
   * `fields`: the fields per record DuckDB is told.
   */
  private suspect(buf: Buffer, end: number, fields: number): string | undefined {
    const cr = buf.indexOf(13);
    if (cr >= 0 && cr < end) return 'carriage return';
    const nul = buf.indexOf(0);
    if (nul >= 0 && nul < end) return 'NUL byte';
    const blank = buf.indexOf(BLANK_LINE);
    if (blank >= 0 && blank < end - 1) return 'blank line';
    for (let i = buf.indexOf(10, 1); i >= 0 && i < end; i = buf.indexOf(10, i + 1)) {
      if (buf[i - 1] !== this.delimiterByte) continue;
      // DuckDB reads `a,b,` as two fields when two are expected, three when three are
      const line = buf.toString('utf8', buf.lastIndexOf(10, i - 1) + 1, i);
      if (!this.plainLine.test(line) || this.tokenizer().line(line)!.length !== fields) return 'line ending in the delimiter';
    }
    const checked = new Set<number>();
    for (const b of [34, 32, 9]) {
      for (let i = buf.indexOf(b); i >= 0 && i < end; i = buf.indexOf(b, i + 1)) {
        const start = buf.lastIndexOf(10, i) + 1;
        if (checked.has(start)) continue;
        checked.add(start);
        const stop = buf.indexOf(10, i);
        if (!this.plainLine.test(buf.toString('utf8', start, stop))) return 'quotes or blanks';
      }
    }
    return undefined;
  }
}

const BLANK_LINE = Buffer.from('\n\n');
