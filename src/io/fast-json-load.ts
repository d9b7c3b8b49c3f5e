/**
 * COPY FROM's fast path for local JSON-lines files: DuckDB reads the file (`read_json`) and ONE
 * set-based `INSERT … SELECT` loads it, built by bulk-write.ts `relationInsertSql` (the staged
 * INSERT of insertRows: defaults, generated columns, NOT NULL and CHECK as there). It is taken
 * only where it provably writes what the line-by-line JS path (copy-from.ts) would; anything
 * else makes the statement fail, it is rolled back, and the caller redoes the file on the JS path
 * (which then reports each bad line with its number).
 *
 *   loader.load(path, gzip, table, run) → rows written, or undefined: use the JS path
 *
 * How equality is made sure, per file, inside the one statement:
 *   - keys: DuckDB's reader fails on a key it does not know (at any depth, case-sensitively)
 *     and on duplicate keys when it detects the columns itself. The columns are therefore
 *     detected from a tiny schema file put first in the file list (`sample_size = 2`,
 *     `maximum_sample_files = 1`): one line with the number 1 and one with the string "x" for
 *     every non-text scalar column gives each a JSON type; text columns get "x" twice (VARCHAR);
 *     objects become STRUCTs of their children. Only columns the fast path converts exactly are
 *     in it: a line with any other key (unknown, DEFAULT, generated, array, IGNORED object, a
 *     type not listed in FAST_TYPES, …) fails the statement.
 *   - values: every non-text scalar arrives as its JSON text; a guard per value accepts only
 *     the JSON kind the JS path stores as it is (number → double, integer → bigint, integer,
 *     timestamp as epoch ms, true/false → boolean) and `error()`s otherwise. Text arrives
 *     decoded; a text that may be another kind's rendering passes only where the JS path gives
 *     the same text for both (safe integers). JSON null and an absent key are both SQL NULL:
 *     columns where that differs (DEFAULT, generated) are not in the schema, and objects with a
 *     DEFAULT child are left out.
 *   - lines: DuckDB accepts a few things JSON.parse does not (trailing commas, NaN/Infinity,
 *     \v and \f as blanks, blank lines, \r alone as a line end). A scan in JS, running while
 *     DuckDB loads, finds every line where one of them could be and checks that line with the
 *     JS path's own parser; a line that parser rejects rolls the load back. The scan also rolls
 *     back a line with a JSON -0 (DuckDB reads the integer 0, so it cannot be told from 0).
 *
 * Not tried (JS path): tables with a primary key (duplicates per row) or partitions, a
 * PARTITION clause, `skip`, remote files, CSV and Parquet, paths with glob characters, and
 * `CRATELITE_COPY_FAST=off` in the server's environment (to compare both paths).
 *
 * Speed: DuckDB splits a file among its threads only when the scan has fewer files than the
 * instance has threads; with the schema file that is two, so on a two-thread instance the load
 * of a file of some size runs with three (fast-load.ts `withReaderThreads`), else the data file
 * is read on one thread.
 *
 * Integers beyond 2^53 come out exact here (DuckDB reads the digits), where JSON.parse rounds.
 * Counts: the file's rows go to the summary once the statement commits; bytes read are counted
 * for sys.jobs progress as the scan reads (which runs ahead of DuckDB). KILL interrupts the
 * DuckDB connection: the INSERT stops, nothing of the file stays.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AnalyzerContext } from '../analyzer/analyzer-context.js';
import type { ColumnMeta, TableMeta } from '../catalog/table-meta.js';
import { quoteIdent, quoteString } from '../translator/duckdb-types.js';
import type { CopyRun } from './copy-job.js';
import {
  FILE_COLUMN, NOT_EXACT, fastInsertSql, plainPath, runFastInsert, scanFileLines, withReaderThreads,
} from './fast-load.js';
import { JsonLinesParser } from './formats/json-lines.js';
import { isRowError } from './formats/records.js';

/** CrateDB leaf types the fast path converts, with their DuckDB type. */
const FAST_TYPES: Record<string, string> = {
  'text': 'VARCHAR',
  'double precision': 'DOUBLE',
  'bigint': 'BIGINT',
  'integer': 'INTEGER',
  'boolean': 'BOOLEAN',
  'timestamp with time zone': 'TIMESTAMPTZ',
  'timestamp without time zone': 'TIMESTAMP',
};

