/**
 * COPY FROM (copy.md §1): URIs → byte streams → lines → rows (JSON lines, CSV, Parquet) →
 * insertRows in batches, with per-URI counts and errors.
 *
 *   plan time     resolve and check the table (no I/O: PG Describe plans too)
 *   execute       evaluate URIs, options, PARTITION; then in the foreground or as a background
 *                 job (wait_for_completion = false): expand globs, read every URI in order,
 *                 write rows, and answer the row count or the RETURN SUMMARY rows
 *
 * Row and URI failures never fail the statement (they are counted, and logged) unless
 * `fail_fast = true`: then the first one stops the COPY with CrateDB's JobKilledException text.
 * Statement-level problems (unknown table, bad option, relative URI, unsupported scheme) fail it
 * before anything is read.
 *
 * Local JSON-lines and CSV files are first offered to DuckDB's own readers (fast-json-load.ts,
 * fast-csv-load.ts: one set-based INSERT per file, taken only where it writes exactly what the
 * JS path would; else rolled back). Otherwise, and for Parquet and remote files, the reading is
 * line-based in JS (exact line numbers and messages) and the writing goes through RowWriter →
 * insertRows.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnalyzerContext } from '../analyzer/analyzer-context.js';
import type { Plan } from '../analyzer/plan.js';
import { checkTableAccess } from '../analyzer/table-access.js';
import { findColumn, type TableMeta } from '../catalog/table-meta.js';
import type { EngineConnection } from '../engine/engine.js';
import {
  ColumnUnknownException, JobKilledException, OperationOnInaccessibleRelationException, SQLParseException,
  UnsupportedFeatureException,
} from '../errors/errors.js';
import { log } from '../observability/logger.js';
import type { CopyFrom } from '../sql/ast/index.js';
import { printStatement } from '../sql/ast/printer.js';
import type { CopyEnvironment } from './copy-environment.js';
import { runInForeground, startInBackground, type CopyRun } from './copy-job.js';
import {
  boolOption, ensureOnly, enumOption, evaluateConstant, evaluateOptions, intOption, settingText, uriTexts,
} from './copy-options.js';
import { CrateCsvParser } from './formats/crate-csv.js';
import { JsonLinesParser } from './formats/json-lines.js';
import { readParquet } from './formats/parquet.js';
import { isRowError, type LineParser, type ParsedRow, type RowError } from './formats/records.js';
import { textConverter } from './formats/text-values.js';
import { FastCsvLoader } from './fast-csv-load.js';
import { FastJsonLoader } from './fast-json-load.js';
import { fastLoadApplies } from './fast-load.js';
import { expandGlob } from './glob.js';
import { lineBatches } from './lines.js';
import { resolvePartition, type PartitionSpec } from './partition-clause.js';
import { RowWriter } from './row-writer.js';
import { openSource, UriFailure } from './sources.js';
import { CopySummary, SUMMARY_COLUMNS, type UriResult } from './summary.js';
import { fileUri, parseCopyUri, type CopyUri } from './uri.js';
import { planCopyFromStdin } from './copy-from-stdin.js';

/** copy.md §1.5 (`skip` is documented but missing from CrateDB's list; accepted) */
const FROM_OPTIONS = [
  'bulk_size', 'fail_fast', 'wait_for_completion', 'shared', 'num_readers', 'node_filters', 'compression',
  'format', 'overwrite_duplicates', 'empty_string_as_null', 'delimiter', 'header', 'skip',
];

export type InputFormat = 'json' | 'csv' | 'parquet';

export interface CopyFromOptions {
  readonly bulkSize: number;
  readonly failFast: boolean;
  readonly waitForCompletion: boolean;
  readonly compression?: 'gzip';
  readonly format?: InputFormat;
  readonly overwriteDuplicates: boolean;
  readonly emptyStringAsNull: boolean;
  readonly delimiter: string;
  readonly header: boolean;
  readonly skip: number;
  readonly nodeFilters?: { readonly name?: RegExp; readonly id?: RegExp };
}

