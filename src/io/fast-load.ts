/**
 * What COPY FROM's DuckDB fast paths share (fast-json-load.ts for JSON lines, fast-csv-load.ts
 * for CSV): when one may be tried at all, the one-transaction INSERT that runs next to a JS scan
 * of the same file and is rolled back when either fails, and that scan's buffered line reader.
 *
 *   runFastInsert(run, path, sql, scan) → rows written, or undefined: redo the file on the JS path
 *
 * A value the fast path cannot convert exactly makes the statement call `NOT_EXACT` (DuckDB's
 * error()), so the whole file is rolled back and handed over. KILL interrupts the DuckDB
 * connection and aborts the scan: nothing of the file stays. Bytes read are counted for sys.jobs
 * progress as the scan reads (it runs ahead of DuckDB), and reset when the file is handed over.
 */
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { AnalyzerContext } from '../analyzer/analyzer-context.js';
import { relationInsertSql } from '../analyzer/dml/bulk-write.js';
import { rowLayout } from '../analyzer/dml/leaf-writers.js';
import type { TableMeta } from '../catalog/table-meta.js';
import type { EngineConnection } from '../engine/engine.js';
import { log } from '../observability/logger.js';
import { quoteIdent } from '../translator/duckdb-types.js';
import type { CopyRun } from './copy-job.js';

export const NOT_EXACT = `error('cratelite: COPY FROM fast path does not apply')`;

/** DuckDB's `filename` column of the JSON reader (a table column of that name: JS path). */
export const FILE_COLUMN = '__cratelite_file';

/** `CRATELITE_COPY_FAST=off` turns the fast paths off (to compare both paths). */
export const fastPathEnabled = (): boolean => process.env.CRATELITE_COPY_FAST !== 'off';

/** Whether a COPY into `table` may try a fast path at all (the rest is checked per file). */
export function fastLoadApplies(table: TableMeta, o: { skip: number; partitioned: boolean }): boolean {
  if (!fastPathEnabled() || o.skip > 0 || o.partitioned) return false;
  // duplicate keys are found per row by bulk-write's key checks: JS path
  if (table.primaryKey.length || table.partitionedBy.length) return false;
  return !table.columns.some((c) => c.name.toLowerCase() === FILE_COLUMN);
}

/** DuckDB reads a path as a glob pattern: only names that cannot match another file. */
export const plainPath = (path: string): boolean => !/[*?[\]{}]/.test(path);

/**
 * The file's one INSERT of `columns` into `table`: `valueOf(internal)` is the SQL of a supplied
 * DuckDB column over `from` (the reader's call, aliased `r`). Undefined — the JS path — when a
 * column has none, needs a conversion of the staging step, or the rows need DEFAULTs.
 */
export function fastInsertSql(
  cx: AnalyzerContext, table: TableMeta, columns: readonly string[], valueOf: (internal: string) => string | undefined, from: string,
): string | undefined {
  const layout = rowLayout(table, columns);
  if (layout.defaultSlots.length) return undefined;
  // shaped like bulk-write's staging table: "__row", then v<slot> in the leaves' stage types
  const select = ['CAST(0 AS INTEGER) AS "__row"'];
  for (const slot of layout.suppliedSlots) {
    const leaf = layout.leaves[slot]!;
    const value = valueOf(leaf.internal);
    if (leaf.fromStage || value === undefined) return undefined;
    select.push(`CAST(${value} AS ${leaf.stageType}) AS ${quoteIdent(`v${slot}`)}`);
  }
  return relationInsertSql(cx, table, layout, columns, `SELECT ${select.join(', ')} FROM ${from}`);
}

/** A scan of the file: a description of the first thing the fast path cannot take, or undefined. */
export type FileScan = (signal: AbortSignal, onBytes: (n: number) => void) => Promise<string | undefined>;

/** A file the fast path could not load as the JS path would: redo it there. */
class NotExact extends Error {}

/**
 * Run `sql` (the file's one INSERT) in a transaction while `scan` reads the file; commit only
 * when both succeed. Returns the rows written, or undefined (rolled back, nothing written).
 * Throws only when the job was killed.
 */
export async function runFastInsert(run: CopyRun, path: string, sql: string, scanFile: FileScan): Promise<number | undefined> {
  const conn = run.conn;
  const bytesBefore = run.progress.bytes;
  const scanAbort = new AbortController();
  const onKill = (): void => scanAbort.abort();
  run.signal.addEventListener('abort', onKill);
  const scan = scanFile(scanAbort.signal, (n) => { run.progress.bytes += n; run.progress.update(); });
  scan.catch(() => undefined); // awaited below; a failure to read (a missing file) hands the file over
  try {
    const rows = await conn.transaction(async () => {
      let written: number;
      try {
        written = await conn.run(sql);
      } catch (e) {
        scanAbort.abort();
        await scan.catch(() => undefined);
        throw e;
      }
      const bad = await scan;
      if (bad) throw new NotExact(bad);
      return written;
    });
    log('info', 'COPY FROM: file loaded by DuckDB', { path, rows });
    return rows;
  } catch (e) {
    run.checkAborted();
    run.progress.bytes = bytesBefore;
    log('info', 'COPY FROM: file loaded line by line', { path, reason: e instanceof Error ? e.message : String(e) });
    return undefined;
  } finally {
    run.signal.removeEventListener('abort', onKill);
  }
}

