/**
 * COPY TO (copy.md §2): a table's rows (optionally a column list, WHERE, PARTITION) → files in a
 * directory, or → the PostgreSQL client (`TO STDOUT`, also `COPY (SELECT …) TO STDOUT`).
 *
 * Files: one per partition, where CrateDB writes one per shard — `<table>_0_<partition_ident>.json`
 * (`<table>_0_.json` for a table without partitions; `.gz` appended with gzip), overwritten when
 * present; the directory must exist. Formats:
 *
 *   json_object  one JSON object per line (default without column list; all top-level columns,
 *                partition columns included so the file can be imported again)
 *   json_array   one JSON array per line (default with a column list)
 *   csv          cratelite: a header line, then the values (text as is, everything else as its
 *                JSON text, NULL as an empty field, '' as `""`)
 *   parquet      cratelite: written by DuckDB (`<table>_0_<ident>.parquet`, gzip → Parquet's own
 *                GZIP codec)
 *
 * Values are encoded as the HTTP endpoint encodes them (timestamps as epoch milliseconds,
 * geo_point as [lon, lat] …), so COPY FROM reads the files back to the same values.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createGzip, type Gzip } from 'node:zlib';
import type { AnalyzerContext } from '../analyzer/analyzer-context.js';
import type { Plan } from '../analyzer/plan.js';
import { QueryAnalyzer } from '../analyzer/query.js';
import { partitionIdent } from '../catalog/partition-ident.js';
import { findColumn, type TableMeta } from '../catalog/table-meta.js';
import type { EngineConnection } from '../engine/engine.js';
import {
  CrateliteError, PartitionUnknownException, SQLParseException, UnsupportedFeatureException,
} from '../errors/errors.js';
import { encoderFor, type ValueEncoder } from '../types/json-values.js';
import type { Expression, Query } from '../sql/ast/index.js';
import type { CopyTo } from '../sql/ast/statement.js';
import { outputName, printExpression, printStatement, quoteIdent } from '../sql/ast/printer.js';
import { parseStatement } from '../sql/parser/parser.js';
import type { ResultColumn, RowBatch } from '../session/result-sink.js';
import type { DataType } from '../types/data-type.js';
import { copyTable } from './copy-from.js';
import type { CopyEnvironment } from './copy-environment.js';
import { runInForeground, startInBackground, type CopyRun } from './copy-job.js';
import { ensureOnly, enumOption, evaluateConstant, evaluateOptions, boolOption, settingText } from './copy-options.js';
import { writeParquet } from './formats/parquet.js';
import { resolvePartition, type PartitionSpec } from './partition-clause.js';
import { readPgCopyOptions } from './pg-copy-options.js';
import { parseCopyUri } from './uri.js';

/** CrateDB's UnhandledServerException: `Failed to open output: '…'` (5000) */
class UnhandledServerException extends CrateliteError {
  readonly crateName = 'UnhandledServerException';
  readonly crateCode = 5000;
  readonly sqlState = 'XX000';
}

type OutputFormat = 'json_object' | 'json_array' | 'csv' | 'parquet';

interface Output {
  readonly names: readonly string[];
  readonly items: readonly string[];
}

export function planCopyTo(stmt: CopyTo, cx: AnalyzerContext, env: CopyEnvironment | undefined): Plan {
  if (stmt.uri !== 'STDOUT' && !stmt.directory) {
    throw new UnsupportedFeatureException('Using COPY TO without specifying a DIRECTORY is not supported');
  }
  if (stmt.query) return planQueryToStdout(stmt, stmt.query, cx, env);
  const table = copyTable(cx, stmt.table!.name, stmt.pos, 'READ');
  const output = outputOf(table, stmt.columns);
  // analyse now, so unknown columns fail at once (and PG Parse reports them)
  compileSelect(cx, table, output, stmt.where, undefined, []);
  return {
    async execute(conn, sink) {
      if (!env) throw new UnsupportedFeatureException('COPY TO is not supported in this context');
      const partition = stmt.table!.partition ? await resolvePartition(table, stmt.table!.partition, cx, conn) : undefined;
      if (stmt.uri === 'STDOUT') {
        const channel = env.channel;
        if (!channel) throw new UnsupportedFeatureException('COPY TO STDOUT is only supported over the PostgreSQL wire protocol');
        const format = readPgCopyOptions(await evaluateOptions(stmt.with, cx, conn), 'TO');
        const q = compileSelect(cx, table, output, stmt.where, partition, []);
        const sql = await cx.finalizeSql(q.sql, conn);
        const n = await runInForeground('COPY TO', env, conn, (run) => channel.copyOut(q.columns, format, counted(conn.query(sql), run)));
        sink.end(n);
        return;
      }
      const options = await evaluateOptions(stmt.with, cx, conn);
      const uriText = settingText(await evaluateConstant(stmt.uri, cx, conn));
      const uri = parseCopyUri(uriText, 'COPY TO');
      ensureOnly(options, ['compression', 'format', 'wait_for_completion']);
      const gzip = enumOption(options, 'compression', ['gzip'] as const) === 'gzip';
      const format: OutputFormat = enumOption(options, 'format', ['json_object', 'json_array', 'csv', 'parquet'] as const)
        ?? (stmt.columns ? 'json_array' : 'json_object');
      if (format === 'json_array' && !stmt.columns) {
        throw new UnsupportedFeatureException('Output format not supported without specifying columns.');
      }
      const job: CopyToJob = { cx, table, output, where: stmt.where, partition, dir: uri.path!, gzip, format };
      if (!boolOption(options, 'wait_for_completion', true)) {
        await startInBackground('COPY TO', env, printStatement(stmt), (run) => copyToDirectory(job, run));
        sink.end(-1);
        return;
      }
      sink.end(await runInForeground('COPY TO', env, conn, (run) => copyToDirectory(job, run)));
    },
  };
}