/** The table a COPY writes to or reads from: a user table, open, not blocked. */
export function copyTable(cx: AnalyzerContext, name: readonly string[], pos: number, op: 'INSERT' | 'READ'): TableMeta {
  const r = cx.resolveRelation(name, pos);
  if (r.kind !== 'table' || r.table.kind !== 'table') {
    const what = op === 'INSERT' ? 'INSERT' : 'COPY TO';
    throw new OperationOnInaccessibleRelationException(`The relation "${r.table.schema}.${r.table.name}" doesn't support or allow ${what} operations`);
  }
  checkTableAccess(r.table, op);
  return r.table;
}

export function planCopyFrom(stmt: CopyFrom, cx: AnalyzerContext, env: CopyEnvironment | undefined): Plan {
  const table = copyTable(cx, stmt.table.name, stmt.pos, 'INSERT');
  if (table.columnPolicy === 'strict') {
    for (const c of stmt.columns ?? []) {
      if (!findColumn(table.columns, [c])) throw new ColumnUnknownException(`Column ${c} unknown`);
    }
  }
  if (stmt.uri === 'STDIN') return planCopyFromStdin(stmt, table, cx, env);
  const uriExpr = stmt.uri;
  return {
    columns: stmt.returnSummary ? SUMMARY_COLUMNS : undefined,
    async execute(conn, sink) {
      if (!env) throw new UnsupportedFeatureException('COPY FROM is not supported in this context');
      const uris = uriTexts(await evaluateConstant(uriExpr, cx, conn)).map((u) => parseCopyUri(u, 'COPY FROM'));
      const options = readFromOptions(await evaluateOptions(stmt.with, cx, conn));
      if (!options.waitForCompletion && stmt.returnSummary) {
        throw new UnsupportedFeatureException('Cannot use RETURN SUMMARY with wait_for_completion=false. Either set wait_for_completion=true, or remove RETURN SUMMARY');
      }
      const partition = stmt.table.partition ? await resolvePartition(table, stmt.table.partition, cx, conn) : undefined;
      const node = cx.systemContext().node;
      const job: CopyFromJob = { cx, table, options, uris, partition, targetColumns: stmt.columns, node: { id: node.nodeId, name: node.nodeName } };
      if (!options.waitForCompletion) {
        await startInBackground('COPY FROM', env, printStatement(stmt), async (run) => (await copyFromUris(job, run)).successCount);
        sink.end(-1);
        return;
      }
      const summary = await runInForeground('COPY FROM', env, conn, (run) => copyFromUris(job, run));
      if (!stmt.returnSummary) {
        sink.end(summary.successCount);
        return;
      }
      const rows = summary.rows(job.node);
      sink.columns(SUMMARY_COLUMNS);
      if (rows.length) sink.batch({ rowCount: rows.length, columns: SUMMARY_COLUMNS.map((_, c) => rows.map((r) => r[c])) });
      sink.end(rows.length);
    },
  };
}

function readFromOptions(o: Map<string, unknown>): CopyFromOptions {
  ensureOnly(o, FROM_OPTIONS);
  const delimiter = o.has('delimiter') ? settingText(o.get('delimiter')) : ',';
  if (delimiter.length !== 1) {
    throw new SQLParseException(`Invalid CSV fields delimiter: ${delimiter}. The delimiter must be a single character.`);
  }
  // validated, no effect on a single node
  boolOption(o, 'shared', false);
  intOption(o, 'num_readers', 1, 1);
  return {
    bulkSize: intOption(o, 'bulk_size', 10_000, 1),
    failFast: boolOption(o, 'fail_fast', false),
    waitForCompletion: boolOption(o, 'wait_for_completion', true),
    compression: enumOption(o, 'compression', ['gzip'] as const),
    format: enumOption(o, 'format', ['json', 'csv', 'parquet'] as const),
    overwriteDuplicates: boolOption(o, 'overwrite_duplicates', false),
    emptyStringAsNull: boolOption(o, 'empty_string_as_null', false),
    delimiter,
    header: boolOption(o, 'header', true),
    skip: intOption(o, 'skip', 0, 0),
    nodeFilters: nodeFilters(o.get('node_filters')),
  };
}