interface FastColumn { readonly col: ColumnMeta; readonly children?: readonly FastColumn[] }

/** The columns a file may give: convertible leaves, and objects of them. */
function fastColumns(cols: readonly ColumnMeta[]): FastColumn[] {
  const out: FastColumn[] = [];
  for (const col of cols) {
    if (col.generatedExpr || col.defaultExpr) continue;
    if (col.children) {
      // absent object → children DEFAULTs, null object → NULLs: not told apart here
      if (col.policy === 'ignored' || col.extras || hasDefault(col.children)) continue;
      const children = fastColumns(col.children);
      if (children.length) out.push({ col, children });
    } else if (FAST_TYPES[col.type.kind]) {
      out.push({ col });
    }
  }
  // DuckDB column and field names are case-insensitive: leave out names that differ by case only
  const lower = new Map<string, number>();
  for (const f of out) lower.set(f.col.name.toLowerCase(), (lower.get(f.col.name.toLowerCase()) ?? 0) + 1);
  return out.filter((f) => lower.get(f.col.name.toLowerCase()) === 1);
}

function hasDefault(cols: readonly ColumnMeta[]): boolean {
  return cols.some((c) => c.defaultExpr !== undefined || (c.children !== undefined && hasDefault(c.children)));
}

/**
 * The schema file's two lines: each scalar once a number, once a string → a JSON column, whose
 * values keep their JSON kind; text columns are strings in both → VARCHAR (values decoded).
 */
function schemaLines(fast: readonly FastColumn[]): string {
  const line = (cols: readonly FastColumn[], v: unknown): Record<string, unknown> => {
    const o: Record<string, unknown> = {};
    for (const f of cols) o[f.col.name] = f.children ? line(f.children, v) : f.col.type.kind === 'text' ? 'x' : v;
    return o;
  };
  return `${JSON.stringify(line(fast, 1))}\n${JSON.stringify(line(fast, 'x'))}\n`;
}

/** SQL per DuckDB column (internal name): the value from the JSON text at `ref`, or error(). */
function leafExprs(fast: readonly FastColumn[], parent: string, out: Map<string, string>): void {
  for (const f of fast) {
    const ref = `${parent}.${quoteIdent(f.col.name)}`;
    if (f.children) {
      out.set(f.col.internal, `CASE WHEN ${ref} IS NULL THEN NULL ELSE true END`);
      leafExprs(f.children, ref, out);
    } else {
      out.set(f.col.internal, valueExpr(f.col.type.kind, ref));
    }
  }
}

function valueExpr(kind: string, ref: string): string {
  // Each CASE tests the common case first and a NULL (JSON null, absent key) only after it: a
  // test on NULL gives NULL, which no WHEN takes.
  const t = `CAST(${ref} AS VARCHAR)`;
  // a JSON integer (a fraction or exponent, a string, true, NaN do not pass or do not cast)
  const integer = (type: string): string => `CASE WHEN contains(${t}, '.') OR contains(${t}, 'e') OR contains(${t}, 'E') `
    + `THEN ${NOT_EXACT} ELSE CAST(${t} AS ${type}) END`;
  switch (kind) {
    case 'text':
      // read as VARCHAR: a JSON string decoded, any other value as its JSON text. A text that
      // may be another kind's (a number, true, false, NaN, Infinity, an object or array) passes
      // only when the JS path gives the same text for both kinds: a safe integer's digits.
      // Texts from '-' to '9' (a sign, a digit, or '.' and '/', which the inner CASE passes):
      return `CASE WHEN ${ref} >= '-' AND ${ref} < ':' THEN (CASE `
        + `WHEN CAST(TRY_CAST(${ref} AS BIGINT) AS VARCHAR) = ${ref} AND abs(TRY_CAST(${ref} AS BIGINT)) < 1000000000000000 THEN ${ref} `
        + `WHEN ${ref} = '-Infinity' OR regexp_full_match(${ref}, '-?(0|[1-9][0-9]*)([.][0-9]+)?([eE][+-]?[0-9]+)?') `
        + `THEN ${NOT_EXACT} ELSE ${ref} END) `
        + `WHEN starts_with(${ref}, '{') OR starts_with(${ref}, '[') OR ${ref} IN ('true', 'false', 'NaN', 'Infinity') `
        + `THEN ${NOT_EXACT} ELSE ${ref} END`;
    case 'double precision':
      // a JSON number (a string, true, NaN, Infinity do not cast or are not finite)
      return `CASE WHEN isfinite(CAST(${t} AS DOUBLE)) THEN CAST(${t} AS DOUBLE) WHEN ${ref} IS NULL THEN NULL `
        + `ELSE ${NOT_EXACT} END`;
    case 'bigint': return integer('BIGINT');
    case 'integer': return integer('INTEGER');
    case 'boolean':
      return `CASE WHEN ${t} = 'true' THEN true WHEN ${t} = 'false' THEN false WHEN ${ref} IS NULL THEN NULL ELSE ${NOT_EXACT} END`;
    case 'timestamp with time zone': return `make_timestamptz((${integer('BIGINT')}) * 1000)`;
    case 'timestamp without time zone': return `make_timestamp((${integer('BIGINT')}) * 1000)`;
    default: throw new Error(`no fast conversion for ${kind}`);
  }
}