function planQueryToStdout(stmt: CopyTo, query: Query, cx: AnalyzerContext, env: CopyEnvironment | undefined): Plan {
  const q = new QueryAnalyzer(cx).compileQuery(query, undefined, new Map());
  return {
    async execute(conn, sink) {
      const channel = env?.channel;
      if (!env || !channel) throw new UnsupportedFeatureException('COPY TO STDOUT is only supported over the PostgreSQL wire protocol');
      const format = readPgCopyOptions(await evaluateOptions(stmt.with, cx, conn), 'TO');
      const sql = await cx.finalizeSql(q.sql, conn);
      sink.end(await runInForeground('COPY TO', env, conn, (run) => channel.copyOut(q.columns, format, counted(conn.query(sql), run))));
    },
  };
}

async function* counted(batches: AsyncIterable<RowBatch>, run: CopyRun): AsyncGenerator<RowBatch> {
  for await (const b of batches) {
    run.checkAborted();
    yield b;
    run.progress.rows += b.rowCount;
    run.progress.update();
  }
}

/** Column list → select items and output names (`o['a']` as CrateDB names it); default: every top-level column. */
function outputOf(table: TableMeta, columns: readonly Expression[] | undefined): Output {
  if (columns) return { names: columns.map((c) => outputName(c)), items: columns.map((c) => printExpression(c)) };
  const cols = [...table.columns].sort((a, b) => a.position - b.position);
  return { names: cols.map((c) => c.name), items: cols.map((c) => quoteIdent(c.name)) };
}

/** `SELECT items FROM t WHERE (where) AND <partition> [AND <extra>]`, analysed */
function compileSelect(
  cx: AnalyzerContext, table: TableMeta, output: Output, where: Expression | undefined,
  partition: PartitionSpec | undefined, extra: readonly string[],
) {
  const conds: string[] = [];
  if (where) conds.push(`(${printExpression(where)})`);
  if (partition) for (const c of partition.columns) conds.push(equals(c.path, c.value));
  conds.push(...extra);
  const from = `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
  return compile(cx, `SELECT ${output.items.join(', ')} FROM ${from}${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''}`);
}

function compile(cx: AnalyzerContext, sql: string) {
  const stmt = parseStatement(sql);
  if (stmt.kind !== 'Select') throw new SQLParseException(`internal: ${sql}`);
  return new QueryAnalyzer(cx).compileQuery(stmt.query, undefined, new Map());
}

const columnSql = (path: readonly string[]): string =>
  quoteIdent(path[0]!) + path.slice(1).map((p) => `['${p.replace(/'/g, "''")}']`).join('');

function equals(path: readonly string[], value: unknown): string {
  const col = columnSql(path);
  if (value === null || value === undefined) return `${col} IS NULL`;
  if (typeof value === 'string') return `${col} = '${value.replace(/'/g, "''")}'`;
  return `${col} = ${String(value)}`;
}

interface CopyToJob {
  readonly cx: AnalyzerContext;
  readonly table: TableMeta;
  readonly output: Output;
  readonly where?: Expression;
  readonly partition?: PartitionSpec;
  readonly dir: string;
  readonly gzip: boolean;
  readonly format: OutputFormat;
}

/** One file per partition; returns the rows written. */
async function copyToDirectory(job: CopyToJob, run: CopyRun): Promise<number> {
  const { table, cx, partition } = job;
  const conn = run.conn;
  let units: { ident: string; spec?: PartitionSpec }[];
  if (table.partitionedBy.length === 0) {
    units = [{ ident: '' }];
  } else if (partition) {
    const exists = compileSelect(cx, table, { names: ['n'], items: ['count(*)'] }, undefined, partition, []);
    const [[n]] = await conn.all(await cx.finalizeSql(exists.sql, conn)) as [[bigint]];
    if (Number(n) === 0) {
      throw new PartitionUnknownException(`No partition for table '${table.schema}.${table.name}' with ident '${partition.ident}' exists`);
    }
    units = [{ ident: partition.ident, spec: partition }];
  } else {
    units = await partitionsOf(job, conn);
  }
  run.progress.files = units.length;
  let rows = 0;
  for (const unit of units) {
    run.checkAborted();
    run.progress.file++;
    const ext = job.format === 'parquet' ? 'parquet' : job.format === 'csv' ? 'csv' : 'json';
    const name = `${table.name}_0_${unit.ident}.${ext}${job.gzip && job.format !== 'parquet' ? '.gz' : ''}`;
    const path = join(job.dir, name);
    await checkOutputPath(path, job.dir);
    const q = compileSelect(cx, table, job.output, job.where, unit.spec, []);
    const sql = await cx.finalizeSql(q.sql, conn);
    if (job.format === 'parquet') {
      rows += await writeParquet(conn, sql, job.output.names, path, job.gzip);
      run.progress.rows = rows;
      run.progress.update();
      continue;
    }
    rows += await writeTextFile(path, job, q.columns, conn.query(sql), run);
  }
  run.progress.update(true);
  return rows;
}