/** `node_filters = {name = 'regex', id = 'regex'}` (CrateDB's NodeFilters) */
function nodeFilters(v: unknown): CopyFromOptions['nodeFilters'] {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw new SQLParseException(`Invalid parameter passed to node_filters. Expected an object with name or id keys and string values. Got '${settingText(v)}'`);
  }
  const map = v as Record<string, unknown>;
  const extra = Object.keys(map).filter((k) => k !== 'name' && k !== 'id');
  if (extra.length) throw new SQLParseException(`Invalid node_filters arguments: [${Object.keys(map).join(', ')}]`);
  const regex = (key: 'name' | 'id'): RegExp | undefined => {
    const x = map[key];
    if (x === undefined || x === null) return undefined;
    if (typeof x !== 'string') {
      throw new SQLParseException(`node_filters argument '${key}' must be a String, not ${settingText(x)} (${typeof x === 'number' ? 'Integer' : 'Object'})`);
    }
    try {
      return new RegExp(`^(?:${x})$`);
    } catch {
      throw new SQLParseException(`Invalid node_filters ${key} pattern: ${x}`);
    }
  };
  return { name: regex('name'), id: regex('id') };
}

interface CopyFromJob {
  readonly cx: AnalyzerContext;
  readonly table: TableMeta;
  readonly options: CopyFromOptions;
  readonly uris: readonly CopyUri[];
  readonly partition?: PartitionSpec;
  readonly targetColumns?: readonly string[];
  readonly node: { readonly id: string; readonly name: string };
}

interface Source { readonly uri: string; readonly copyUri?: CopyUri; readonly failure?: string; readonly size?: number }

async function copyFromUris(job: CopyFromJob, run: CopyRun): Promise<CopySummary> {
  const { options } = job;
  const summary = new CopySummary();
  const filters = options.nodeFilters;
  if (filters && ((filters.name && !filters.name.test(job.node.name)) || (filters.id && !filters.id.test(job.node.id)))) {
    return summary; // this node is not among the readers
  }
  const sources = await expandSources(job.uris);
  const progress = run.progress;
  progress.files = sources.length;
  for (const s of sources) progress.addSize(s.failure ? 0 : s.size);
  const gzip = options.compression === 'gzip' || (options.compression === undefined && job.uris.every((u) => u.uri.endsWith('.gz')));
  const writer = new RowWriter(job.cx, run.conn, job.table, {
    bulkSize: options.bulkSize,
    overwriteDuplicates: options.overwriteDuplicates,
    partition: job.partition?.columns,
    checkAborted: () => run.checkAborted(),
    onWritten: (written, failed) => {
      progress.rows = written;
      progress.failed = failed;
      progress.update();
    },
  });
  const fast = fastLoadApplies(job.table, { skip: options.skip, partitioned: job.partition !== undefined });
  const csvOptions = { ...options, targetColumns: job.targetColumns };
  const loaders: FastLoaders = {
    json: fast ? new FastJsonLoader(job.cx) : undefined,
    csv: fast && FastCsvLoader.applies(csvOptions) ? new FastCsvLoader(job.cx, csvOptions) : undefined,
  };
  const failFast = async (result: UriResult): Promise<void> => {
    if (!options.failFast || (result.errorCount === 0 && !result.uriFailure)) return;
    await writer.flush();
    throw new JobKilledException(summary.failFastMessage(job.node.name));
  };
  try {
    await readSources(job, run, sources, writer, summary, gzip, failFast, loaders);
  } finally {
    await loaders.json?.close();
  }
  await writer.flush();
  for (const r of summary.sorted()) await failFast(r);
  progress.update(true);
  return summary;
}