export class FastJsonLoader {
  private dir?: string;
  private readonly schemaFiles = new Map<string, string>();

  constructor(private readonly cx: AnalyzerContext) {}

  /**
   * Load one local file (gzip: compressed) into `table` in one transaction. Returns the rows
   * written, or undefined when the file must go through the JS path (nothing was written).
   * Throws only when the job was killed.
   */
  async load(path: string, gzip: boolean, table: TableMeta, run: CopyRun): Promise<number | undefined> {
    if (!plainPath(path)) return undefined;
    const fast = fastColumns(table.columns);
    if (fast.length === 0) return undefined;
    const schema = await this.schemaFile(schemaLines(fast), gzip);
    const exprs = new Map<string, string>();
    leafExprs(fast, 'r', exprs);
    const from = `read_json([${quoteString(schema)}, ${quoteString(path)}], `
      + `format = 'newline_delimited', records = true, compression = '${gzip ? 'gzip' : 'uncompressed'}', `
      + `sample_size = 2, maximum_sample_files = 1, map_inference_threshold = -1, field_appearance_threshold = 0, `
      + `filename = '${FILE_COLUMN}') AS r WHERE r.${quoteIdent(FILE_COLUMN)} <> ${quoteString(schema)}`;
    // an object's children outside the schema file cannot occur in the file (DuckDB refuses their keys): NULL
    const sql = fastInsertSql(this.cx, table, fast.map((f) => f.col.name), (internal) => exprs.get(internal) ?? 'NULL', from);
    if (sql === undefined) return undefined;
    const insert = (): Promise<number | undefined> =>
      runFastInsert(run, path, sql, (signal, onBytes) => scanLines(path, gzip, signal, onBytes));
    // two files: the schema file, then the data file
    return await splittable(path) ? withReaderThreads(run.conn, 2, insert) : insert();
  }

  private async schemaFile(text: string, gzip: boolean): Promise<string> {
    const key = `${gzip ? 'gz' : 'plain'}\u0000${text}`;
    let path = this.schemaFiles.get(key);
    if (path) return path;
    this.dir ??= await mkdtemp(join(tmpdir(), 'cratelite-copy-'));
    path = join(this.dir, `schema-${this.schemaFiles.size}.json${gzip ? '.gz' : ''}`);
    await writeFile(path, gzip ? gzipSync(text) : text);
    this.schemaFiles.set(key, path);
    return path;
  }

