/**
 * SQL logic test (SLT) runner for cratelite: executes the records of `test/slt/<area>/<topic>.slt`
 * against a running server through a {@link Connection} and compares the results with the
 * expectations written in the file. Entry points: `slt.test.ts` (node:test, one test per file,
 * one subtest per record) and `run.ts` (CLI: summary with diffs, `--complete`,
 * `--update-known-failures`).
 *
 * ## File format (sqllogictest dialect, STYLE.md §7.8)
 *
 * Records are separated by blank lines. Lines starting with `#` between records are comments
 * (put a `# from docs/<path>` note there); inside a record every line belongs to the record.
 *
 * ```
 * statement ok                    the statement succeeds (any result)
 * statement count 3               the statement succeeds with row count 3 (rows of a result set
 *                                 count as its row count)
 * statement error <pattern>       the statement fails and the pattern matches its error (below);
 *                                 an empty pattern accepts any error
 * query <types> [nosort|rowsort|valuesort] [colnames]
 * <sql, one or more lines>
 * ----
 * <expected rows>                 no `----` (or nothing after it) = no rows expected
 * halt                            stop running this file here
 * onlyif http|pg  /  skipif http|pg   lines before a record: run it only / never over that protocol
 * ```
 *
 * `<types>` has one letter per output column: `I` integer, `R` real/double/numeric, `T` text,
 * `B` boolean, `?` anything else (arrays, objects, NULL-only, …). The letters document the
 * columns; the runner checks only that their number equals the number of result columns.
 * Rendering never depends on them.
 *
 * Sort modes: `nosort` (default) compares rows in the order received — use it only with an
 * ORDER BY that makes the order total; `rowsort` sorts the rendered lines of both expected and
 * actual results (JS string order) before comparing; `valuesort` puts **one value per line** and
 * sorts all values. With `colnames` the first expected line is the output column names (the HTTP
 * `cols`), separated by single spaces; it is never sorted.
 *
 * ## Value rendering (one row per line)
 *
 * Values of a row are joined by a **single space**. Comparison is per whole line, so a text
 * value containing spaces is fine (`1 North West Ripple`). Trailing whitespace of each line is
 * ignored on both sides (editors strip it); to check trailing blanks, test e.g. `'[' || v || ']'`.
 *
 * | value | rendered as |
 * |---|---|
 * | NULL | `NULL` |
 * | boolean | `true` / `false` |
 * | number | the exact JSON text CrateDB sends over HTTP: `1`, `1.0`, `0.30000000000000004`, `1.0E-4`, `308534400000` (timestamps are epoch ms) |
 * | NaN / ±Infinity (JSON strings on HTTP) | `NaN`, `Infinity`, `-Infinity` |
 * | text | as is; the empty string as `(empty)`; newline, CR, tab as `\n`, `\r`, `\t` |
 * | interval, bit, ip, uuid, json … (JSON strings on HTTP) | the string as is (`1 day 00:00:00`, `B'0110'`) |
 * | array, object, geo_point, record | compact JSON, **object keys sorted**, nested text JSON-quoted: `[1,2]`, `{"a":1,"b":["x",null]}`, `[13.46738,52.50463]` |
 *
 * Files: `__SLT_DIR__` (test/slt) and `__TEST_DIR__` (a fresh temporary folder per file and
 * protocol) are replaced in the SQL and turned back in results and errors (paths.ts).
 *
 * ## Errors
 *
 * The pattern of `statement error` is matched against `<code> <message>`, e.g.
 * `4041 RelationUnknown[Relation 'missing' unknown]`: as a substring (case-sensitive), or — when
 * written as `/…/` — as a JavaScript regular expression. Prefer short, certain substrings
 * (`RelationUnknown`, `4091 DuplicateKeyException`) over exact messages when CrateDB's exact
 * wording is not documented.
 *
 * ## Fresh state per file
 *
 * Every file gets its own connection (= its own session), and before its first record the runner
 * drops every user view, table and schema it finds in `information_schema` ({@link resetDatabase}).
 * Files may therefore reuse table names; one server serves the whole run.
 *
 * ## PG adapter duties (for the coming PostgreSQL implementation of `Connection`)
 *
 * Values must arrive in the HTTP shapes above: timestamps/dates as epoch-ms numbers, booleans as
 * booleans, PG arrays and json/object text parsed into arrays/objects, numbers kept as their
 * text. Errors: `code` = SQLSTATE, `message` = the M field; because PG messages lack CrateDB's
 * `Name[…]` wrapper and HTTP code, {@link errorMatches} retries a pattern with a leading code and
 * `Name[` prefix (and the closing `]`) removed. Records whose output legitimately differs per
 * protocol use `onlyif` / `skipif`.
 */