async function readSources(
  job: CopyFromJob, run: CopyRun, sources: readonly Source[], writer: RowWriter, summary: CopySummary, gzip: boolean,
  failFast: (result: UriResult) => Promise<void>, loaders: FastLoaders,
): Promise<void> {
  const { options } = job;
  const progress = run.progress;
  for (const source of sources) {
    run.checkAborted();
    progress.file++;
    const result = summary.forUri(source.uri);
    if (source.failure) {
      result.failed(source.failure);
      await failFast(result);
      continue;
    }
    const uri = source.copyUri!;
    const format = options.format ?? formatOf(uri.uri);
    try {
      if (format === 'parquet') {
        await loadParquet(uri, job, run, writer, result, gzip, failFast);
      } else if (uri.scheme === 'file' && format !== undefined && loaders[format]
        && await loadFast(loaders[format], uri.path!, gzip, job, run, writer, result)) {
        // loaded by DuckDB
      } else {
        const opened = await openSource(uri, { gzip, signal: run.signal, onBytes: (n) => { progress.bytes += n; } });
        if (uri.scheme !== 'file') progress.addSize(opened.size);
        const parser = format === 'csv' ? csvParser(job) : new JsonLinesParser();
        await consumeLines(lineBatches(opened.chunks), parser, { result, writer, skip: options.skip, run, failFast });
      }
    } catch (e) {
      if (!(e instanceof UriFailure)) throw e;
      result.failed(e.message);
    }
    if (result.uriFailure || result.errorCount) {
      log('warn', 'COPY FROM: errors reading a URI', { uri: source.uri, failed_rows: result.errorCount, uri_failure: result.uriFailure });
    }
    await failFast(result);
  }
}

/** The DuckDB fast paths per format (undefined: not tried). */
interface FastLoaders {
  readonly json?: FastJsonLoader;
  readonly csv?: FastCsvLoader;
}

/** One file through DuckDB's reader (fast-json-load.ts, fast-csv-load.ts); false: read it line by line instead. */
async function loadFast(
  loader: FastJsonLoader | FastCsvLoader, path: string, gzip: boolean, job: CopyFromJob, run: CopyRun, writer: RowWriter, result: UriResult,
): Promise<boolean> {
  // rows of earlier files first; the table as the JS path may have grown it
  await writer.flush();
  const table = job.cx.catalog.get(job.table.schema, job.table.name);
  if (!table) return false;
  const rows = await loader.load(path, gzip, table, run);
  if (rows === undefined) return false;
  result.successCount += rows;
  writer.written += rows;
  run.progress.rows = writer.written;
  run.progress.lines += rows;
  run.progress.update();
  return true;
}

/** `.csv` → CSV, `.parquet` → Parquet (cratelite), anything else JSON (copy.md §1.3) */
function formatOf(uri: string): InputFormat {
  if (uri.endsWith('.csv')) return 'csv';
  if (uri.endsWith('.parquet')) return 'parquet';
  return 'json';
}

