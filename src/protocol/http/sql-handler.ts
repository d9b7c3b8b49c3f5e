/**
 * `/_sql` — any method, any path starting with `/_sql` (http.md §2, §3; CrateDB `SqlHttpHandler`).
 *
 *   body → (decompress, ≤ 100 MB) → parse {stmt, args | bulk_args} → session of this connection
 *        → single:  Session.execute(stmt, args, JsonResultSink) → {cols, [col_types], rows, rowcount, duration}
 *        → bulk:    Session.executeBulk(stmt, bulk_args)        → {cols:[], duration, results:[…]}
 *        ✗ any error → {"error":{"message":"Name[msg]","code":N}} [+ "error_trace"], status from the code
 *
 * Mode selection copies CrateDB exactly: `args` present (even `[]`) or no `bulk_args` → single.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SQLParseException, toCrateliteError, type CrateliteError } from '../../errors/errors.js';
import type { BulkResult, Session } from '../../session/session.js';
import { durationText, elapsedMs, JsonResultSink } from './json-result-sink.js';
import { BodyTooLarge, ClientGone, DecompressionFailed, readBody } from './request-body.js';
import { parseSqlRequest } from './sql-request.js';

export interface SqlConnection {
  /** The session of this TCP connection; created by the first `/_sql` request (reads `Default-Schema`). */
  session(req: IncomingMessage): Promise<Session>;
}

export interface SqlOptions {
  maxContentLength: number;
}

/** Only the first failures of a bulk request carry their error object (CrateDB: 10 per shard). */
const BULK_ERRORS_REPORTED = 10;

const JSON_TYPE = 'application/json; charset=UTF-8';

export async function handleSql(req: IncomingMessage, res: ServerResponse, conn: SqlConnection, options: SqlOptions): Promise<void> {
  const start = process.hrtime.bigint();
  const flags = queryFlags(req.url ?? '');
  let body: Buffer;
  try {
    body = await readBody(req, options.maxContentLength);
  } catch (e) {
    if (e instanceof BodyTooLarge) return send(res, 413, '', undefined);
    if (e instanceof DecompressionFailed) {
      // Netty answers a failed decompression with a plain 500 and closes the connection.
      res.setHeader('connection', 'close');
      return send(res, 500, e.message, undefined);
    }
    if (e instanceof ClientGone) return;
    throw e;
  }
  try {
    const session = await conn.session(req);
    const request = parseSqlRequest(body);
    const { stmt, args, bulkArgs } = request;
    if (args !== undefined && args.length > 0 && bulkArgs !== undefined && bulkArgs.length > 0) {
      throw new SQLParseException("request body contains args and bulk_args. It's forbidden to provide both");
    }
    if (args !== undefined || bulkArgs === undefined) {
      const sink = new JsonResultSink(flags.types);
      await session.execute(stmt, args ?? [], sink, { argTypes: request.argTypes });
      const ms = elapsedMs(start);
      send(res, 200, sink.text(ms) ?? sink.body(ms), JSON_TYPE);
    } else {
      const results = bulkArgs.length === 0 ? [] : await session.executeBulk(stmt, bulkArgs);
      send(res, 200, bulkBody(results, elapsedMs(start)), JSON_TYPE);
    }
  } catch (e) {
    const err = toCrateliteError(e);
    send(res, err.httpStatus, errorBody(err, flags.errorTrace), JSON_TYPE);
  }
}

/**
 * `?types` / `?error_trace` are flags: on only when given once with an empty value or `true`
 * (CrateDB `SqlHttpHandler.paramContainFlag`).
 */
export function queryFlags(url: string): { types: boolean; errorTrace: boolean } {
  const q = url.indexOf('?');
  const params = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  const flag = (name: string): boolean => {
    const values = params.getAll(name);
    return values.length === 1 && (values[0] === '' || values[0] === 'true');
  };
  return { types: flag('types'), errorTrace: flag('error_trace') };
}

/** `{"error":{"message":…,"code":…}}`, plus `"error_trace"` on request (http.md §3.8). */
export function errorBody(err: CrateliteError, withTrace: boolean): string {
  const error = `{"message":${JSON.stringify(err.crateMessage)},"code":${err.crateCode}}`;
  const trace = withTrace ? `,"error_trace":${JSON.stringify(err.stack ?? err.crateMessage)}` : '';
  return `{"error":${error}${trace}}`;
}

/** `{"cols":[],"duration":…,"results":[{"rowcount":1},{"rowcount":-2,"error":{"code":…,"message":…}}]}` */
export function bulkBody(results: readonly BulkResult[], durationMs: number): string {
  const head = `{"cols":[],"duration":${durationText(durationMs)},"results":[`;
  // the common answer: every row written
  if (results.length > 0 && results.every((r) => r.error === undefined && r.rowCount === 1)) {
    return `${head}${'{"rowcount":1},'.repeat(results.length - 1)}{"rowcount":1}]}`;
  }
  let errors = 0;
  const items = results.map((r) => {
    if (r.error === undefined) return `{"rowcount":${r.rowCount}}`;
    // Item errors put `code` before `message`, the reverse of top-level errors.
    if (errors++ >= BULK_ERRORS_REPORTED) return `{"rowcount":${r.rowCount}}`;
    const e = r.error;
    return `{"rowcount":${r.rowCount},"error":{"code":${e.crateCode},"message":${JSON.stringify(e.crateMessage)}}}`;
  });
  return `${head}${items.join(',')}]}`;
}

/**
 * One response. A string body goes out with the status line and headers in a single socket
 * write (Node prepends the header text to the first string chunk); large bodies are chunks.
 */
function send(res: ServerResponse, status: number, body: string | readonly Buffer[], contentType: string | undefined): void {
  if (res.destroyed || res.headersSent) return;
  let length = 0;
  if (typeof body === 'string') {
    length = Buffer.byteLength(body);
  } else {
    for (const c of body) length += c.length;
  }
  const headers: Record<string, string | number> = { 'content-length': length };
  if (contentType !== undefined) headers['content-type'] = contentType;
  res.writeHead(status, headers);
  if (typeof body === 'string') {
    res.end(body);
    return;
  }
  for (const c of body) res.write(c);
  res.end();
}