import type { Connection, QueryResult } from './connection.js';
import { SqlError } from './connection.js';
import { isSkipped, type Protocol, type QueryRecord, type SltRecord, type StatementRecord } from './parser.js';
import { renderValue, type SqlValue } from './values.js';
import { prepareRecord, restoreError, restoreResult, substitutePaths } from './paths.js';

export type Outcome =
  | { readonly status: 'pass'; readonly actual?: ActualOutput }
  | { readonly status: 'fail'; readonly message: string; readonly actual?: ActualOutput }
  | { readonly status: 'skip' }
  | { readonly status: 'halt' };

/** What a record produced — kept for `--complete`. */
export type ActualOutput =
  | { readonly kind: 'result'; readonly result: QueryResult }
  | { readonly kind: 'error'; readonly error: SqlError };

/** Execute one record and judge it. Never throws for server-side failures. */
export async function runRecord(conn: Connection, record: SltRecord): Promise<Outcome> {
  if (isSkipped(record, conn.protocol)) return { status: 'skip' };
  if (record.kind === 'halt') return { status: 'halt' };
  let actual: ActualOutput;
  try {
    await prepareRecord(record.sql, conn);
    actual = { kind: 'result', result: restoreResult(await conn.query(substitutePaths(record.sql, conn)), conn) };
  } catch (e) {
    if (!(e instanceof SqlError)) {
      return { status: 'fail', message: `connection failure: ${e instanceof Error ? e.message : String(e)}` };
    }
    actual = { kind: 'error', error: restoreError(e, conn) };
  }
  const problem = judge(record, actual, conn.protocol);
  return problem === undefined ? { status: 'pass', actual } : { status: 'fail', message: problem, actual };
}

/** Compare what a statement/query record produced with its expectation; a message if it differs. */
export function judge(record: StatementRecord | QueryRecord, actual: ActualOutput, protocol: Protocol): string | undefined {
  return record.kind === 'statement' ? judgeStatement(record, actual, protocol) : judgeQuery(record, actual);
}

function judgeStatement(record: StatementRecord, actual: ActualOutput, protocol: Protocol): string | undefined {
  const { expect } = record;
  if (expect.type === 'error') {
    if (actual.kind === 'result') return `expected an error matching '${expect.pattern}', but the statement succeeded (${describe(actual.result)})`;
    return errorMatches(expect.pattern, actual.error, protocol)
      ? undefined
      : `error does not match '${expect.pattern}':\n  ${actual.error.text}`;
  }
  if (actual.kind === 'error') return `statement failed: ${actual.error.text}`;
  if (expect.type === 'count') {
    const count = rowCountOf(actual.result);
    if (count !== expect.count) return `expected row count ${expect.count}, got ${count}`;
  }
  return undefined;
}

function judgeQuery(record: QueryRecord, actual: ActualOutput): string | undefined {
  if (actual.kind === 'error') return `query failed: ${actual.error.text}`;
  const { result } = actual;
  if (result.kind !== 'rows') return `expected a result set, got row count ${result.rowCount}`;
  if (result.columns.length !== record.types.length) {
    return `expected ${record.types.length} column(s) (types '${record.types}'), got ${result.columns.length}: ${result.columns.join(', ')}`;
  }
  const actualLines = renderResult(record, result.columns, result.rows);
  const expectedLines = normalizeExpected(record);
  if (sameLines(expectedLines, actualLines)) return undefined;
  return `result mismatch\n${formatDiff(expectedLines, actualLines)}`;
}

/** Rendered, sorted lines of a result as they would be written in the file. */
export function renderResult(
  record: Pick<QueryRecord, 'sortMode' | 'colnames'>,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
): string[] {
  let lines: string[];
  if (record.sortMode === 'valuesort') {
    lines = rows.flatMap((r) => r.map(renderValue)).sort();
  } else {
    lines = rows.map((r) => r.map(renderValue).join(' '));
    if (record.sortMode === 'rowsort') lines.sort();
  }
  return record.colnames ? [columns.join(' '), ...lines] : lines;
}

/** Expected lines with trailing blanks removed and the sort mode applied. */
export function normalizeExpected(record: Pick<QueryRecord, 'sortMode' | 'colnames' | 'expected'>): string[] {
  const lines = record.expected.map((l) => l.trimEnd());
  if (record.sortMode === 'nosort') return lines;
  const [head, body] = record.colnames ? [lines.slice(0, 1), lines.slice(1)] : [[], lines];
  return [...head, ...[...body].sort()];
}

function sameLines(expected: readonly string[], actual: readonly string[]): boolean {
  return expected.length === actual.length && expected.every((l, i) => l === actual[i]!.trimEnd());
}