async function expandSources(uris: readonly CopyUri[]): Promise<Source[]> {
  const out: Source[] = [];
  for (const u of uris) {
    if (!u.glob) {
      out.push({ uri: u.uri, copyUri: u, size: u.scheme === 'file' ? await sizeOf(u.path!) : undefined });
      continue;
    }
    const paths = await expandGlob(u.path!);
    if (paths.length === 0) {
      out.push({ uri: u.uri, failure: `Cannot find any URI matching: ${u.uri}` });
      continue;
    }
    for (const path of paths) {
      const uri = fileUri(path);
      out.push({ uri, copyUri: { uri, scheme: 'file', path, glob: false }, size: await sizeOf(path) });
    }
  }
  return out;
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

function csvParser(job: CopyFromJob): CrateCsvParser {
  const { table, options } = job;
  return new CrateCsvParser({
    delimiter: options.delimiter,
    header: options.header,
    emptyStringAsNull: options.emptyStringAsNull,
    targetColumns: job.targetColumns,
    tableColumns: [...table.columns].sort((a, b) => a.position - b.position).map((c) => c.name),
    converter: (column) => textConverter(findColumn(table.columns, [column])?.type),
  });
}

export interface ConsumeOptions {
  readonly result: UriResult;
  readonly writer: RowWriter;
  /** physical lines to skip first */
  readonly skip: number;
  readonly run: CopyRun;
  readonly failFast: (result: UriResult) => Promise<void>;
}

/** Lines → parser → rows into the writer, errors into the result. */
export async function consumeLines(
  batches: AsyncIterable<{ texts: string[]; numbers: number[] }>, parser: LineParser, o: ConsumeOptions,
): Promise<void> {
  let toSkip = o.skip;
  const { run } = o;
  for await (const { texts, numbers } of batches) {
    for (let i = 0; i < texts.length; i++) {
      if (toSkip > 0) {
        toSkip--;
        continue;
      }
      if (parser.done) break;
      const out = parser.parse(texts[i]!, numbers[i]!);
      if (out === undefined) continue;
      const due = take(out, o);
      if (due) await due;
    }
    run.progress.lines += texts.length;
    run.checkAborted();
    run.progress.update();
  }
  const tail = parser.end();
  if (tail) await take(tail, o);
}

/**
 * A parsed row into the writer, or a row error into the result. Returns a promise only when
 * something is due: a full bulk to flush, or a fail-fast check after an error.
 */
export function take(out: ParsedRow | RowError, o: ConsumeOptions): Promise<void> | undefined {
  if (isRowError(out)) {
    o.writer.rowFailed(o.result, out.error, out.line);
    return o.failFast(o.result);
  }
  if (o.writer.add(o.result, out)) return o.writer.flush().then(() => o.failFast(o.result));
  return undefined;
}

async function loadParquet(
  uri: CopyUri, job: CopyFromJob, run: CopyRun, writer: RowWriter, result: UriResult, gzip: boolean,
  failFast: (r: UriResult) => Promise<void>,
): Promise<void> {
  let path = uri.path;
  let tmp: string | undefined;
  const reader = await run.env.connect();
  try {
    if (uri.scheme !== 'file' || gzip) {
      // DuckDB reads Parquet from local files only (no httpfs): download first
      tmp = await mkdtemp(join(tmpdir(), 'cratelite-copy-'));
      path = join(tmp, 'source.parquet');
      const opened = await openSource(uri, { gzip, signal: run.signal, onBytes: (n) => { run.progress.bytes += n; } });
      const parts: Buffer[] = [];
      for await (const c of opened.chunks) parts.push(c);
      await writeFile(path, Buffer.concat(parts));
    } else {
      try {
        await stat(path!);
      } catch {
        throw new UriFailure(`${path} (No such file or directory)`);
      }
    }
    let batches;
    try {
      batches = readParquet(reader, path!);
      for await (const rows of batches) {
        run.progress.lines += rows.length;
        for (const row of rows) {
          if (writer.add(result, row)) {
            await writer.flush();
            await failFast(result);
          }
        }
        run.checkAborted();
        run.progress.update();
      }
    } catch (e) {
      if (e instanceof JobKilledException || run.signal.aborted) throw e;
      // a file DuckDB cannot read as Parquet: a URI failure, without DuckDB's error class prefix
      if (e instanceof Error && /parquet|Invalid Input|IO Error|magic bytes/i.test(e.message)) {
        throw new UriFailure(`Invalid Parquet file: ${e.message.replace(/^[\w ]+Error: /, '')}`);
      }
      throw e;
    }
  } finally {
    reader.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
}