  async close(): Promise<void> {
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * Whether raising DuckDB's threads for the file is worth its three statements: only for files
 * of some size (its reader hands its threads buffers of twice `maximum_object_size`, so a small
 * file is mostly one buffer; a heuristic, speed only). A file that cannot be read: no (the load
 * reports it).
 */
const SPLIT_MIN_BYTES = 8 << 20;

async function splittable(path: string): Promise<boolean> {
  try {
    return (await stat(path)).size >= SPLIT_MIN_BYTES;
  } catch {
    return false;
  }
}

/**
 * Read the file as the JS path would split it and find every line where DuckDB's reader may
 * accept what JSON.parse rejects; check each such line with the JS path's parser. Returns a
 * description of the first line that parser rejects or that holds a JSON -0, or undefined.
 * Aborting ends the scan.
 */
export function scanLines(
  path: string, gzip: boolean, signal: AbortSignal, onBytes: (n: number) => void,
): Promise<string | undefined> {
  const parser = new JsonLinesParser();
  return scanFileLines(path, gzip, signal, onBytes, (buf, end) => suspectLines(buf, end, parser) ?? negativeZero(buf, end));
}

/**
 * A JSON -0 (DuckDB reads it as the integer 0; the JS path keeps -0: "-0.0" in a text column,
 * -0.0 in a double one) in buf[0, end): `-0` before a delimiter, on a line JSON.parse takes
 * and whose values include -0.
 */
function negativeZero(buf: Buffer, end: number): string | undefined {
  for (let i = buf.indexOf(NEG_ZERO); i >= 0 && i < end; i = buf.indexOf(NEG_ZERO, i + 2)) {
    const next = buf[i + 2];
    if (next !== 44 && next !== 125 && next !== 93 && next !== 32 && next !== 9 && next !== 13 && next !== 10) continue;
    const start = buf.lastIndexOf(10, i) + 1;
    let stop = buf.indexOf(10, i);
    if (stop < 0 || stop > end) stop = end;
    let value: unknown;
    try {
      value = JSON.parse(buf.toString('utf8', start, stop));
    } catch {
      continue; // a line the JS path rejects: suspectLines' concern
    }
    if (hasNegativeZero(value)) return 'a JSON -0';
  }
  return undefined;
}

function hasNegativeZero(v: unknown): boolean {
  if (Object.is(v, -0)) return true;
  if (v === null || typeof v !== 'object') return false;
  return Object.values(v).some(hasNegativeZero);
}

const NEG_ZERO = Buffer.from('-0');

/**
 * In buf[0, end) (starting and ending with a newline), the lines DuckDB may read differently:
 * a `,` before `}` or `]`, a \v or \f, a \r not before \n, a line starting with a blank. Each
 * is checked with the JS path's parser.
 */
function suspectLines(buf: Buffer, end: number, parser: JsonLinesParser): string | undefined {
  const checked = new Set<number>();
  const check = (pos: number): string | undefined => {
    const start = buf.lastIndexOf(10, pos - 1) + 1;
    if (checked.has(start)) return undefined;
    checked.add(start);
    let stop = buf.indexOf(10, pos);
    if (stop < 0 || stop > end) stop = end;
    const lineEnd = stop > start && buf[stop - 1] === 13 ? stop - 1 : stop;
    const out = parser.parse(buf.toString('utf8', start, lineEnd), 0);
    return out !== undefined && isRowError(out) ? out.error : undefined;
  };
  for (const close of [125, 93]) {
    for (let i = buf.indexOf(close); i >= 0 && i < end; i = buf.indexOf(close, i + 1)) {
      let j = i - 1;
      while (j >= 0 && (buf[j] === 32 || buf[j] === 9 || buf[j] === 13)) j--;
      if (j >= 0 && buf[j] === 44) {
        const bad = check(i);
        if (bad) return bad;
      }
    }
  }
  for (const b of [11, 12]) {
    for (let i = buf.indexOf(b); i >= 0 && i < end; i = buf.indexOf(b, i + 1)) {
      const bad = check(i);
      if (bad) return bad;
    }
  }
  for (let i = buf.indexOf(13); i >= 0 && i < end; i = buf.indexOf(13, i + 1)) {
    if (buf[i + 1] !== 10) {
      const bad = check(i);
      if (bad) return bad;
    }
  }
  for (const pattern of [NL_SPACE, NL_TAB]) {
    for (let i = buf.indexOf(pattern); i >= 0 && i < end - 1; i = buf.indexOf(pattern, i + 1)) {
      const bad = check(i + 1);
      if (bad) return bad;
    }
  }
  return undefined;
}

const NL_SPACE = Buffer.from('\n ');
const NL_TAB = Buffer.from('\n\t');