export function formatDiff(expected: readonly string[], actual: readonly string[]): string {
  const out: string[] = ['  expected:'];
  for (const l of expected) out.push(`    ${l}`);
  if (expected.length === 0) out.push('    (no rows)');
  out.push('  actual:');
  const max = Math.max(expected.length, actual.length);
  for (let i = 0; i < actual.length; i++) out.push(`  ${actual[i]!.trimEnd() === expected[i] ? ' ' : '!'} ${actual[i]!.trimEnd()}`);
  if (actual.length === 0) out.push('    (no rows)');
  if (max > 40) out.push(`  (${expected.length} expected lines, ${actual.length} actual lines)`);
  return out.join('\n');
}

function rowCountOf(result: QueryResult): number {
  return result.kind === 'count' ? result.rowCount : result.rows.length;
}

function describe(result: QueryResult): string {
  return result.kind === 'count' ? `row count ${result.rowCount}` : `${result.rows.length} row(s)`;
}

/**
 * Does an error match a `statement error` pattern? The pattern is looked for in
 * `<code> <message>` (substring, or a regular expression when written as `/…/`). Over PG, whose
 * messages have neither CrateDB's code nor the `Name[…]` wrapper, a substring pattern that fails
 * is retried without a leading numeric code and without `Name[` … `]`; a pattern that is only an
 * exception name (`RelationUnknown`) — or a regular expression that only alternates exception
 * names (`/ParsingException|UnsupportedFeatureException/`) — then accepts any error.
 */
export function errorMatches(pattern: string, error: SqlError, protocol: Protocol): boolean {
  const p = pattern.trim();
  if (p === '') return true;
  if (p.length > 1 && p.startsWith('/') && p.endsWith('/')) {
    const source = p.slice(1, -1);
    if (new RegExp(source).test(error.text)) return true;
    return protocol === 'pg' && /^\(?[A-Z][A-Za-z0-9_]*(\|[A-Z][A-Za-z0-9_]*)*\)?$/.test(source);
  }
  if (error.text.includes(p)) return true;
  if (protocol !== 'pg') return false;
  const core = stripCrateDbWrapper(p);
  return core === '' || error.message.includes(core);
}

/** `4041 RelationUnknown[Relation 'x' unknown]` → `Relation 'x' unknown`; `RelationUnknown` → `` */
export function stripCrateDbWrapper(pattern: string): string {
  const p = pattern.replace(/^\d+(\s+|$)/, '');
  const m = /^[A-Z][A-Za-z0-9_]*(?:\[(.*))?$/s.exec(p);
  if (!m) return p;
  const inner = m[1] ?? '';
  return inner.endsWith(']') ? inner.slice(0, -1) : inner;
}

const SYSTEM_SCHEMAS = ['information_schema', 'sys', 'pg_catalog', 'blob'];
const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Drop every user view, table and schema, so that a file starts from an empty database.
 * Returns the problems met (reported as diagnostics, not failures: a broken server shows up in
 * the records anyway).
 */
export async function resetDatabase(conn: Connection): Promise<string[]> {
  const problems: string[] = [];
  const list = async (sql: string): Promise<readonly (readonly SqlValue[])[]> => {
    try {
      const r = await conn.query(sql);
      return r.kind === 'rows' ? r.rows : [];
    } catch (e) {
      problems.push(`${sql}: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
  };
  const exec = async (sql: string) => {
    try {
      await conn.query(sql);
    } catch (e) {
      problems.push(`${sql}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const excluded = SYSTEM_SCHEMAS.map((s) => `'${s}'`).join(', ');
  const relations = await list(
    `SELECT table_schema, table_name, table_type FROM information_schema.tables WHERE table_schema NOT IN (${excluded}) ORDER BY 1, 2`);
  // views first: dropping a table never drops views that use it, but keep the order tidy
  const sorted = [...relations].sort((a, b) => (a[2] === 'VIEW' ? 0 : 1) - (b[2] === 'VIEW' ? 0 : 1));
  for (const [schema, name, type] of sorted) {
    const fqn = `${quoteIdent(String(schema))}.${quoteIdent(String(name))}`;
    await exec(type === 'VIEW' ? `DROP VIEW ${fqn}` : `DROP TABLE ${fqn}`);
  }
  const schemas = await list(
    `SELECT schema_name FROM information_schema.schemata WHERE schema_name NOT IN (${excluded}, 'doc') ORDER BY 1`);
  for (const [schema] of schemas) {
    await exec(`DROP SCHEMA ${quoteIdent(String(schema))} CASCADE`);
  }
  return problems;
}