/**
 * Run `fn` (a fast load whose reader scans `files` files) with DuckDB threads to spare for it:
 * DuckDB's JSON reader splits a file among its threads only when the scan has fewer files than
 * the instance has threads, so a two-file scan on a two-thread instance (a 2-core machine) reads
 * the data file on one thread. Such an instance runs `files + 1` threads meanwhile; the setting
 * it had is put back after, unless another load had already raised it (then that one puts it
 * back). Only speed depends on this, never what is written.
 */
export async function withReaderThreads<T>(conn: EngineConnection, files: number, fn: () => Promise<T>): Promise<T> {
  let threads: number;
  try {
    const setting = await conn.raw.runAndReadAll(`SELECT CAST(current_setting('threads') AS BIGINT)`);
    threads = Number(setting.getRows()[0]?.[0]);
    if (threads <= files) await conn.raw.run(`SET GLOBAL threads = ${files + 1}`);
  } catch {
    threads = NaN; // the setting could not be read or changed: load as it is
  }
  if (!(threads <= files)) return fn();
  try {
    return await fn();
  } finally {
    await conn.raw.run(`SET GLOBAL threads = ${threads}`).catch(() => undefined);
  }
}

const CHUNK = 4 << 20;

/**
 * Read the file (gzip: compressed) as the JS path would split it into lines and hand every run
 * of complete lines to `suspect`: buf[0, end) starts and ends with a newline (the one before
 * the line that continues from the last read, or a made-up one before the file's first line;
 * a made-up one after a last line without). Returns the first description `suspect` gives, or
 * undefined. A byte order mark is refused (DuckDB's readers do not drop it). Aborting ends it.
 */
export async function scanFileLines(
  path: string, gzip: boolean, signal: AbortSignal, onBytes: (n: number) => void,
  suspect: (buf: Buffer, end: number) => string | undefined,
): Promise<string | undefined> {
  const handle = await open(path, 'r');
  const streams: { destroy(): void }[] = [];
  try {
    let buf = Buffer.allocUnsafe(2 * CHUNK);
    buf[0] = 10;
    let len = 1;
    let bom = true;
    /** check the complete lines in buf[0, len) (all when `last`), keep the rest */
    const drain = (last: boolean): string | undefined => {
      if (bom && len >= 4) {
        bom = false;
        if (buf[1] === 0xef && buf[2] === 0xbb && buf[3] === 0xbf) return 'byte order mark';
      }
      if (last && buf[len - 1] !== 10) buf[len++] = 10;
      const end = buf.lastIndexOf(10, len - 1) + 1;
      if (end <= 1) return undefined;
      const bad = suspect(buf.subarray(0, len), end);
      if (bad) return bad;
      buf.copyWithin(0, end - 1, len);
      len -= end - 1;
      return undefined;
    };
    /** room for `n` more bytes (a line longer than the buffer grows it) */
    const room = (n: number): void => {
      if (len + n + 1 <= buf.length) return;
      const bigger = Buffer.allocUnsafe(2 * (len + n + 1));
      buf.copy(bigger, 0, 0, len);
      buf = bigger;
    };
    if (gzip) {
      const raw = handle.createReadStream({ highWaterMark: CHUNK, autoClose: false });
      raw.on('data', (c) => onBytes((c as Buffer).length));
      const stream = raw.pipe(createGunzip({ chunkSize: 1 << 20 }));
      streams.push(raw, stream);
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (signal.aborted) return 'aborted';
        room(chunk.length);
        chunk.copy(buf, len);
        len += chunk.length;
        if (len >= CHUNK) {
          const bad = drain(false);
          if (bad) return bad;
        }
      }
    } else {
      for (;;) {
        if (signal.aborted) return 'aborted';
        room(CHUNK);
        const { bytesRead } = await handle.read(buf, len, CHUNK);
        if (bytesRead === 0) break;
        onBytes(bytesRead);
        len += bytesRead;
        const bad = drain(false);
        if (bad) return bad;
      }
    }
    return drain(true);
  } finally {
    for (const s of streams) s.destroy();
    await handle.close();
  }
}

/** The file's first line (without its `\n`), or undefined when it has none within `max` bytes. */
export async function readFirstLine(path: string, gzip: boolean, max = 1 << 20): Promise<Buffer | undefined> {
  const handle = await open(path, 'r');
  const parts: Buffer[] = [];
  let size = 0;
  try {
    const raw = handle.createReadStream({ highWaterMark: 64 << 10, autoClose: false });
    const stream = gzip ? raw.pipe(createGunzip()) : raw;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        const nl = chunk.indexOf(10);
        if (nl >= 0) {
          parts.push(chunk.subarray(0, nl));
          return Buffer.concat(parts);
        }
        parts.push(chunk);
        size += chunk.length;
        if (size > max) return undefined;
      }
    } finally {
      raw.destroy();
      if (stream !== raw) stream.destroy();
    }
    return size ? Buffer.concat(parts) : undefined;
  } finally {
    await handle.close();
  }
}