/** The partitions with rows matching WHERE, as ident + PARTITION spec */
async function partitionsOf(job: CopyToJob, conn: EngineConnection): Promise<{ ident: string; spec: PartitionSpec }[]> {
  const { table, cx } = job;
  const items = table.partitionedBy.map(columnSql);
  const q = compileSelect(cx, table, { names: items, items: [`DISTINCT ${items.join(', ')}`] }, job.where, undefined, []);
  const types = table.partitionedBy.map((p) => findColumn(table.columns, p)?.type);
  const encoders = types.map((t) => encoderFor(t ?? { kind: 'undefined' }));
  const rows = await conn.all(await cx.finalizeSql(q.sql, conn));
  return rows.map((r) => {
    const values = r.map((raw, i) => (raw === null || raw === undefined ? null : JSON.parse(encoders[i]!(raw)) as unknown));
    return {
      ident: partitionIdent(values, types),
      spec: { columns: table.partitionedBy.map((path, i) => ({ path, value: values[i] })), ident: '' },
    };
  });
}

async function checkOutputPath(path: string, dir: string): Promise<void> {
  try {
    if ((await stat(path)).isDirectory()) throw new UnhandledServerException(`Failed to open output: 'Output path is a directory: ${path}'`);
  } catch (e) {
    if (e instanceof CrateliteError) throw e;
  }
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('ENOTDIR');
  } catch {
    throw new UnhandledServerException(`Failed to open output: '${path} (No such file or directory)'`);
  }
}

async function writeTextFile(
  path: string, job: CopyToJob, columns: readonly ResultColumn[], batches: AsyncIterable<RowBatch>, run: CopyRun,
): Promise<number> {
  const file: WriteStream = createWriteStream(path);
  const opened = new Promise<void>((resolve, reject) => {
    file.once('open', () => resolve());
    file.once('error', reject);
  });
  try {
    await opened;
  } catch (e) {
    throw new UnhandledServerException(`Failed to open output: '${path} (${(e as { code?: string }).code === 'EACCES' ? 'Permission denied' : (e as Error).message})'`);
  }
  const gzip: Gzip | undefined = job.gzip ? createGzip() : undefined;
  if (gzip) gzip.pipe(file);
  const out = gzip ?? file;
  const write = async (text: string): Promise<void> => {
    run.progress.bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  const encode = lineEncoder(job.format, job.output.names, columns.map((c) => c.type));
  let rows = 0;
  let failure: unknown;
  try {
    if (job.format === 'csv') await write(`${job.output.names.map((n) => csvField(n)).join(',')}\n`);
    for await (const batch of batches) {
      run.checkAborted();
      let text = '';
      for (let r = 0; r < batch.rowCount; r++) text += `${encode(batch, r)}\n`;
      await write(text);
      rows += batch.rowCount;
      run.progress.rows += batch.rowCount;
      run.progress.update();
    }
  } catch (e) {
    failure = e;
  }
  out.end();
  await once(file, 'close');
  if (failure) throw failure;
  return rows;
}

/** One output line per row (without the newline). */
function lineEncoder(format: OutputFormat, names: readonly string[], types: readonly DataType[]): (b: RowBatch, r: number) => string {
  const encoders: ValueEncoder[] = types.map((t) => encoderFor(t));
  const keys = names.map((n) => `${JSON.stringify(n)}:`);
  const cell = (b: RowBatch, c: number, r: number): string => {
    const v = b.columns[c]![r];
    return v === null || v === undefined ? 'null' : encoders[c]!(v);
  };
  switch (format) {
    case 'json_object':
      return (b, r) => `{${keys.map((k, c) => k + cell(b, c, r)).join(',')}}`;
    case 'json_array':
      return (b, r) => `[${keys.map((_, c) => cell(b, c, r)).join(',')}]`;
    default:
      return (b, r) => keys.map((_, c) => {
        const v = b.columns[c]![r];
        if (v === null || v === undefined) return '';
        const json = encoders[c]!(v);
        return csvField(json.startsWith('"') ? JSON.parse(json) as string : json);
      }).join(',');
  }
}

/** RFC 4180 quoting when needed; '' is written `""` so that it differs from NULL */
function csvField(text: string): string {
  if (text === '' || /[",\r\n]/.test(text) || text.trim() !== text) return `"${text.replace(/"/g, '""')}"`;
  return text;
}


